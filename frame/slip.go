package frame

import (
	"bytes"
	"fmt"

	"github.com/c3kit/c3kit/frame/record"
)

// SlipParams are COSMOS SlipProtocol's parameters, in order.
type SlipParams struct {
	Start       int  // start char (-1: none, the default)
	ReadStrip   bool // strip the start and end characters on read (true)
	ReadEscape  bool // undo escaping on read (true)
	WriteEscape bool // escape on write (true)
	End         byte // 0xC0
	Esc         byte // 0xDB
	EscEnd      byte // 0xDC
	EscEsc      byte // 0xDD
	MaxLen      int  // c3kit cap on one packet (0: DefaultMaxLen)
}

// DefaultSlip returns COSMOS's defaults (RFC 1055 characters, no start char).
func DefaultSlip() SlipParams {
	return SlipParams{Start: -1, ReadStrip: true, ReadEscape: true, WriteEscape: true, End: 0xC0, Esc: 0xDB, EscEnd: 0xDC, EscEsc: 0xDD}
}

// Slip is COSMOS SlipProtocol (RFC 1055 framing). As in COSMOS there is no
// leading END on write unless a start char is configured.
type Slip struct {
	SlipParams
	sync    []byte
	scan    delimScanner
	scratch [2][]byte
	parts   [3][]byte
}

// NewSlip validates p and returns a SLIP protocol.
func NewSlip(p SlipParams) (*Slip, error) {
	if p.Start > 0xFF {
		return nil, fmt.Errorf("start char %d is not a byte", p.Start)
	}
	if p.MaxLen < 0 {
		return nil, fmt.Errorf("max length %d is negative", p.MaxLen)
	}
	if p.MaxLen == 0 {
		p.MaxLen = DefaultMaxLen
	}
	s := &Slip{SlipParams: p}
	if p.Start >= 0 {
		s.sync = []byte{byte(p.Start)}
	}
	// The cap is on the frame as it sits in the stream (escaped), in both
	// directions.
	s.scan = delimScanner{term: []byte{p.End}, syncLen: len(s.sync), maxLen: p.MaxLen}
	return s, nil
}

// SyncPattern implements Protocol: the start char, when configured.
func (s *Slip) SyncPattern() []byte { return s.sync }

// DiscardLeading implements Protocol.
func (s *Slip) DiscardLeading() int { return 0 }

// MaxFrame implements Capped.
func (s *Slip) MaxFrame() int { return s.MaxLen }

// Reset implements Splitter.
func (s *Slip) Reset() { s.scan.reset() }

// Split implements Splitter: up to the END character, then strip the start
// and end characters, then undo escaping (ESC ESC_END -> END, then
// ESC ESC_ESC -> ESC, one pass each, as COSMOS does).
func (s *Slip) Split(buf []byte) (int, []byte, error) {
	n, err := s.scan.find(buf)
	if n == 0 || err != nil {
		return 0, nil, err
	}
	p := buf[:n]
	if s.ReadStrip {
		p = p[len(s.sync) : n-1]
	}
	if s.ReadEscape && bytes.IndexByte(p, s.Esc) >= 0 {
		s.scratch[0] = replace2to1(s.scratch[0][:0], p, s.Esc, s.EscEnd, s.End)
		s.scratch[1] = replace2to1(s.scratch[1][:0], s.scratch[0], s.Esc, s.EscEsc, s.Esc)
		p = s.scratch[1]
	}
	return n, p, nil
}

// Frame implements Framer: ESC -> ESC ESC_ESC, then END -> ESC ESC_END,
// then the END character (after the start char, if any).
func (s *Slip) Frame(_ record.Meta, pkt []byte) ([][]byte, error) {
	p := pkt
	if s.WriteEscape {
		if bytes.IndexByte(p, s.Esc) >= 0 {
			s.scratch[0] = replace1to2(s.scratch[0][:0], p, s.Esc, s.Esc, s.EscEsc)
			p = s.scratch[0]
		}
		if bytes.IndexByte(p, s.End) >= 0 {
			s.scratch[1] = replace1to2(s.scratch[1][:0], p, s.End, s.Esc, s.EscEnd)
			p = s.scratch[1]
		}
	}
	if f := s.scan.fits(len(s.sync) + len(p)); f != nil {
		return nil, f
	}
	s.parts[0], s.parts[1], s.parts[2] = s.sync, p, s.scan.term
	return s.parts[:], nil
}

// replace2to1 appends src to dst with every pair a b replaced by c.
func replace2to1(dst, src []byte, a, b, c byte) []byte {
	for {
		i := bytes.IndexByte(src, a)
		if i < 0 || i+1 >= len(src) {
			return append(dst, src...)
		}
		if src[i+1] == b {
			dst = append(append(dst, src[:i]...), c)
			src = src[i+2:]
		} else {
			dst = append(dst, src[:i+1]...)
			src = src[i+1:]
		}
	}
}

// replace1to2 appends src to dst with every byte a replaced by b c.
func replace1to2(dst, src []byte, a, b, c byte) []byte {
	for {
		i := bytes.IndexByte(src, a)
		if i < 0 {
			return append(dst, src...)
		}
		dst = append(append(dst, src[:i]...), b, c)
		src = src[i+1:]
	}
}
