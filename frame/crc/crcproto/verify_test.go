package crcproto

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/frame/crc"
	"github.com/c3kit/c3kit/frame/record"
)

// put appends v to b in n bytes, independently of Field.Put.
func put(b []byte, v uint64, n int, little bool) []byte {
	var w [8]byte
	if little {
		binary.LittleEndian.PutUint64(w[:], v)
		return append(b, w[:n]...)
	}
	binary.BigEndian.PutUint64(w[:], v)
	return append(b, w[8-n:]...)
}

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// verifyInput builds six records for a CRC of n bytes at the given byte
// offset (negative from the end; trailer bytes follow the field when the
// offset is below -n): good with meta, corrupt payload, good, too short,
// empty, good.
func verifyInput(t testing.TB, tab *crc.Table, n, off int, little bool) []byte {
	mk := func(payload []byte, corrupt bool) []byte {
		trailer := []byte{}
		if off < 0 {
			trailer = []byte("TRAILER")[:-off-n]
		} else if off != len(payload) {
			t.Fatalf("positive offset %d needs a %d-byte payload", off, off)
		}
		sum := tab.Checksum(payload)
		if corrupt {
			sum ^= 1
		}
		return cat(payload, put(nil, sum, n, little), trailer)
	}
	p := func(s string) []byte {
		if off >= 0 {
			return []byte(strings.Repeat(s, off)[:off])
		}
		return []byte(s)
	}
	meta := record.Meta{"target": "INST", "extra": map[string]any{"VCID": uint64(2)}}
	return stream(t, []rec{
		{meta, mk(p("first"), false)},
		{meta, mk(p("second"), true)},
		{nil, mk(p("third"), false)},
		{nil, []byte{0xAB}},
		{nil, nil},
		{nil, mk(p("sixth record"), false)},
	})
}

// TestVerifyGolden covers every parameter and strategy of the read side.
func TestVerifyGolden(t *testing.T) {
	cases := []struct {
		name   string
		preset string
		field  Field
		n, off int // CRC bytes and byte offset used to build the input
		little bool
		strip  bool
		strat  Strategy
	}{
		{"default32", "COSMOS-32", Field{BitOffset: -32, BitSize: 32}, 4, -4, false, false, Error},
		{"default32_strip", "COSMOS-32", Field{BitOffset: -32, BitSize: 32}, 4, -4, false, true, Error},
		{"default32_drop", "COSMOS-32", Field{BitOffset: -32, BitSize: 32}, 4, -4, false, true, Drop},
		{"default32_disconnect", "COSMOS-32", Field{BitOffset: -32, BitSize: 32}, 4, -4, false, true, Disconnect},
		{"crc16_be", "COSMOS-16", Field{BitOffset: -16, BitSize: 16}, 2, -2, false, true, Error},
		{"crc16_le", "COSMOS-16", Field{BitOffset: -16, BitSize: 16, LittleEndian: true}, 2, -2, true, true, Error},
		{"crc16_trailer", "COSMOS-16", Field{BitOffset: -32, BitSize: 16}, 2, -4, false, true, Error},
		{"crc16_positive", "CRC-16/XMODEM", Field{BitOffset: 48, BitSize: 16}, 2, 6, false, true, Drop},
		{"crc8", "COSMOS-8", Field{BitOffset: -16, BitSize: 8}, 1, -2, false, true, Error},
		{"crc24", "CRC-24/OPENPGP", Field{BitOffset: -24, BitSize: 24}, 3, -3, false, true, Error},
		{"crc12_in16", "CRC-12/UMTS", Field{BitOffset: -16, BitSize: 16, LittleEndian: true}, 2, -2, true, false, Error},
		{"crc64_be", "COSMOS-64", Field{BitOffset: -64, BitSize: 64}, 8, -8, false, true, Error},
		{"crc64_le", "COSMOS-64", Field{BitOffset: -64, BitSize: 64, LittleEndian: true}, 8, -8, true, true, Error},
		{"cosmos_custom", "width=32 poly=0x04C11DB7 init=0xFFFFFFFF refin=false refout=false xorout=0xFFFFFFFF", Field{BitOffset: -32, BitSize: 32}, 4, -4, false, true, Error},
		{"crc32_in_64", "CRC-32C", Field{BitOffset: -64, BitSize: 64, LittleEndian: true}, 8, -8, true, true, Error},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab := table(t, c.preset)
			var report []string
			v := &Verifier{Table: tab, Field: c.field, Strip: c.strip, Strategy: c.strat,
				Report: func(b *Bad) { report = append(report, b.Error()) }}
			got := transcript(t, v, &report, verifyInput(t, tab, c.n, c.off, c.little))
			golden(t, "verify/"+c.name, got)
			// Every case's input has exactly one corrupt and one short record.
			wantFail := "Failures:2 Short:1 Empty:1"
			if c.strat == Disconnect {
				wantFail = "Failures:1 Short:0 Empty:0"
			}
			if !strings.Contains(got, wantFail) {
				t.Errorf("counters: want %s in\n%s", wantFail, got)
			}
		})
	}
}

func TestFieldValidate(t *testing.T) {
	for _, c := range []struct {
		f     Field
		width int
		err   string
	}{
		{Field{BitOffset: -12, BitSize: 16}, 16, "multiple of 8"},
		{Field{BitOffset: -16, BitSize: 12}, 12, "bit size 12"},
		{Field{BitOffset: -16, BitSize: 72}, 16, "bit size 72"},
		{Field{BitOffset: -16, BitSize: 16}, 32, "does not fit"},
		{Field{BitOffset: -8, BitSize: 16}, 16, "past the end"},
		{Field{BitOffset: -64, BitSize: 64, CosmosLE64: true}, 64, "LITTLE_ENDIAN"},
		{Field{BitOffset: -32, BitSize: 32, LittleEndian: true, CosmosLE64: true}, 32, "64-bit"},
	} {
		err := c.f.Validate(c.width)
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%+v: %v, want %q", c.f, err, c.err)
		}
	}
	if err := (Field{BitOffset: 0, BitSize: 64}).Validate(64); err != nil {
		t.Error(err)
	}
	if _, err := ParseStrategy("explode"); err == nil {
		t.Error("strategy explode accepted")
	}
	for s, want := range map[string]Strategy{"error": Error, "DISCONNECT": Disconnect, " Drop": Drop} {
		if got, err := ParseStrategy(s); err != nil || got != want || !strings.EqualFold(got.String(), strings.TrimSpace(s)) {
			t.Errorf("%q: %v %v", s, got, err)
		}
	}
	v := &Verifier{Table: table(t, "COSMOS-16"), Field: Field{BitOffset: -12, BitSize: 16}}
	if _, err := v.Run(nil, nil); err == nil {
		t.Error("Run with a bad field")
	}
}

// TestFieldGetPut: Get reads what Put wrote and what put lays out, for
// every size and byte order (the usual sizes take a one-load path).
func TestFieldGetPut(t *testing.T) {
	const v = 0x8877665544332211
	for n := 1; n <= 8; n++ {
		for _, little := range []bool{false, true} {
			f := Field{BitSize: 8 * n, LittleEndian: little}
			want := uint64(v)
			if n < 8 {
				want &= 1<<(8*n) - 1
			}
			b := make([]byte, n)
			f.Put(b, v)
			if got := f.Get(b); got != want || !bytes.Equal(b, put(nil, v, n, little)) {
				t.Errorf("%d bytes little=%v: % x, Get %#x, want %#x", n, little, b, got, want)
			}
		}
	}
}
