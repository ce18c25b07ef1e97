package ccsds

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tmFrame is one test frame: header fields, then the data field octets
// (secondary header included), an OCF when ocf is non-nil, and room for the
// FECF when the link has one.
func (l link) tmFrame(h tmHdr, data, ocf []byte) []byte {
	f := append(h.bytes(), data...)
	if ocf != nil {
		f = append(f, ocf...)
	}
	if l.fecf {
		f = append(f, 0, 0)
	}
	if len(f) != l.frameLen {
		panic("test frame of wrong length")
	}
	return l.wire(f)
}

// zoneOf pads packets to n octets with an idle packet (or 0xE0 octets).
func zoneOf(n int, pkts ...[]byte) []byte {
	z := bytes.Join(pkts, nil)
	switch r := n - len(z); {
	case r >= 7:
		z = append(z, spacePacket(0x7FF, 0, r-6)...)
	case r > 0:
		z = append(z, bytes.Repeat([]byte{0xE0}, r)...)
	}
	return z
}

// TestTMReadParams: one case per parameter and per header feature of the
// read direction.
func TestTMReadParams(t *testing.T) {
	v := loadVectors(t)
	seq := unhex(t, v.Randomizer.TM.All)
	std := link{frameLen: 40, randomize: true, sync: asm, tmSeq: seq}
	p1, p2, p3 := spacePacket(1, 0, 10), spacePacket(2, 1, 4), spacePacket(3, 2, 40)
	hdr := func(vc, cnt, fhp int) tmHdr { return tmHdr{scid: 42, vcid: vc, mc: cnt, vc: cnt, segLen: 3, fhp: fhp} }
	base := DefaultLinkParams()
	base.SCID, base.FrameLength = 42, 40

	type tc struct {
		name    string
		p       func(*LinkParams)
		stream  []byte
		want    [][]byte
		reports []string
		extra   map[string]any // of the first record
	}
	l := std
	cases := []tc{
		{name: "defaults", stream: l.tmFrame(hdr(0, 0, 0), zoneOf(34, p1, p2), nil), want: [][]byte{p1, p2},
			extra: map[string]any{"VCID": 0, "MC_FRM_CNT": 0, "VC_FRM_CNT": 0}},
		{name: "scid mismatch", p: func(p *LinkParams) { p.SCID = 7 },
			stream:  l.tmFrame(hdr(0, 0, 0), zoneOf(34, p1), nil),
			reports: []string{"TM frame for spacecraft 42 (0x2A), not 7: frame dropped at stream offset 0; resyncing"}},
		{name: "frame length", p: func(p *LinkParams) { p.FrameLength = 60 },
			stream: link{frameLen: 60, randomize: true, sync: asm, tmSeq: seq}.tmFrame(hdr(3, 9, 0), zoneOf(54, p1, p2, p2), nil), want: [][]byte{p1, p2, p2},
			extra: map[string]any{"VCID": 3, "MC_FRM_CNT": 9, "VC_FRM_CNT": 9}},
		{name: "randomization false", p: func(p *LinkParams) { p.Randomize = false },
			stream: link{frameLen: 40, sync: asm}.tmFrame(hdr(0, 0, 0), zoneOf(34, p1), nil), want: [][]byte{p1}},
		{name: "randomized frame read as plain", p: func(p *LinkParams) { p.Randomize = false },
			stream:  l.tmFrame(hdr(0, 0, 0), zoneOf(34, p1), nil),
			reports: []string{"TM frame version 3, not 0: frame dropped at stream offset 0; resyncing"}},
		{name: "discard beyond the sync pattern", p: func(p *LinkParams) { p.Discard = 6 },
			stream: func() []byte {
				w := l.tmFrame(hdr(0, 0, 0), zoneOf(34, p2), nil)
				return append(append(append([]byte{}, asm...), 0xAA, 0xBB), w[4:]...)
			}(), want: [][]byte{p2}},
		{name: "custom sync pattern", p: func(p *LinkParams) { p.Sync = []byte{0x35, 0x2E, 0xF8, 0x53} },
			stream: append([]byte("junk"), link{frameLen: 40, randomize: true, sync: []byte{0x35, 0x2E, 0xF8, 0x53}, tmSeq: seq}.tmFrame(hdr(0, 0, 0), zoneOf(34, p1), nil)...),
			want:   [][]byte{p1}, reports: []string{"discarded 4 bytes of garbage at stream offset 0 before the sync pattern at 4"}},
		{name: "no sync pattern", p: func(p *LinkParams) { p.Sync = nil },
			stream: append(link{frameLen: 40, randomize: true, tmSeq: seq}.tmFrame(hdr(0, 0, 0), zoneOf(34, p1), nil),
				link{frameLen: 40, randomize: true, tmSeq: seq}.tmFrame(hdr(0, 1, 0), zoneOf(34, p2), nil)...),
			want: [][]byte{p1, p2}},
		{name: "fecf", p: func(p *LinkParams) { p.FECF = true },
			stream: link{frameLen: 40, fecf: true, randomize: true, sync: asm, tmSeq: seq}.tmFrame(hdr(0, 0, 0), zoneOf(32, p1, p2), nil), want: [][]byte{p1, p2}},
		{name: "fecf bad", p: func(p *LinkParams) { p.FECF = true },
			stream: func() []byte {
				w := link{frameLen: 40, fecf: true, randomize: true, sync: asm, tmSeq: seq}.tmFrame(hdr(0, 0, 0), zoneOf(32, p1, p2), nil)
				w[20] ^= 1
				return w
			}(),
			reports: []string{"TM frame FECF 0xAF7F does not match its contents (0xC2A7): frame dropped at stream offset 0; resyncing"}},
		{name: "ocf flag from the header", p: func(p *LinkParams) { p.Frames = false },
			stream: l.tmFrame(tmHdr{scid: 42, ocf: 1, segLen: 3}, zoneOf(30, p1), []byte{1, 2, 3, 4}), want: [][]byte{p1}},
		{name: "secondary header from the header",
			stream: l.tmFrame(tmHdr{scid: 42, sec: 1, segLen: 3}, append([]byte{0x03, 9, 9, 9}, zoneOf(30, p2)...), nil), want: [][]byte{p2}},
		{name: "frames mode", p: func(p *LinkParams) { p.Frames = true },
			stream: l.tmFrame(tmHdr{scid: 42, vcid: 5, ocf: 1, sec: 1, mc: 7, vc: 3, segLen: 3}, append([]byte{0x01, 0xAB}, zoneOf(28, p1)...), []byte{1, 2, 3, 4}),
			want: [][]byte{func() []byte {
				f := append(tmHdr{scid: 42, vcid: 5, ocf: 1, sec: 1, mc: 7, vc: 3, segLen: 3}.bytes(), 0x01, 0xAB)
				return append(append(f, zoneOf(28, p1)...), 1, 2, 3, 4)
			}()},
			extra: map[string]any{"VCID": 5, "MC_FRM_CNT": 7, "VC_FRM_CNT": 3, "SCID": 42, "FHP": 0, "OCF": "01020304", "SECONDARY_HEADER": "01ab",
				"SYNC_FLAG": 0, "PACKET_ORDER_FLAG": 0, "SEGMENT_LENGTH_ID": 3}},
		{name: "idle packets and E0 fill dropped",
			stream: l.tmFrame(hdr(0, 0, 0), append(append(append([]byte{}, p2...), spacePacket(0x7FF, 0, 1)...), append([]byte{0xE0}, p1...)...), nil),
			want:   [][]byte{p2, p1}},
		{name: "VCA data (sync flag 1): no packets, pointer not checked", stream: l.tmFrame(tmHdr{scid: 42, sync: 1, fhp: 0x123}, zoneOf(34, p1), nil)},
		{name: "VCA frame", p: func(p *LinkParams) { p.Frames = true }, stream: l.tmFrame(tmHdr{scid: 42, sync: 1, order: 1, segLen: 1, fhp: 0x123}, zoneOf(34, p1), nil),
			want:  [][]byte{append(tmHdr{scid: 42, sync: 1, order: 1, segLen: 1, fhp: 0x123}.bytes(), zoneOf(34, p1)...)},
			extra: map[string]any{"VCID": 0, "MC_FRM_CNT": 0, "VC_FRM_CNT": 0, "SCID": 42, "SYNC_FLAG": 1, "PACKET_ORDER_FLAG": 1, "SEGMENT_LENGTH_ID": 1}},
		{name: "idle-only frame", stream: l.tmFrame(hdr(0, 0, 0x7FE), bytes.Repeat([]byte{0x55}, 34), nil)},
		{name: "continuation at the start is dropped quietly",
			stream: append(l.tmFrame(hdr(0, 0, 0x7FF), p3[:34], nil), l.tmFrame(hdr(0, 1, 12), append(p3[34:], zoneOf(22, p1)...), nil)...),
			want:   [][]byte{p1}},
		{name: "packet across frames",
			stream: append(l.tmFrame(hdr(0, 0, 0), zoneOf(34, p1, p3[:18]), nil), l.tmFrame(hdr(0, 1, 0x7FF), zoneOf(34, p3[18:]), nil)...),
			want:   [][]byte{p1, p3}},
		{name: "packet not ending at the next first header pointer",
			stream:  append(l.tmFrame(hdr(0, 0, 0), zoneOf(34, p1, p3[:18]), nil), l.tmFrame(hdr(0, 1, 20), append(p3[18:38], zoneOf(14, p2)...), nil)...),
			want:    [][]byte{p1, p2},
			reports: []string{"TM VC 0 frame count 1 at stream offset 44: the 46-octet packet begun in an earlier frame does not end at the first header pointer 20; discarded a 38-octet partial packet"}},
		{name: "packet unfinished at the end of input",
			stream:  l.tmFrame(hdr(0, 0, 0), zoneOf(34, p1, p3[:18]), nil),
			want:    [][]byte{p1},
			reports: []string{"end of input: TM VC 0's partial packet (18 octets of 46) discarded"}},
		{name: "telecommand packet in a telemetry frame",
			stream:  l.tmFrame(hdr(0, 0, 0), zoneOf(34, append([]byte{0x18}, p1[1:]...)), nil),
			reports: []string{"TM VC 0 frame count 0 at stream offset 0: space packet of type TC in a telemetry frame (header 1801C0000009); rest of the frame (34 octets) discarded"}},
		{name: "first header pointer beyond the data field",
			stream:  l.tmFrame(hdr(0, 0, 40), zoneOf(34, p1), nil),
			reports: []string{"TM frame first header pointer 40 lies beyond its 34-octet data field: frame dropped at stream offset 0; resyncing"}},
		{name: "wrong version",
			stream:  l.tmFrame(tmHdr{version: 1, scid: 42, segLen: 3}, zoneOf(34, p1), nil),
			reports: []string{"TM frame version 1, not 0: frame dropped at stream offset 0; resyncing"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := base
			if c.p != nil {
				c.p(&p)
			}
			g, err := readLink(t, p, false, [][]byte{c.stream}, false)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(hexes(c.want), hexes(g.pkts[firstVC(g)])); diff != "" {
				t.Errorf("packets (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(c.reports, g.reports); diff != "" {
				t.Errorf("reports (-want +got):\n%s", diff)
			}
			if c.extra != nil {
				if len(g.extras) == 0 {
					t.Fatal("no record")
				}
				if diff := cmp.Diff(c.extra, g.extras[0]); diff != "" {
					t.Errorf("extra (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func firstVC(g got) int {
	for vc := range g.pkts {
		return vc
	}
	return 0
}

func hexes(b [][]byte) []string {
	var s []string
	for _, x := range b {
		s = append(s, hex.EncodeToString(x))
	}
	return s
}
