package stream

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/frame/record"
)

// benchStream encodes n BENCH STATUS packets as c3encode --tlm does (with
// target/packet meta) and, withMeta false, as a deframer would (no meta).
func benchStream(b *testing.B, n int, withMeta bool) (*def.Set, []byte) {
	set, err := def.Load([]string{"../engine/testdata/bench/BENCH"}, def.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var lines strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&lines, "BENCH STATUS with CCSDSSEQCNT %d, TIMESEC %d, TEMP1 %d, VOLT %g, MODE %d, COUNTER %d, POWER %g\n", i%16384, 1795250501+i, 30000+i%1000, 28+float64(i%100)/10, i%3, i-n/2, float64(i)*1.25)
	}
	var out bytes.Buffer
	w := record.NewWriter(&out)
	enc := engine.NewEncoder(engine.EncodeOptions{Set: set})
	p := set.Packet("BENCH", "STATUS", def.Telemetry)
	for _, line := range strings.Split(strings.TrimSpace(lines.String()), "\n") {
		r, err := engine.ParseCommandString(line)
		if err != nil {
			b.Fatal(err)
		}
		data, err := enc.Encode(nil, p, r.Values)
		if err != nil {
			b.Fatal(err)
		}
		var meta record.Meta
		if withMeta {
			meta = record.Meta{record.KeyTarget: "BENCH", record.KeyPacket: "STATUS"}
		}
		if err := w.Write(meta, data); err != nil {
			b.Fatal(err)
		}
	}
	w.Flush()
	return set, out.Bytes()
}

func benchDecodeStream(b *testing.B, withMeta bool) {
	set, in := benchStream(b, 10000, withMeta)
	b.SetBytes(int64(len(in)) / 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += 10000 {
		w := bufio.NewWriterSize(io.Discard, 64<<10)
		if _, err := Decode(record.NewReader(bytes.NewReader(in)), w, DecodeConfig{Set: set, Engine: engine.Options{Set: set}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
}

// BenchmarkDecodeStream is c3decode's loop over records as c3encode writes
// them (target/packet meta on every record) and as deframers write them.
func BenchmarkDecodeStreamMeta(b *testing.B)   { benchDecodeStream(b, true) }
func BenchmarkDecodeStreamNoMeta(b *testing.B) { benchDecodeStream(b, false) }
