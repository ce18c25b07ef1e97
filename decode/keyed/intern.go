package keyed

import "sync/atomic"

// Intern returns b as a string, reusing the string of an earlier call with
// the same bytes when it is still in a small direct-mapped table. Member
// names repeat from one packet to the next, so parsers intern them instead
// of allocating each time. Safe for concurrent use; a collision only costs
// an allocation.
func Intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > maxInternLen {
		return string(b)
	}
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	slot := &internTab[h&(internSlots-1)]
	if p := slot.Load(); p != nil && *p == string(b) {
		return *p
	}
	s := string(b)
	slot.Store(&s)
	return s
}

const (
	internSlots  = 1024
	maxInternLen = 40
)

var internTab [internSlots]atomic.Pointer[string]
