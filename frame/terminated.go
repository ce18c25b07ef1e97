package frame

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/c3kit/c3kit/frame/record"
)

// TerminatedParams are COSMOS TerminatedProtocol's parameters, in order.
type TerminatedParams struct {
	WriteTerm   []byte // write termination characters (needed to write)
	ReadTerm    []byte // read termination characters (needed to read)
	StripRead   bool   // strip read termination (true)
	BurstParams        // discard leading bytes, sync pattern, fill fields
}

// Terminated is COSMOS TerminatedProtocol: packets end with termination
// characters.
type Terminated struct {
	TerminatedParams
	scan   delimScanner
	parts  [3][]byte
	prefix []byte
}

// NewTerminated validates p and returns a Terminated protocol.
func NewTerminated(p TerminatedParams) (*Terminated, error) {
	// COSMOS requires both; a one-way c3frame stage needs only its own.
	if len(p.WriteTerm) == 0 && len(p.ReadTerm) == 0 {
		return nil, errors.New("termination characters are required: the read terminator to read, the write terminator to write")
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return &Terminated{TerminatedParams: p, scan: delimScanner{term: p.ReadTerm, syncLen: len(p.Sync), maxLen: p.MaxLen}}, nil
}

var (
	errNoReadTerm  = errors.New("no read termination characters: cannot read")
	errNoWriteTerm = errors.New("no write termination characters: cannot write")
)

// Split implements Splitter. The terminator is searched for after the sync
// pattern, so a sync pattern that contains the terminator still works.
func (t *Terminated) Split(buf []byte) (int, []byte, error) {
	if len(t.ReadTerm) == 0 {
		return 0, nil, errNoReadTerm
	}
	n, err := t.scan.find(buf)
	if n == 0 || err != nil {
		return 0, nil, err
	}
	if t.StripRead {
		return n, buf[:n-len(t.ReadTerm)], nil
	}
	return n, buf[:n], nil
}

// Reset implements Splitter.
func (t *Terminated) Reset() { t.scan.reset() }

// Explain implements Explainer.
func (t *Terminated) Explain(pkt []byte) string {
	s := fmt.Sprintf("%d bytes up to and including terminator 0x%X", len(pkt), t.ReadTerm)
	if t.StripRead {
		s += " (stripped)"
	}
	return s
}

// Frame implements Framer: COSMOS refuses a packet that contains the write
// termination characters, fills the sync pattern like Burst, and appends
// the write termination characters.
func (t *Terminated) Frame(_ record.Meta, pkt []byte) ([][]byte, error) {
	if len(t.WriteTerm) == 0 {
		return nil, errNoWriteTerm
	}
	if err := t.fillPacket(pkt); err != nil {
		return nil, err
	}
	prefix, err := t.fillData(t.prefix, pkt)
	if err != nil {
		return nil, err
	}
	t.prefix = prefix
	if bytes.Contains(pkt, t.WriteTerm) {
		return nil, faultf(0, "packet contains the write termination characters 0x%X", t.WriteTerm)
	}
	if f := t.scan.fits(len(prefix) + len(pkt)); f != nil {
		return nil, f
	}
	t.parts[0], t.parts[1], t.parts[2] = prefix, pkt, t.WriteTerm
	return t.parts[:], nil
}
