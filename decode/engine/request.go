package engine

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/quote"
)

// Request is one packet to build, from a JSON line or a COSMOS command
// string.
type Request struct {
	Target, Packet string
	// Meta carries time, stored and extra from a JSON line.
	Meta   record.Meta
	Values []Given
	// HexBlocks is set for JSON lines: a string given for a BLOCK item is
	// hex, as c3decode prints BLOCK values.
	HexBlocks bool

	// What Parse reuses from line to line, so that a stream of requests
	// allocates nothing per line: the line's own copy (the strings and
	// bytes above point into it), the bytes of escaped strings and hex
	// blocks, array elements and the meta map.
	text   []byte
	arena  []byte
	arrays [][]Value
	nArr   int
	meta   record.Meta
	extra  map[string]any    // meta's extra, from the fast JSON path
	intern map[string]string // extra's keys and values (jsonline.go)
}

// ParseRequest parses one input line: a JSON object (the c3decode form) if
// it starts with '{', else a COSMOS command string.
func ParseRequest(line []byte) (*Request, error) {
	r := &Request{}
	if err := r.Parse(line); err != nil {
		return nil, err
	}
	return r, nil
}

// Parse is ParseRequest into r, reusing r's memory: what r holds (its
// strings, byte values, arrays and Meta) stays valid until r's next Parse.
func (r *Request) Parse(line []byte) error {
	r.text = append(r.text[:0], bytes.TrimSpace(line)...)
	r.arena, r.nArr = r.arena[:0], 0
	r.Target, r.Packet, r.Meta, r.Values, r.HexBlocks = "", "", nil, r.Values[:0], false
	t := r.text
	if len(t) > 0 && t[0] == '{' {
		if r.parseJSONFast(t) {
			return nil
		}
		// anything the fast path does not take, errors included, goes the
		// general way: the same result, the same messages
		slow, err := ParseJSONRequest(t)
		if err != nil {
			return err
		}
		r.Target, r.Packet, r.Meta, r.Values, r.HexBlocks = slow.Target, slow.Packet, slow.Meta, slow.Values, slow.HexBlocks
		return nil
	}
	return r.parseCommand(transient(t))
}

// ParseJSONRequest parses the DESIGN §4 JSON form.
func ParseJSONRequest(b []byte) (*Request, error) {
	l, err := jsonform.ParseLine(b)
	if err != nil {
		return nil, err
	}
	r := &Request{Meta: l.Meta, HexBlocks: true}
	r.Target, _ = l.Meta[record.KeyTarget].(string)
	r.Packet, _ = l.Meta[record.KeyPacket].(string)
	delete(r.Meta, record.KeyTarget)
	delete(r.Meta, record.KeyPacket)
	if r.Target == "" || r.Packet == "" {
		return nil, errors.New(`a JSON line needs "target" and "packet"`)
	}
	if len(l.Items) == 0 {
		return r, nil
	}
	if r.Values, err = parseItems(l.Items); err != nil {
		return nil, err
	}
	return r, nil
}

// ParseCommandString parses COSMOS's cmd() syntax:
//
//	TARGET PACKET
//	TARGET PACKET with NAME VALUE, NAME 'quoted, text', NAME [1, 2, 3]
//
// Bare values stay words (Name values) so the encoder can read them by the
// item's type: numbers (decimal, 0x hex, floats), state names, hex bytes.
func ParseCommandString(s string) (*Request, error) {
	r := &Request{}
	r.text = append(r.text, strings.TrimSpace(s)...)
	if err := r.parseCommand(transient(r.text)); err != nil {
		return nil, err
	}
	return r, nil
}

