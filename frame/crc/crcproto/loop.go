package crcproto

import (
	"errors"

	"github.com/c3kit/c3kit/frame/crc"
	"github.com/c3kit/c3kit/frame/record"
)

// validate is the check Verifier and Adder share: a table, and a field that
// can hold its CRC.
func validate(t *crc.Table, f Field) error {
	if t == nil {
		return errors.New("no CRC table")
	}
	return f.Validate(t.Params().Width)
}

// each reads every record from r, counts it in st and hands it to fn, until
// the clean end of r (nil), r's error or fn's error. It flushes w before it
// returns, so the records already handled reach the reader even when the
// stream stops on an error (DISCONNECT).
func each(r *record.Reader, w *record.Writer, st *Stats, fn func(*record.Record) error) (err error) {
	defer func() {
		if ferr := w.Flush(); err == nil {
			err = ferr
		}
	}()
	return record.Each(r, func(rec *record.Record) error {
		st.Records++
		st.Bytes += int64(len(rec.Data))
		return fn(rec)
	})
}
