package ccsds

import (
	"bytes"
	"fmt"
	"maps"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

// The test builds its frames from the standards' field layouts with its own
// code: the header by explicit field shifts, a bit-serial CRC, and the
// randomizer table straight from framing-vectors.json, so the package is
// checked against the layouts rather than against itself.

var asm = []byte{0x1A, 0xCF, 0xFC, 0x1D}

// crcBitwise is CRC-16 x^16+x^12+x^5+1, preset ones, one bit at a time.
func crcBitwise(p []byte) uint16 {
	reg := uint16(0xFFFF)
	for _, o := range p {
		for i := 7; i >= 0; i-- {
			bit := uint16(o>>i) & 1
			fb := reg>>15 ^ bit
			reg <<= 1
			if fb == 1 {
				reg ^= 0x1021
			}
		}
	}
	return reg
}

// spacePacket is a TM space packet of APID apid, sequence count seq, with
// n data octets derived from both.
func spacePacket(apid, seq, n int) []byte {
	p := make([]byte, 6+n)
	p[0], p[1] = byte(apid>>8)&7, byte(apid)
	p[2], p[3] = 0xC0|byte(seq>>8)&0x3F, byte(seq)
	p[4], p[5] = byte((n-1)>>8), byte(n-1)
	for i := 0; i < n; i++ {
		p[6+i] = byte(apid*7 + seq*13 + i)
	}
	return p
}

// tmHdr is the TM primary header from its fields (132.0-B §4.1.2).
type tmHdr struct {
	version, scid, vcid, ocf, mc, vc, sec, sync, order, segLen, fhp int
}

func (h tmHdr) bytes() []byte {
	w0 := h.version<<14 | h.scid<<4 | h.vcid<<1 | h.ocf
	st := h.sec<<15 | h.sync<<14 | h.order<<13 | h.segLen<<11 | h.fhp
	return []byte{byte(w0 >> 8), byte(w0), byte(h.mc), byte(h.vc), byte(st >> 8), byte(st)}
}

// link is how the test's frames are put on the wire.
type link struct {
	frameLen  int
	fecf      bool
	randomize bool
	sync      []byte
	tmSeq     []byte // from the vectors file
}

// wire finishes a frame: FECF, randomization, ASM.
func (l link) wire(f []byte) []byte {
	f = append([]byte(nil), f...)
	if l.fecf {
		c := crcBitwise(f[:len(f)-2])
		f[len(f)-2], f[len(f)-1] = byte(c>>8), byte(c)
	}
	if l.randomize {
		for i := range f {
			f[i] ^= l.tmSeq[i%255]
		}
	}
	return append(append([]byte(nil), l.sync...), f...)
}

// vcStream cuts the packets of one VC into packet zones of zoneLen octets
// with first header pointers, the last zone completed by an idle packet.
// It returns the zones, their FHPs, and for each packet the range of zone
// indexes it lies in.
func vcStream(pkts [][]byte, zoneLen int) (zones [][]byte, fhps []int, span [][2]int) {
	var all []byte
	var starts []int
	for _, p := range pkts {
		starts = append(starts, len(all))
		all = append(all, p...)
	}
	if r := len(all) % zoneLen; r != 0 {
		idle := zoneLen - r
		if idle < 7 {
			idle += zoneLen
		}
		ip := spacePacket(0x7FF, 0, idle-6)
		starts = append(starts, len(all))
		all = append(all, ip...)
	}
	for z := 0; z*zoneLen < len(all); z++ {
		zones = append(zones, all[z*zoneLen:(z+1)*zoneLen])
		fhp := 0x7FF
		for _, s := range starts {
			if s >= z*zoneLen && s < (z+1)*zoneLen {
				fhp = s - z*zoneLen
				break
			}
		}
		fhps = append(fhps, fhp)
	}
	for i, p := range pkts {
		span = append(span, [2]int{starts[i] / zoneLen, (starts[i] + len(p) - 1) / zoneLen})
	}
	return
}

type got struct {
	pkts    map[int][][]byte // per VCID
	extras  []map[string]any
	reports []string
	stats   ExtractStats
}

func readLink(t *testing.T, p LinkParams, aos bool, chunks [][]byte, failFast bool) (got, error) {
	t.Helper()
	g := got{pkts: map[int][][]byte{}}
	r, err := NewLinkReader(p, aos, frame.Options{Report: func(m string) { g.reports = append(g.reports, m) }, FailFast: failFast})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := record.NewWriter(&buf)
	for _, c := range chunks {
		w.Write(nil, c)
	}
	w.Flush()
	err = r.Run(record.NewReader(&buf), func(m record.Meta, pkt []byte) error {
		x := m.Extra()
		vc, _ := toInt(x["VCID"])
		g.pkts[vc] = append(g.pkts[vc], append([]byte(nil), pkt...))
		g.extras = append(g.extras, maps.Clone(x)) // the meta is valid only during the call
		return nil
	})
	g.stats = r.x.Stats()
	return g, err
}

// chunk cuts b into pieces of varying sizes (as reads of a link would).
func chunk(b []byte, sizes ...int) [][]byte {
	var out [][]byte
	for i := 0; len(b) > 0; i++ {
		n := min(sizes[i%len(sizes)], len(b))
		out = append(out, b[:n])
		b = b[n:]
	}
	return out
}

// TestStreamWithFaults: two VCs interleaved, packets spanning up to three
// frames, one corrupted frame, one lost frame and garbage between frames,
// in one stream: every intact packet comes out, in order per VC, and no
// packet is emitted corrupted.
func TestStreamWithFaults(t *testing.T) {
	v := loadVectors(t)
	l := link{frameLen: 64, fecf: true, randomize: true, sync: asm, tmSeq: unhex(t, v.Randomizer.TM.All)}
	const scid = 0x2A
	zoneLen := l.frameLen - 6 - 2
	sizes := map[int][]int{
		1: {10, 30, 120, 8, 20, 20, 130, 15, 40, 5, 60, 12}, // 120 and 130 octets span three 56-octet zones
		2: {50, 1, 70, 33, 100, 9, 9, 9, 44, 110, 7},
	}
	pkts := map[int][][]byte{}
	zones, fhps, spans := map[int][][]byte{}, map[int][]int{}, map[int][][2]int{}
	for vc, ns := range sizes {
		for i, n := range ns {
			pkts[vc] = append(pkts[vc], spacePacket(0x100+vc, i, n))
		}
		zones[vc], fhps[vc], spans[vc] = vcStream(pkts[vc], zoneLen)
	}
	// Interleave: VC1, VC1, VC2, ... with a master channel count.
	order := []int{}
	for i, j := 0, 0; i < len(zones[1]) || j < len(zones[2]); {
		if i < len(zones[1]) {
			order = append(order, 1)
			i++
		}
		if i < len(zones[1]) && i%3 == 0 {
			order = append(order, 1)
			i++
		}
		if j < len(zones[2]) {
			order = append(order, 2)
			j++
		}
	}
	const corruptVC, corruptFrame = 1, 3 // VC1's 4th frame: holds the middle of a 3-frame packet
	const lostVC, lostFrame = 2, 4
	var stream []byte
	next := map[int]int{}
	for mc, vc := range order {
		k := next[vc]
		next[vc]++
		f := append(tmHdr{scid: scid, vcid: vc, mc: mc % 256, vc: k % 256, segLen: 3, fhp: fhps[vc][k]}.bytes(), zones[vc][k]...)
		f = append(f, 0, 0)
		w := l.wire(f)
		switch {
		case vc == corruptVC && k == corruptFrame:
			w[4+20] ^= 0x10
		case vc == lostVC && k == lostFrame:
			continue
		}
		if mc == 5 {
			stream = append(stream, []byte("garbage\x1a\xcf between frames")...)
		}
		stream = append(stream, w...)
	}
	lost := map[int]int{corruptVC: corruptFrame, lostVC: lostFrame}
	want := map[int][][]byte{}
	for vc, ps := range pkts {
		for i, p := range ps {
			if s := spans[vc][i]; lost[vc] < s[0] || lost[vc] > s[1] {
				want[vc] = append(want[vc], p)
			}
		}
	}
	three := 0
	for vc := range spans {
		for i, s := range spans[vc] {
			if s[1]-s[0] == 2 && (lost[vc] < s[0] || lost[vc] > s[1]) {
				three++
				_ = i
			}
		}
	}
	if len(want[1]) >= len(pkts[1]) || len(want[2]) >= len(pkts[2]) || three == 0 {
		t.Fatalf("test setup: the faults should cost packets on both VCs and a 3-frame packet should survive (%d+%d of %d+%d, %d)", len(want[1]), len(want[2]), len(pkts[1]), len(pkts[2]), three)
	}
	p := DefaultLinkParams()
	p.SCID, p.FrameLength, p.FECF = scid, l.frameLen, true
	for _, cs := range [][]int{{len(stream)}, {1}, {7, 100, 3, 64}, {68}} {
		t.Run(fmt.Sprintf("chunks%v", cs), func(t *testing.T) {
			g, err := readLink(t, p, false, chunk(stream, cs...), false)
			if err != nil {
				t.Fatal(err)
			}
			for vc := 1; vc <= 2; vc++ {
				if len(g.pkts[vc]) != len(want[vc]) {
					t.Errorf("VC %d: %d packets, want %d", vc, len(g.pkts[vc]), len(want[vc]))
				}
				for i := range min(len(g.pkts[vc]), len(want[vc])) {
					if !bytes.Equal(g.pkts[vc][i], want[vc][i]) {
						t.Errorf("VC %d packet %d: %X, want %X", vc, i, g.pkts[vc][i], want[vc][i])
					}
				}
			}
			wantReports := []string{
				"discarded 24 bytes of garbage at stream offset 340 before the sync pattern at 364",
				"TM frame FECF 0x608B does not match its contents (0xCC37): frame dropped at stream offset 364; resyncing",
				"TM VC 1 frame count 4 at stream offset 500: VC frame count jumped from 2 (1 frame lost); discarded a 116-octet partial packet, resuming at the next first header pointer",
				"TM VC 2 frame count 5 at stream offset 840: VC frame count jumped from 3 (1 frame lost); discarded a 46-octet partial packet, resuming at the next first header pointer",
			}
			if diff := cmp.Diff(wantReports, g.reports); diff != "" {
				t.Errorf("reports (-want +got):\n%s", diff)
			}
			if s := g.stats; s.Gaps != 2 || s.LostFrames != 2 || s.MCGaps != 2 || s.Partials != 2 {
				t.Errorf("stats %+v: want 2 VC gaps, 2 frames lost, 2 MC gaps, 2 partials", s)
			}
		})
	}
}
