package def

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// checkUTF8 refuses a definition file with a line that is not UTF-8,
// naming the first one: COSMOS reads definitions as UTF-8 and its ERB
// stops at such a line, and here the bytes would otherwise end up in
// names and descriptions. Valid text costs one pass of utf8.ValidString.
func checkUTF8(path, text string) error {
	if utf8.ValidString(text) {
		return nil
	}
	lineNo := 0
	for len(text) > 0 {
		lineNo++
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if utf8.ValidString(line) {
			continue
		}
		col := 0
		for col < len(line) {
			r, n := utf8.DecodeRuneInString(line[col:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			col += n
		}
		return &Error{File: path, Line: lineNo, Msg: fmt.Sprintf(
			"not UTF-8 (byte 0x%02x at column %d); COSMOS reads definitions as UTF-8: convert the file, e.g. iconv -f latin1 -t utf-8", line[col], col+1)}
	}
	return nil
}
