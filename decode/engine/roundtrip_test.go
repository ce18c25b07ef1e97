package engine

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
)

// TestRoundTripRaw is c3decode --raw --all | c3encode --raw for every case
// that builds: decoding to the JSON form and encoding that line again must
// give the same bytes, for every data type, arrays, structures, templates
// and variable-sized items, commands and telemetry.
func TestRoundTripRaw(t *testing.T) {
	set := testtargets.Load(t)
	for _, tc := range []struct {
		file string
		kind def.Kind
	}{{"testdata/cmd_cases.txt", def.Command}, {"testdata/tlm_cases.txt", def.Telemetry}} {
		enc := NewEncoder(EncodeOptions{Set: set})
		raw := NewEncoder(EncodeOptions{Set: set, Raw: true})
		dec := NewDecoder(Options{Set: set, Mode: Raw, All: true})
		n := 0
		for _, line := range caseLines(t, tc.file) {
			req, err := ParseCommandString(line)
			if err != nil {
				continue
			}
			p := set.Packet(req.Target, req.Packet, tc.kind)
			if p == nil {
				continue
			}
			want, err := enc.Encode(nil, p, req.Values)
			if err != nil {
				continue // an error case
			}
			want = bytes.Clone(want)
			js, err := dec.Decode(nil, p, &record.Record{Data: want})
			if err != nil {
				t.Errorf("%s: decode: %v", line, err)
				continue
			}
			back, err := ParseJSONRequest(js)
			if err != nil {
				t.Errorf("%s: %s: %v", line, js, err)
				continue
			}
			got, err := raw.Encode(nil, set.Packet(back.Target, back.Packet, tc.kind), back.Values)
			if err != nil {
				t.Errorf("%s: re-encode %s: %v", line, js, err)
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s:\n json %s\n want %s\n got  %s", line, js, hex.EncodeToString(want), hex.EncodeToString(got))
			}
			n++
		}
		if n < 10 {
			t.Errorf("%s: only %d cases round-tripped", tc.file, n)
		}
	}
}

// TestRoundTripConverted is c3decode | c3encode for commands whose values
// need no inverse conversion: the converted JSON (state names, floats,
// strings, hex blocks) rebuilds the same bytes.
func TestRoundTripConverted(t *testing.T) {
	set := testtargets.Load(t)
	enc := NewEncoder(EncodeOptions{Set: set})
	dec := NewDecoder(Options{Set: set, All: true})
	for _, line := range []string{
		"INST COLLECT with TYPE SPECIAL, DURATION 10.0, OPCODE 0x10, TEMP -10.0, SIZE 4294967295",
		"INST SETPARAMS with VALUE1 5, BIGINT 0xFFFFFFFFFFFFFFFF, NEGINT -9223372036854775808, SMALLINT -4",
		"INST ASCIICMD with STRING 'FIRE LASER', BINARY 0xFF00, ASCII \"a,b c\"",
		"INST FLTCMD with FLOAT32 3.4e38, FLOAT64 -1.7976931348623157e308, BOUNDED -1.5",
		"INST ARYCMD with ARRAY [1, 2, 4294967295], CRC 7",
		"INST ARYCMD2 with FLOATS [1.5, -2], INTS [-1, 2, -3, 4], NAMES ['ab', 'cdef'], BLOBS [0x0102, 0xFF]",
		"INST MEMLOAD with ADDRESS 0x4000, DATA 0x0102030405",
		"INST BLOCKCMD with DATA 0xDEADBEEF, TRAILER 1",
		"INST STRUCTCMD with S1.A 100, S1.B -1.0, S1.MODE ON",
		"INST TMPLFILE with CODE 9",
		"INST ENDIANCMD with BE32 1, LE32 1, LE16 -32768, LEF64 -0.0",
		"LE SETBITS with F_HI 15, F_MID 0, F_LO 15, U32 0, F32 -1.0, I64 9223372036854775807, BE16 0xFFFF",
		"GEN SETCH with GAIN0 10, GAIN3 20",
	} {
		req, err := ParseCommandString(line)
		if err != nil {
			t.Fatal(err)
		}
		p := set.Packet(req.Target, req.Packet, def.Command)
		want, err := enc.Encode(nil, p, req.Values)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		want = bytes.Clone(want)
		js, err := dec.Decode(nil, p, &record.Record{Data: want})
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		back, err := ParseRequest(js)
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		got, err := enc.Encode(nil, p, back.Values)
		if err != nil {
			t.Errorf("%s: re-encode: %v", js, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s:\n json %s\n want %x\n got  %x", line, js, want, got)
		}
	}
}
