package ccsds

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

// frameSplitter is the read half of TM and AOS at the frame level, as a
// frame.Protocol so the shared Deframer does the ASM search, garbage
// reporting and resynchronisation: each Split takes one frame, derandomizes
// it into scratch space, checks its FECF and header and leaves what the
// header says in info.
type frameSplitter struct {
	p      LinkParams
	lay    layout
	kind   string
	unit   int    // wire octets per frame, from the sync pattern's first octet
	skip   int    // octets before the frame header
	buf    []byte // the derandomized frame (valid until the next Split)
	info   frameInfo
	offset func() int64 // the Deframer's stream offset of buf[0]
}

func newFrameSplitter(p LinkParams, aos bool) (*frameSplitter, error) {
	if err := p.validate(aos); err != nil {
		return nil, err
	}
	s := &frameSplitter{p: p, lay: tmLayout{}, kind: "TM", skip: p.headerSkip(), buf: make([]byte, p.FrameLength)}
	if aos {
		s.lay, s.kind = aosLayout{}, "AOS"
	}
	s.unit = s.skip + p.FrameLength
	return s, nil
}

func (s *frameSplitter) SyncPattern() []byte { return s.p.Sync }
func (s *frameSplitter) DiscardLeading() int { return 0 } // the splitter strips sync and discarded octets itself
func (s *frameSplitter) Reset()              {}

// Frame is unused: the write direction packs packets (Packer), which needs
// more than one packet per frame.
func (s *frameSplitter) Frame(record.Meta, []byte) ([][]byte, error) {
	return nil, errors.New("ccsds: frames are written by the Packer")
}

func (s *frameSplitter) Split(buf []byte) (int, []byte, error) {
	if len(buf) < s.unit {
		return 0, nil, nil
	}
	f := s.buf
	if s.p.Randomize {
		derandomize(f, buf[s.skip:s.unit], tmSequence) // copy and XOR in one pass
	} else {
		copy(f, buf[s.skip:s.unit])
	}
	// A bad frame skips only its sync pattern: after a slip the next ASM
	// may lie inside what this frame would have covered.
	skip := max(1, len(s.p.Sync))
	if s.p.FECF && !fecfOK(f) {
		n := len(f) - fecfLen
		return 0, nil, &frame.Fault{Skip: skip, Msg: fmt.Sprintf("%s frame FECF 0x%04X does not match its contents (0x%04X): frame dropped",
			s.kind, binary.BigEndian.Uint16(f[n:]), fecf(f[:n]))}
	}
	fi, problem := s.lay.parse(f, &s.p)
	if problem != "" {
		return 0, nil, &frame.Fault{Skip: skip, Msg: problem + ": frame dropped"}
	}
	if fi.fhp != fhpNoHeader && fi.fhp != fhpIdleOnly && fi.fhp >= len(fi.zone) && fi.syncFlag == 0 && !fi.idleVC {
		return 0, nil, &frame.Fault{Skip: skip, Msg: fmt.Sprintf("%s frame first header pointer %d lies beyond its %d-octet data field: frame dropped", s.kind, fi.fhp, len(fi.zone))}
	}
	if s.offset != nil {
		fi.offset = s.offset()
	}
	s.info = fi
	return s.unit, f, nil
}

// Explain is --explain: what the frame header said.
func (s *frameSplitter) Explain([]byte) string {
	fi := &s.info
	return fmt.Sprintf("%s frame SCID %d VC %d VC count %d FHP 0x%03X, %d-octet packet zone", fi.kind, fi.scid, fi.vcid, fi.vcCount, fi.fhp, len(fi.zone))
}
