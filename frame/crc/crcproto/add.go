package crcproto

import (
	"errors"
	"fmt"
	"io"

	"github.com/c3kit/c3kit/frame/crc"
	"github.com/c3kit/c3kit/frame/record"
)

// Adder puts a CRC into each record (the write side of COSMOS's CRC
// protocol).
//
// By default the CRC of the whole record is appended in Field's size and
// byte order; Field.BitOffset plays no part, as in COSMOS's write_data. With
// InPlace, the CRC of the bytes before Field overwrites Field inside the
// record, which is what a COSMOS write item at that offset does.
type Adder struct {
	Table   *crc.Table
	Field   Field
	InPlace bool
	// Strategy and Report handle records too short for an in-place field
	// (the only bad record on this side), as for Verifier.
	Strategy Strategy
	Report   func(*Bad)
}

// Validate checks the configuration before any record is read.
func (a *Adder) Validate() error {
	if a.Table == nil {
		return errors.New("no CRC table")
	}
	if a.InPlace && a.Field.CosmosLE64 {
		return errors.New("the COSMOS 64-bit layout is what COSMOS appends; a write item is written as a plain 64-bit value")
	}
	return a.Field.Validate(a.Table.Params().Width)
}

// Run adds the CRC to every record from r and writes it to w, flushing w
// before it returns.
func (a *Adder) Run(r *record.Reader, w *record.Writer) (st Stats, err error) {
	if err := a.Validate(); err != nil {
		return st, err
	}
	defer func() {
		if ferr := w.Flush(); err == nil {
			err = ferr
		}
	}()
	size := a.Field.Size()
	var field [8]byte
	for {
		rec, rerr := r.Read()
		if rerr == io.EOF {
			return st, nil
		}
		if rerr != nil {
			return st, rerr
		}
		st.Records++
		st.Bytes += int64(len(rec.Data))
		data, meta := rec.Data, rec.Meta
		if !a.InPlace {
			a.Field.Put(field[:size], a.Table.Checksum(data))
			err = w.WriteParts(meta, data, field[:size])
		} else if start, fits := a.Field.Locate(len(data)); fits {
			a.Field.Put(field[:size], a.Table.Checksum(data[:start]))
			err = w.WriteParts(meta, data[:start], field[:size], data[start+size:])
		} else {
			bad := &Bad{Record: st.Records, Offset: r.Offset(), Len: len(data), Short: true, Needs: a.Field.Needs(),
				Width: a.Table.Params().Width, Field: a.Field, Strategy: a.Strategy}
			pass, m, herr := handleBad(bad, meta, &st, a.Report)
			if herr != nil {
				return st, herr
			}
			if !pass {
				continue
			}
			err = w.Write(m, data)
		}
		if err != nil {
			return st, fmt.Errorf("writing output: %w", err)
		}
	}
}
