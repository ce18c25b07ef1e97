package gems

import "strings"

// Escape replaces the four GEMS delimiters in a name or value: '&' first,
// so the escapes themselves are never escaped again.
func Escape(s string) string {
	if !strings.ContainsAny(s, "&|,;") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&':
			b.WriteString("&a")
		case '|':
			b.WriteString("&b")
		case ',':
			b.WriteString("&c")
		case ';':
			b.WriteString("&d")
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// Unescape undoes Escape in one pass, so "&ab" is "&b" and never "|". &s is
// read as ';' too. An '&' followed by anything else is kept as it is.
func Unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '&' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case 'a':
			b.WriteByte('&')
		case 'b':
			b.WriteByte('|')
		case 'c':
			b.WriteByte(',')
		case 'd', 's':
			b.WriteByte(';')
		default:
			b.WriteByte('&')
			continue
		}
		i++
	}
	return b.String()
}
