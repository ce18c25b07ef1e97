package keyed

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/c3kit/c3kit/internal/ruby"
)

// MaxJSONDepth bounds the nesting of a parsed JSON document: deeper input
// is refused instead of growing the stack.
const MaxJSONDepth = 256

// ParseJSON parses one JSON text into the contract's value shapes, objects
// as *Object (document order kept). It accepts what Ruby's
// JSON.parse(allow_nan: true) and Python's json.loads accept beyond strict
// JSON: NaN, Infinity and -Infinity (as json.Number). Errors name the byte
// offset.
func ParseJSON(b []byte) (any, error) {
	p := jsonParser{b: b}
	p.ws()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i != len(p.b) {
		return nil, p.fail("after the JSON value: unexpected", true)
	}
	return v, nil
}

type jsonParser struct {
	b []byte
	i int
}

// SyntaxError is a JSON text that does not parse. It is built without
// formatting (identification tries bodies that are not JSON at all); the
// message is made when it is reported.
type SyntaxError struct {
	Offset int
	Msg    string
	found  int // the byte at Offset, -1 at the end, -2 when not shown
}

func (e *SyntaxError) Error() string {
	switch {
	case e.found == -1:
		return fmt.Sprintf("invalid JSON at byte %d: %s end of input", e.Offset, e.Msg)
	case e.found >= 0:
		return fmt.Sprintf("invalid JSON at byte %d: %s %s", e.Offset, e.Msg, strconv.QuoteRune(rune(e.found)))
	}
	return fmt.Sprintf("invalid JSON at byte %d: %s", e.Offset, e.Msg)
}

// fail reports msg at the current offset; found adds what is there.
func (p *jsonParser) fail(msg string, found bool) error {
	e := &SyntaxError{Offset: p.i, Msg: msg, found: -2}
	if found {
		e.found = -1
		if p.i < len(p.b) {
			e.found = int(p.b[p.i])
		}
	}
	return e
}

func (p *jsonParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) lit(s string) bool {
	if len(p.b)-p.i >= len(s) && string(p.b[p.i:p.i+len(s)]) == s {
		p.i += len(s)
		return true
	}
	return false
}

func (p *jsonParser) value(depth int) (any, error) {
	if depth > MaxJSONDepth {
		return nil, p.fail("nested deeper than 256 levels", false)
	}
	if p.i >= len(p.b) {
		return nil, p.fail("unexpected end of input", false)
	}
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.str()
	case c == 't' && p.lit("true"):
		return true, nil
	case c == 'f' && p.lit("false"):
		return false, nil
	case c == 'n' && p.lit("null"):
		return nil, nil
	case c == 'N' && p.lit("NaN"):
		return json.Number("NaN"), nil
	case c == 'I' && p.lit("Infinity"):
		return json.Number("Infinity"), nil
	case c == '-' && p.lit("-Infinity"):
		return json.Number("-Infinity"), nil
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	return nil, p.fail("unexpected", true)
}

func (p *jsonParser) object(depth int) (any, error) {
	p.i++ // {
	o := NewObject(smallObject)
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return o, nil
	}
	for {
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return nil, p.fail("expected a string key, found", true)
		}
		k, err := p.key()
		if err != nil {
			return nil, err
		}
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return nil, p.fail("expected ':' after an object key, found", true)
		}
		p.i++
		p.ws()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		o.Append(k, v)
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.b) && p.b[p.i] == '}' {
			p.i++
			return o, nil
		}
		return nil, p.fail("expected ',' or '}' in an object, found", true)
	}
}

func (p *jsonParser) array(depth int) (any, error) {
	p.i++ // [
	a := make([]any, 0, 4)
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return a, nil
	}
	for {
		p.ws()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.b) && p.b[p.i] == ']' {
			p.i++
			return a, nil
		}
		return nil, p.fail("expected ',' or ']' in an array, found", true)
	}
}

func (p *jsonParser) number() (any, error) {
	start := p.i
	if p.b[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.b) && p.b[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return nil, p.fail("invalid number", false)
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil, p.fail("invalid number: no digits after '.'", false)
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.fail("invalid number: no digits in the exponent", false)
		}
	}
	return json.Number(p.b[start:p.i]), nil
}

