package def

import (
	"fmt"

	"github.com/c3kit/c3kit/frame/record"
)

// This file keeps definitions inside the record cap: a packet no stage may
// pass on (record.DefaultMaxLen unless Options.MaxRecord says otherwise) is
// refused when it is defined, before an encoder could try to allocate it.

// maxRecord is the record cap in bytes.
func (o *Options) maxRecord() int {
	if o.MaxRecord > 0 {
		return o.MaxRecord
	}
	return record.DefaultMaxLen
}

// checkExtent refuses an item whose offset or sizes reach past the cap,
// before any sum of them could overflow.
func checkExtent(it *Item, maxBytes int) error {
	maxBits := int64(maxBytes) * 8
	for _, f := range []struct {
		what string
		v    int
	}{{"bit offset", it.BitOffset}, {"bit size", it.BitSize}, {"array bit size", it.ArrayBitSize}} {
		if v := int64(f.v); v > maxBits || -v > maxBits {
			return fmt.Errorf("%s: %s %d is past the %d-byte record cap (raise it with --max-record)", it.Name, f.what, f.v, maxBytes)
		}
	}
	return nil
}

// checkPacketLength refuses a packet whose defined length passed the cap.
func checkPacketLength(p *Packet, it *Item, maxBytes int) error {
	if p.DefinedLength > maxBytes {
		return fmt.Errorf("%s: packet %s %s would be %d bytes, past the %d-byte record cap (raise it with --max-record)",
			it.Name, p.Target, p.Name, p.DefinedLength, maxBytes)
	}
	return nil
}
