package ccsds

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCLTUWriteVectors: a CLTU of each BCH vector's information octets is
// start sequence, the vector's codeblock, tail sequence.
func TestCLTUWriteVectors(t *testing.T) {
	v := loadVectors(t)
	c, _ := NewCLTU(DefaultCLTUParams(), nil)
	for _, b := range v.BCH.Blocks {
		out, _ := encodeAll(t, c, unhex(t, b.Info))
		want := "eb90" + strings.ToLower(b.Codeblock) + "c5c5c5c5c5c5c579"
		if got := hex.EncodeToString(out[0]); got != want {
			t.Errorf("%s: %s, want %s", b.Info, got, want)
		}
	}
	// 10E4C1 + fill 55555555 is the vector 10E4C1555555553E: fill is the
	// codeblock's own octets, covered by the parity.
	out, _ := encodeAll(t, c, unhex(t, "10E4C1"))
	if got := hex.EncodeToString(out[0]); got != "eb9010e4c1555555553ec5c5c5c5c5c5c579" {
		t.Errorf("fill: %s", got)
	}
}

func TestCLTUWriteParams(t *testing.T) {
	data := unhex(t, "0102030405060708")
	for _, c := range []struct {
		name string
		p    CLTUParams
		want string
	}{
		{"defaults", DefaultCLTUParams(), "eb90" + "0102030405060770" + "08555555555555" + parityHex(t, "08555555555555") + "c5c5c5c5c5c5c579"},
		{"header", CLTUParams{Header: []byte{0xAB, 0xCD, 0xEF}, Footer: DefaultCLTUParams().Footer, Fill: 0x55}, "abcdef" + "0102030405060770" + "08555555555555" + parityHex(t, "08555555555555") + "c5c5c5c5c5c5c579"},
		{"footer", CLTUParams{Header: []byte{0xEB, 0x90}, Footer: []byte{0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x79}, Fill: 0x55}, "eb90" + "0102030405060770" + "08555555555555" + parityHex(t, "08555555555555") + "5555555555555579"},
		{"no footer", CLTUParams{Header: []byte{0xEB, 0x90}, Fill: 0x55}, "eb90" + "0102030405060770" + "08555555555555" + parityHex(t, "08555555555555")},
		{"fill", CLTUParams{Header: []byte{0xEB, 0x90}, Footer: DefaultCLTUParams().Footer, Fill: 0x00}, "eb90" + "0102030405060770" + "08000000000000" + parityHex(t, "08000000000000") + "c5c5c5c5c5c5c579"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl, err := NewCLTU(c.p, nil)
			if err != nil {
				t.Fatal(err)
			}
			out, reports := encodeAll(t, cl, data, nil)
			if got := hex.EncodeToString(out[0]); got != c.want {
				t.Errorf("%s, want %s", got, c.want)
			}
			if want := []string{"record 2: an empty record has no codeblocks to send; skipped"}; !cmp.Equal(reports, want) {
				t.Errorf("reports %q", reports)
			}
			// And it reads back (fill kept: the frame layer knows its length).
			r, _ := NewCLTU(c.p, nil)
			o := decodeAll(t, r, out[0], out[0])
			if len(c.p.Footer) > 0 {
				fill := strings.Repeat(hex.EncodeToString([]byte{c.p.Fill}), 6)
				if want := []string{"0102030405060708" + fill, "0102030405060708" + fill}; !cmp.Equal(o.pkts, want) || len(o.reports) > 0 {
					t.Errorf("read back %q, reports %q", o.pkts, o.reports)
				}
			}
		})
	}
	if _, err := NewCLTU(CLTUParams{}, nil); err == nil {
		t.Error("empty start sequence accepted")
	}
}

func parityHex(t *testing.T, info string) string {
	return hex.EncodeToString([]byte{bchParity(unhex(t, info))})
}

func TestCLTURead(t *testing.T) {
	w, _ := NewCLTU(DefaultCLTUParams(), nil)
	data := []byte("A TC frame of 3 codeblocks")[:21]
	out, _ := encodeAll(t, w, data)
	cltu := out[0] // eb90 + 3 blocks + tail = 34 octets
	flip := func(b []byte, bits ...int) []byte {
		b = append([]byte(nil), b...)
		for _, i := range bits {
			b[i/8] ^= 0x80 >> (i % 8)
		}
		return b
	}
	dh := hex.EncodeToString(data)
	for _, c := range []struct {
		name    string
		in      [][]byte
		want    []string
		reports []string
	}{
		{"clean", [][]byte{cltu}, []string{dh}, nil},
		{"garbage before and one byte at a time", [][]byte{[]byte("xx\xeb"), cltu[:1], cltu[1:5], cltu[5:]}, []string{dh},
			[]string{"discarded 3 bytes of garbage at stream offset 0 before the sync pattern at 3"}},
		{"single-bit errors corrected", [][]byte{flip(cltu, 16+3, 16+64+62, 16+128+40)}, []string{dh},
			[]string{"CLTU at stream offset 0: corrected 3 single-bit error(s): codeblock 1 bit 3, codeblock 2 bit 62, codeblock 3 bit 40"}},
		{"filler bit ignored", [][]byte{flip(cltu, 16+63)}, []string{dh}, nil},
		{"parity bit error corrected", [][]byte{flip(cltu, 16+56)}, []string{dh},
			[]string{"CLTU at stream offset 0: corrected 1 single-bit error(s): codeblock 1 bit 56"}},
		{"uncorrectable block ends the CLTU", [][]byte{flip(cltu, 16+128+1, 16+128+2)}, []string{dh[:28]},
			[]string{"CLTU at stream offset 0: codeblock 3 is uncorrectable (two or more bit errors): the CLTU ends there, 14 octets of 2 codeblocks passed on"}},
		{"uncorrectable first block", [][]byte{flip(cltu, 16+1, 16+2), cltu}, []string{dh},
			[]string{"CLTU at stream offset 0: codeblock 1 is uncorrectable (two or more bit errors): the CLTU ends there, 0 octets of 0 codeblocks passed on",
				"CLTU without a valid codeblock: dropped at stream offset 0; resyncing"}},
		{"tail with a bit error still ends it", [][]byte{flip(cltu, 16+192+5)}, []string{dh}, nil},
		{"no tail: truncated", [][]byte{cltu[:20]}, nil,
			[]string{"truncated packet: 20 bytes lost at end of input at stream offset 0"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, _ := NewCLTU(DefaultCLTUParams(), nil)
			o := decodeAll(t, r, c.in...)
			if o.err != nil {
				t.Fatal(o.err)
			}
			if diff := cmp.Diff(c.want, o.pkts); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(c.reports, o.reports); diff != "" {
				t.Errorf("reports (-want +got):\n%s", diff)
			}
		})
	}
	// A start sequence followed by endless codeblocks is cut at the cap.
	r, _ := NewCLTU(DefaultCLTUParams(), nil)
	long := append([]byte{0xEB, 0x90}, bytes.Repeat(cltu[2:10], maxCLTUBlocks+5)...)
	o := decodeAll(t, r, long)
	if len(o.pkts) != 0 || len(o.reports) == 0 || !strings.Contains(o.reports[0], "no tail sequence after 1024 codeblocks") {
		t.Errorf("cap: %d CLTUs, reports %q", len(o.pkts), o.reports)
	}
}
