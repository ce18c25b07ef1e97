// Package form is COSMOS's FormAccessor: application/x-www-form-urlencoded
// bodies (a=1&b=two+words). An item's KEY (or its name when it has none)
// is the field name.
//
// Reading gives the field's value as text; a field that appears more than
// once gives all its values as an array, in order. '+' reads as a space and
// %XX as that byte; a % not followed by two hex digits stays as it is
// (Ruby's URI.decode_www_form and Python's parse_qsl both leave it).
//
// Writing removes every pair with the item's field name and appends the
// new value at the end (one pair per element for an array), then encodes
// the whole form as Ruby's URI.encode_www_form does: letters, digits and
// *-._ stay, a space becomes '+', every other byte %XX.
package form

import (
	"fmt"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor/keytext"
	"github.com/c3kit/c3kit/decode/keyed"
)

// MaxFields caps the pairs of one form (Go's own url.ParseQuery stops at
// 10000 too): a body of '&'s must not become millions of entries.
const MaxFields = 10000

func init() { keyed.Register("FormAccessor", New) }

// New is the keyed.Factory: FormAccessor takes no arguments.
func New(args []string, template []byte) (keyed.Codec, error) {
	if len(args) > 0 {
		return nil, fmt.Errorf("FormAccessor takes no arguments, got %s", strings.Join(args, " "))
	}
	return Codec{}, nil
}

// Codec is the FormAccessor codec.
type Codec struct{}

func (Codec) Name() string { return "FormAccessor" }

func (Codec) Compile(key string) (keyed.Key, error) {
	if key == "" {
		return nil, fmt.Errorf("empty form field name")
	}
	return field(key), nil
}

type field string

// Template is an empty form.
func (Codec) Template() ([]byte, error) { return []byte{}, nil }

type pair struct {
	key, val string
	noValue  bool // written as "key" alone (a nil value)
}

func (Codec) Parse(body []byte, _ map[string]any) (keyed.Doc, error) {
	d := &doc{}
	s := string(body)
	for s != "" {
		seg, rest, _ := strings.Cut(s, "&")
		s = rest
		if seg == "" {
			continue
		}
		if len(d.pairs) == MaxFields {
			return nil, fmt.Errorf("form has more than %d fields", MaxFields)
		}
		k, v, _ := strings.Cut(seg, "=")
		d.pairs = append(d.pairs, pair{key: unescape(k), val: unescape(v)})
	}
	return d, nil
}

type doc struct{ pairs []pair }

func (d *doc) Get(k keyed.Key) (any, error) {
	f, ok := k.(field)
	if !ok {
		return nil, fmt.Errorf("key %v was not compiled by FormAccessor", k)
	}
	var one string
	var many []any
	n := 0
	for _, p := range d.pairs {
		if p.key != string(f) {
			continue
		}
		switch n {
		case 0:
			one = p.val
		case 1:
			many = append(many, one, p.val)
		default:
			many = append(many, p.val)
		}
		n++
	}
	switch n {
	case 0:
		return nil, fmt.Errorf("form has no field %q: %w", string(f), keyed.ErrNotFound)
	case 1:
		return one, nil
	}
	return many, nil
}

func (d *doc) Set(k keyed.Key, v any) error {
	f, ok := k.(field)
	if !ok {
		return fmt.Errorf("key %v was not compiled by FormAccessor", k)
	}
	var add []pair
	if arr, isArr := v.([]any); isArr {
		for _, e := range arr {
			t, err := keytext.Text(e)
			if err != nil {
				return fmt.Errorf("form field %q: %v", string(f), err)
			}
			add = append(add, pair{key: string(f), val: t, noValue: e == nil})
		}
	} else {
		t, err := keytext.Text(v)
		if err != nil {
			return fmt.Errorf("form field %q: %v", string(f), err)
		}
		add = append(add, pair{key: string(f), val: t, noValue: v == nil})
	}
	// COSMOS also drops pairs whose name starts with NUL (left over from a
	// zero-filled buffer).
	kept := d.pairs[:0]
	for _, p := range d.pairs {
		if p.key != string(f) && !strings.HasPrefix(p.key, "\x00") {
			kept = append(kept, p)
		}
	}
	d.pairs = append(kept, add...)
	return nil
}

func (d *doc) Bytes(map[string]any) ([]byte, error) {
	var b strings.Builder
	for i, p := range d.pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		escape(&b, p.key)
		if !p.noValue {
			b.WriteByte('=')
			escape(&b, p.val)
		}
	}
	return []byte(b.String()), nil
}

const hexDigits = "0123456789ABCDEF"

// escape writes s as URI.encode_www_form_component does.
func escape(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '*', c == '-', c == '.', c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
}

// unescape decodes '+' and valid %XX sequences, leaving anything else.
func unescape(s string) string {
	if !strings.ContainsAny(s, "+%") {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			out = append(out, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
