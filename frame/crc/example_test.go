package crc_test

import (
	"fmt"

	"github.com/c3kit/c3kit/frame/crc"
)

// A preset by name: the CCSDS frame error control field is COSMOS's 16-bit
// default, CRC-16/IBM-3740.
func ExampleMustPreset() {
	fecf := crc.New(crc.MustPreset("COSMOS-16").Params)
	fmt.Printf("%#04x\n", fecf.Checksum([]byte("123456789")))
	// Output: 0x29b1
}

// Any CRC from its Rocksoft parameters, fed in pieces.
func ExampleTable_Update() {
	t := crc.New(crc.Params{Width: 12, Poly: 0x80f, RefOut: true}) // CRC-12/UMTS
	reg := t.Init()
	reg = t.Update(reg, []byte("1234"))
	reg = t.Update(reg, []byte("56789"))
	fmt.Printf("%#x\n", t.Final(reg))
	// Output: 0xdaf
}

// COSMOS's poly/seed/xor/reflect, mapped onto the model.
func ExampleCosmos() {
	p, err := crc.Cosmos(32, crc.CosmosOptions{Set: true, Poly: 0x04C11DB7, Seed: 0xFFFFFFFF, Xor: true, Reflect: false})
	if err != nil {
		panic(err)
	}
	fmt.Println(p)
	fmt.Printf("%#x\n", crc.New(p).Checksum([]byte("123456789")))
	// Output:
	// width=32 poly=0x04c11db7 init=0xffffffff refin=false refout=false xorout=0xffffffff
	// 0xfc891918
}
