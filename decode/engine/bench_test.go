package engine

import (
	"fmt"
	"testing"
	"time"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
)

// benchPackets builds n BENCH STATUS packets with varying values.
func benchPackets(tb testing.TB, n int) (*def.Set, *def.Packet, [][]byte) {
	set, err := def.Load([]string{"testdata/bench/BENCH"}, def.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	p := set.Packet("BENCH", "STATUS", def.Telemetry)
	enc := NewEncoder(EncodeOptions{Set: set})
	pkts := make([][]byte, n)
	for i := range pkts {
		r, err := ParseCommandString(fmt.Sprintf("BENCH STATUS with CCSDSSEQCNT %d, TIMESEC %d, TIMEUS %d, TEMP1 %d, TEMP2 %d, TEMP3 %d, TEMP4 %d, VOLT %g, CURRENT %g, MODE %d, FLAG_A %d, FLAG_B %d, FIELD %d, COUNTER %d, POWER %g",
			i%16384, 1795250501+i, i*37%1000000, 30000+i, 31000+i, 32000+i, 33000+i, 28+float64(i%100)/10, float64(i%50)/100, i%3, i%2, (i/2)%2, i%64, i-n/2, float64(i)*1.25))
		if err != nil {
			tb.Fatal(err)
		}
		if pkts[i], err = enc.Encode(nil, p, r.Values); err != nil {
			tb.Fatal(err)
		}
	}
	return set, p, pkts
}

// BenchmarkDecodeJSON decodes a stream of 20-item telemetry packets to JSON
// lines in-process, identification included.
func BenchmarkDecodeJSON(b *testing.B) {
	set, _, pkts := benchPackets(b, 1024)
	dec := NewDecoder(Options{Set: set})
	meta := record.Meta{}
	meta.SetTime(time.Date(2026, 11, 21, 8, 41, 41, 0, time.UTC))
	rec := &record.Record{Meta: meta}
	var line []byte
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec.Data = pkts[i%len(pkts)]
		p, ok := set.Identify(rec.Data, def.Telemetry)
		if !ok {
			b.Fatal("not identified")
		}
		var err error
		if line, err = dec.Decode(line[:0], p, rec); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
}

// BenchmarkDecodeRaw is BenchmarkDecodeJSON with --raw.
func BenchmarkDecodeRaw(b *testing.B) {
	set, p, pkts := benchPackets(b, 1024)
	dec := NewDecoder(Options{Set: set, Mode: Raw})
	rec := &record.Record{}
	var line []byte
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec.Data = pkts[i%len(pkts)]
		line, _ = dec.Decode(line[:0], p, rec)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
}

// BenchmarkEncodeCommandString parses a COSMOS command string and builds
// the packet.
func BenchmarkEncode(b *testing.B) {
	set, p, _ := benchPackets(b, 1)
	enc := NewEncoder(EncodeOptions{Set: set})
	line := []byte("BENCH STATUS with CCSDSSEQCNT 5, TEMP1 30000, VOLT 28.5, MODE SCIENCE, FLAG_A ON, COUNTER -5, POWER 12.5")
	benchEncode(b, enc, p, line)
}

// BenchmarkEncodeJSON parses a c3decode --raw JSON line (reserved and
// derived items included) and builds the packet: c3decode | c3encode.
func BenchmarkEncodeJSON(b *testing.B) {
	set, p, pkts := benchPackets(b, 1)
	line, err := NewDecoder(Options{Set: set, Mode: Raw}).Decode(nil, p, &record.Record{Data: pkts[0]})
	if err != nil {
		b.Fatal(err)
	}
	enc := NewEncoder(EncodeOptions{Set: set, Raw: true})
	benchEncode(b, enc, p, line)
}

// benchEncode parses line and builds p from it b.N times: the request
// parser and the encoder, as c3encode runs them per input line.
func benchEncode(b *testing.B, enc *Encoder, p *def.Packet, line []byte) {
	var buf []byte
	var r Request // reused, as c3encode does
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := r.Parse(line)
		if err != nil {
			b.Fatal(err)
		}
		if buf, err = enc.Encode(buf, p, r.Values); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
}
