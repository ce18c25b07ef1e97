package engine

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

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
}

// ParseRequest parses one input line: a JSON object (the c3decode form) if
// it starts with '{', else a COSMOS command string.
func ParseRequest(line []byte) (*Request, error) {
	t := bytes.TrimSpace(line)
	if len(t) > 0 && t[0] == '{' {
		return ParseJSONRequest(t)
	}
	return ParseCommandString(string(t))
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
	s = strings.TrimSpace(s)
	head, rest := s, ""
	if i := indexWith(s); i >= 0 {
		head, rest = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+4:])
		if rest == "" {
			return nil, errors.New(`nothing after "with"`)
		}
	}
	f := strings.Fields(head)
	if len(f) != 2 {
		return nil, fmt.Errorf("want \"TARGET PACKET [with NAME VALUE, ...]\", got %s", quote.Q(s))
	}
	r := &Request{Target: strings.ToUpper(f[0]), Packet: strings.ToUpper(f[1])}
	if rest == "" {
		return r, nil
	}
	p := &cmdParser{s: rest}
	for {
		p.space()
		name := p.word()
		if name == "" {
			return nil, fmt.Errorf("parameter name expected at column %d", p.col(len(s)-len(rest)))
		}
		p.space()
		v, err := p.value()
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %v", quote.Clip(name), err)
		}
		r.Values = append(r.Values, Given{Name: strings.ToUpper(name), Value: v})
		p.space()
		if p.eof() {
			return r, nil
		}
		if !p.eat(',') {
			return nil, fmt.Errorf("parameter %s: ',' expected at column %d", quote.Clip(name), p.col(len(s)-len(rest)))
		}
	}
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

type cmdParser struct {
	s string
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
// next top-level comma (COSMOS allows spaces inside bare values).
func (p *cmdParser) value() (Value, error) {
	if p.eof() {
		return Value{}, errors.New("value expected")
	}
	switch p.s[p.i] {
	case '"', '\'':
		return p.quoted()
	case '[':
		return p.array()
	}
	j := p.i
	for j < len(p.s) && p.s[j] != ',' && p.s[j] != ']' {
		j++
	}
	w := strings.TrimSpace(p.s[p.i:j])
	p.i = j
	if w == "" {
		return Value{}, errors.New("value expected")
	}
	return NameVal(w), nil
}

// quoted reads a quoted string. The text between escapes is copied a run
// at a time (a 50 MB value is one copy, not fifty million appends).
func (p *cmdParser) quoted() (Value, error) {
	q := p.s[p.i]
	stops := `"\`
	if q == '\'' {
		stops = `'\`
	}
	rest := p.s[p.i+1:]
	var b []byte
	for {
		k := strings.IndexAny(rest, stops)
		if k < 0 {
			return Value{}, fmt.Errorf("unterminated %c string", q)
		}
		if rest[k] == q {
			if b == nil && k > 0 {
				b = make([]byte, 0, k)
			}
			b = append(b, rest[:k]...)
			p.i = len(p.s) - len(rest) + k + 1
			return Value{K: String, B: b}, nil
		}
		// a backslash: it escapes the quote and itself, nothing else
		if k+1 < len(rest) && (rest[k+1] == q || rest[k+1] == '\\') {
			b = append(append(b, rest[:k]...), rest[k+1])
			rest = rest[k+2:]
		} else {
			b = append(b, rest[:k+1]...)
			rest = rest[k+1:]
		}
	}
}

func (p *cmdParser) array() (Value, error) {
	p.i++ // [
	a := []Value{}
	for {
		p.space()
		if p.eat(']') {
			return Value{K: Array, A: a}, nil
		}
		if len(a) > 0 {
			if !p.eat(',') {
				return Value{}, errors.New("',' or ']' expected in array")
			}
			p.space()
		}
		v, err := p.value()
		if err != nil {
			return Value{}, err
		}
		a = append(a, v)
		if len(a) > 1<<20 {
			return Value{}, errors.New("array too long")
		}
	}
}
