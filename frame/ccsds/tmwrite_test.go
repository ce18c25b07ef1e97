package ccsds

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/google/go-cmp/cmp"
)

// writeLink packs pkts (VC per packet) with the LinkWriter and returns the
// frames as written.
func writeLink(t *testing.T, p LinkParams, aos bool, vcid int, pkts [][]byte, vcs []int) ([][]byte, []string) {
	t.Helper()
	var in, out bytes.Buffer
	w := record.NewWriter(&in)
	for i, pk := range pkts {
		var m record.Meta
		if vcs != nil {
			m = record.Meta{record.KeyExtra: map[string]any{"VCID": uint64(vcs[i])}}
		}
		w.Write(m, pk)
	}
	w.Flush()
	var reports []string
	ow := record.NewWriter(&out)
	lw, err := NewLinkWriter(p, aos, vcid, frame.Options{Report: func(m string) { reports = append(reports, m) }}, ow)
	if err != nil {
		t.Fatal(err)
	}
	if err := lw.Run(record.NewReader(&in)); err != nil {
		t.Fatal(err)
	}
	ow.Flush()
	var frames [][]byte
	rd := record.NewReader(&out)
	for {
		r, err := rd.Read()
		if err != nil {
			break
		}
		frames = append(frames, append([]byte(nil), r.Data...))
	}
	return frames, reports
}

// parsed is a written TM frame taken apart by the test's own field shifts.
type parsed struct {
	scid, vcid, ocf, mc, vc, sec, sync, order, segLen, fhp int
	zone                                                   []byte
}

func parseTM(t *testing.T, l link, f []byte) parsed {
	t.Helper()
	if !bytes.HasPrefix(f, l.sync) {
		t.Fatalf("frame does not start with the sync pattern %X: %X", l.sync, f[:8])
	}
	f = append([]byte(nil), f[len(l.sync):]...)
	if len(f) != l.frameLen {
		t.Fatalf("frame of %d octets, want %d", len(f), l.frameLen)
	}
	if l.randomize {
		for i := range f {
			f[i] ^= l.tmSeq[i%255]
		}
	}
	end := len(f)
	if l.fecf {
		end -= 2
		if c := crcBitwise(f[:end]); c != binary.BigEndian.Uint16(f[end:]) {
			t.Fatalf("FECF %04X, want %04X", binary.BigEndian.Uint16(f[end:]), c)
		}
	}
	w0, st := int(binary.BigEndian.Uint16(f)), int(binary.BigEndian.Uint16(f[4:]))
	if w0>>14 != 0 {
		t.Fatalf("version %d", w0>>14)
	}
	return parsed{scid: w0 >> 4 & 0x3FF, vcid: w0 >> 1 & 7, ocf: w0 & 1, mc: int(f[2]), vc: int(f[3]),
		sec: st >> 15, sync: st >> 14 & 1, order: st >> 13 & 1, segLen: st >> 11 & 3, fhp: st & 0x7FF, zone: f[6:end]}
}

// reassemble rebuilds the packets of one VC's zones through the FHPs,
// dropping idle packets and 0xE0 octets, as the standard describes.
func reassemble(t *testing.T, zones [][]byte, fhps []int) [][]byte {
	t.Helper()
	var all []byte
	var starts []int
	for i, z := range zones {
		if fhps[i] != 0x7FF {
			starts = append(starts, len(all)+fhps[i])
		}
		all = append(all, z...)
	}
	if len(starts) == 0 || starts[0] != 0 {
		t.Fatalf("the first frame must start with a packet header (FHP %d)", fhps[0])
	}
	var out [][]byte
	for p := 0; p < len(all); {
		if all[p] == 0xE0 {
			p++
			continue
		}
		n := int(binary.BigEndian.Uint16(all[p+4:])) + 7
		if binary.BigEndian.Uint16(all[p:])&0x7FF != 0x7FF {
			out = append(out, all[p:p+n])
		}
		p += n
	}
	return out
}

