package ccsds

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

const (
	packetHeaderLen   = 6
	idleAPID          = 0x7FF
	encapsulationIdle = 0xE0 // a one-octet CCSDS Encapsulation idle packet
	maxPacket         = 65535 + 7
)

// ExtractStats are the packet-level counters of the read direction.
type ExtractStats struct {
	Frames      int64 // frames taken apart
	Packets     int64 // packets emitted
	IdleFrames  int64 // frames holding only idle data
	IdlePackets int64 // idle packets (APID 0x7FF) dropped
	Gaps        int64 // VC frame count discontinuities
	MCGaps      int64 // TM master channel frame count discontinuities (counted only: each shows as a VC gap too)
	LostFrames  int64 // frames missing according to the VC frame counts
	Partials    int64 // partial packets discarded (gap, bad pointer, corrupt header)
	Discarded   int64 // packet-zone octets discarded (partials, data before the first header pointer after a gap)
}

// vcState is one virtual channel's reassembly state.
type vcState struct {
	seen    bool
	last    uint32 // last VC frame count
	synced  bool   // the next octet of the packet zone continues a known packet boundary
	pending []byte // the start of a packet spanning frames
}

// Extractor takes TM or AOS frames apart into space packets, per virtual
// channel, through each frame's first header pointer. A packet is emitted
// only when every octet of it was received in frames with consecutive VC
// frame counts and its end agrees with the next first header pointer: a
// packet is never emitted corrupted.
type Extractor struct {
	vcs      [64]vcState
	mcSeen   bool
	mcLast   int
	report   func(string)
	failFast bool
	stats    ExtractStats
	meta     record.Meta // the meta of the frame being taken apart
	out      metaBuf     // the packets' meta, built once per frame
	outMeta  record.Meta // out's current value
	outFresh bool        // outMeta is built for the current frame
	fi       *frameInfo
}

// NewExtractor returns an Extractor reporting through o.Report and
// stopping at the first discontinuity with o.FailFast.
func NewExtractor(o frame.Options) *Extractor {
	return &Extractor{report: o.Report, failFast: o.FailFast}
}

// Stats returns the counters so far.
func (x *Extractor) Stats() ExtractStats { return x.stats }

// fault reports a discontinuity on the frame being taken apart, or stops
// the stream with FailFast.
func (x *Extractor) fault(format string, a ...any) error {
	msg := fmt.Sprintf("%s VC %d frame count %d at stream offset %d: ", x.fi.kind, x.fi.vcid, x.fi.vcCount, x.fi.offset) + fmt.Sprintf(format, a...)
	if x.failFast {
		return &frame.StreamError{Offset: x.fi.offset, Msg: msg}
	}
	if x.report != nil {
		x.report(msg)
	}
	return nil
}

// drop discards vc's partial packet and its packet boundary.
func (x *Extractor) drop(vc *vcState) int {
	n := len(vc.pending)
	if n > 0 {
		x.stats.Partials++
		x.stats.Discarded += int64(n)
	}
	vc.pending = vc.pending[:0]
	vc.synced = false
	return n
}

// Frame takes one frame apart, emitting every packet it completes with
// meta plus VCID, MC_FRM_CNT and VC_FRM_CNT in extra.
func (x *Extractor) Frame(meta record.Meta, fi *frameInfo, emit frame.Emit) error {
	x.stats.Frames++
	x.meta, x.fi, x.outFresh = meta, fi, false
	if fi.mcCount >= 0 {
		if x.mcSeen && fi.mcCount != (x.mcLast+1)%256 {
			x.stats.MCGaps++
		}
		x.mcSeen, x.mcLast = true, fi.mcCount
	}
	vc := &x.vcs[fi.vcid]
	if vc.seen {
		if want := (vc.last + 1) % fi.vcMod; fi.vcCount != want {
			lost := (fi.vcCount - want + fi.vcMod) % fi.vcMod
			x.stats.Gaps++
			x.stats.LostFrames += int64(lost)
			n := x.drop(vc)
			if err := x.fault("VC frame count jumped from %d (%d %s lost); discarded a %d-octet partial packet, resuming at the next first header pointer", vc.last, lost, plural(int(lost), "frame"), n); err != nil {
				return err
			}
		}
	}
	vc.seen, vc.last = true, fi.vcCount

	if fi.kind == "TM" && fi.syncFlag != 0 {
		// Not octet-synchronised packets (VCA data): nothing to extract.
		x.drop(vc)
		x.stats.Discarded += int64(len(fi.zone))
		return nil
	}
	zone := fi.zone
	fhp := fi.fhp
	if fi.idleVC {
		fhp = fhpIdleOnly
	}
	switch fhp {
	case fhpIdleOnly:
		x.stats.IdleFrames++
		if len(vc.pending) > 0 {
			n := x.drop(vc)
			return x.fault("idle-only frame while a packet was unfinished; discarded a %d-octet partial packet", n)
		}
		return nil
	case fhpNoHeader:
		switch {
		case !vc.synced:
			x.stats.Discarded += int64(len(zone))
			return nil
		case len(vc.pending) == 0:
			x.drop(vc)
			x.stats.Discarded += int64(len(zone))
			return x.fault("no packet header in the frame (first header pointer 0x7FF) though the previous packet had ended; %d octets discarded", len(zone))
		}
		return x.continuePacket(vc, zone, false, emit)
	}
	before := zone[:fhp]
	switch {
	case vc.synced && len(vc.pending) > 0:
		if err := x.continuePacket(vc, before, true, emit); err != nil {
			return err
		}
	case !allIdleFill(before):
		// Octets of a packet whose start was lost (after a gap, or at the
		// start of the stream).
		x.stats.Discarded += int64(len(before))
	}
	vc.pending = vc.pending[:0]
	vc.synced = true
	return x.packets(vc, zone[fhp:], emit)
}

