package engine

import (
	"fmt"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
)

// keyedBench builds 64 different bodies of a 10-key packet of
// testdata/bench/KEYED (each record is parsed: bodies never repeat back to
// back).
func keyedBench(b *testing.B, name string) (*Decoder, *def.Packet, *def.Set, [][]byte) {
	set, err := def.Load([]string{"testdata/bench/KEYED"}, def.Options{})
	if err != nil {
		b.Fatal(err)
	}
	p := set.Packet("KEYED", name, def.Telemetry)
	var bodies [][]byte
	for i := 0; i < 64; i++ {
		req, err := ParseJSONRequest(fmt.Appendf(nil, `{"target":"KEYED","packet":"%s","items":{"SEQ":%d,"TEMP1":21.5,"TEMP2":-3.25,"VOLT":28.1,"CURRENT":1.25,"MODE":"FAST","NAME":"bench","ON":true,"COUNT":-42}}`, name, 123456+i))
		if err != nil {
			b.Fatal(err)
		}
		body, err := NewEncoder(EncodeOptions{Set: set}).Encode(nil, p, req.Values)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, append([]byte(nil), body...))
	}
	return NewDecoder(Options{Set: set}), p, set, bodies
}

func benchKeyed(b *testing.B, name string) {
	dec, p, set, bodies := keyedBench(b, name)
	rec := &record.Record{Meta: record.Meta{}}
	var line []byte
	b.SetBytes(int64(len(bodies[0])))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		body := bodies[i&63]
		rec.Data = body
		q, ok := set.Identify(body, def.Telemetry)
		if !ok || q != p {
			b.Fatal("not identified")
		}
		var err error
		if line, err = dec.Decode(line[:0], p, rec); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
}

// BenchmarkDecodeJSON10 and BenchmarkDecodeCBOR10: identify and decode a
// 10-key telemetry packet to its JSON line, in process.
func BenchmarkDecodeJSON10(b *testing.B) { benchKeyed(b, "JSON10") }
func BenchmarkDecodeCBOR10(b *testing.B) { benchKeyed(b, "CBOR10") }
