package ccsds

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

// fuzzLink reads data as a raw TM or AOS stream with parameters taken from
// its first octet, and checks what no input may break: no panic, every
// packet a whole TM space packet, and reassembly memory bounded by one
// packet plus one frame per VC.
func fuzzLink(t *testing.T, data []byte, aos bool) {
	if len(data) == 0 {
		return
	}
	cfg := data[0]
	p := DefaultLinkParams()
	p.SCID, p.FrameLength = 0x2A, 32+int(cfg&0x0F)*8
	p.Randomize, p.FECF = cfg&0x10 != 0, cfg&0x20 != 0
	if cfg&0x40 != 0 {
		p.Sync = nil
	}
	if aos {
		p.OCF, p.InsertZone = cfg&0x80 != 0, int(cfg&3)
	}
	p.Frames = cfg&0x80 != 0 && !aos
	r, err := NewLinkReader(p, aos, frame.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = r.ReadRaw(bytes.NewReader(data[1:]), func(m record.Meta, pkt []byte) error {
		if p.Frames {
			if len(pkt) != p.FrameLength {
				t.Fatalf("frame of %d octets", len(pkt))
			}
			return nil
		}
		if len(pkt) < 7 || int(binary.BigEndian.Uint16(pkt[4:]))+7 != len(pkt) || pkt[0]>>4 != 0 {
			t.Fatalf("emitted a packet that is not a whole TM space packet: %X", pkt)
		}
		if _, ok := m.Extra()["VCID"]; !ok {
			t.Fatal("packet without VCID")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, vc := range r.x.vcs {
		if cap(vc.pending) > 2*(maxPacket+maxTMFrame) {
			t.Fatalf("reassembly buffer grew to %d", cap(vc.pending))
		}
	}
}

func seedLink(f *testing.F, aos bool) {
	p := DefaultLinkParams()
	p.SCID, p.FrameLength, p.FECF = 0x2A, 64, true
	var out bytes.Buffer
	w := record.NewRawWriter(&out)
	lw, _ := NewLinkWriter(p, aos, -1, frame.Options{}, w)
	var in bytes.Buffer
	rw := record.NewWriter(&in)
	for i := 0; i < 6; i++ {
		rw.Write(nil, spacePacket(i, i, 1+i*17))
	}
	rw.Flush()
	lw.Run(record.NewReader(&in))
	w.Flush()
	f.Add(append([]byte{0x34}, out.Bytes()...)) // length 64, randomized, FECF
	f.Add([]byte{0x00})
	f.Add(append([]byte{0x34}, bytes.Repeat([]byte{0x1A, 0xCF, 0xFC, 0x1D}, 40)...))
}

func FuzzTMRead(f *testing.F) {
	seedLink(f, false)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLink(t, data, false) })
}

func FuzzAOSRead(f *testing.F) {
	seedLink(f, true)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLink(t, data, true) })
}

// FuzzTMRoundTrip: any packets written come back, in order per VC.
func FuzzTMRoundTrip(f *testing.F) {
	f.Add([]byte{1, 2, 3, 200, 9, 0, 77}, uint8(0))
	f.Fuzz(func(t *testing.T, sizes []byte, cfg uint8) {
		p := DefaultLinkParams()
		p.SCID, p.FrameLength, p.FECF, p.Randomize = 3, 24+int(cfg&0x3F), cfg&0x40 != 0, cfg&0x80 != 0
		var pkts [][]byte
		var vcs []int
		for i, s := range sizes {
			pkts, vcs = append(pkts, spacePacket(i%0x7FF, i, 1+int(s)*int(s)/8)), append(vcs, int(s)%3)
		}
		frames, reports := writeLink(t, p, false, -1, pkts, vcs)
		if len(reports) > 0 {
			t.Fatal(reports)
		}
		g, err := readLink(t, p, false, [][]byte{bytes.Join(frames, nil)}, true)
		if err != nil {
			t.Fatal(err)
		}
		for i, pk := range pkts {
			vc := vcs[i]
			if len(g.pkts[vc]) == 0 || !bytes.Equal(g.pkts[vc][0], pk) {
				t.Fatalf("packet %d (VC %d) not read back", i, vc)
			}
			g.pkts[vc] = g.pkts[vc][1:]
		}
	})
}

