// Package quote clips the input a diagnostic repeats. Every stderr line
// that quotes a value, a name or a line from the input goes through here,
// so a hostile 50 MB value costs one short line (DESIGN §3: quote at most
// about 80 bytes of input).
package quote

import (
	"strconv"
	"unicode/utf8"
)

// Max is the most input bytes a diagnostic repeats.
const Max = 80

// Clip returns s unchanged when it is at most Max bytes; else its first
// bytes, cut at a character boundary, then "..." and the full length.
func Clip(s string) string {
	if len(s) <= Max {
		return s
	}
	return s[:cut(s)] + "... (" + strconv.Itoa(len(s)) + " bytes)"
}

// Q is Clip inside Go quotes, for %q-style messages: the clipped part is
// quoted, the length note follows the closing quote.
func Q(s string) string {
	if len(s) <= Max {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:cut(s)]) + "... (" + strconv.Itoa(len(s)) + " bytes)"
}

// Bytes is Clip for a byte slice; only the bytes shown are copied.
func Bytes(b []byte) string {
	if len(b) <= Max {
		return string(b)
	}
	head := string(b[:Max+1]) // enough to find the cut
	return head[:cut(head)] + "... (" + strconv.Itoa(len(b)) + " bytes)"
}

// cut is where to clip s (longer than Max): at Max, moved back to the start
// of a character so no half character is shown.
func cut(s string) int {
	i := Max
	for i > Max-utf8.UTFMax && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
