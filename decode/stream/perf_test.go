package stream

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/frame/record"
)

// perfDefs is the benchmark target: HEALTH_STATUS (40 items, modelled on
// COSMOS's INST2 HEALTH_STATUS) and STATUS20.
const perfDefs = "../../testdata/bench-targets/PERF"

// perfStream is n records of packet (HEALTH_STATUS or STATUS20) without
// meta, as a deframer hands them on, with values changing from packet to
// packet.
func perfStream(tb testing.TB, packet string, n int) (*def.Set, []byte) {
	tb.Helper()
	set, err := def.Load([]string{perfDefs}, def.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	p := set.Packet("PERF", packet, def.Telemetry)
	enc := engine.NewEncoder(engine.EncodeOptions{Set: set})
	var out bytes.Buffer
	w := record.NewWriter(&out)
	for i := 0; i < n; i++ {
		var line string
		if packet == "HEALTH_STATUS" {
			line = fmt.Sprintf("PERF HEALTH_STATUS with CCSDSSEQCNT %d, TIMESEC %d, COLLECTS %d, TEMP1 %.2f, TEMP2 %.2f, TEMP3 30.5, TEMP4 %d, "+
				"ARY [%d, 1, 2, 3, 4, 5, 6, 7, 8, 9], DURATION %.3f, COLLECT_TYPE %d, ARY2 [%.2f, 1.5, 2.25, 3, 4, 5, 6, 7, 8, %d], "+
				`ASCIICMD "NOOP", GROUND1STATUS %d, BLOCKTEST 0xDEADBEEF001122334455, CMD_ACPT_CNT %d`,
				i%16384, 1795250501+i, i%1000, float64(i%80)-20, 10+float64(i%7)/4, i%13-15, i%256, float64(i%100)/7, i%2,
				float64(i%1000)/3, i%50, i%2, i)
		} else {
			line = fmt.Sprintf("PERF STATUS20 with CCSDSSEQCNT %d, TIMESEC %d, TEMP1 %.2f, TEMP2 %.2f, VOLT %.2f, MODE %d, COUNTER %d",
				i%16384, 1795250501+i, float64(i%80)-20, 10+float64(i%7)/4, 20+float64(i%90)/10, i%3, i-n/2)
		}
		req, err := engine.ParseCommandString(line)
		if err != nil {
			tb.Fatal(err)
		}
		data, err := enc.Encode(nil, p, req.Values)
		if err != nil {
			tb.Fatal(err)
		}
		if err := w.Write(nil, data); err != nil {
			tb.Fatal(err)
		}
	}
	w.Flush()
	return set, out.Bytes()
}

func benchPerf(b *testing.B, packet string, format Format, mode engine.Mode, jobs int) {
	const n = 5000
	set, in := perfStream(b, packet, n)
	cfg := DecodeConfig{Set: set, Format: format, Jobs: jobs, Engine: engine.Options{Set: set, Mode: mode}}
	b.SetBytes(int64(len(in)) / n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += n {
		w := bufio.NewWriterSize(io.Discard, 64<<10)
		if _, err := Decode(record.NewReader(bytes.NewReader(in)), w, cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
}

// BenchmarkPerf decodes the benchmark target's packets in each form, with
// one and two workers (b.N counts packets).
func BenchmarkPerf(b *testing.B) {
	for _, packet := range []string{"HEALTH_STATUS", "STATUS20"} {
		for _, f := range []struct {
			name   string
			format Format
			mode   engine.Mode
		}{{"json", JSON, engine.Converted}, {"raw", JSON, engine.Raw}, {"csv", CSV, engine.Converted}} {
			for _, jobs := range []int{1, 2} {
				b.Run(fmt.Sprintf("%s/%s/jobs%d", packet, f.name, jobs), func(b *testing.B) { benchPerf(b, packet, f.format, f.mode, jobs) })
			}
		}
	}
}

// TestDecodeAllocations: the per-packet decode path allocates nothing, in
// every form and mode, on STATUS20 (polynomials, states, floats, the
// reserved items) and on HEALTH_STATUS (COSMOS's INST2 item list: GENERIC
// bodies on the numeric path, unix_time_conversion, processor results,
// states, arrays, a block). The one exception is --formatted's
// FORMAT_STRING, which goes through fmt. The test counts the allocations of
// a decode of 2n records less those of n records, so start-up (compiling
// the packets) cancels out.
func TestDecodeAllocations(t *testing.T) {
	if raceBuild {
		t.Skip("allocation counts are meaningless under -race (make test runs without it)")
	}
	forms := []struct {
		name string
		cfg  DecodeConfig
	}{
		{"json", DecodeConfig{}},
		{"raw", DecodeConfig{Engine: engine.Options{Mode: engine.Raw}}},
		{"formatted", DecodeConfig{Engine: engine.Options{Mode: engine.Formatted}}},
		{"csv", DecodeConfig{Format: CSV}},
		{"table", DecodeConfig{Format: Table}},
		{"limits", DecodeConfig{Engine: engine.Options{Limits: true}}},
	}
	// The most allocations per packet allowed, by packet and form.
	ceiling := map[string]map[string]float64{
		"STATUS20":      {},
		"HEALTH_STATUS": {"formatted": 6}, // each FORMAT_STRING value goes through fmt.Sprintf (3 allocations)
	}
	for packet, max := range ceiling {
		set, in := perfStream(t, packet, 400)
		half := in[:len(in)/2]
		for _, c := range forms {
			cfg := c.cfg
			cfg.Set, cfg.Engine.Set = set, set
			run := func(data []byte) func() {
				return func() {
					w := bufio.NewWriterSize(io.Discard, 64<<10)
					if _, err := Decode(record.NewReader(bytes.NewReader(data)), w, cfg); err != nil {
						t.Fatal(err)
					}
				}
			}
			perPacket := (testing.AllocsPerRun(5, run(in)) - testing.AllocsPerRun(5, run(half))) / 200
			if perPacket > max[c.name]+0.01 {
				t.Errorf("%s %s: %.2f allocations per packet, want at most %v", packet, c.name, perPacket, max[c.name])
			}
		}
	}
}
