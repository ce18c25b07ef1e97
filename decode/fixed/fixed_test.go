package fixed

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
)

var sync = []byte{0x1A, 0xCF, 0xFC, 0x1D}

// load loads the INST and LE test targets.
func load(t testing.TB) *def.Set { return testtargets.Load(t, "INST", "LE") }

// build encodes one packet of the test targets.
func build(t testing.TB, set *def.Set, kind def.Kind, line string) []byte {
	t.Helper()
	r, err := engine.ParseCommandString(line)
	if err != nil {
		t.Fatal(err)
	}
	b, err := engine.NewEncoder(engine.EncodeOptions{Set: set}).Encode(nil, set.Packet(r.Target, r.Packet, kind), r.Values)
	if err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	return bytes.Clone(b)
}

type got struct {
	pkts    []string // "TARGET PACKET len"
	data    [][]byte
	reports []string
}

// run deframes stream fed in chunks of size step.
func run(t *testing.T, p Params, stream []byte, step int) (got, error) {
	t.Helper()
	f, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	var g got
	d := frame.NewDeframer(f, frame.Options{FailFast: f.UnknownRaise(), Report: func(m string) { g.reports = append(g.reports, m) }})
	emit := func(m record.Meta, pkt []byte) error {
		g.pkts = append(g.pkts, fmt.Sprintf("%s %s %d", m.Target(), m.Packet(), len(pkt)))
		g.data = append(g.data, bytes.Clone(pkt))
		return nil
	}
	for i := 0; i < len(stream); i += step {
		if err := d.Feed(stream[i:min(i+step, len(stream))], record.Meta{"extra": map[string]any{"LINK": "x"}}, emit); err != nil {
			return g, err
		}
	}
	return g, d.Close()
}

func TestFixedTelemetry(t *testing.T) {
	set := load(t)
	hs := build(t, set, def.Telemetry, "INST HEALTH_STATUS with COLLECTS 3")
	adcs := build(t, set, def.Telemetry, "INST ADCS with POSX 1.5")
	params := build(t, set, def.Telemetry, "INST PARAMS with VALUE1 1")
	le := build(t, set, def.Telemetry, "LE EVENT with CODE WARN")
	unknown := append([]byte{0x07, 0xff}, make([]byte, 30)...) // APID 2047: no packet
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

	cases := []struct {
		name    string
		p       Params
		stream  []byte
		want    []string
		reports []string
		err     string
	}{
		{
			name:   "no sync, back to back",
			p:      Params{MinIDSize: 16, Telemetry: true},
			stream: cat(hs, adcs, params),
			want:   []string{"INST HEALTH_STATUS 195", "INST ADCS 84", "INST PARAMS 26"},
		},
		{
			// A kept sync pattern is part of the packet, so definitions
			// without it do not match (as in COSMOS).
			name:    "sync kept but not in the definitions",
			p:       Params{MinIDSize: 20, Telemetry: true, BurstParams: frame.BurstParams{Sync: sync}},
			stream:  cat(sync, params),
			reports: []string{"unknown data: no telemetry packet matches the 20 bytes read (minimum ID size 20) at stream offset 0; resyncing"},
		},
		{
			name:    "sync discarded, garbage between packets",
			p:       Params{MinIDSize: 20, Telemetry: true, BurstParams: frame.BurstParams{Sync: sync, Discard: 4}},
			stream:  cat([]byte("junk"), sync, hs, []byte{1, 2, 3}, sync, adcs),
			want:    []string{"INST HEALTH_STATUS 195", "INST ADCS 84"},
			reports: []string{"discarded 4 bytes of garbage at stream offset 0 before the sync pattern at 4", "discarded 3 bytes of garbage at stream offset 203 before the sync pattern at 206"},
		},
		{
			name:    "unknown packet: one report, resync at the next sync",
			p:       Params{MinIDSize: 20, Telemetry: true, BurstParams: frame.BurstParams{Sync: sync, Discard: 4}},
			stream:  cat(sync, unknown, sync, params),
			want:    []string{"INST PARAMS 26"},
			reports: []string{"unknown data: no telemetry packet matches the 20 bytes read (minimum ID size 20) at stream offset 0; resyncing"},
		},
		{
			name:   "targets limit identification",
			p:      Params{MinIDSize: 16, Telemetry: true, Targets: []string{"LE"}},
			stream: cat(le),
			want:   []string{"LE EVENT 25"},
		},
		{
			name:   "unknown raise stops the stream",
			p:      Params{MinIDSize: 20, Telemetry: true, UnknownRaise: true, BurstParams: frame.BurstParams{Sync: sync, Discard: 4}},
			stream: cat(sync, params, sync, unknown, sync, params),
			want:   []string{"INST PARAMS 26"},
			err:    "unknown data: no telemetry packet matches the 20 bytes read (minimum ID size 20) at stream offset 30",
		},
		{
			name:    "truncated last packet",
			p:       Params{MinIDSize: 16, Telemetry: true},
			stream:  cat(params, hs[:100]),
			want:    []string{"INST PARAMS 26"},
			reports: []string{"truncated packet: 100 bytes lost at end of input at stream offset 26"},
		},
	}
	for _, c := range cases {
		c.p.Set = set
		for _, step := range []int{1, 7, 4096} {
			g, err := run(t, c.p, c.stream, step)
			if c.err != "" {
				var se *frame.StreamError
				if !errors.As(err, &se) || se.Error() != c.err {
					t.Errorf("%s/%d: err %v, want %q", c.name, step, err, c.err)
				}
			} else if err != nil {
				t.Errorf("%s/%d: %v", c.name, step, err)
			}
			if strings.Join(g.pkts, "|") != strings.Join(c.want, "|") {
				t.Errorf("%s/%d: packets %q, want %q", c.name, step, g.pkts, c.want)
			}
			if strings.Join(g.reports, "|") != strings.Join(c.reports, "|") {
				t.Errorf("%s/%d: reports %q, want %q", c.name, step, g.reports, c.reports)
			}
		}
	}
}