func FuzzTCRead(f *testing.F) {
	tc, _ := NewTCTF(TCParams{Randomize: true, FECF: true, Bypass: 1, SCID: 1, Fill: 0x55})
	fr, _ := tc.Frame(nil, []byte("command"))
	f.Add(uint8(3), bytes.Clone(fr[0]))
	f.Add(uint8(0), []byte{0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, cfg uint8, data []byte) {
		tc, err := NewTCTF(TCParams{Randomize: cfg&1 != 0, FECF: cfg&2 != 0, SCID: 1, Fill: 0x55, CheckVCID: cfg&4 != 0})
		if err != nil {
			t.Fatal(err)
		}
		d := frame.NewDeframer(tc, frame.Options{})
		emit := func(_ record.Meta, pkt []byte) error {
			if len(pkt) > maxTCFrame-5 {
				t.Fatalf("%d-octet data field", len(pkt))
			}
			return nil
		}
		if err := d.ReadRaw(bytes.NewReader(data), emit); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzCLTURead(f *testing.F) {
	c, _ := NewCLTU(DefaultCLTUParams(), nil)
	out, _ := c.Frame(nil, []byte("a frame of some length"))
	f.Add(bytes.Clone(out[0]))
	f.Add([]byte{0xEB, 0x90, 0xC5})
	f.Fuzz(func(t *testing.T, data []byte) {
		c, _ := NewCLTU(DefaultCLTUParams(), func(string) {})
		d := frame.NewDeframer(c, frame.Options{})
		c.SetOffset(d.Offset)
		emit := func(_ record.Meta, pkt []byte) error {
			if len(pkt) == 0 || len(pkt)%infoLen != 0 || len(pkt) > maxCLTUBlocks*infoLen {
				t.Fatalf("%d data octets", len(pkt))
			}
			return nil
		}
		if err := d.ReadRaw(bytes.NewReader(data), emit); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzUplinkRoundTrip: any command through TC frame and CLTU, with one bit
// flipped in one codeblock, comes back exactly.
func FuzzUplinkRoundTrip(f *testing.F) {
	f.Add([]byte("NOOP"), uint16(0), uint8(0))
	f.Add(bytes.Repeat([]byte{0x55}, 40), uint16(77), uint8(3))
	f.Fuzz(func(t *testing.T, cmd []byte, flip uint16, cfg uint8) {
		if len(cmd) == 0 || len(cmd) > maxTCFrame-7 {
			return
		}
		tc, _ := NewTCTF(TCParams{Randomize: cfg&1 != 0, FECF: cfg&2 != 0, Bypass: 1, SCID: 9, Fill: 0x55})
		fr, err := tc.Frame(nil, bytes.Clone(cmd))
		if err != nil {
			t.Fatal(err)
		}
		cl, _ := NewCLTU(DefaultCLTUParams(), nil)
		cl.SetOffset(func() int64 { return 0 })
		out, _ := cl.Frame(nil, fr[0])
		cltu := bytes.Clone(out[0])
		blocks := (len(cltu) - 2 - 8) / blockLen
		bit := int(flip) % (blocks * 63)
		blk, in := bit/63, bit%63
		cltu[2+blk*blockLen+in/8] ^= 0x80 >> (in % 8)
		var fixed []string
		r, _ := NewCLTU(DefaultCLTUParams(), func(m string) { fixed = append(fixed, m) })
		n, data, err := r.Split(cltu)
		if err != nil || n != len(cltu) || len(fixed) != 1 {
			t.Fatalf("CLTU read: n %d of %d, err %v, reports %q", n, len(cltu), err, fixed)
		}
		tr, _ := NewTCTF(TCParams{Randomize: cfg&1 != 0, FECF: cfg&2 != 0, SCID: 9, Fill: 0x55})
		var got []byte
		if _, err := tr.ReadRecord(data, nil, func(_ record.Meta, p []byte) error { got = bytes.Clone(p); return nil }, nil); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, cmd) {
			t.Fatalf("got %X, want %X", got, cmd)
		}
	})
}