// parseCommand parses a command string that is r.text (trimmed).
func (r *Request) parseCommand(s string) error {
	head, rest := s, ""
	if i := indexWith(s); i >= 0 {
		head, rest = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+4:])
		if rest == "" {
			return errors.New(`nothing after "with"`)
		}
	}
	target, packet, ok := twoFields(head)
	if !ok {
		return fmt.Errorf("want \"TARGET PACKET [with NAME VALUE, ...]\", got %s", quote.Q(s))
	}
	r.Target, r.Packet = strings.ToUpper(target), strings.ToUpper(packet)
	if rest == "" {
		return nil
	}
	base := len(s) - len(rest)
	p := &cmdParser{s: rest, b: r.text[base : base+len(rest)], r: r}
	for {
		p.space()
		name := p.word()
		if name == "" {
			return fmt.Errorf("parameter name expected at column %d", p.col(base))
		}
		p.space()
		r.Values = append(r.Values, Given{Name: upperName(name)})
		if err := p.value(&r.Values[len(r.Values)-1].Value); err != nil {
			return fmt.Errorf("parameter %s: %v", quote.Clip(name), err)
		}
		p.space()
		if p.eof() {
			return nil
		}
		if !p.eat(',') {
			return fmt.Errorf("parameter %s: ',' expected at column %d", quote.Clip(name), p.col(base))
		}
	}
}

// twoFields is strings.Fields(s) when that gives two fields, without its
// slice.
func twoFields(s string) (a, b string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			f := strings.Fields(s) // Unicode spaces: the general way
			if len(f) != 2 {
				return "", "", false
			}
			return f[0], f[1], true
		}
	}
	i := strings.IndexAny(s, asciiSpace)
	if i < 0 {
		return "", "", false
	}
	a, b = s[:i], strings.TrimLeft(s[i:], asciiSpace)
	if a == "" || b == "" || strings.ContainsAny(b, asciiSpace) {
		return "", "", false
	}
	return a, b, true
}

const asciiSpace = " \t\n\v\f\r"

// arrayBuf returns a reused, empty element slice for an array value.
func (r *Request) arrayBuf() int {
	if r.nArr == len(r.arrays) {
		r.arrays = append(r.arrays, nil)
	}
	r.nArr++
	r.arrays[r.nArr-1] = r.arrays[r.nArr-1][:0]
	return r.nArr - 1
}

// indexWith finds the " with " separating the command from its parameters
// (any case), outside quotes.
func indexWith(s string) int {
	var q byte
	for i := 0; i+6 <= len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case isBlank(c) && strings.EqualFold(s[i+1:i+5], "with") && isBlank(s[i+5]):
			return i + 1
		}
	}
	if len(s) > 5 && isBlank(s[len(s)-5]) && strings.EqualFold(s[len(s)-4:], "with") {
		return len(s) - 4
	}
	return -1
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// mayBeSpace: c is ASCII space or control, or part of a non-ASCII
// character (which may be a Unicode space): strings.TrimSpace may trim it.
func mayBeSpace(c byte) bool { return c <= ' ' || c >= utf8.RuneSelf }

// upperName is strings.ToUpper, without its scan for the ASCII names
// parameters have.
func upperName(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.ToUpper(s)
		}
	}
	return upperASCII(s)
}

type cmdParser struct {
	s string
	b []byte // s's bytes, which byte values point into
	r *Request
	i int
}

func (p *cmdParser) eof() bool { return p.i >= len(p.s) }
func (p *cmdParser) col(base int) int {
	return base + p.i + 1
}
func (p *cmdParser) space() {
	for p.i < len(p.s) && isBlank(p.s[p.i]) {
		p.i++
	}
}
func (p *cmdParser) eat(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *cmdParser) word() string {
	j := p.i
	for j < len(p.s) && !isBlank(p.s[j]) && p.s[j] != ',' {
		j++
	}
	w := p.s[p.i:j]
	p.i = j
	return w
}

