package frame

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// hardCap is the frame cap the issue 7 tests run with.
const hardCap = 64

// capProtocols are every protocol at cap hardCap, with the settings that
// put bytes around the packet (sync, discarded bytes, escapes, header).
func capProtocols(t *testing.T) map[string]Protocol {
	t.Helper()
	must := func(p Protocol, err error) Protocol {
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	slip := DefaultSlip()
	slip.MaxLen, slip.Start = hardCap, 0xC0
	return map[string]Protocol{
		"burst":         must(NewBurst(BurstParams{Discard: 4, Sync: asm, Fill: true, MaxLen: hardCap})),
		"length":        must(NewLength(LengthParams{BitOffset: 56, BitSize: 17, ValueOffset: -73, BytesPerCount: 1, BurstParams: BurstParams{Discard: 4, Sync: asm, Fill: true, MaxLen: hardCap}})),
		"length-nofill": must(NewLength(LengthParams{BitOffset: 0, BitSize: 16, BytesPerCount: 1, BurstParams: BurstParams{MaxLen: hardCap}})),
		"terminated":    must(NewTerminated(TerminatedParams{WriteTerm: []byte("\r\n"), ReadTerm: []byte("\r\n"), StripRead: true, BurstParams: BurstParams{Discard: 4, Sync: []byte("DATA"), Fill: true, MaxLen: hardCap}})),
		"slip":          must(NewSlip(slip)),
		"cobs":          must(NewCobs(hardCap)),
		"preidentified": must(NewPreidentified(PreidentifiedParams{Sync: []byte{0xDE, 0xAD}, MaxLength: 40, MaxLen: hardCap})),
	}
}

// TestOneRuleBothWays (issue 7 fault 2): for every packet size around the
// cap, what a framer writes its deframer reads back, and what it refuses
// to write is reported, never written.
func TestOneRuleBothWays(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 2))
	for name, p := range capProtocols(t) {
		for size := 1; size <= 2*hardCap; size++ {
			pkt := randBytes(r, size)
			if name == "terminated" {
				pkt = bytes.ReplaceAll(pkt, []byte("\r\n"), []byte("xx"))
			}
			if name == "length-nofill" {
				if size < 2 {
					continue // without --fill the writer passes what it is given
				}
				binary.BigEndian.PutUint16(pkt, uint16(size))
			}
			framed := frameAll(p, Options{}, [][]byte{pkt}, nil)
			if len(framed.pkts) == 0 {
				if len(framed.diags) != 1 || !strings.HasSuffix(framed.diags[0], "; skipped") {
					t.Errorf("%s size %d: refused with %q", name, size, framed.diags)
				}
				continue
			}
			got := deframe(p, Options{AllowEmpty: AllowEmptyTrue}, [][]byte{framed.pkts[0]}, nil)
			if len(got.pkts) != 1 || len(got.diags) != 0 {
				t.Fatalf("%s: %d-byte packet written as %d bytes, read back as %d packets: %q", name, size, len(framed.pkts[0]), len(got.pkts), got.diags)
			}
		}
	}
}

// TestRefusedPacketSkippedWhole (issue 7 fault 3): a length field within
// --max-length but over the cap is a real packet; it is skipped whole, with
// one report, and nothing comes out of its insides, even when they hold
// valid-looking packets. Without --max-length c3frame cannot tell a large
// packet from garbage and resyncs byte by byte, as before.
func TestRefusedPacketSkippedWhole(t *testing.T) {
	small := []byte("\x00\x00\x00\x06ab")
	big := make([]byte, 200)
	binary.BigEndian.PutUint32(big, 200)
	for i := 4; i+len(small) <= len(big); i += len(small) {
		copy(big[i:], small)
	}
	stream := append(append(append([]byte{}, small...), big...), small...)
	for _, tc := range []struct {
		name      string
		maxLength int64
		chunk     int
		pkts      int
		diags     int
		diag      string
	}{
		{"whole, one chunk", 1000, len(stream), 2, 1, "length field 200 gives a 200-byte packet, over the 64-byte cap (set --max-record) at stream offset 6; skipped"},
		{"whole, 7-byte chunks", 1000, 7, 2, 1, "length field 200 gives a 200-byte packet, over the 64-byte cap (set --max-record) at stream offset 6; skipped"},
		{"no max length: resync", 0, len(stream), 2 + 32, 2, "length field 200 gives a 200-byte packet, over the 64-byte cap (set --max-record, and --max-length to skip such packets whole) at stream offset 6; resyncing"},
	} {
		p, err := NewLength(LengthParams{BitSize: 32, BytesPerCount: 1, MaxLength: tc.maxLength, BurstParams: BurstParams{MaxLen: hardCap}})
		if err != nil {
			t.Fatal(err)
		}
		var in [][]byte
		for i := 0; i < len(stream); i += tc.chunk {
			in = append(in, stream[i:min(i+tc.chunk, len(stream))])
		}
		got := deframe(p, Options{}, in, nil)
		if len(got.pkts) != tc.pkts || len(got.diags) != tc.diags || got.diags[0] != tc.diag {
			t.Errorf("%s: %d packets (want %d), diags %q", tc.name, len(got.pkts), tc.pkts, got.diags)
		}
		if tc.maxLength > 0 && got.stats.Discarded != 200 {
			t.Errorf("%s: discarded %d, want 200", tc.name, got.stats.Discarded)
		}
	}
}

