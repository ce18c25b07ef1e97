package encrypt

import (
	"fmt"

	"github.com/c3kit/c3kit/frame/record"
)

// Stats are the counters --stats prints.
type Stats struct {
	Records  int64 // records read
	BytesIn  int64
	BytesOut int64
	Empty    int64 // empty records passed on (AllowEmpty) or dropped
	Rejected int64 // records that failed to decrypt (read only)
}

// RejectError describes one record that could not be opened; its text is
// the one-line diagnostic (it never contains key material).
type RejectError struct {
	Record int64 // 1-based record number
	Offset int64 // stream offset of the record
	Err    error // *ShortError or ErrAuth
}

func (e *RejectError) Error() string {
	return fmt.Sprintf("record %d at stream offset %d: %v", e.Record, e.Offset, e.Err)
}

func (e *RejectError) Unwrap() error { return e.Err }

// Stage runs a Codec over a record stream in one direction.
type Stage struct {
	Codec *Codec
	Write bool // seal (the write direction); otherwise open
	// FailFast stops at the first record that cannot be opened (COSMOS
	// disconnects); otherwise Report is told and the record dropped.
	FailFast bool
	Report   func(*RejectError)
	// AllowEmpty passes empty records on; otherwise they are dropped, as
	// COSMOS drops empty data at the last protocol of a chain (c3frame is
	// always the last of its own chain).
	AllowEmpty bool

	out   []byte
	stats Stats
}

// Stats returns the counters so far.
func (s *Stage) Stats() Stats { return s.stats }

// Run transforms every record of r onto w, meta unchanged. It returns the
// first RejectError under FailFast, or a stream error.
func (s *Stage) Run(r *record.Reader, w *record.Writer) error {
	return record.Each(r, func(rec *record.Record) error {
		s.stats.Records++
		s.stats.BytesIn += int64(len(rec.Data))
		if len(rec.Data) == 0 {
			s.stats.Empty++
			if !s.AllowEmpty {
				return nil
			}
			return w.Write(rec.Meta, rec.Data)
		}
		var err error
		if s.Write {
			s.out, err = s.Codec.Seal(s.out[:0], rec.Data)
			if err != nil {
				return err
			}
		} else if s.out, err = s.Codec.Open(s.out[:0], rec.Data); err != nil {
			s.stats.Rejected++
			rej := &RejectError{Record: s.stats.Records, Offset: r.Offset(), Err: err}
			if s.FailFast {
				return rej
			}
			if s.Report != nil {
				s.Report(rej)
			}
			return nil
		}
		s.stats.BytesOut += int64(len(s.out))
		return w.Write(rec.Meta, s.out)
	})
}
