package crcproto

import (
	"fmt"
	"io"

	"github.com/c3kit/c3kit/frame/crc"
	"github.com/c3kit/c3kit/frame/record"
)

// Verifier checks the CRC field of each record (the read side of COSMOS's
// CRC protocol).
type Verifier struct {
	Table    *crc.Table
	Field    Field
	Strip    bool // cut the CRC field out of each record passed on
	Strategy Strategy
	// Report receives each bad record passed on (ERROR) or dropped (DROP);
	// its Error text is the diagnostic. A DISCONNECT ends Run with the
	// *Bad as the error instead.
	Report func(*Bad)
}

// Validate checks the configuration before any record is read.
func (v *Verifier) Validate() error { return validate(v.Table, v.Field) }

// Run verifies every record from r and writes the ones that pass on to w.
// It flushes w before returning. It returns nil at the clean end of r, the
// *Bad of the first bad record under DISCONNECT, or r's or w's error.
//
// The loop is written out rather than run through each: at 64-byte
// records the two closure calls a record were a tenth of the stage's time.
func (v *Verifier) Run(r *record.Reader, w *record.Writer) (st Stats, err error) {
	if err := v.Validate(); err != nil {
		return st, err
	}
	defer func() {
		if ferr := w.Flush(); err == nil {
			err = ferr
		}
	}()
	for {
		rec, err := r.Read()
		if err != nil {
			if err == io.EOF {
				return st, nil
			}
			return st, err
		}
		st.Records++
		st.Bytes += int64(len(rec.Data))
		if err := v.record(rec, r, w, &st); err != nil {
			return st, err
		}
	}
}

// record checks one record and writes it on (or drops it, or ends the
// stream with its *Bad).
func (v *Verifier) record(rec *record.Record, r *record.Reader, w *record.Writer, st *Stats) error {
	data, meta := rec.Data, rec.Meta
	if len(data) == 0 {
		// COSMOS's CRC protocol hands empty data on unchecked.
		st.Empty++
		return w.Write(meta, data)
	}
	size := v.Field.Size()
	start, fits := v.Field.Locate(len(data))
	var bad *Bad
	if !fits {
		bad = &Bad{Short: true, Needs: v.Field.Needs()}
	} else {
		found := v.Field.Get(data[start : start+size])
		if want := v.Table.Checksum(data[:start]); want != found {
			bad = &Bad{Expected: want, Found: found}
		}
	}
	if bad != nil {
		bad.Record, bad.Offset, bad.Len = st.Records, r.Offset(), len(data)
		bad.Width, bad.Field, bad.Strategy = v.Table.Params().Width, v.Field, v.Strategy
		pass, m, err := handleBad(bad, meta, st, v.Report)
		if err != nil || !pass {
			return err
		}
		meta = m
	}
	var err error
	switch {
	case !v.Strip || !fits:
		err = w.Write(meta, data)
	case start+size == len(data):
		// A trailing CRC, the usual place: one part, Write's fast path.
		err = w.Write(meta, data[:start])
	default:
		err = w.WriteParts(meta, data[:start], data[start+size:])
	}
	if err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}