// value reads a quoted string, an array, or a bare word running to the
// next top-level comma (COSMOS allows spaces inside bare values) into
// dst, which must be a zero Value (a slot just appended).
func (p *cmdParser) value(dst *Value) error {
	if p.eof() {
		return errors.New("value expected")
	}
	switch p.s[p.i] {
	case '"', '\'':
		v, err := p.quoted()
		*dst = v
		return err
	case '[':
		return p.array(dst)
	}
	j := p.i
	for j < len(p.s) && p.s[j] != ',' && p.s[j] != ']' {
		j++
	}
	w := p.s[p.i:j]
	if w != "" && (mayBeSpace(w[0]) || mayBeSpace(w[len(w)-1])) {
		w = strings.TrimSpace(w)
	}
	p.i = j
	if w == "" {
		return errors.New("value expected")
	}
	// dst is a new, zero slot: only the fields of its kind are set.
	if k, n, f, ok := fastNum(w); ok {
		// Read as COSMOS's convert_to_value reads it, once, here: numeric
		// items then take it as it is. S keeps the word for a STRING or
		// BLOCK item, which writes the text as given.
		dst.K, dst.I, dst.F, dst.S = k, n, f, w
		return nil
	}
	dst.K, dst.S = Name, w
	return nil
}

// quoted reads a quoted string. Text without escapes is the line's own
// bytes; with escapes it is copied a run at a time into the request's arena
// (a 50 MB value is one copy, not fifty million appends).
func (p *cmdParser) quoted() (Value, error) {
	q := p.s[p.i]
	stops := `"\`
	if q == '\'' {
		stops = `'\`
	}
	rest := p.s[p.i+1:]
	r := p.r
	start, esc := len(r.arena), false
	for {
		k := strings.IndexAny(rest, stops)
		if k < 0 {
			return Value{}, fmt.Errorf("unterminated %c string", q)
		}
		if rest[k] == q {
			at := len(p.s) - len(rest)
			p.i = at + k + 1
			switch {
			case esc:
				r.arena = append(r.arena, rest[:k]...)
				return Value{K: String, B: r.arena[start:len(r.arena):len(r.arena)]}, nil
			case k == 0:
				return Value{K: String}, nil
			}
			return Value{K: String, B: p.b[at : at+k : at+k]}, nil
		}
		// a backslash: it escapes the quote and itself, nothing else
		esc = true
		if k+1 < len(rest) && (rest[k+1] == q || rest[k+1] == '\\') {
			r.arena = append(append(r.arena, rest[:k]...), rest[k+1])
			rest = rest[k+2:]
		} else {
			r.arena = append(r.arena, rest[:k+1]...)
			rest = rest[k+1:]
		}
	}
}

// array reads [v, ...] into dst. The elements are parsed in place in a
// slice the request reuses: a Value is large, and building each one and
// appending it copied it twice.
func (p *cmdParser) array(dst *Value) error {
	p.i++ // [
	k := p.r.arrayBuf()
	a := p.r.arrays[k]
	defer func() { p.r.arrays[k] = a }() // nested arrays may grow p.r.arrays meanwhile
	for {
		p.space()
		if p.eat(']') {
			if a == nil {
				a = []Value{}
			}
			*dst = Value{K: Array, A: a}
			return nil
		}
		if len(a) > 0 {
			if !p.eat(',') {
				return errors.New("',' or ']' expected in array")
			}
			p.space()
		}
		if len(a) == 1<<20 {
			return errors.New("array too long")
		}
		a = append(a, Value{})
		if err := p.value(&a[len(a)-1]); err != nil {
			return err
		}
	}
}

// Detach makes r's names and values independent of r's memory, so that
// what is built from them may outlive r's next Parse (a key-based
// accessor can put given values into the record's extra meta).
func (r *Request) Detach() {
	r.Target, r.Packet = strings.Clone(r.Target), strings.Clone(r.Packet)
	for i := range r.Values {
		g := &r.Values[i]
		g.Name, g.Value = strings.Clone(g.Name), g.Value.detached()
	}
}

// detached is a deep copy of v.
func (v Value) detached() Value {
	v.S = strings.Clone(v.S)
	if v.B != nil {
		v.B = bytes.Clone(v.B)
	}
	if v.A != nil {
		a := make([]Value, len(v.A))
		for i := range v.A {
			a[i] = v.A[i].detached()
		}
		v.A = a
	}
	if v.O != nil {
		o := make([]Field, len(v.O))
		for i, f := range v.O {
			o[i] = Field{strings.Clone(f.Name), f.Value.detached()}
		}
		v.O = o
	}
	return v
}
