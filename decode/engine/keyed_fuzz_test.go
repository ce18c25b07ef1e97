package engine

import (
	"encoding/json"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
)

// FuzzDecodeKeyed: any body, identified or decoded as each JSON and CBOR
// packet of the test targets, gives a complete, valid JSON line (values
// that do not decode are null) and never panics.
func FuzzDecodeKeyed(f *testing.F) {
	set := testtargets.Load(f, keyedTargets...)
	var pkts []*def.Packet
	for _, t := range set.Targets {
		for _, p := range t.Telemetry {
			if p.KeyedAccessor() && !p.Virtual {
				pkts = append(pkts, p)
			}
		}
	}
	for _, c := range []string{`{"id_item":1,"item1":"7","more":{"item5":"[1,2]"},"config":"{}","big":1e999}`, `{"id_item":2,"item7":[],"pos":{"x":"NaN"}}`,
		"\xa2\x67id_item\x03\x65item1\xf9\x7c\x00", `[`, ``} {
		f.Add([]byte(c))
	}
	dec := NewDecoder(Options{Set: set, All: true, Limits: true})
	raw := NewDecoder(Options{Set: set, Mode: Raw})
	fmtd := NewDecoder(Options{Set: set, Mode: Formatted})
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := &record.Record{Data: body}
		check := func(d *Decoder, p *def.Packet) {
			line, _ := d.Decode(nil, p, rec)
			if !json.Valid(line) {
				t.Fatalf("%s %s: invalid line %q for %q", p.Target, p.Name, line, body)
			}
		}
		if p, ok := set.Identify(body, def.Telemetry); ok {
			check(dec, p)
		}
		for _, p := range pkts {
			check(dec, p)
			check(raw, p)
			check(fmtd, p)
		}
	})
}