func TestFixedCommandsAndFill(t *testing.T) {
	set := load(t)
	collect := build(t, set, def.Command, "INST COLLECT with TYPE NORMAL")
	abort := build(t, set, def.Command, "INST ABORT")
	f, err := New(Params{MinIDSize: 12, BurstParams: frame.BurstParams{Sync: sync, Discard: 4, Fill: true}, Set: set})
	if err != nil {
		t.Fatal(err)
	}
	// Write direction: the discarded sync pattern is put back in front.
	var stream []byte
	for _, pkt := range [][]byte{collect, abort} {
		parts, err := f.Frame(nil, bytes.Clone(pkt))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range parts {
			stream = append(stream, p...)
		}
	}
	if !bytes.HasPrefix(stream, sync) || len(stream) != len(collect)+len(abort)+8 {
		t.Fatalf("framed %x", stream)
	}
	g, err := run(t, Params{MinIDSize: 12, BurstParams: frame.BurstParams{Sync: sync, Discard: 4}, Set: set}, stream, 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := "INST COLLECT 23|INST ABORT 8"; strings.Join(g.pkts, "|") != want {
		t.Fatalf("got %q want %q", g.pkts, want)
	}
	if !bytes.Equal(g.data[0], collect) || !bytes.Equal(g.data[1], abort) {
		t.Errorf("data %x", g.data)
	}
}

func TestNewRejects(t *testing.T) {
	set := load(t)
	for _, p := range []Params{
		{MinIDSize: 16},
		{MinIDSize: 0, Set: set},
		{MinIDSize: 16, Set: set, Targets: []string{"NOPE"}},
		{MinIDSize: 16, Set: set, BurstParams: frame.BurstParams{Discard: -1}},
	} {
		if _, err := New(p); err == nil {
			t.Errorf("%+v accepted", p)
		}
	}
}
