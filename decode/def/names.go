package def

import "strings"

// upper upper-cases a name as COSMOS does for targets, packets, items and
// states, without allocating when it already is.
func upper(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' || c >= 0x80 {
			return strings.ToUpper(s)
		}
	}
	return s
}
