package stream

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/frame/record"
)

// perfCommand is line i of n of c3encode --tlm input for packet
// (HEALTH_STATUS or STATUS20) as a COSMOS command string: numbers, floats
// through polynomial write conversions, state names, arrays, a quoted
// string and a hex block, changing from line to line.
func perfCommand(packet string, i, n int) string {
	if packet == "HEALTH_STATUS" {
		return fmt.Sprintf("PERF HEALTH_STATUS with CCSDSSEQFLAGS NOGROUP, CCSDSSEQCNT %d, TIMESEC %d, TIMEUS %d, COLLECTS %d, TEMP1 %.2f, TEMP2 %.2f, TEMP3 30.5, TEMP4 %d, "+
			"ARY [%d, 1, 2, 3, 4, 5, 6, 7, 8, 9], DURATION %.3f, COLLECT_TYPE %s, ARY2 [%.2f, 1.5, 2.25, 3, 4, 5, 6, 7, 8, %d], "+
			`ASCIICMD "NOOP", GROUND1STATUS CONNECTED, GROUND2STATUS %d, BLOCKTEST 0xDEADBEEF001122334455, CMD_ACPT_CNT %d`,
			i%16384, 1795250501+i, i*37%1000000, i%1000, float64(i%80)-20, 10+float64(i%7)/4, i%13-15, i%256, float64(i%100)/7, []string{"NORMAL", "SPECIAL"}[i%2],
			float64(i%1000)/3, i%50, i%2, i)
	}
	return fmt.Sprintf("PERF STATUS20 with CCSDSSEQFLAGS NOGROUP, CCSDSSEQCNT %d, CCSDSLENGTH 13, TIMESEC %d, TIMEUS %d, TEMP1 %.2f, TEMP2 %.2f, VOLT %.2f, MODE %s, COUNTER %d",
		i%16384, 1795250501+i, i*37%1000000, float64(i%80)-20, 10+float64(i%7)/4, 20+float64(i%90)/10, []string{"SAFE", "NORMAL", "SCIENCE"}[i%3], i-n/2)
}

// perfLines is n lines of c3encode --tlm input for packet: command strings
// (form "cmd") or the JSON lines c3decode prints for the packets those
// build, time included (form "json": c3decode | c3encode).
func perfLines(tb testing.TB, packet, form string, n int) (*def.Set, []byte) {
	tb.Helper()
	set, err := def.Load([]string{perfDefs}, def.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	var cmds bytes.Buffer
	for i := 0; i < n; i++ {
		cmds.WriteString(perfCommand(packet, i, n))
		cmds.WriteByte('\n')
	}
	if form == "cmd" {
		return set, cmds.Bytes()
	}
	var recs bytes.Buffer
	rw := record.NewWriter(&recs)
	p := set.Packet("PERF", packet, def.Telemetry)
	enc := engine.NewEncoder(engine.EncodeOptions{Set: set})
	t0 := time.Date(2026, 11, 21, 8, 41, 41, 0, time.UTC)
	for i, line := range strings.Split(strings.TrimSpace(cmds.String()), "\n") {
		r, err := engine.ParseCommandString(line)
		if err != nil {
			tb.Fatal(err)
		}
		data, err := enc.Encode(nil, p, r.Values)
		if err != nil {
			tb.Fatal(err)
		}
		meta := record.Meta{}
		meta.SetTime(t0.Add(time.Duration(i) * 10 * time.Millisecond))
		if err := rw.Write(meta, data); err != nil {
			tb.Fatal(err)
		}
	}
	rw.Flush()
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	if _, err := Decode(record.NewReader(&recs), w, DecodeConfig{Set: set, Engine: engine.Options{Set: set}}); err != nil {
		tb.Fatal(err)
	}
	w.Flush()
	return set, out.Bytes()
}

// encodePerf runs c3encode --tlm over in and returns the records.
func encodePerf(tb testing.TB, set *def.Set, in []byte, jobs int, out io.Writer) {
	w := record.NewWriter(out)
	cfg := EncodeConfig{Set: set, Kind: def.Telemetry, Jobs: jobs, Engine: engine.EncodeOptions{Set: set}}
	st, err := Encode(bytes.NewReader(in), w, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	if st.Bad != 0 {
		tb.Fatalf("%d bad lines", st.Bad)
	}
	w.Flush()
}

// BenchmarkEncodePerf builds the benchmark target's packets from command
// strings and from c3decode's JSON lines, with one and two workers (b.N
// counts packets).
func BenchmarkEncodePerf(b *testing.B) {
	for _, packet := range []string{"STATUS20", "HEALTH_STATUS"} {
		for _, form := range []string{"cmd", "json"} {
			for _, jobs := range []int{1, 2} {
				b.Run(fmt.Sprintf("%s/%s/jobs%d", packet, form, jobs), func(b *testing.B) {
					const n = 5000
					set, in := perfLines(b, packet, form, n)
					b.SetBytes(int64(len(in)) / n)
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i += n {
						encodePerf(b, set, in, jobs, io.Discard)
					}
					b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packets/s")
				})
			}
		}
	}
}

// TestEncodeAllocations: building packets allocates nothing per packet
// from command strings, and one from c3decode's JSON lines (the record time,
// a uint64 boxed into the meta map), on both targets (polynomials, states,
// arrays, a string, a hex block). The test counts the allocations of 2n
// lines less those of n lines, so start-up (compiling the packets) cancels
// out.
func TestEncodeAllocations(t *testing.T) {
	if raceBuild {
		t.Skip("allocation counts are meaningless under -race (make test runs without it)")
	}
	// The most allocations per packet allowed, by packet and form.
	ceiling := map[string]map[string]float64{
		"STATUS20":      {"cmd": 0, "json": 1},
		"HEALTH_STATUS": {"cmd": 0, "json": 1},
	}
	for packet, max := range ceiling {
		for form, most := range max {
			set, in := perfLines(t, packet, form, 400)
			half := in[:bytes.IndexByte(in[len(in)/2:], '\n')+len(in)/2+1]
			run := func(data []byte) func() {
				return func() { encodePerf(t, set, data, 1, io.Discard) }
			}
			perPacket := (testing.AllocsPerRun(5, run(in)) - testing.AllocsPerRun(5, run(half))) / 200
			if perPacket > most+0.05 {
				t.Errorf("%s from %s: %.2f allocations per packet, want at most %v", packet, form, perPacket, most)
			}
		}
	}
}
