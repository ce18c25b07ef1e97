package fixed

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

// noScan's Scan skips nothing, so the Deframer resyncs through Split one
// byte at a time as before (Annotate still names the packets).
type noScan struct{ *Fixed }

func (noScan) Scan([]byte) int { return 0 }

// TestScanAgreesWithSplit (issue 7 fault 4): skipping garbage with Scan
// gives the same packets, reports and counters as resyncing by Split, and
// a megabyte of garbage costs a handful of allocations, not three a byte.
func TestScanAgreesWithSplit(t *testing.T) {
	set := load(t)
	hs := build(t, set, def.Telemetry, "INST HEALTH_STATUS with COLLECTS 3")
	r := rand.New(rand.NewPCG(1, 2))
	deframe := func(p frame.Protocol, stream []byte) string {
		var out bytes.Buffer
		d := frame.NewDeframer(p, frame.Options{Report: func(m string) { fmt.Fprintln(&out, m) }})
		emit := func(m record.Meta, pkt []byte) error { fmt.Fprintf(&out, "%s %x\n", m.Packet(), pkt); return nil }
		cut := len(stream) / 3
		for _, c := range [][]byte{stream[:cut], stream[cut:]} {
			if err := d.Feed(c, nil, emit); err != nil {
				t.Fatal(err)
			}
		}
		d.Close()
		fmt.Fprintf(&out, "%+v\n", d.Stats())
		return out.String()
	}
	for trial := 0; trial < 10; trial++ {
		var stream []byte
		for k := 0; k < 4; k++ {
			g := make([]byte, r.IntN(200))
			for i := range g {
				g[i] = byte(r.UintN(256)) | 0x80
			}
			stream = append(append(stream, g...), hs...)
		}
		f, _ := New(Params{MinIDSize: 8, Telemetry: true, Set: set})
		g, _ := New(Params{MinIDSize: 8, Telemetry: true, Set: set})
		if a, b := deframe(f, stream), deframe(noScan{g}, stream); a != b {
			t.Fatalf("trial %d: with Scan\n%s\nwithout\n%s", trial, a, b)
		}
	}
	f, _ := New(Params{MinIDSize: 8, Telemetry: true, Set: set})
	d := frame.NewDeframer(f, frame.Options{})
	garbage := bytes.Repeat([]byte{0xFF}, 1<<20)
	allocs := testing.AllocsPerRun(1, func() { d.Feed(garbage, nil, func(record.Meta, []byte) error { return nil }) })
	if allocs > 100 {
		t.Errorf("%.0f allocations for 1 MiB of garbage", allocs)
	}
}
