package jsonform

import (
	"bytes"
	"encoding/hex"
)

// bigHexLine is the size from which a --hex line's hex is decoded where it
// lies instead of through encoding/json, which would copy it twice more.
const bigHexLine = 64 << 10

// parseBigHexLine parses a long --hex line whose last key is "hex", as
// c3decode --hex prints it: the envelope before it goes through ParseLine,
// and the hex text is decoded in place, so a line at the record cap costs
// no memory beyond the line itself. ok is false when the line is not of
// that shape; the caller then takes the general path.
func parseBigHexLine(t []byte) (l *Line, ok bool, err error) {
	start, end, ok := hexTail(t)
	if !ok {
		return nil, false, nil
	}
	head := make([]byte, 0, start+2)
	head = append(append(head, t[:start]...), `"}`...)
	if l, err = ParseLine(head); err != nil {
		return nil, true, err
	}
	text := t[start:end]
	n, err := hex.Decode(text, text) // each byte is written behind the digits it came from
	if err != nil {
		return nil, true, err
	}
	l.Hex, l.HasHex = text[:n], true
	return l, true, nil
}

// hexTail finds the hex digits of a top-level "hex" value that ends t:
// `"hex":"<digits>"}` with optional blanks around the colon and before the
// brace. start and end delimit the digits.
func hexTail(t []byte) (start, end int, ok bool) {
	i := len(t) - 1
	if i < 0 || t[i] != '}' {
		return 0, 0, false
	}
	i = skipBlanksBack(t, i-1)
	if i < 0 || t[i] != '"' {
		return 0, 0, false
	}
	end = i
	for i--; i >= 0 && isHexDigit(t[i]); i-- {
	}
	if i < 0 || t[i] != '"' {
		return 0, 0, false
	}
	start = i + 1
	i = skipBlanksBack(t, i-1)
	if i < 0 || t[i] != ':' {
		return 0, 0, false
	}
	i = skipBlanksBack(t, i-1)
	if i < 4 || !bytes.Equal(t[i-4:i+1], []byte(`"hex"`)) {
		return 0, 0, false
	}
	return start, end, true
}

func skipBlanksBack(t []byte, i int) int {
	for i >= 0 && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n') {
		i--
	}
	return i
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
