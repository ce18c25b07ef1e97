package gems

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

// Protocol is COSMOS's GEMS stack as one c3frame stage: TerminatedProtocol
// 0x7C454E44 0x7C454E44 false 0 0x7C47454D53 false (a message runs from
// "|GEMS" through "|END", kept whole), then the GEMS checks and fills.
type Protocol struct {
	*frame.Terminated
	// Version fills an empty version field on write ("14": GEMS 1.4).
	Version string
	// Now gives the timestamp filled in on write (time.Now by default).
	Now    func() time.Time
	nextID uint64
	out    []byte
	parts  [1][]byte
}

// New returns the GEMS protocol, capping a message at maxLen bytes (0: the
// c3frame default).
func New(maxLen int) (*Protocol, error) {
	t, err := frame.NewTerminated(frame.TerminatedParams{
		WriteTerm: []byte(End), ReadTerm: []byte(End), StripRead: false,
		BurstParams: frame.BurstParams{Sync: []byte(Start), MaxLen: maxLen},
	})
	if err != nil {
		return nil, err
	}
	return &Protocol{Terminated: t, Version: "14", Now: time.Now, nextID: 1}, nil
}

// Split implements frame.Splitter: a message whose length field disagrees
// with its size is a fault (reported, skipped; the stream goes on).
func (p *Protocol) Split(buf []byte) (int, []byte, error) {
	n, pkt, err := p.Terminated.Split(buf)
	if n == 0 || err != nil {
		return n, pkt, err
	}
	if err := CheckLength(pkt); err != nil {
		return 0, nil, &frame.Fault{Msg: err.Error(), Skip: n}
	}
	return n, pkt, nil
}

// Explain implements frame.Explainer.
func (p *Protocol) Explain(pkt []byte) string {
	return fmt.Sprintf("%d-byte GEMS message, length field checked", len(pkt))
}

// Frame implements frame.Framer. The packet is a GEMS message, with or
// without its closing "|END". The length field is always recomputed; an
// empty version, transaction id or timestamp is filled (transaction ids
// count up from 1 per stream, timestamps are seconds.nanoseconds).
func (p *Protocol) Frame(_ record.Meta, pkt []byte) ([][]byte, error) {
	msg := pkt
	if !bytes.HasSuffix(msg, []byte(End)) {
		msg = append(append(p.out[:0], pkt...), End...)
	}
	m, err := Parse(msg)
	if err != nil {
		return nil, &frame.Fault{Msg: "not a GEMS message: " + err.Error(), Skip: 1}
	}
	if m.Version == "" {
		m.Version = p.Version
	}
	if m.TransactionID == "" {
		m.TransactionID = strconv.FormatUint(p.nextID, 10)
		p.nextID++
	}
	if m.Timestamp == "" {
		t := p.Now()
		m.Timestamp = fmt.Sprintf("%d.%09d", t.Unix(), t.Nanosecond())
	}
	m.Length = FormatLength(0)
	out := m.Bytes()
	copy(out[len(Start)+1+len(m.Version)+1:], FormatLength(len(out)))
	if bytes.Contains(out[:len(out)-len(End)], []byte(End)) {
		return nil, &frame.Fault{Msg: "GEMS message contains \"|END\" before its end (escape '|' as &b)", Skip: 1}
	}
	p.out = out[:0]
	p.parts[0] = out
	return p.parts[:], nil
}
