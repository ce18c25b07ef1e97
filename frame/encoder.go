package frame

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/c3kit/c3kit/frame/record"
)

// Encoder runs a Framer over a stream of packets (the --write direction).
// Meta passes on unchanged with each framed record.
type Encoder struct {
	fr    Framer
	opt   Options
	stats Stats
}

// NewEncoder returns an Encoder for fr.
func NewEncoder(fr Framer, o Options) *Encoder { return &Encoder{fr: fr, opt: o} }

// Stats returns the counters so far.
func (e *Encoder) Stats() Stats { return e.stats }

// Encode frames one packet and writes it to w. A packet that cannot be
// framed (it contains the terminator, its length does not fit the field,
// ...) is reported and skipped, or stops the stream with FailFast. pkt may
// be modified in place (length and sync fill).
func (e *Encoder) Encode(meta record.Meta, pkt []byte, w *record.Writer) error {
	e.stats.Records++
	e.stats.BytesIn += int64(len(pkt))
	n := e.stats.Records
	if len(pkt) == 0 && e.opt.AllowEmpty == AllowEmptyFalse {
		e.stats.EmptyDropped++
		return nil
	}
	parts, err := e.fr.Frame(meta, pkt)
	if err != nil {
		var f *Fault
		if !errors.As(err, &f) {
			return err
		}
		e.stats.Errors++
		if e.opt.FailFast {
			return fmt.Errorf("record %d: %s", n, f.Msg)
		}
		if e.opt.Report != nil {
			e.opt.Report(fmt.Sprintf("record %d: %s; skipped", n, f.Msg))
		}
		return nil
	}
	size := 0
	for _, p := range parts {
		size += len(p)
	}
	if e.opt.Explain != nil {
		msg := fmt.Sprintf("record %d: %d-byte packet -> %d framed bytes", n, len(pkt), size)
		if fe, ok := e.fr.(FrameExplainer); ok {
			msg += "; " + fe.ExplainFrame(bytes.Join(parts, nil))
		}
		e.opt.Explain(msg)
	}
	e.stats.Packets++
	e.stats.BytesOut += int64(size)
	return w.WriteParts(meta, parts...)
}

// Run frames every record of r onto w.
func (e *Encoder) Run(r *record.Reader, w *record.Writer) error {
	return record.Each(r, func(rec *record.Record) error {
		return e.Encode(rec.Meta, rec.Data, w)
	})
}
