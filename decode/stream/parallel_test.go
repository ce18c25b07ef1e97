package stream

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
	"github.com/google/go-cmp/cmp"
)

// caseData encodes the telemetry lines of the engine's golden case files
// (tlm_cases.txt; "tlm" and "json" lines of keyed_cases.txt): every
// packet shape the goldens cover. Lines the encoder refuses are left out.
func caseData(t *testing.T, set *def.Set, file string) [][]byte {
	t.Helper()
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	enc := engine.NewEncoder(engine.EncodeOptions{Set: set})
	var out [][]byte
	for _, line := range strings.Split(string(text), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if kind, rest, ok := strings.Cut(line, " "); ok && strings.HasSuffix(file, "keyed_cases.txt") {
			switch kind {
			case "json":
				out = append(out, []byte(rest))
				continue
			case "tlm":
				line = rest
			default:
				continue
			}
		}
		req, err := engine.ParseRequest([]byte(line))
		if err != nil {
			continue
		}
		p := set.Packet(req.Target, req.Packet, def.Telemetry)
		if p == nil {
			continue
		}
		data, err := enc.EncodeExtra(nil, p, req.Values, map[string]any{})
		if err != nil {
			continue
		}
		out = append(out, bytes.Clone(data))
	}
	return out
}

// jobsStream repeats data with changing times, some records named by an
// upstream stage (one of them undefined), a record with a time before
// 1970 and one with a wrong-typed meta key, so every per-stream state and
// every told-once warning is in it. reps*len(data) records span several
// batches.
func jobsStream(t *testing.T, data [][]byte, reps int) []byte {
	t.Helper()
	var out bytes.Buffer
	w := record.NewWriter(&out)
	base := time.Date(2026, 11, 21, 8, 41, 41, 152144000, time.UTC)
	n := 0
	for r := 0; r < reps; r++ {
		for _, d := range data {
			n++
			meta := record.Meta{}
			meta.SetTime(base.Add(time.Duration(n) * time.Millisecond))
			switch {
			case n == 100:
				meta[record.KeyTime] = int64(-5) // before 1970: reported at each record
			case n == 150:
				meta[record.KeyStored] = "yes" // wrong type: told once
			case n%97 == 0:
				meta[record.KeyTarget], meta[record.KeyPacket] = "INST", "PARAMS"
			case n%131 == 0:
				meta[record.KeyTarget], meta[record.KeyPacket] = "NOPE", "NOTHING"
			}
			if err := w.Write(meta, d); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

type decodeRun struct {
	out     string
	reports []string
	stats   Stats
	err     string
}

// runJobs decodes in with cfg and jobs workers, the reader under a
// Flusher as c3decode sets it up (so partial batches are handed over at
// every refill).
func runJobs(in []byte, cfg DecodeConfig, jobs int) decodeRun {
	var run decodeRun
	cfg.Jobs = jobs
	cfg.Report = func(m string) { run.reports = append(run.reports, m) }
	cfg.Flush = &Flusher{}
	var out bytes.Buffer
	w := bufio.NewWriterSize(&out, 4096)
	r := record.NewReader(record.FlushBefore(bytes.NewReader(in), cfg.Flush))
	st, err := Decode(r, w, cfg)
	w.Flush()
	run.out, run.stats = out.String(), st
	if err != nil {
		run.err = err.Error()
	}
	return run
}

// TestJobsSameOutput decodes every golden packet shape, in every form and
// with every option that changes output, with 1, 2 and 4 workers: output,
// reports, counters and the error must be the same byte for byte.
func TestJobsSameOutput(t *testing.T) {
	sets := []struct {
		name string
		set  *def.Set
		file string
	}{
		{"targets", testtargets.Load(t), "../engine/testdata/tlm_cases.txt"},
		{"keyed", loadKeyed(t), "../engine/testdata/keyed_cases.txt"},
	}
	forms := []struct {
		name string
		cfg  DecodeConfig
	}{
		{"json", DecodeConfig{}},
		{"json_raw", DecodeConfig{Engine: engine.Options{Mode: engine.Raw}}},
		{"json_formatted_all", DecodeConfig{Engine: engine.Options{Mode: engine.Formatted, All: true}}},
		{"json_items", DecodeConfig{Engine: engine.Options{Items: []string{"RECEIVED_COUNT", "TEMP1", "VALUE1", "PACKET_TIMESECONDS"}}}},
		{"json_limits", DecodeConfig{Engine: engine.Options{Limits: true}}},
		{"csv", DecodeConfig{Format: CSV}},
		{"csv_all_raw", DecodeConfig{Format: CSV, Engine: engine.Options{All: true, Mode: engine.Raw}}},
		{"csv_limits", DecodeConfig{Format: CSV, Engine: engine.Options{Limits: true}}},
		{"table_formatted", DecodeConfig{Format: Table, Engine: engine.Options{Mode: engine.Formatted}}},
		{"packet_filter", DecodeConfig{Packets: []PacketName{{"INST", "PARAMS"}, {"INST", "HEALTH_STATUS"}}}},
		{"ignore", DecodeConfig{Ignore: []PacketName{{"INST", "PARAMS"}, {"LE", ""}}}},
	}
	for _, s := range sets {
		in := jobsStream(t, caseData(t, s.set, s.file), 40)
		for _, f := range forms {
			t.Run(s.name+"/"+f.name, func(t *testing.T) {
				cfg := f.cfg
				cfg.Set, cfg.Engine.Set = s.set, s.set
				if f.name == "json_items" && s.name == "keyed" {
					cfg.Engine.Items = []string{"RECEIVED_COUNT"}
				}
				want := runJobs(in, cfg, 1)
				if want.stats.Records < 500 {
					t.Fatalf("only %d records read: the stream does not span batches", want.stats.Records)
				}
				for _, jobs := range []int{2, 4} {
					got := runJobs(in, cfg, jobs)
					if diff := cmp.Diff(want, got, cmp.AllowUnexported(decodeRun{})); diff != "" {
						t.Errorf("--jobs %d differs from --jobs 1 (-want +got):\n%s", jobs, diff)
					}
				}
			})
		}
	}
}

// loadKeyed loads the targets of the engine's keyed golden cases.
func loadKeyed(t *testing.T) *def.Set { return testtargets.Load(t, "CBOR", "INST2", "JSON") }

// TestJobsEndsLikeSequential: a stream cut inside a frame ends with the
// same output, reports, counters and error for any number of workers.
func TestJobsEndsLikeSequential(t *testing.T) {
	set := testtargets.Load(t)
	in := jobsStream(t, caseData(t, set, "../engine/testdata/tlm_cases.txt"), 30)
	in = in[:len(in)-7]
	cfg := DecodeConfig{Set: set, Engine: engine.Options{Set: set}}
	want := runJobs(in, cfg, 1)
	if want.err == "" {
		t.Fatal("a cut stream ended without an error")
	}
	if diff := cmp.Diff(want, runJobs(in, cfg, 3), cmp.AllowUnexported(decodeRun{})); diff != "" {
		t.Errorf("(-jobs 1 +jobs 3):\n%s", diff)
	}
}

// TestJobsLive: with workers, a record is decoded and flushed before the
// reader blocks for the next one (a live link shows each packet at once).
func TestJobsLive(t *testing.T) {
	set := testtargets.Load(t, "INST")
	data := caseData(t, set, "../engine/testdata/tlm_cases.txt")
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	cfg := DecodeConfig{Set: set, Engine: engine.Options{Set: set, Items: []string{"RECEIVED_COUNT"}}, Jobs: 2, Flush: &Flusher{}}
	done := make(chan error, 1)
	go func() {
		w := bufio.NewWriter(outW)
		_, err := Decode(record.NewReader(record.FlushBefore(inR, cfg.Flush)), w, cfg)
		w.Flush()
		outW.Close()
		done <- err
	}()
	lines := bufio.NewReader(outR)
	send := make(chan []byte)
	go func() { // the io.Pipe write blocks until the decoder reads it
		rw := record.NewWriter(inW)
		for d := range send {
			rw.Write(nil, d)
			rw.Flush()
		}
		inW.Close()
	}()
	for i := 1; i <= 3; i++ {
		send <- data[1]
		got := make(chan string, 1)
		go func() { l, _ := lines.ReadString('\n'); got <- l }()
		select {
		case l := <-got:
			if want := fmt.Sprintf(`"RECEIVED_COUNT":%d}`, i); !strings.Contains(l, want) {
				t.Fatalf("record %d: got %q, want %s", i, l, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("record %d was not written while the input stayed open", i)
		}
	}
	close(send)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestJobsProcessors: the PERF target's HEALTH_STATUS has COSMOS's
// watermark and statistics processors over TEMP1, whose state spans the
// stream. With TEMP1 changing every packet and the 100-sample window
// spanning batches, every worker count must print the sequential values,
// in JSON, CSV and with limits (where records decode at their turn).
func TestJobsProcessors(t *testing.T) {
	set, in := perfStream(t, "HEALTH_STATUS", 1500)
	items := []string{"TEMP1", "TEMP1HIGH", "TEMP1LOW", "TEMP1MAX", "TEMP1MIN", "TEMP1MEAN", "TEMP1STDDEV"}
	for _, f := range []struct {
		name string
		cfg  DecodeConfig
	}{
		{"json", DecodeConfig{Engine: engine.Options{Items: items}}},
		{"csv", DecodeConfig{Format: CSV}},
		{"json_limits", DecodeConfig{Engine: engine.Options{Limits: true, Items: items}}},
	} {
		t.Run(f.name, func(t *testing.T) {
			cfg := f.cfg
			cfg.Set, cfg.Engine.Set = set, set
			want := runJobs(in, cfg, 1)
			if want.stats.Records != 1500 || !strings.Contains(want.out, `"TEMP1STDDEV":23.`) && f.name != "csv" {
				t.Fatalf("sequential run: %d records, output %.300s", want.stats.Records, want.out)
			}
			for _, jobs := range []int{2, 4} {
				if got := runJobs(in, cfg, jobs); got.out != want.out || got.err != want.err {
					t.Errorf("--jobs %d differs from --jobs 1", jobs)
				}
			}
		})
	}
}