// TestTMWriteParams: every parameter of the write direction, checked by
// taking the frames apart with the test's own field layout code.
func TestTMWriteParams(t *testing.T) {
	v := loadVectors(t)
	seq := unhex(t, v.Randomizer.TM.All)
	pkts := [][]byte{spacePacket(1, 0, 10), spacePacket(2, 1, 100), spacePacket(3, 2, 4), spacePacket(4, 3, 1)}
	base := DefaultLinkParams()
	base.SCID, base.FrameLength = 0x155, 48
	cases := []struct {
		name string
		p    func(*LinkParams)
		l    link
		vcid int
	}{
		{"defaults", nil, link{frameLen: 48, randomize: true, sync: asm, tmSeq: seq}, -1},
		{"vcid", nil, link{frameLen: 48, randomize: true, sync: asm, tmSeq: seq}, 6},
		{"frame length", func(p *LinkParams) { p.FrameLength = 2048 }, link{frameLen: 2048, randomize: true, sync: asm, tmSeq: seq}, -1},
		{"no randomization", func(p *LinkParams) { p.Randomize = false }, link{frameLen: 48, sync: asm}, -1},
		{"fecf", func(p *LinkParams) { p.FECF = true }, link{frameLen: 48, fecf: true, randomize: true, sync: asm, tmSeq: seq}, -1},
		{"custom sync", func(p *LinkParams) { p.Sync = []byte{0xFA, 0xF3, 0x20} }, link{frameLen: 48, randomize: true, sync: []byte{0xFA, 0xF3, 0x20}, tmSeq: seq}, -1},
		{"fill false: no sync pattern", func(p *LinkParams) { p.Fill = false }, link{frameLen: 48, randomize: true, tmSeq: seq}, -1},
		{"discard beyond the sync pattern", func(p *LinkParams) { p.Discard = 6 }, link{frameLen: 48, randomize: true, sync: append(append([]byte{}, asm...), 0, 0), tmSeq: seq}, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := base
			if c.p != nil {
				c.p(&p)
			}
			frames, reports := writeLink(t, p, false, c.vcid, pkts, nil)
			if len(reports) > 0 {
				t.Fatal(reports)
			}
			var zones [][]byte
			var fhps []int
			for i, f := range frames {
				h := parseTM(t, c.l, f)
				want := parsed{scid: 0x155, vcid: max(c.vcid, 0), mc: i, vc: i, segLen: 3, fhp: h.fhp, zone: h.zone}
				if diff := cmp.Diff(want, h, cmp.AllowUnexported(parsed{})); diff != "" {
					t.Errorf("frame %d header (-want +got):\n%s", i, diff)
				}
				zones, fhps = append(zones, h.zone), append(fhps, h.fhp)
			}
			if diff := cmp.Diff(hexes(pkts), hexes(reassemble(t, zones, fhps))); diff != "" {
				t.Errorf("packets (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTMWriteRejects: records that are not one whole TM space packet.
func TestTMWriteRejects(t *testing.T) {
	p := DefaultLinkParams()
	p.SCID = 1
	for _, c := range []struct {
		rec  []byte
		want string
	}{
		{[]byte{1, 2, 3}, "record 1: a 3-octet record is not a space packet (7 octets at least); skipped"},
		{spacePacket(1, 0, 10)[:12], "record 1: space packet length field says 16 octets but the record holds 12; skipped"},
		{append([]byte{0x18}, spacePacket(1, 0, 1)[1:]...), "record 1: space packet of type TC in a telemetry frame (header 1801C0000000); skipped"},
	} {
		frames, reports := writeLink(t, p, false, -1, [][]byte{c.rec}, nil)
		if len(frames) != 0 || !cmp.Equal(reports, []string{c.want}) {
			t.Errorf("%X: %d frames, reports %q, want %q", c.rec, len(frames), reports, c.want)
		}
	}
	if _, err := NewLinkWriter(p, false, 8, frame.Options{}, nil); err == nil {
		t.Error("VCID 8 accepted for TM")
	}
}

// TestRoundTrip: the write direction then the read direction give back
// every packet of every VC in order, for TM and AOS, with random packet
// sizes (up to several frames), random chunking and each option.
func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct {
		name string
		aos  bool
		p    func(*LinkParams)
	}{
		{"tm defaults", false, nil},
		{"tm fecf 1115", false, func(p *LinkParams) { p.FECF, p.FrameLength = true, 1115 }},
		{"tm plain short", false, func(p *LinkParams) { p.Randomize, p.FrameLength, p.Sync = false, 20, []byte{0xEB} }},
		{"aos defaults", true, nil},
		{"aos ocf insert zone fecf", true, func(p *LinkParams) { p.OCF, p.InsertZone, p.FECF, p.FrameLength = true, 3, true, 300 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := DefaultLinkParams()
			p.SCID = 0x42
			if c.p != nil {
				c.p(&p)
			}
			maxVC := 8
			if c.aos {
				maxVC = 63
			}
			var pkts [][]byte
			var vcs []int
			want := map[int][]string{}
			for i := 0; i < 300; i++ {
				n := 1 + rng.IntN(3*p.FrameLength)
				if rng.IntN(4) == 0 {
					n = 1 + rng.IntN(8)
				}
				vc := rng.IntN(3) * (maxVC - 1) / 2
				pk := spacePacket(rng.IntN(0x7FE), i, n)
				pkts, vcs = append(pkts, pk), append(vcs, vc)
				want[vc] = append(want[vc], fmt.Sprintf("%X", pk))
			}
			frames, reports := writeLink(t, p, c.aos, -1, pkts, vcs)
			if len(reports) > 0 {
				t.Fatal(reports)
			}
			stream := bytes.Join(frames, nil)
			g, err := readLink(t, p, c.aos, chunk(stream, 1+rng.IntN(5000), 1+rng.IntN(100)), false)
			if err != nil {
				t.Fatal(err)
			}
			if len(g.reports) > 0 {
				t.Fatal(g.reports)
			}
			for vc, w := range want {
				var gs []string
				for _, pk := range g.pkts[vc] {
					gs = append(gs, fmt.Sprintf("%X", pk))
				}
				if diff := cmp.Diff(w, gs); diff != "" {
					t.Errorf("VC %d (-want +got):\n%s", vc, diff)
				}
			}
		})
	}
}

func frameOptions() frame.Options { return frame.Options{} }
