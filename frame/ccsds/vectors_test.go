package ccsds

import (
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/frame/crc"
)

// vectors is the part of testdata/framing-vectors.json (the shared
// research vectors, cross-checked with YAMCS and COSMOS) that concerns the
// space link layers: the FECF CRC, both randomizers and BCH(63,56).
type vectors struct {
	CRC struct {
		CheckValues []struct {
			Name   string `json:"name"`
			Bits   int    `json:"bits"`
			Params struct {
				Poly, Seed   string
				Xor, Reflect bool
			} `json:"cosmos_params"`
			Input string `json:"input_ascii"`
			CRC   string `json:"crc"`
		} `json:"check_values"`
		Empty []struct {
			Bits  int    `json:"bits"`
			Input string `json:"input"`
			CRC   string `json:"crc"`
		} `json:"empty_input"`
		Write []struct {
			Bits       int    `json:"bits"`
			Endianness string `json:"endianness"`
			Input      string `json:"input_ascii"`
			Output     string `json:"output_hex"`
		} `json:"cosmos_crc_protocol_write_framing"`
	} `json:"crc"`
	Randomizer struct {
		TM struct {
			All      string `json:"all_255_octets"`
			First32  string `json:"first_32_octets"`
			First40b string `json:"first_40_bits"`
		} `json:"tm_131"`
		TC struct {
			All      string `json:"all_255_octets"`
			First32  string `json:"first_32_octets"`
			First40b string `json:"first_40_bits"`
		} `json:"tc_231"`
	} `json:"randomizer"`
	BCH struct {
		Blocks []struct {
			Info      string `json:"info_octets"`
			Parity    string `json:"parity_octet"`
			Codeblock string `json:"codeblock"`
		} `json:"blocks"`
	} `json:"bch_63_56"`
}

func loadVectors(t testing.TB) vectors {
	t.Helper()
	b, err := os.ReadFile("testdata/framing-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.BCH.Blocks) == 0 || v.Randomizer.TM.All == "" || len(v.CRC.CheckValues) == 0 {
		t.Fatal("framing-vectors.json lost the CCSDS sections")
	}
	return v
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func bitsOf(b []byte, n int) string {
	var s strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 && i%4 == 0 {
			s.WriteByte(' ')
		}
		s.WriteByte('0' + (b[i/8]>>(7-i%8))&1)
	}
	return s.String()
}

// TestRandomizerVectors: both sequences, all 255 octets, repeating with
// period 255 over the longest frame, and the standard's first 40 bits.
func TestRandomizerVectors(t *testing.T) {
	v := loadVectors(t)
	for _, tc := range []struct {
		name               string
		seq                []byte
		all, first32, bits string
	}{
		{"TM 131.0-B", tmSequence, v.Randomizer.TM.All, v.Randomizer.TM.First32, v.Randomizer.TM.First40b},
		{"TC 231.0-B", tcSequence, v.Randomizer.TC.All, v.Randomizer.TC.First32, v.Randomizer.TC.First40b},
	} {
		want := unhex(t, tc.all)
		if len(want) != 255 {
			t.Fatalf("%s: vector has %d octets", tc.name, len(want))
		}
		for i, o := range tc.seq {
			if o != want[i%255] {
				t.Fatalf("%s: octet %d = %02X, want %02X", tc.name, i, o, want[i%255])
			}
		}
		if got := hex.EncodeToString(tc.seq[:32]); !strings.EqualFold(got, tc.first32) {
			t.Errorf("%s: first 32 octets %s, want %s", tc.name, got, tc.first32)
		}
		if got := bitsOf(tc.seq, 40); got != tc.bits {
			t.Errorf("%s: first 40 bits %s, want %s", tc.name, got, tc.bits)
		}
		// Randomizing twice gives the data back.
		p := []byte("some frame octets")
		randomize(p, tc.seq)
		randomize(p, tc.seq)
		if string(p) != "some frame octets" {
			t.Errorf("%s: randomize is not its own inverse", tc.name)
		}
	}
}