// noScan hides a protocol's Scanner, so the Deframer resyncs through Split
// one byte at a time, as it did before Scan existed.
type noScan struct{ Protocol }

// TestScanAgreesWithSplit (issue 7 fault 4): skipping garbage in bulk gives
// the same packets, reports and counters as resyncing byte by byte.
func TestScanAgreesWithSplit(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	protos := map[string]func() Protocol{
		"length 0 32 4": func() Protocol {
			p, _ := NewLength(LengthParams{BitSize: 32, ValueOffset: 4, BytesPerCount: 1, BurstParams: BurstParams{MaxLen: 1000}})
			return p
		},
		"length 32 16 7 max 300": func() Protocol {
			p, _ := NewLength(LengthParams{BitOffset: 32, BitSize: 16, ValueOffset: 7, BytesPerCount: 1, MaxLength: 300, BurstParams: BurstParams{MaxLen: 1000}})
			return p
		},
		"length 23 13 LE": func() Protocol {
			p, _ := NewLength(LengthParams{BitOffset: 23, BitSize: 13, BytesPerCount: 2, LittleEndian: true, BurstParams: BurstParams{MaxLen: 100}})
			return p
		},
		"preidentified": func() Protocol {
			p, _ := NewPreidentified(PreidentifiedParams{MaxLength: 200, MaxLen: 1000})
			return p
		},
	}
	for name, mk := range protos {
		for trial := 0; trial < 20; trial++ {
			var stream []byte
			for k := 0; k < 5; k++ {
				g := randBytes(r, r.IntN(300))
				if trial%2 == 0 {
					for i := range g {
						g[i] |= 0xF0 // mostly hopeless lengths: long stretches for Scan
					}
				}
				stream = append(stream, g...)
			}
			cut := r.IntN(len(stream) + 1)
			in := [][]byte{stream[:cut], stream[cut:]}
			fast := deframe(mk(), Options{}, in, nil)
			slow := deframe(noScan{mk()}, Options{}, in, nil)
			if fast.String() != slow.String() || fmt.Sprint(fast.diags) != fmt.Sprint(slow.diags) || fast.stats != slow.stats {
				t.Fatalf("%s trial %d: with Scan\n%s %q %+v\nwithout\n%s %q %+v", name, trial, fast, fast.diags, fast.stats, slow, slow.diags, slow.stats)
			}
		}
	}
}

// TestGarbageCostsNothing (issue 7 fault 4): a stretch of garbage without
// a sync pattern is one report and no allocation per byte.
func TestGarbageCostsNothing(t *testing.T) {
	garbage := bytes.Repeat([]byte{0xFF}, 1<<20)
	for name, p := range map[string]Protocol{
		"length": func() Protocol {
			p, _ := NewLength(LengthParams{BitSize: 32, ValueOffset: 4, BytesPerCount: 1})
			return p
		}(),
		"preidentified": func() Protocol { p, _ := NewPreidentified(PreidentifiedParams{}); return p }(),
	} {
		var reports int
		d := NewDeframer(p, Options{Report: func(string) { reports++ }})
		emit := func(record.Meta, []byte) error { return nil }
		allocs := testing.AllocsPerRun(3, func() {
			if err := d.Feed(garbage, nil, emit); err != nil {
				t.Fatal(err)
			}
		})
		if allocs > 10 {
			t.Errorf("%s: %.0f allocations for 1 MiB of garbage", name, allocs)
		}
		if reports != 1 {
			t.Errorf("%s: %d reports, want 1", name, reports)
		}
	}
}

// TestScanRangeMatchesPacketLen: Scan's value range is exactly the set of
// field values packetLen does not resync from, for every 16-bit value.
func TestScanRangeMatchesPacketLen(t *testing.T) {
	for _, lp := range []LengthParams{
		{BitSize: 16, BytesPerCount: 1},
		{BitSize: 16, ValueOffset: 7, BytesPerCount: 1, BitOffset: 32},
		{BitSize: 16, ValueOffset: -100, BytesPerCount: 3, MaxLength: 5000},
		{BitSize: 16, ValueOffset: 9000, BytesPerCount: 1},
		{BitSize: 16, ValueOffset: -20, BytesPerCount: 4, MaxLength: 3},
	} {
		lp.MaxLen = 4096
		l, err := NewLength(lp)
		if err != nil {
			t.Fatal(err)
		}
		for v := uint64(0); v < 1<<16; v++ {
			_, why := l.packetLen(v)
			usable := why == lenOK || why == lenOverCap
			inRange := l.lo <= v && v <= l.hi
			if usable != inRange {
				t.Fatalf("%+v: value %d: packetLen verdict %d, Scan range [%d, %d]", lp, v, why, l.lo, l.hi)
			}
		}
	}
}
