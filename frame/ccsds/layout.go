package ccsds

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
)

const (
	maxTMFrame = 2048 // largest TM frame (COSMOS's default and bound); AOS uses the same bound here
	maxTCFrame = 1024 // largest TC frame (10-bit length field)

	fhpNoHeader = 0x7FF // no packet header starts in this frame
	fhpIdleOnly = 0x7FE // the data field holds only idle data
	ocfLen      = 4
)

// frameInfo is what a TM or AOS frame header says, plus where its packet
// zone lies. Slices alias the derandomized frame.
type frameInfo struct {
	kind    string // "TM" or "AOS"
	scid    int
	vcid    int
	mcCount int    // TM master channel frame count; -1 for AOS
	vcCount uint32 // virtual channel frame count
	vcMod   uint32 // modulus of vcCount (256 TM, 2^24 AOS)
	fhp     int    // first header pointer (or fhpNoHeader / fhpIdleOnly)
	zone    []byte // the octets the packets are carried in
	ocf     []byte // operational control field (CLCW), if present
	secHdr  []byte // TM secondary header (ID octet included), if present
	// TM data field status, for --frames
	syncFlag, orderFlag, segLenID int
	// AOS signalling field
	replay     bool
	idleVC     bool // AOS VC 63: only idle data, no M_PDU
	insertZone []byte
	offset     int64 // stream offset of the frame's first octet (sync pattern included)
}

// extra is the COSMOS extra of every packet from this frame: VCID,
// MC_FRM_CNT and VC_FRM_CNT as COSMOS's TMTF protocol sets them (AOS frames
// have no master channel count).
func (fi *frameInfo) extra(x map[string]any) {
	x["VCID"] = fi.vcid
	if fi.mcCount >= 0 {
		x["MC_FRM_CNT"] = fi.mcCount
	}
	x["VC_FRM_CNT"] = int(fi.vcCount)
}

// frameExtra adds the rest of the header for --frames.
func (fi *frameInfo) frameExtra(x map[string]any) {
	fi.extra(x)
	x["SCID"] = fi.scid
	if !fi.idleVC && fi.syncFlag == 0 {
		x["FHP"] = fi.fhp // meaningless in idle frames and VCA data
	}
	if fi.ocf != nil {
		x["OCF"] = hex.EncodeToString(fi.ocf)
	}
	switch fi.kind {
	case "TM":
		x["SYNC_FLAG"] = fi.syncFlag
		x["PACKET_ORDER_FLAG"] = fi.orderFlag
		x["SEGMENT_LENGTH_ID"] = fi.segLenID
		if fi.secHdr != nil {
			x["SECONDARY_HEADER"] = hex.EncodeToString(fi.secHdr)
		}
	case "AOS":
		x["REPLAY_FLAG"] = fi.replay
		if fi.insertZone != nil {
			x["INSERT_ZONE"] = hex.EncodeToString(fi.insertZone)
		}
	}
}

// layout parses one derandomized, FECF-checked frame (FECF still attached
// when present). A non-empty problem means the frame is not one of ours.
type layout interface {
	parse(f []byte, p *LinkParams) (fi frameInfo, problem string)
}

// tmLayout is the TM Transfer Frame (132.0-B). The OCF flag, the secondary
// header flag and the data field status come from each frame's header.
type tmLayout struct{}

const tmHeaderLen = 6

func (tmLayout) parse(f []byte, p *LinkParams) (frameInfo, string) {
	h0 := binary.BigEndian.Uint16(f)
	fi := frameInfo{kind: "TM", vcMod: 256}
	if v := h0 >> 14; v != 0 {
		return fi, fmt.Sprintf("TM frame version %d, not 0", v)
	}
	fi.scid = int(h0>>4) & 0x3FF
	if fi.scid != p.SCID {
		return fi, fmt.Sprintf("TM frame for spacecraft %d (0x%X), not %d", fi.scid, fi.scid, p.SCID)
	}
	fi.vcid = int(h0>>1) & 7
	ocfFlag := h0&1 == 1
	fi.mcCount = int(f[2])
	fi.vcCount = uint32(f[3])
	st := binary.BigEndian.Uint16(f[4:])
	secFlag := st>>15 == 1
	fi.syncFlag, fi.orderFlag, fi.segLenID = int(st>>14)&1, int(st>>13)&1, int(st>>11)&3
	fi.fhp = int(st & 0x7FF)

	end := len(f)
	if p.FECF {
		end -= fecfLen
	}
	if ocfFlag {
		end -= ocfLen
		fi.ocf = f[end : end+ocfLen]
	}
	start := tmHeaderLen
	if secFlag {
		n := int(f[start]&0x3F) + 1 // the ID octet's 6-bit length is (length - 1); the 2 version bits are not part of it
		if start+n > end {
			return fi, fmt.Sprintf("TM secondary header of %d octets does not fit the frame", n)
		}
		fi.secHdr = f[start : start+n]
		start += n
	}
	if start > end {
		return fi, "TM frame too short for its header and trailer"
	}
	fi.zone = f[start:end]
	return fi, ""
}

// aosLayout is the AOS Transfer Frame (732.0-B) carrying an M_PDU. The
// frame header error control, insert zone and OCF are managed parameters of
// the physical channel, not flagged in the header, so they come from the
// command line.
type aosLayout struct{}

const (
	aosHeaderLen = 6
	fhecLen      = 2
	mpduHdrLen   = 2
	aosIdleVC    = 63 // only idle data
)

func (aosLayout) parse(f []byte, p *LinkParams) (frameInfo, string) {
	h0 := binary.BigEndian.Uint16(f)
	fi := frameInfo{kind: "AOS", mcCount: -1, vcMod: 1 << 24}
	if v := h0 >> 14; v != 1 {
		return fi, fmt.Sprintf("AOS frame version %d, not 2 (binary 01)", v+1)
	}
	fi.scid = int(h0>>6) & 0xFF
	if fi.scid != p.SCID {
		return fi, fmt.Sprintf("AOS frame for spacecraft %d (0x%X), not %d", fi.scid, fi.scid, p.SCID)
	}
	fi.vcid = int(h0 & 0x3F)
	fi.vcCount = uint32(f[2])<<16 | uint32(f[3])<<8 | uint32(f[4])
	fi.replay = f[5]&0x80 != 0
	start := aosHeaderLen
	if p.FHEC {
		start += fhecLen
	}
	if p.InsertZone > 0 {
		fi.insertZone = f[start : start+p.InsertZone]
		start += p.InsertZone
	}
	end := len(f)
	if p.FECF {
		end -= fecfLen
	}
	if p.OCF {
		end -= ocfLen
		fi.ocf = f[end : end+ocfLen]
	}
	if start+mpduHdrLen > end {
		return fi, "AOS frame too short for its header, M_PDU header and trailer"
	}
	fi.fhp = int(binary.BigEndian.Uint16(f[start:]) & 0x7FF)
	fi.zone = f[start+mpduHdrLen : end]
	fi.idleVC = fi.vcid == aosIdleVC
	return fi, ""
}
