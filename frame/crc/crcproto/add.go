package crcproto

import (
	"errors"
	"fmt"

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
	// Item, when set, is COSMOS's write item found with the definitions:
	// the CRC of the bytes before it is written into it (InPlace and
	// Field's offset play no part).
	Item ItemFinder
	// Strategy and Report handle records too short for an in-place field
	// (the only bad record on this side), as for Verifier.
	Strategy Strategy
	Report   func(*Bad)
}

// Validate checks the configuration before any record is read.
func (a *Adder) Validate() error {
	if a.Item != nil && a.Field.CosmosLE64 {
		return errors.New("--cosmos-le64 is the layout COSMOS appends; a write item is written as its definition says")
	}
	if a.InPlace && a.Field.CosmosLE64 {
		return errors.New("the COSMOS 64-bit layout is what COSMOS appends; a write item is written as a plain 64-bit value")
	}
	return validate(a.Table, a.Field)
}

// Run adds the CRC to every record from r and writes it to w, flushing w
// before it returns.
func (a *Adder) Run(r *record.Reader, w *record.Writer) (st Stats, err error) {
	if err := a.Validate(); err != nil {
		return st, err
	}
	size := a.Field.Size()
	var field [8]byte
	err = each(r, w, &st, func(rec *record.Record) error {
		data, meta := rec.Data, rec.Meta
		var err error
		if a.Item != nil {
			if ierr := a.writeItem(meta, data); ierr != nil {
				st.Rejected++
				bad := &Bad{Record: st.Records, Offset: r.Offset(), Reason: ierr.Error(), Strategy: a.Strategy}
				pass, m, herr := handleBad(bad, meta, &st, a.Report)
				if herr != nil || !pass {
					return herr
				}
				meta = m
			}
			err = w.Write(meta, data)
		} else if !a.InPlace {
			a.Field.Put(field[:size], a.Table.Checksum(data))
			err = w.WriteParts(meta, data, field[:size])
		} else if start, fits := a.Field.Locate(len(data)); fits {
			a.Field.Put(field[:size], a.Table.Checksum(data[:start]))
			err = w.WriteParts(meta, data[:start], field[:size], data[start+size:])
		} else {
			st.Rejected++
			bad := &Bad{Record: st.Records, Offset: r.Offset(), Len: len(data), Short: true, Needs: a.Field.Needs(),
				Width: a.Table.Params().Width, Field: a.Field, Strategy: a.Strategy}
			pass, m, herr := handleBad(bad, meta, &st, a.Report)
			if herr != nil || !pass {
				return herr
			}
			err = w.Write(m, data)
		}
		if err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
		return nil
	})
	return st, err
}
