package crcproto

import (
	"bytes"
	"testing"

	"github.com/c3kit/c3kit/frame/crc"
	"github.com/c3kit/c3kit/frame/record"
)

var fuzzPresets = []string{"COSMOS-8", "COSMOS-16", "COSMOS-32", "COSMOS-64", "CRC-12/UMTS", "CRC-24/OPENPGP", "CRC-16/KERMIT", "CRC-64/ECMA-182"}

// FuzzAddVerify: for arbitrary records and any valid field, Verify accepts
// what Add wrote and gives the input back (strip after append; unchanged
// after in place), and flags any single flipped bit in the covered bytes or
// the field.
func FuzzAddVerify(f *testing.F) {
	f.Add([]byte("123456789"), uint8(3), int8(-4), uint8(4), uint8(0), uint16(3))
	f.Add([]byte{}, uint8(1), int8(0), uint8(2), uint8(3), uint16(0))
	f.Add(bytes.Repeat([]byte{0xff}, 100), uint8(6), int8(-20), uint8(8), uint8(5), uint16(700))
	f.Fuzz(func(t *testing.T, data []byte, presetIdx uint8, off int8, size uint8, flags uint8, flip uint16) {
		tab := table(t, fuzzPresets[int(presetIdx)%len(fuzzPresets)])
		fld := Field{BitOffset: int(off) * 8, BitSize: int(size%8+1) * 8, LittleEndian: flags&1 != 0}
		inPlace := flags&2 != 0
		if !inPlace {
			fld.BitOffset = -fld.BitSize // Add appends; Verify reads it at the end
		}
		fld.CosmosLE64 = flags&4 != 0 && fld.BitSize == 64 && fld.LittleEndian && !inPlace
		a := &Adder{Table: tab, Field: fld, InPlace: inPlace, Strategy: Drop}
		if a.Validate() != nil {
			return
		}
		in := stream(t, []rec{{record.Meta{"packet": "X"}, data}})
		var added bytes.Buffer
		st, err := a.Run(record.NewReader(bytes.NewReader(in)), record.NewWriter(&added))
		if err != nil {
			t.Fatal(err)
		}
		if st.Dropped == 1 { // in place and too short: nothing to verify
			if !inPlace || len(data) >= fld.Needs() {
				t.Fatalf("dropped %d bytes for %+v in place=%v", len(data), fld, inPlace)
			}
			return
		}
		out := readAll(t, added.Bytes())
		if len(out) != 1 {
			t.Fatalf("%d records out", len(out))
		}
		v := &Verifier{Table: tab, Field: fld, Strip: !inPlace, Strategy: Drop}
		var back bytes.Buffer
		if st, err := v.Run(record.NewReader(bytes.NewReader(added.Bytes())), record.NewWriter(&back)); err != nil || st.Failures != 0 {
			t.Fatalf("%+v in place=%v: verify %+v %v", fld, inPlace, st, err)
		}
		want := in
		if inPlace {
			want = added.Bytes()
		}
		if !bytes.Equal(back.Bytes(), want) {
			t.Fatalf("%+v in place=%v: round trip %x, want %x", fld, inPlace, back.Bytes(), want)
		}
		// A single flipped bit inside the covered bytes or the field is caught.
		b := out[0].data
		start, _ := fld.Locate(len(b))
		span := start + fld.Size()
		if span == 0 || len(b) == 0 {
			return
		}
		bit := int(flip) % (span * 8)
		b[bit/8] ^= 1 << uint(bit%8)
		st, err = v.Run(record.NewReader(bytes.NewReader(stream(t, []rec{{nil, b}}))), record.NewWriter(&bytes.Buffer{}))
		if err != nil || st.Failures != 1 {
			t.Fatalf("%+v: flipped bit %d not caught: %+v %v", fld, bit, st, err)
		}
	})
}

// FuzzVerifyStream: any input stream, any field: no panic, every record is
// either passed on or counted as dropped, and counters add up.
func FuzzVerifyStream(f *testing.F) {
	f.Add([]byte("\x00\x00\x00\x05hello\x00\x00\x00\x00"), int8(-4), uint8(3), uint8(0))
	f.Add([]byte("\x00\x00\x00\x02hi"), int8(2), uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, in []byte, off int8, size uint8, flags uint8) {
		fld := Field{BitOffset: int(off) * 8, BitSize: int(size%8+1) * 8, LittleEndian: flags&1 != 0}
		p := crc.Params{Width: fld.BitSize, Poly: 0x1d, RefIn: flags&4 != 0, RefOut: flags&4 != 0}
		v := &Verifier{Table: crc.New(p), Field: fld, Strip: flags&8 != 0, Strategy: Strategy(flags>>4) % 3}
		if v.Validate() != nil {
			return
		}
		var out bytes.Buffer
		st, err := v.Run(record.NewRawReader(bytes.NewReader(in)), record.NewWriter(&out))
		if err != nil && v.Strategy != Disconnect {
			t.Fatal(err)
		}
		n := int64(len(readAll(t, out.Bytes())))
		if err == nil && n+st.Dropped != st.Records || st.Failures > st.Records || st.Short > st.Failures {
			t.Fatalf("counters %+v, %d out", st, n)
		}
	})
}
