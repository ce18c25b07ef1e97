package crcproto

import (
	"fmt"

	"github.com/c3kit/c3kit/frame/record"
)

// ExtraCRCOK is the extra key set to false on a bad record passed on under
// the ERROR strategy. Good records are left untouched (no key), so a
// verified stream is byte-for-byte what came in.
const ExtraCRCOK = "CRC_OK"

// Bad describes one bad record; its Error text is the one-line diagnostic.
type Bad struct {
	Record   int64  // 1-based record number in the input
	Offset   int64  // stream offset where the record (its first frame) begins
	Len      int    // record length in bytes
	Short    bool   // too short to hold the field; Expected and Found unset
	Needs    int    // for Short: the length the field needs
	Expected uint64 // the CRC computed over the bytes before the field
	Found    uint64 // the value in the field
	Width    int    // CRC width in bits, for formatting
	Field    Field
	Strategy Strategy
	// Reason, when set, says why no CRC could be written (the write item
	// cannot be found in the record's packet); the other fields but Record
	// and Offset are then unset.
	Reason string
}

func (b *Bad) Error() string {
	where := fmt.Sprintf("record %d at stream offset %d", b.Record, b.Offset)
	if b.Reason != "" {
		return fmt.Sprintf("%s: %s; %s", where, b.Reason, b.Strategy.outcome())
	}
	if b.Short {
		return fmt.Sprintf("%s: %d-byte record too short: the %d-bit CRC at bit offset %d needs %d bytes; %s",
			where, b.Len, b.Field.BitSize, b.Field.BitOffset, b.Needs, b.Strategy.outcome())
	}
	return fmt.Sprintf("%s: bad CRC: expected %s, found %s; %s",
		where, hexw(b.Expected, b.Width), hexw(b.Found, b.Width), b.Strategy.outcome())
}

// Stats are the counters --stats prints.
type Stats struct {
	Records  int64 // records read
	Bytes    int64 // record bytes read
	Failures int64 // bad CRCs and records too short for the CRC
	Short    int64 // of Failures, records too short
	Empty    int64 // empty records passed on unchecked (as COSMOS does)
	Dropped  int64 // records left out (DROP)
	// Rejected counts records add could not put a CRC in (too short, no
	// write item): input it could not use, so the stage exits 1 at the
	// end. A bad CRC on verify is a data condition, not a rejection.
	Rejected int64
}

// handleBad applies the strategy to a bad record: it returns the error that
// ends the stream (DISCONNECT), or reports the record and says whether to
// pass it on, with the meta to pass it on with.
func handleBad(b *Bad, meta record.Meta, st *Stats, report func(*Bad)) (pass bool, out record.Meta, err error) {
	st.Failures++
	if b.Short {
		st.Short++
	}
	switch b.Strategy {
	case Disconnect:
		return false, nil, b
	case Drop:
		st.Dropped++
		if report != nil {
			report(b)
		}
		return false, nil, nil
	}
	if report != nil {
		report(b)
	}
	out = meta.Clone() // the reader's meta may be shared; never change it in place
	if out == nil {
		out = record.Meta{}
	}
	out.SetExtra(ExtraCRCOK, false)
	return true, out, nil
}

// hexw formats a CRC value zero-padded to its width.
func hexw(v uint64, width int) string { return fmt.Sprintf("0x%0*x", (width+3)/4, v) }
