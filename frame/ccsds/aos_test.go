package ccsds

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// aosFrame builds an AOS frame from the 732.0-B field layout: version 01,
// SCID 8 bits, VCID 6 bits, VC frame count 24 bits, signalling field, then
// the optional FHEC and insert zone, the M_PDU header (5 spare bits,
// 11-bit first header pointer), the packet zone, OCF and FECF.
func aosFrame(l link, scid, vcid, count int, replay bool, fhec, iz []byte, fhp int, zone, ocf []byte) []byte {
	w0 := 1<<14 | scid<<6 | vcid
	sig := 0
	if replay {
		sig = 0x80
	}
	f := []byte{byte(w0 >> 8), byte(w0), byte(count >> 16), byte(count >> 8), byte(count), byte(sig)}
	f = append(f, fhec...)
	f = append(f, iz...)
	f = append(f, byte(fhp>>8), byte(fhp))
	f = append(f, zone...)
	f = append(f, ocf...)
	if l.fecf {
		f = append(f, 0, 0)
	}
	if len(f) != l.frameLen {
		panic("aos test frame of wrong length")
	}
	return l.wire(f)
}

func TestAOSReadParams(t *testing.T) {
	v := loadVectors(t)
	seq := unhex(t, v.Randomizer.TM.All)
	p1, p2, p3 := spacePacket(9, 0, 12), spacePacket(10, 1, 24), spacePacket(11, 2, 40)
	l := link{frameLen: 60, randomize: true, sync: asm, tmSeq: seq}
	lf := link{frameLen: 60, fecf: true, randomize: true, sync: asm, tmSeq: seq}
	base := DefaultLinkParams()
	base.SCID, base.FrameLength = 0xC3, 60
	for _, c := range []struct {
		name    string
		p       func(*LinkParams)
		stream  []byte
		want    [][]byte
		extra   map[string]any
		reports []string
	}{
		{name: "defaults", stream: aosFrame(l, 0xC3, 12, 0x123456, false, nil, nil, 0, zoneOf(52, p1, p2), nil),
			want: [][]byte{p1, p2}, extra: map[string]any{"VCID": 12, "VC_FRM_CNT": 0x123456}},
		{name: "fecf ocf insert zone fhec", p: func(p *LinkParams) { p.FECF, p.OCF, p.InsertZone, p.FHEC = true, true, 2, true },
			stream: aosFrame(lf, 0xC3, 1, 5, false, []byte{0xAA, 0xBB}, []byte{1, 2}, 0, zoneOf(42, p1, p1), []byte{9, 8, 7, 6}),
			want:   [][]byte{p1, p1}},
		{name: "frames mode", p: func(p *LinkParams) { p.Frames, p.OCF, p.InsertZone = true, true, 1 },
			stream: aosFrame(l, 0xC3, 2, 7, true, nil, []byte{0x5A}, 0x7FF, bytes.Repeat([]byte{0xE0}, 47), []byte{0xDE, 0xAD, 0xBE, 0xEF}),
			extra:  map[string]any{"VCID": 2, "VC_FRM_CNT": 7, "SCID": 0xC3, "FHP": 0x7FF, "OCF": "deadbeef", "REPLAY_FLAG": true, "INSERT_ZONE": "5a"}},
		{name: "idle VC 63 dropped", stream: aosFrame(l, 0xC3, 63, 0, false, nil, nil, 0, zoneOf(52, p1), nil)},
		{name: "idle VC 63 holds no M_PDU: its pointer field is not checked", stream: aosFrame(l, 0xC3, 63, 0, false, nil, nil, 0x555, bytes.Repeat([]byte{0x55}, 52), nil)},
		{name: "idle VC 63 frame", p: func(p *LinkParams) { p.Frames = true }, stream: aosFrame(l, 0xC3, 63, 1, false, nil, nil, 0x555, bytes.Repeat([]byte{0x55}, 52), nil),
			extra: map[string]any{"VCID": 63, "VC_FRM_CNT": 1, "SCID": 0xC3, "REPLAY_FLAG": false}},
		{name: "spanning with a gap in the 24-bit count",
			stream: bytes.Join([][]byte{
				aosFrame(l, 0xC3, 4, 0xFFFFFE, false, nil, nil, 0, zoneOf(52, p1, p3[:34]), nil),
				aosFrame(l, 0xC3, 4, 0xFFFFFF, false, nil, nil, 12, append(p3[34:], zoneOf(40, p2)...), nil),
				aosFrame(l, 0xC3, 4, 1, false, nil, nil, 0, zoneOf(52, p2), nil),
			}, nil),
			want:    [][]byte{p1, p3, p2, p2},
			reports: []string{"AOS VC 4 frame count 1 at stream offset 128: VC frame count jumped from 16777215 (1 frame lost); discarded a 0-octet partial packet, resuming at the next first header pointer"}},
		{name: "wrong version (a TM frame)", stream: l.tmFrame(tmHdr{scid: 0xC3, segLen: 3}, zoneOf(54, p1), nil),
			reports: []string{"AOS frame version 1, not 2 (binary 01): frame dropped at stream offset 0; resyncing"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := base
			if c.p != nil {
				c.p(&p)
			}
			g, err := readLink(t, p, true, [][]byte{c.stream}, false)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Frames {
				if diff := cmp.Diff(hexes(c.want), hexes(g.pkts[firstVC(g)])); diff != "" {
					t.Errorf("packets (-want +got):\n%s", diff)
				}
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

// TestAOSWriteLayout: the written header fields by the test's own shifts.
func TestAOSWriteLayout(t *testing.T) {
	p := DefaultLinkParams()
	p.SCID, p.FrameLength, p.Randomize, p.OCF, p.InsertZone, p.FECF = 0xC3, 40, false, true, 2, true
	frames, _ := writeLink(t, p, true, 17, [][]byte{spacePacket(1, 0, 10), spacePacket(2, 0, 10)}, nil)
	if len(frames) != 2 {
		t.Fatalf("%d frames", len(frames))
	}
	for i, f := range frames {
		f = f[4:]
		if w0 := int(f[0])<<8 | int(f[1]); w0>>14 != 1 || w0>>6&0xFF != 0xC3 || w0&0x3F != 17 {
			t.Errorf("frame %d: header word %04X", i, w0)
		}
		if cnt := int(f[2])<<16 | int(f[3])<<8 | int(f[4]); cnt != i {
			t.Errorf("frame %d: VC count %d", i, cnt)
		}
		if c := crcBitwise(f[:38]); c != uint16(f[38])<<8|uint16(f[39]) {
			t.Errorf("frame %d: FECF", i)
		}
	}
	// Packet zone 40-6-2-2-4-2 = 24: the first packet (16) then 8 octets of
	// the second, whose other 8 start the second frame, then the idle packet
	// that completes it (FHP 8 there).
	if fhp := int(frames[0][4+8])<<8 | int(frames[0][4+9]); fhp != 0 {
		t.Errorf("first FHP %X", fhp)
	}
	if fhp := int(frames[1][4+8])<<8 | int(frames[1][4+9]); fhp != 8 {
		t.Errorf("second FHP %X", fhp)
	}
	p.FHEC = true
	if _, err := NewLinkWriter(p, true, 0, frameOptions(), nil); err == nil {
		t.Error("FHEC on write accepted")
	}
}