// TestFECFVectors: the FECF is the COSMOS 16-bit default CRC; its check
// value, empty input and COSMOS's big-endian write framing.
func TestFECFVectors(t *testing.T) {
	v := loadVectors(t)
	n := 0
	for _, c := range v.CRC.CheckValues {
		if c.Bits != 16 || c.Params.Poly != "0x1021" || c.Params.Seed != "0xFFFF" || c.Params.Xor || c.Params.Reflect {
			continue
		}
		want, _ := strconv.ParseUint(strings.TrimPrefix(c.CRC, "0x"), 16, 16)
		if got := fecf([]byte(c.Input)); uint64(got) != want {
			t.Errorf("%s: fecf = %04X, want %04X", c.Name, got, want)
		}
		n++
	}
	for _, c := range v.CRC.Empty {
		if c.Bits == 16 {
			want, _ := strconv.ParseUint(strings.TrimPrefix(c.CRC, "0x"), 16, 16)
			if got := fecf(nil); uint64(got) != want {
				t.Errorf("empty: fecf = %04X, want %04X", got, want)
			}
			n++
		}
	}
	for _, c := range v.CRC.Write {
		if c.Bits != 16 || c.Endianness != "BIG_ENDIAN" {
			continue
		}
		f := append([]byte(c.Input), 0, 0)
		putFECF(f)
		if got := hex.EncodeToString(f); !strings.EqualFold(got, c.Output) {
			t.Errorf("framing %q: %s, want %s", c.Input, got, c.Output)
		}
		if !fecfOK(f) {
			t.Errorf("framing %q: fecfOK false on its own output", c.Input)
		}
		n++
	}
	if n < 3 {
		t.Fatalf("only %d FECF vectors found", n)
	}
}

// TestBCHVectors: every codeblock's parity; every single-bit error in it
// (63 positions) is corrected; every two-bit error is detected, never
// miscorrected.
func TestBCHVectors(t *testing.T) {
	v := loadVectors(t)
	for _, b := range v.BCH.Blocks {
		info, cb := unhex(t, b.Info), unhex(t, b.Codeblock)
		want, _ := strconv.ParseUint(strings.TrimPrefix(b.Parity, "0x"), 16, 8)
		if got := bchParity(info); uint64(got) != want || got != cb[7] {
			t.Errorf("%s: parity %02X, want %s", b.Info, got, b.Parity)
		}
		blk := append([]byte(nil), cb...)
		if bit, ok := bchDecode(blk); !ok || bit != -1 {
			t.Errorf("%s: clean block decoded as (%d, %v)", b.Info, bit, ok)
		}
		for i := 0; i < 63; i++ {
			blk := append([]byte(nil), cb...)
			blk[i/8] ^= 0x80 >> (i % 8)
			bit, ok := bchDecode(blk)
			if !ok || bit != i || string(blk[:7]) != string(cb[:7]) {
				t.Fatalf("%s: error at bit %d: decoded (%d, %v) info %X", b.Info, i, bit, ok, blk[:7])
			}
			for j := i + 1; j < 63; j++ {
				blk := append([]byte(nil), cb...)
				blk[i/8] ^= 0x80 >> (i % 8)
				blk[j/8] ^= 0x80 >> (j % 8)
				if _, ok := bchDecode(blk); ok {
					t.Fatalf("%s: two errors (bits %d, %d) not detected", b.Info, i, j)
				}
			}
		}
		// The filler bit is outside the code.
		blk = append([]byte(nil), cb...)
		blk[7] ^= 1
		if bit, ok := bchDecode(blk); !ok || bit != -1 {
			t.Errorf("%s: flipped filler bit gave (%d, %v)", b.Info, bit, ok)
		}
	}
}

// TestFECFMatchesSharedEngine: the slicing-by-16 FECF equals the shared
// CRC engine's CRC-16/IBM-3740 on every length around the 16-octet steps.
func TestFECFMatchesSharedEngine(t *testing.T) {
	ref := crc.New(crc.MustPreset("CRC-16/IBM-3740").Params)
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 300; n++ {
		p := make([]byte, n)
		for i := range p {
			p[i] = byte(rng.Uint32())
		}
		if got, want := fecf(p), uint16(ref.Checksum(p)); got != want {
			t.Fatalf("%d octets: %04X, want %04X", n, got, want)
		}
	}
}
