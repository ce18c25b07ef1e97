package engine

import (
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
)

// allPackets lists every packet of the test targets, both kinds.
func allPackets(set *def.Set) []*def.Packet {
	var out []*def.Packet
	for _, t := range set.Targets {
		out = append(out, t.Telemetry...)
		out = append(out, t.Commands...)
	}
	return out
}

// FuzzDecode decodes arbitrary bytes as every packet of the test targets in
// every mode: never a panic, whatever the lengths, variable sizes and
// conversions make of them.
func FuzzDecode(f *testing.F) {
	set := testtargets.Load(f)
	pkts := allPackets(set)
	decs := []*Decoder{
		NewDecoder(Options{Set: set, All: true, Limits: true}),
		NewDecoder(Options{Set: set, Mode: Raw}),
		NewDecoder(Options{Set: set, Mode: Formatted}),
	}
	f.Add(byte(0), []byte{})
	f.Add(byte(3), []byte{0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xff, 0xff, 0xff, 0xff})
	f.Add(byte(7), []byte("\x13\xe7\xc0\x00\x00\x00\x00\x0a\xff\xff\xde\xad"))
	var line []byte
	f.Fuzz(func(t *testing.T, which byte, data []byte) {
		p := pkts[int(which)%len(pkts)]
		rec := &record.Record{Data: data}
		for _, d := range decs {
			line, _ = d.Decode(line[:0], p, rec)
			if len(line) == 0 || line[len(line)-1] != '\n' {
				t.Fatalf("%s %s: incomplete line %q", p.Target, p.Name, line)
			}
		}
		if q, ok := set.Identify(data, def.Telemetry); ok {
			line, _ = decs[0].Decode(line[:0], q, rec)
		}
	})
}

// FuzzCommandString parses arbitrary text as a command string or JSON
// line, builds the packet when it names one, and decodes what was built:
// no panic, and a built packet always decodes.
func FuzzCommandString(f *testing.F) {
	set := testtargets.Load(f)
	enc := NewEncoder(EncodeOptions{Set: set})
	dec := NewDecoder(Options{Set: set, All: true})
	for _, s := range []string{
		"INST COLLECT with TYPE NORMAL, DURATION 5.0",
		"INST ARYCMD with ARRAY [1, 2, 3], CRC 0x10",
		"INST ASCIICMD with STRING 'ARM LASER', ASCII \"a, b\"",
		"INST BLOCKCMD with DATA 0xDEADBEEF",
		"INST STRUCTCMD with S1.A 7, S2.MODE ON",
		`{"target":"INST","packet":"COLLECT","items":{"TYPE":"SPECIAL","DURATION":1.5}}`,
		`{"target":"INST","packet":"MEMLOAD","items":{"DATA":"00ff"}}`,
		"LE SETBITS with F_LO 3",
		"INST COLLECT with",
		"INST SETPARAMS with BIGINT [[[",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		req, err := ParseRequest([]byte(s))
		if err != nil {
			return
		}
		p := set.Packet(req.Target, req.Packet, def.Command)
		if p == nil {
			return
		}
		data, err := enc.Encode(nil, p, req.Values)
		if err != nil {
			return
		}
		if len(data) > 1<<20 {
			t.Fatalf("%q built %d bytes", s, len(data))
		}
		if _, err := dec.Decode(nil, p, &record.Record{Data: data}); err != nil {
			t.Fatalf("%q built %x which does not decode: %v", s, data, err)
		}
	})
}
