package ccsds

import (
	"encoding/binary"
	"fmt"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

const tcHeaderLen = 5

// TCParams are COSMOS's TCTF parameters, in COSMOS's order.
type TCParams struct {
	Randomize bool // the whole frame, FECF included, is randomized with the TC sequence
	FECF      bool // COSMOS error_control: the frame ends with the CRC-16 FECF
	Bypass    int  // 0 Type-A (FARM checks), 1 Type-B (bypass)
	SCID      int  // spacecraft ID, 10 bits
	VCID      int  // virtual channel ID, 6 bits
	// CheckVCID makes the read direction reject frames of other virtual
	// channels (SCID is always checked).
	CheckVCID bool
	// Fill is the CLTU fill octet (0x55). A frame that came out of a CLTU
	// is followed by fill up to the next 7-octet codeblock boundary; on
	// read those octets are dropped with the frame. No TC frame can start
	// with 0x55 (its version bits would be 01, or 10 randomized).
	Fill byte
}

// DefaultTCParams are COSMOS's TCTF defaults.
func DefaultTCParams() TCParams { return TCParams{Randomize: true, Bypass: 1, Fill: defaultFill} }

// TCTF is the TC Transfer Frame (232.0-B) in both directions, as a
// frame.Protocol: one frame per packet on write, with N(S) counting from 1
// as COSMOS does; on read, the frame length field delimits each frame.
type TCTF struct {
	p   TCParams
	seq uint8
	out []byte
	hdr tcHeader // the last frame read, for Annotate
}

// tcHeader is what a TC frame header says.
type tcHeader struct {
	bypass, control bool
	scid, vcid, seq int
}

// NewTCTF validates p.
func NewTCTF(p TCParams) (*TCTF, error) {
	switch {
	case p.Bypass != 0 && p.Bypass != 1:
		return nil, fmt.Errorf("bypass %d is not 0 (Type-A) or 1 (Type-B)", p.Bypass)
	case p.SCID < 0 || p.SCID > 0x3FF:
		return nil, fmt.Errorf("SCID %d out of range 0..1023", p.SCID)
	case p.VCID < 0 || p.VCID > 0x3F:
		return nil, fmt.Errorf("VCID %d out of range 0..63", p.VCID)
	}
	return &TCTF{p: p, out: make([]byte, maxTCFrame)}, nil
}

func (t *TCTF) SyncPattern() []byte { return nil }
func (t *TCTF) DiscardLeading() int { return 0 }
func (t *TCTF) Reset()              {}

// overhead is the octets a frame adds to its data.
func (t *TCTF) overhead() int {
	if t.p.FECF {
		return tcHeaderLen + fecfLen
	}
	return tcHeaderLen
}

// Frame wraps pkt in one TC frame.
func (t *TCTF) Frame(_ record.Meta, pkt []byte) ([][]byte, error) {
	n := len(pkt) + t.overhead()
	if len(pkt) == 0 {
		return nil, &frame.Fault{Msg: "an empty record makes no TC frame (the data field holds one octet at least)"}
	}
	if n > maxTCFrame {
		return nil, &frame.Fault{Msg: fmt.Sprintf("a %d-octet record makes a %d-octet TC frame, over the %d-octet maximum", len(pkt), n, maxTCFrame)}
	}
	t.seq++ // COSMOS increments before use: the first frame carries N(S) = 1
	f := t.out[:n]
	binary.BigEndian.PutUint16(f, uint16(t.p.Bypass)<<13|uint16(t.p.SCID))
	binary.BigEndian.PutUint16(f[2:], uint16(t.p.VCID)<<10|uint16(n-1))
	f[4] = t.seq
	copy(f[tcHeaderLen:], pkt)
	if t.p.FECF {
		putFECF(f)
	}
	if t.p.Randomize {
		randomize(f, tcSequence)
	}
	return [][]byte{f}, nil
}

// ExplainFrame is --explain on write.
func (t *TCTF) ExplainFrame([]byte) string {
	return fmt.Sprintf("TC frame SCID %d VC %d N(S) %d", t.p.SCID, t.p.VCID, t.seq)
}

// Split takes one TC frame from the start of buf.
func (t *TCTF) Split(buf []byte) (int, []byte, error) {
	if len(buf) < tcHeaderLen {
		return 0, nil, nil
	}
	var h [tcHeaderLen]byte
	copy(h[:], buf)
	if t.p.Randomize {
		randomize(h[:], tcSequence)
	}
	if v := h[0] >> 6; v != 0 {
		return 0, nil, &frame.Fault{Skip: 1, Msg: fmt.Sprintf("TC frame version %d, not 0 (header %X)", v, h)}
	}
	n := int(binary.BigEndian.Uint16(h[2:])&0x3FF) + 1
	if n < t.overhead() {
		return 0, nil, &frame.Fault{Skip: 1, Msg: fmt.Sprintf("TC frame length %d is shorter than its header and trailer (header %X)", n, h)}
	}
	if len(buf) < n {
		return 0, nil, nil
	}
	f := t.out[:n]
	copy(f, buf)
	if t.p.Randomize {
		randomize(f, tcSequence)
	}
	// A frame whose length field was plausible is skipped whole: without a
	// sync pattern, a byte-wise search inside it would find false headers.
	if t.p.FECF && !fecfOK(f) {
		return 0, nil, &frame.Fault{Skip: n + t.fillAfter(buf, n), Msg: fmt.Sprintf("TC frame FECF 0x%04X does not match its contents (0x%04X): frame dropped",
			binary.BigEndian.Uint16(f[n-fecfLen:]), fecf(f[:n-fecfLen]))}
	}
	hd := tcHeader{bypass: h[0]&0x20 != 0, control: h[0]&0x10 != 0, scid: int(binary.BigEndian.Uint16(h[:])) & 0x3FF, vcid: int(h[2] >> 2), seq: int(h[4])}
	if hd.scid != t.p.SCID {
		return 0, nil, &frame.Fault{Skip: n + t.fillAfter(buf, n), Msg: fmt.Sprintf("TC frame for spacecraft %d (0x%X), not %d: frame dropped", hd.scid, hd.scid, t.p.SCID)}
	}
	if t.p.CheckVCID && hd.vcid != t.p.VCID {
		return 0, nil, &frame.Fault{Skip: n + t.fillAfter(buf, n), Msg: fmt.Sprintf("TC frame for VC %d, not %d: frame dropped", hd.vcid, t.p.VCID)}
	}
	t.hdr = hd
	end := n
	if t.p.FECF {
		end -= fecfLen
	}
	return n + t.fillAfter(buf, n), f[tcHeaderLen:end], nil
}

// fillAfter is the number of CLTU fill octets after a frame of n octets at
// the start of buf: all of the padding to the codeblock boundary, or none.
func (t *TCTF) fillAfter(buf []byte, n int) int {
	pad := (infoLen - n%infoLen) % infoLen
	if pad == 0 || len(buf) < n+pad {
		return 0
	}
	for _, o := range buf[n : n+pad] {
		if o != t.p.Fill {
			return 0
		}
	}
	return pad
}

// Annotate puts the header of the frame just read in extra.
func (t *TCTF) Annotate(chunk record.Meta) record.Meta {
	m := chunk.Clone()
	if m == nil {
		m = record.Meta{}
	}
	x := extraOf(m)
	x["SCID"], x["VCID"], x["FRM_SEQ_NUM"] = t.hdr.scid, t.hdr.vcid, t.hdr.seq
	x["BYPASS_FLAG"], x["CONTROL_COMMAND_FLAG"] = b2i(t.hdr.bypass), b2i(t.hdr.control)
	return m
}

// Explain is --explain on read.
func (t *TCTF) Explain(raw []byte) string {
	return fmt.Sprintf("TC frame of %d octets, SCID %d VC %d N(S) %d", len(raw), t.hdr.scid, t.hdr.vcid, t.hdr.seq)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ReadRecord takes the frames out of one record: a CLTU's data (one frame
// or several back to back, then CLTU fill) or one frame. A frame never
// continues into the next record, so a corrupt length field costs only its
// own record. A fault (bad FECF, wrong SCID, a length field that does not
// fit the record, trailing octets that are not fill) drops the rest of the
// record and comes back as a *frame.Fault for the caller to report. explain,
// when not nil, receives one line per frame.
func (t *TCTF) ReadRecord(data []byte, meta record.Meta, emit frame.Emit, explain func(string)) (frames int, err error) {
	for len(data) > 0 {
		if len(data) < infoLen && allOctets(data, t.p.Fill) {
			return frames, nil // CLTU fill after a frame that was not padded to the codeblock boundary
		}
		n, pkt, err := t.Split(data)
		if err != nil {
			return frames, err
		}
		if n == 0 {
			if len(data) < tcHeaderLen {
				return frames, &frame.Fault{Msg: fmt.Sprintf("%d octets after the last TC frame are neither a frame nor CLTU fill", len(data))}
			}
			var h [tcHeaderLen]byte
			copy(h[:], data)
			if t.p.Randomize {
				randomize(h[:], tcSequence)
			}
			return frames, &frame.Fault{Msg: fmt.Sprintf("TC frame length field says %d octets but the record holds %d", int(binary.BigEndian.Uint16(h[2:])&0x3FF)+1, len(data))}
		}
		if explain != nil {
			explain(t.Explain(data[:n]))
		}
		frames++
		if err := emit(t.Annotate(meta), pkt); err != nil {
			return frames, err
		}
		data = data[n:]
	}
	return frames, nil
}

func allOctets(p []byte, o byte) bool {
	for _, x := range p {
		if x != o {
			return false
		}
	}
	return true
}
