package frame

import (
	"bytes"
	"fmt"
)

// delimScanner finds the delimiter that ends a packet, for Terminated,
// SLIP and COBS. It remembers how far it has searched, so a large packet
// arriving in many chunks is scanned once, not once per chunk.
type delimScanner struct {
	term     []byte
	syncLen  int  // the delimiter is searched for after the sync pattern
	maxLen   int  // cap on a frame's bytes before its delimiter, sync pattern included
	scanned  int  // bytes of the current buf already searched
	skipping bool // discarding an oversized packet up to its delimiter
}

// find returns n > 0, the packet's length including the delimiter, with
// the delimiter at n-len(term); 0 to wait for more bytes; or a Fault.
func (s *delimScanner) find(buf []byte) (int, error) {
	from := max(s.scanned, s.syncLen)
	if from > len(buf) {
		from = len(buf)
	}
	i := bytes.Index(buf[from:], s.term)
	if i < 0 {
		if len(buf) >= s.maxLen+len(s.term) {
			// No delimiter within the cap: drop what we have (keeping a
			// possible partial delimiter) and, without a sync pattern to
			// search for, keep dropping up to the next delimiter.
			s.scanned = 0
			s.skipping = s.syncLen == 0
			return 0, faultf(len(buf)-(len(s.term)-1), "no %s within the %d-byte cap (set --max-record)", s.what(), s.maxLen)
		}
		s.scanned = max(len(buf)-(len(s.term)-1), 0)
		return 0, nil
	}
	s.scanned = 0
	end := from + i
	n := end + len(s.term)
	if s.skipping {
		s.skipping = false
		return 0, faultf(n, "rest of an oversized packet")
	}
	if end > s.maxLen {
		return 0, faultf(n, "packet of %d bytes exceeds the %d-byte cap (set --max-record)", end, s.maxLen)
	}
	return n, nil
}

func (s *delimScanner) what() string { return fmt.Sprintf("terminator 0x%X", s.term) }

// fits is the same rule for the write direction: n bytes go before the
// delimiter.
func (s *delimScanner) fits(n int) *Fault {
	if n > s.maxLen {
		return faultf(0, "framed packet of %d bytes before the %s exceeds the %d-byte cap (set --max-record)", n, s.what(), s.maxLen)
	}
	return nil
}

func (s *delimScanner) reset() { s.scanned, s.skipping = 0, false }