// Close ends the stream: a packet still unfinished on a VC is lost, and
// said so (a data condition, like a truncated final record).
func (x *Extractor) Close(kind string) error {
	for id := range x.vcs {
		vc := &x.vcs[id]
		if len(vc.pending) == 0 {
			continue
		}
		n, of := len(vc.pending), ""
		if n >= packetHeaderLen {
			of = fmt.Sprintf(" of %d", packetLen(vc.pending))
		}
		x.drop(vc)
		msg := fmt.Sprintf("end of input: %s VC %d's partial packet (%d octets%s) discarded", kind, id, n, of)
		if x.failFast {
			return errors.New(msg)
		}
		if x.report != nil {
			x.report(msg)
		}
	}
	return nil
}

// continuePacket appends part to vc's partial packet. With headerFollows
// (part ends at the first header pointer) the packet must end exactly at
// the end of part.
func (x *Extractor) continuePacket(vc *vcState, part []byte, headerFollows bool, emit frame.Emit) error {
	vc.pending = append(vc.pending, part...)
	if len(vc.pending) < packetHeaderLen {
		if headerFollows {
			n := x.drop(vc)
			return x.fault("a %d-octet partial packet header ends at the first header pointer %d; discarded", n, len(part))
		}
		return nil
	}
	if problem := checkHeader(vc.pending); problem != "" {
		n := x.drop(vc)
		return x.fault("%s; discarded a %d-octet partial packet", problem, n)
	}
	total := packetLen(vc.pending)
	switch {
	case len(vc.pending) < total && !headerFollows:
		return nil // continues in the next frame
	case len(vc.pending) == total || (!headerFollows && allIdleFill(vc.pending[total:])):
		err := x.emitPacket(vc.pending[:total], emit)
		vc.pending = vc.pending[:0]
		return err
	}
	n := x.drop(vc)
	if headerFollows {
		return x.fault("the %d-octet packet begun in an earlier frame does not end at the first header pointer %d; discarded a %d-octet partial packet", total, len(part), n)
	}
	return x.fault("the %d-octet packet begun in an earlier frame ends inside a frame with no packet header (first header pointer 0x7FF); discarded a %d-octet partial packet", total, n)
}

// packets emits every whole packet at the start of zone (which begins at a
// packet boundary) and keeps the unfinished rest as vc's partial packet.
func (x *Extractor) packets(vc *vcState, zone []byte, emit frame.Emit) error {
	for len(zone) > 0 {
		if zone[0] == encapsulationIdle {
			zone = zone[1:]
			continue
		}
		if len(zone) < packetHeaderLen {
			break
		}
		if problem := checkHeader(zone); problem != "" {
			x.stats.Partials++
			x.stats.Discarded += int64(len(zone))
			vc.pending = vc.pending[:0]
			vc.synced = false
			return x.fault("%s; rest of the frame (%d octets) discarded", problem, len(zone))
		}
		n := packetLen(zone)
		if n > len(zone) {
			break
		}
		if err := x.emitPacket(zone[:n], emit); err != nil {
			return err
		}
		zone = zone[n:]
	}
	vc.pending = append(vc.pending[:0], zone...)
	return nil
}

// emitPacket emits pkt unless it is an idle packet.
func (x *Extractor) emitPacket(pkt []byte, emit frame.Emit) error {
	if binary.BigEndian.Uint16(pkt)&0x7FF == idleAPID {
		x.stats.IdlePackets++
		return nil
	}
	return x.emit(pkt, emit)
}

// allIdleFill reports whether p is only 0xE0 idle octets.
func allIdleFill(p []byte) bool {
	for _, o := range p {
		if o != encapsulationIdle {
			return false
		}
	}
	return true
}

// emit passes pkt on with the frame's meta, built once per frame in a
// reused map: valid only during the call, like pkt.
func (x *Extractor) emit(pkt []byte, emit frame.Emit) error {
	if !x.outFresh {
		x.outMeta, x.outFresh = x.out.build(x.meta, x.fi.extra), true
	}
	x.stats.Packets++
	return emit(x.outMeta, pkt)
}

// extraOf returns m's extra map, creating it.
func extraOf(m record.Meta) map[string]any {
	if x := m.Extra(); x != nil {
		return x
	}
	x := map[string]any{}
	m[record.KeyExtra] = x
	return x
}

// packetLen is the total length of the space packet whose header starts p.
func packetLen(p []byte) int { return int(binary.BigEndian.Uint16(p[4:])) + 7 }

// checkHeader returns why p does not start a telemetry space packet, as
// COSMOS's TMTF protocol checks it: version 0 and type TM.
func checkHeader(p []byte) string {
	if v := p[0] >> 5; v != 0 {
		return fmt.Sprintf("space packet version %d, not 0 (header %X)", v, p[:packetHeaderLen])
	}
	if p[0]&0x10 != 0 {
		return fmt.Sprintf("space packet of type TC in a telemetry frame (header %X)", p[:packetHeaderLen])
	}
	return ""
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
