package ccsds

import (
	"encoding/binary"
	"fmt"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

// Packer is the write direction of TM and AOS: it packs space packets into
// the frames of their virtual channel, back to back, a packet spanning as
// many frames as it needs, and writes each frame when it is full: header
// with master and VC frame counts and the first header pointer, FECF,
// randomization, then the sync pattern in front. Flush completes the
// frames still open with an idle packet (or 0xE0 octets where fewer than 7
// remain).
type Packer struct {
	p               LinkParams
	aos             bool
	out             func(meta record.Meta, frame []byte) error
	mc              uint8
	vcs             [64]packVC
	zoneAt, zoneLen int
	stats           Stats
	explain         func(string) // --explain: one line per frame, or nil
}

// Stats counts the write direction.
type Stats struct {
	Frames     int64 // frames written
	IdleOctets int64 // octets of idle fill written
}

type packVC struct {
	buf   []byte // sync pattern + frame; the zone is filled in place
	pos   int    // octets of the zone used
	fhp   int    // first header pointer of the open frame, or -1
	count uint32
	meta  record.Meta // meta of the last packet put in the open frame
}

// NewPacker returns a Packer writing frames to out (each frame with its
// sync pattern when p.Fill).
func NewPacker(p LinkParams, aos bool, out func(meta record.Meta, frame []byte) error) (*Packer, error) {
	if err := p.validate(aos); err != nil {
		return nil, err
	}
	if aos && p.FHEC {
		return nil, fmt.Errorf("writing the AOS frame header error control (Reed-Solomon) is not supported; leave --fhec off for --write")
	}
	k := &Packer{p: p, aos: aos, out: out}
	k.zoneAt = p.headerSkip() + tmHeaderLen
	trailer := 0
	if p.FECF {
		trailer += fecfLen
	}
	if aos {
		k.zoneAt = p.headerSkip() + aosHeaderLen + p.InsertZone + mpduHdrLen
		if p.OCF {
			trailer += ocfLen
		}
	}
	k.zoneLen = p.headerSkip() + p.FrameLength - trailer - k.zoneAt
	if k.zoneLen < 1 {
		return nil, fmt.Errorf("frame length %d leaves no room for packets", p.FrameLength)
	}
	return k, nil
}

// Stats returns the counters so far.
func (k *Packer) Stats() Stats { return k.stats }

// maxVCID is the largest VCID of the frame kind.
func (k *Packer) maxVCID() int {
	if k.aos {
		return aosIdleVC - 1
	}
	return 7
}

// Packet adds one space packet to virtual channel vcid. A record that is not
// one whole space packet is a *frame.Fault (skipped by the Encoder's rules).
func (k *Packer) Packet(meta record.Meta, vcid int, pkt []byte) error {
	if vcid < 0 || vcid > k.maxVCID() {
		return &frame.Fault{Msg: fmt.Sprintf("VCID %d out of range 0..%d", vcid, k.maxVCID())}
	}
	if len(pkt) < 7 {
		return &frame.Fault{Msg: fmt.Sprintf("a %d-octet record is not a space packet (7 octets at least)", len(pkt))}
	}
	if n := packetLen(pkt); n != len(pkt) {
		return &frame.Fault{Msg: fmt.Sprintf("space packet length field says %d octets but the record holds %d", n, len(pkt))}
	}
	if problem := checkHeader(pkt); problem != "" {
		return &frame.Fault{Msg: problem}
	}
	vc := &k.vcs[vcid]
	if vc.buf == nil {
		vc.buf = make([]byte, k.p.headerSkip()+k.p.FrameLength)
		vc.fhp = -1
	}
	vc.meta = meta
	for first := true; len(pkt) > 0; first = false {
		if first && vc.fhp < 0 {
			vc.fhp = vc.pos
		}
		n := copy(vc.buf[k.zoneAt+vc.pos:k.zoneAt+k.zoneLen], pkt)
		pkt = pkt[n:]
		vc.pos += n
		if vc.pos == k.zoneLen {
			if err := k.emit(vcid, vc); err != nil {
				return err
			}
		}
	}
	return nil
}

// Flush fills every open frame with idle data and writes it.
func (k *Packer) Flush() error {
	for id := range k.vcs {
		vc := &k.vcs[id]
		if vc.pos == 0 {
			continue
		}
		zone := vc.buf[k.zoneAt+vc.pos : k.zoneAt+k.zoneLen]
		k.stats.IdleOctets += int64(len(zone))
		if len(zone) >= 7 {
			if vc.fhp < 0 {
				vc.fhp = vc.pos
			}
			binary.BigEndian.PutUint16(zone, idleAPID)   // version 0, TM, no secondary header, APID 0x7FF
			binary.BigEndian.PutUint16(zone[2:], 0xC000) // unsegmented, count 0
			binary.BigEndian.PutUint16(zone[4:], uint16(len(zone)-7))
			clear(zone[6:])
		} else {
			for i := range zone {
				zone[i] = encapsulationIdle
			}
		}
		if err := k.emit(id, vc); err != nil {
			return err
		}
	}
	return nil
}

// emit finishes vc's open frame and writes it.
func (k *Packer) emit(vcid int, vc *packVC) error {
	skip := k.p.headerSkip()
	f := vc.buf[skip:]
	fhp := fhpNoHeader
	if vc.fhp >= 0 {
		fhp = vc.fhp
	}
	if k.aos {
		binary.BigEndian.PutUint16(f, 1<<14|uint16(k.p.SCID)<<6|uint16(vcid))
		f[2], f[3], f[4] = byte(vc.count>>16), byte(vc.count>>8), byte(vc.count)
		f[5] = 0 // real time, VC frame count cycle not used
		clear(f[aosHeaderLen : aosHeaderLen+k.p.InsertZone])
		binary.BigEndian.PutUint16(f[k.zoneAt-skip-mpduHdrLen:], uint16(fhp))
		if k.p.OCF {
			clear(f[k.zoneAt-skip+k.zoneLen:][:ocfLen])
		}
		vc.count = (vc.count + 1) % (1 << 24)
	} else {
		binary.BigEndian.PutUint16(f, uint16(k.p.SCID)<<4|uint16(vcid)<<1)
		f[2], f[3] = k.mc, byte(vc.count)
		binary.BigEndian.PutUint16(f[4:], 3<<11|uint16(fhp)) // packets, in order, segment length ID 11
		vc.count = (vc.count + 1) % 256
	}
	k.mc++
	if k.p.FECF {
		putFECF(f)
	}
	if k.p.Randomize {
		randomize(f, tmSequence)
	}
	out := vc.buf
	if k.p.Fill {
		copy(out, k.p.Sync)
		clear(out[len(k.p.Sync):skip])
	} else {
		out = f
	}
	k.stats.Frames++
	if k.explain != nil {
		k.explain(fmt.Sprintf("frame %d: VC %d frame count %d, first header pointer 0x%03X, %d octets on the wire", k.stats.Frames, vcid, (vc.count+k.vcMod()-1)%k.vcMod(), fhp, len(out)))
	}
	err := k.out(vc.meta, out)
	vc.pos, vc.fhp, vc.meta = 0, -1, nil
	return err
}

// vcMod is the modulus of the VC frame count.
func (k *Packer) vcMod() uint32 {
	if k.aos {
		return 1 << 24
	}
	return 256
}