func (p *jsonParser) str() (string, error) {
	p.i++ // "
	start := p.i
	// fast path: no escapes
	for p.i < len(p.b) {
		c := p.b[p.i]
		if c == '"' {
			s := p.b[start:p.i]
			p.i++
			return string(s), nil // not UTF-8: kept byte for byte
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.i++
	}
	buf := append([]byte(nil), p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), nil
		case c < 0x20:
			return "", p.fail("control character in a string", false)
		case c != '\\':
			buf = append(buf, c)
			p.i++
			continue
		}
		p.i++
		if p.i >= len(p.b) {
			break
		}
		e := p.b[p.i]
		p.i++
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", p.fail("invalid \\u escape", false)
			}
			if utf16.IsSurrogate(r) {
				save := p.i
				if p.lit(`\u`) {
					if r2, ok := p.hex4(); ok {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							buf = utf8.AppendRune(buf, d)
							continue
						}
					}
				}
				p.i = save
				r = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, r)
		default:
			p.i--
			return "", p.fail("invalid escape", true)
		}
	}
	return "", p.fail("unterminated string", false)
}

func (p *jsonParser) hex4() (rune, bool) {
	if len(p.b)-p.i < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.b[p.i:p.i+4]), 16, 16)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(n), true
}

// ErrNotJSON is returned by AppendJSON for a value JSON cannot carry.
var ErrNotJSON = errors.New("value cannot be written as JSON")

// AppendJSON appends v (a contract value, *Object, map[string]any with its
// keys sorted) as compact JSON, the way Ruby's JSON.generate(allow_nan:
// true) writes it: floats always with a fraction or exponent, NaN and
// Infinity bare. []byte is written as a string when it is UTF-8.
func AppendJSON(dst []byte, v any) ([]byte, error) {
	var err error
	switch t := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case bool:
		return strconv.AppendBool(dst, t), nil
	case json.Number:
		return append(dst, t...), nil
	case string:
		return AppendJSONString(dst, t), nil
	case []byte:
		if !utf8.Valid(t) {
			return dst, fmt.Errorf("%w: bytes that are not UTF-8", ErrNotJSON)
		}
		return AppendJSONString(dst, string(t)), nil
	case int64:
		return strconv.AppendInt(dst, t, 10), nil
	case uint64:
		return strconv.AppendUint(dst, t, 10), nil
	case int:
		return strconv.AppendInt(dst, int64(t), 10), nil
	case float64:
		return AppendRubyFloat(dst, t), nil
	case []any:
		dst = append(dst, '[')
		for i, e := range t {
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = AppendJSON(dst, e); err != nil {
				return dst, err
			}
		}
		return append(dst, ']'), nil
	case *Object:
		dst = append(dst, '{')
		for i := range t.keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendJSONString(dst, t.keys[i])
			dst = append(dst, ':')
			if dst, err = AppendJSON(dst, t.vals[i]); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendJSONString(dst, k)
			dst = append(dst, ':')
			if dst, err = AppendJSON(dst, t[k]); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	}
	return dst, fmt.Errorf("%w: %T", ErrNotJSON, v)
}

// AppendJSONString appends s quoted for JSON as Ruby's generator does:
// UTF-8 as it is, the short escapes \" \\ \b \f \n \r \t, other control
// characters as \u00XX.
func AppendJSONString(dst []byte, s string) []byte {
	const hexd = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexd[c>>4], hexd[c&15])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// AppendRubyFloat writes f as Ruby's Float#to_s does (the text JSON.generate
// and to_s give): "3.14", "100.0", "1.0e+20", "1.0e-05", "NaN", "Infinity".
// The one implementation is internal/ruby's.
func AppendRubyFloat(dst []byte, f float64) []byte { return append(dst, ruby.RubyFloat(f)...) }

func containsDot(b []byte) bool {
	for _, c := range b {
		if c == '.' {
			return true
		}
	}
	return false
}

// key reads a member name, interned when it has no escapes.
func (p *jsonParser) key() (string, error) {
	start := p.i + 1
	for j := start; j < len(p.b); j++ {
		c := p.b[j]
		if c == '"' {
			p.i = j + 1
			return Intern(p.b[start:j]), nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
	}
	return p.str()
}
