package ccsds

import (
	"encoding/binary"
)

// The Frame Error Control Field of TM, TC and AOS frames is CRC-16
// g(x) = x^16+x^12+x^5+1, preset all ones, no reflection, no final XOR
// (CRC-16/IBM-3740, the COSMOS 16-bit default; frame/crc has it as a
// preset). It is on the read path of every frame, so it runs here
// slicing-by-16 over 16-bit tables (8 KiB, cache resident): about three
// times the shared engine's generic 64-bit-register loop. The tests check
// it against frame/crc on random data.

const fecfLen = 2

// fecfTables[k][b] is the CRC register contribution of octet b followed
// by k zero octets.
var fecfTables = func() (t [16][256]uint16) {
	for b := 0; b < 256; b++ {
		r := uint16(b) << 8
		for i := 0; i < 8; i++ {
			if r&0x8000 != 0 {
				r = r<<1 ^ 0x1021
			} else {
				r <<= 1
			}
		}
		t[0][b] = r
	}
	for k := 1; k < 16; k++ {
		for b := 0; b < 256; b++ {
			p := t[k-1][b]
			t[k][b] = p<<8 ^ t[0][p>>8]
		}
	}
	return t
}()

// fecf is the CRC of p.
func fecf(p []byte) uint16 {
	crc := uint16(0xFFFF)
	t := &fecfTables
	for len(p) >= 16 {
		a := binary.BigEndian.Uint64(p) ^ uint64(crc)<<48
		c := binary.BigEndian.Uint64(p[8:])
		crc = t[15][a>>56] ^ t[14][a>>48&0xFF] ^ t[13][a>>40&0xFF] ^ t[12][a>>32&0xFF] ^
			t[11][a>>24&0xFF] ^ t[10][a>>16&0xFF] ^ t[9][a>>8&0xFF] ^ t[8][a&0xFF] ^
			t[7][c>>56] ^ t[6][c>>48&0xFF] ^ t[5][c>>40&0xFF] ^ t[4][c>>32&0xFF] ^
			t[3][c>>24&0xFF] ^ t[2][c>>16&0xFF] ^ t[1][c>>8&0xFF] ^ t[0][c&0xFF]
		p = p[16:]
	}
	for _, o := range p {
		crc = crc<<8 ^ t[0][byte(crc>>8)^o]
	}
	return crc
}

// fecfOK reports whether the last two octets of frame are the FECF of the
// octets before them.
func fecfOK(frame []byte) bool {
	n := len(frame) - fecfLen
	return n >= 0 && fecf(frame[:n]) == binary.BigEndian.Uint16(frame[n:])
}

// putFECF writes the FECF of frame[:len-2] into its last two octets.
func putFECF(frame []byte) {
	n := len(frame) - fecfLen
	binary.BigEndian.PutUint16(frame[n:], fecf(frame[:n]))
}
