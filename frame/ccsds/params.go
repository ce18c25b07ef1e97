package ccsds

import "fmt"

// LinkParams are the parameters of a TM or AOS link: COSMOS's TMTF
// parameters in COSMOS's order, then the managed parameters the frame
// header does not carry.
type LinkParams struct {
	SCID        int    // spacecraft ID (10 bits TM, 8 bits AOS); frames for another one are rejected
	FrameLength int    // frame octets after the sync pattern (and after Discard), 1..2048
	Randomize   bool   // the frame (never the sync pattern) is randomized with the TM sequence
	Discard     int    // COSMOS discard leading bytes: counted from the sync pattern's first octet
	Sync        []byte // attached sync marker (ASM), searched for before each frame; nil: frames back to back
	Fill        bool   // write: put the sync pattern in front of each frame
	FECF        bool   // frames end with the CRC-16 frame error control field (COSMOS error_control)

	// AOS only: presence is managed per physical channel, not flagged.
	OCF        bool // frames carry a 4-octet operational control field
	InsertZone int  // octets of insert zone after the header
	FHEC       bool // the header has the 2-octet frame header error control

	// Frames makes the read direction emit whole frames instead of packets.
	Frames bool
}

// DefaultLinkParams are COSMOS's TMTF defaults (SCID is required there).
func DefaultLinkParams() LinkParams {
	return LinkParams{FrameLength: maxTMFrame, Randomize: true, Sync: []byte{0x1A, 0xCF, 0xFC, 0x1D}, Fill: true}
}

// headerSkip is where the frame starts, counted from the sync pattern's
// first octet: after the sync pattern, or after the discarded bytes when
// more are discarded than the sync pattern holds.
func (p *LinkParams) headerSkip() int { return max(len(p.Sync), p.Discard) }

// minFrame is the smallest frame the layout's fixed fields fit in.
func (p *LinkParams) minFrame(aos bool) int {
	n := tmHeaderLen
	if aos {
		n = aosHeaderLen + mpduHdrLen + p.InsertZone
		if p.FHEC {
			n += fhecLen
		}
		if p.OCF {
			n += ocfLen
		}
	}
	if p.FECF {
		n += fecfLen
	}
	return n
}

func (p *LinkParams) validate(aos bool) error {
	maxSCID := 0x3FF
	if aos {
		maxSCID = 0xFF
	}
	switch {
	case p.SCID < 0 || p.SCID > maxSCID:
		return fmt.Errorf("SCID %d out of range 0..%d", p.SCID, maxSCID)
	case p.FrameLength < 1 || p.FrameLength > maxTMFrame:
		return fmt.Errorf("frame length %d out of range 1..%d", p.FrameLength, maxTMFrame)
	case p.FrameLength < p.minFrame(aos):
		return fmt.Errorf("frame length %d is shorter than the frame's own header and trailer (%d)", p.FrameLength, p.minFrame(aos))
	case p.Discard < 0:
		return fmt.Errorf("discard leading bytes %d is negative", p.Discard)
	case p.InsertZone < 0:
		return fmt.Errorf("insert zone %d is negative", p.InsertZone)
	}
	return nil
}
