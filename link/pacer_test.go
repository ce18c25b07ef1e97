package link

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// paceRun feeds reads through a pacer, with one command awaiting a
// response registered before the reads, and returns the records emitted
// ("TAG:text" for tagged ones) and the notes.
func paceRun(t *testing.T, cfg PaceConfig, cmdMeta record.Meta, reads ...string) (out []string, notes []string, a *awaited, p *pacer) {
	t.Helper()
	p = newPacer(cfg, func(f string, args ...any) { notes = append(notes, fmt.Sprintf(f, args...)) })
	s := newSink("test", 64, 64, false, 0, nil)
	s.pace = p
	if cmdMeta != nil {
		a = p.expect(cmdMeta, 7)
	}
	for _, r := range reads {
		buf := append(s.Buffer()[:0], r...)
		if err := s.Emit(record.Meta{record.KeyExtra: map[string]any{"LINK": "test"}}, buf); err != nil {
			t.Fatal(err)
		}
	}
	for len(s.ch) > 0 {
		c := <-s.ch
		tag := ""
		if c.meta.Packet() != "" {
			tag = c.meta.Target() + "." + c.meta.Packet() + ":"
		}
		out = append(out, tag+string(c.data))
	}
	return out, notes, a, p
}

var cmdWanting = record.Meta{record.KeyTarget: "T", record.KeyPacket: "GET", record.KeyExtra: map[string]any{ExtraResponse: "T RSP", ExtraRspTemplate: "<V>"}}

func TestPacerTable(t *testing.T) {
	nl := []byte{'\n'}
	for _, tc := range []struct {
		name  string
		cfg   PaceConfig
		reads []string
		want  []string
		done  bool
	}{
		{"per read, no terminator", PaceConfig{}, []string{"1.5\n", "2.5\n"}, []string{"T.RSP:1.5\n", "2.5\n"}, true},
		{"line split across reads", PaceConfig{Term: nl, Strip: true}, []string{"1.", "5\n2.5\n"}, []string{"T.RSP:1.5", "2.5"}, true},
		{"strip off keeps the terminator", PaceConfig{Term: nl}, []string{"1.5\n"}, []string{"T.RSP:1.5\n"}, true},
		{"two-byte terminator", PaceConfig{Term: []byte("\r\n"), Strip: true}, []string{"1.5\r", "\n"}, []string{"T.RSP:1.5"}, true},
		{"ignore lines dropped", PaceConfig{Term: nl, Strip: true, IgnoreLines: 2}, []string{"echo\nprompt>\n1.5\n"}, []string{"T.RSP:1.5"}, true},
		{"response of three lines", PaceConfig{Term: nl, Strip: true, Lines: 3}, []string{"a\nb\n", "c\nd\n"}, []string{"T.RSP:a\nb\nc", "d"}, true},
		{"incomplete response waits", PaceConfig{Term: nl, Strip: true, Lines: 2}, []string{"a\n", "b"}, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, _, a, _ := paceRun(t, tc.cfg, cmdWanting, tc.reads...)
			if fmt.Sprintf("%q", out) != fmt.Sprintf("%q", tc.want) {
				t.Errorf("emitted %q, want %q", out, tc.want)
			}
			select {
			case <-a.done:
				if !tc.done {
					t.Error("response completed early")
				}
			default:
				if tc.done {
					t.Error("response not completed")
				}
			}
		})
	}
}

func TestPacerTagsResponseMeta(t *testing.T) {
	p := newPacer(PaceConfig{}, func(string, ...any) {})
	s := newSink("test", 64, 4, false, 0, nil)
	s.pace = p
	shared := map[string]any{"LINK": "test", "PEER": "h:1"}
	p.expect(cmdWanting, 1)
	s.Emit(record.Meta{record.KeyExtra: shared}, append(s.Buffer()[:0], "x"...))
	c := <-s.ch
	ex := c.meta.Extra()
	if c.meta.Target() != "T" || c.meta.Packet() != "RSP" || ex[ExtraCommand] != "T GET" || ex[ExtraRspTemplate] != "<V>" || ex["PEER"] != "h:1" {
		t.Fatalf("meta %v", c.meta)
	}
	if _, ok := shared[ExtraCommand]; ok {
		t.Fatal("tagging changed the read loop's shared extra map")
	}
}

func TestPacerUnexpectedAndRaise(t *testing.T) {
	out, notes, _, p := paceRun(t, PaceConfig{Term: []byte{'\n'}, Strip: true}, nil, "stray\n")
	if len(out) != 1 || out[0] != "stray" || len(notes) != 1 || notes[0] != "6-byte line read with no command awaiting a response; passed on untagged" || p.unexpected.Load() != 1 {
		t.Fatalf("out %q notes %q", out, notes)
	}
	_, _, _, p = paceRun(t, PaceConfig{Term: []byte{'\n'}, Raise: true}, nil, "stray\n")
	select {
	case err := <-p.fatal:
		if !strings.Contains(err.Error(), "(raise exceptions)") {
			t.Fatal(err)
		}
	default:
		t.Fatal("raise exceptions did not end the pump")
	}
}

func TestPacerTimeout(t *testing.T) {
	var notes []string
	p := newPacer(PaceConfig{Timeout: 30 * time.Millisecond}, func(f string, a ...any) { notes = append(notes, fmt.Sprintf(f, a...)) })
	a := p.expect(cmdWanting, 3)
	start := time.Now()
	p.wait(a, make(chan struct{}))
	if d := time.Since(start); d < 30*time.Millisecond || d > time.Second {
		t.Fatalf("waited %v", d)
	}
	if p.timeouts.Load() != 1 || len(notes) != 1 || notes[0] != "stdin record 3 (T GET): no T RSP response within 30ms; sending the next command" {
		t.Fatalf("notes %q", notes)
	}
	if p.awaiting != nil {
		t.Fatal("a timed-out command is still awaited")
	}
	// a command without RESPONSE is not paced at all
	if p.expect(record.Meta{record.KeyExtra: map[string]any{ExtraResponse: "only-one-word"}}, 4) != nil {
		t.Fatal("malformed RESPONSE registered")
	}
}

func TestPacerInitialReadDelay(t *testing.T) {
	p := newPacer(PaceConfig{InitialReadDelay: time.Hour}, func(string, ...any) {})
	s := newSink("test", 64, 4, false, 0, nil)
	s.pace = p
	p.connected()
	s.Emit(nil, append(s.Buffer()[:0], "banner> "...))
	if len(s.ch) != 0 || p.dropped.Load() != 8 {
		t.Fatalf("banner not dropped: %d queued, %d dropped", len(s.ch), p.dropped.Load())
	}
}
