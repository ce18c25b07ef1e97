package stream

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
	"github.com/google/go-cmp/cmp"
)

type encodeRun struct {
	out     []byte
	reports []string
	stats   EncodeStats
	err     string
}

// runEncode encodes in with cfg and jobs workers, the input under a
// Flusher as c3encode sets it up; failAt > 0 stops at that many bad lines
// (--on-error fail).
func runEncode(in string, cfg EncodeConfig, jobs, failAt int) encodeRun {
	var run encodeRun
	bad := 0
	cfg.Jobs, cfg.Flush = jobs, &Flusher{}
	cfg.OnBad = func(e *jsonform.LineError) error {
		run.reports = append(run.reports, "bad: "+e.Error())
		if bad++; failAt > 0 && bad >= failAt {
			return e
		}
		return nil
	}
	cfg.Hazard = func(n int, m string) { run.reports = append(run.reports, fmt.Sprintf("hazard %d: %s", n, m)) }
	var out bytes.Buffer
	w := record.NewWriter(&out)
	st, err := Encode(record.FlushBefore(strings.NewReader(in), cfg.Flush), w, cfg)
	w.Flush()
	run.out, run.stats = out.Bytes(), st
	if err != nil {
		run.err = err.Error()
	}
	return run
}

// TestEncodeJobsSameOutput builds every golden command and telemetry case
// (refused ones included), JSON lines, comments, a hazardous command and
// a line over the cap, 60 times over, with 1, 2 and 4 workers: records,
// reports, counters and the error are the same byte for byte.
func TestEncodeJobsSameOutput(t *testing.T) {
	set := testtargets.Load(t)
	read := func(file string) string {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	cmds := read("../engine/testdata/cmd_cases.txt") +
		`{"target":"INST","packet":"COLLECT","items":{"TYPE":"NORMAL","DURATION":2.5},"time":"2026-11-21T08:41:41Z"}` + "\n" +
		"INST CLEAR\nINST COLLECT with TYPE SPECIAL, DURATION 1\n# a comment\n\n" +
		"INST COLLECT with TYPE NORMAL, DURATION " + strings.Repeat("1", 5000) + "\n"
	tlm := read("../engine/testdata/tlm_cases.txt")
	cases := []struct {
		name   string
		in     string
		cfg    EncodeConfig
		failAt int
	}{
		{"commands", cmds, EncodeConfig{Kind: def.Command}, 0},
		{"refuse_hazardous", cmds, EncodeConfig{Kind: def.Command, RefuseHazardous: true}, 0},
		{"raw", cmds, EncodeConfig{Kind: def.Command, Engine: engine.EncodeOptions{Raw: true}}, 0},
		{"fail_at_100", cmds, EncodeConfig{Kind: def.Command}, 100},
		{"telemetry", tlm, EncodeConfig{Kind: def.Telemetry}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := strings.Repeat(c.in, 60)
			cfg := c.cfg
			cfg.Set, cfg.Engine.Set = set, set
			cfg.Engine.MaxRecord = 150 // a 5000-byte line is over the line cap
			want := runEncode(in, cfg, 1, c.failAt)
			if want.stats.Packets < 300 && c.failAt == 0 {
				t.Fatalf("only %d packets: the input does not span batches (%s; %q)", want.stats.Packets, want.err, want.reports[:min(3, len(want.reports))])
			}
			var hazards, tooLong int
			for _, r := range want.reports {
				if strings.HasPrefix(r, "hazard") {
					hazards++
				}
				if strings.Contains(r, "longer than") || strings.Contains(r, "too long") {
					tooLong++
				}
			}
			if c.failAt == 0 && c.cfg.Kind == def.Command && (tooLong == 0 || hazards == 0 && !c.cfg.RefuseHazardous) {
				t.Fatalf("the input lacks hazards (%d) or over-long lines (%d): %q", hazards, tooLong, want.reports[:5])
			}
			for _, jobs := range []int{2, 4} {
				got := runEncode(in, cfg, jobs, c.failAt)
				if diff := cmp.Diff(want, got, cmp.AllowUnexported(encodeRun{})); diff != "" {
					t.Errorf("--jobs %d differs from --jobs 1 (-want +got):\n%s", jobs, diff)
				}
			}
		})
	}
}
