package engine

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/c3kit/c3kit/internal/quote"
)

// parseItems reads the "items" object of a JSON line in order, straight
// into Values: numbers keep their literal form until parseNumber (so 64-bit
// integers stay exact), {"hex":...} becomes bytes, other objects become
// Object values. encoding/json's streaming decoder costs ~30 allocations
// per value here; this costs about one.
func parseItems(b []byte) ([]Given, error) {
	p := &itemsParser{b: b}
	p.space()
	if !p.eat('{') {
		return nil, errors.New(`"items" must be an object`)
	}
	var out []Given
	p.space()
	if p.eat('}') {
		return out, p.end()
	}
	for {
		p.space()
		name, err := p.str()
		if err != nil {
			return nil, fmt.Errorf(`"items": %v`, err)
		}
		p.space()
		if !p.eat(':') {
			return nil, fmt.Errorf(`"items": ':' expected after %s`, quote.Q(name))
		}
		v, err := p.value(0)
		if err != nil {
			return nil, fmt.Errorf(`"items": %s: %v`, quote.Clip(name), err)
		}
		if v.K != Null { // undecodable on the way out: take the default
			out = append(out, Given{Name: name, Value: v, Hex: true})
		}
		p.space()
		if p.eat('}') {
			return out, p.end()
		}
		if !p.eat(',') {
			return nil, fmt.Errorf(`"items": ',' or '}' expected after %s`, quote.Clip(name))
		}
	}
}

type itemsParser struct {
	b []byte
	i int
}

const maxJSONDepth = 64

func (p *itemsParser) space() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\t' || p.b[p.i] == '\n' || p.b[p.i] == '\r') {
		p.i++
	}
}

func (p *itemsParser) eat(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *itemsParser) end() error {
	p.space()
	if p.i != len(p.b) {
		return errors.New(`"items": trailing data`)
	}
	return nil
}

// str reads a JSON string; escapes go through encoding/json.
func (p *itemsParser) str() (string, error) {
	if !p.eat('"') {
		return "", errors.New("string expected")
	}
	start, esc := p.i, false
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case c == '\\':
			esc = true
			p.i += 2
			continue
		case c == '"':
			p.i++
			if !esc {
				return string(p.b[start : p.i-1]), nil
			}
			var s string
			if err := json.Unmarshal(p.b[start-1:p.i], &s); err != nil {
				return "", err
			}
			return s, nil
		case c < 0x20:
			return "", errors.New("control character in string")
		}
		p.i++
	}
	return "", errors.New("unterminated string")
}

func (p *itemsParser) value(depth int) (Value, error) {
	if depth > maxJSONDepth {
		return Value{}, errors.New("nested too deeply")
	}
	p.space()
	if p.i >= len(p.b) {
		return Value{}, errors.New("value expected")
	}
	switch c := p.b[p.i]; {
	case c == '"':
		s, err := p.str()
		return Value{K: String, B: []byte(s)}, err
	case c == '[':
		p.i++
		a := []Value{}
		p.space()
		if p.eat(']') {
			return Value{K: Array, A: a}, nil
		}
		for {
			v, err := p.value(depth + 1)
			if err != nil {
				return Value{}, err
			}
			a = append(a, v)
			p.space()
			if p.eat(']') {
				return Value{K: Array, A: a}, nil
			}
			if !p.eat(',') {
				return Value{}, errors.New("',' or ']' expected in array")
			}
		}
	case c == '{':
		return p.object(depth)
	case c == 't' || c == 'f' || c == 'n':
		for _, w := range []string{"true", "false", "null"} {
			if len(p.b)-p.i >= len(w) && string(p.b[p.i:p.i+len(w)]) == w {
				p.i += len(w)
				switch w {
				case "true":
					return Value{K: Bool, I: 1}, nil
				case "false":
					return Value{K: Bool}, nil
				}
				return Value{}, nil
			}
		}
	case c == '-' || c >= '0' && c <= '9':
		start := p.i
		for p.i < len(p.b) && (p.b[p.i] >= '0' && p.b[p.i] <= '9' || p.b[p.i] == '-' || p.b[p.i] == '+' || p.b[p.i] == '.' || p.b[p.i] == 'e' || p.b[p.i] == 'E') {
			p.i++
		}
		return parseNumber(string(p.b[start:p.i]))
	}
	return Value{}, fmt.Errorf("unexpected %q", p.b[p.i])
}

// object reads {"hex":"..."} as bytes, any other object as an Object value
// (the input of OBJECT_WRITE_CONVERSION), keys in the order given.
func (p *itemsParser) object(depth int) (Value, error) {
	p.i++ // {
	var o []Field
	p.space()
	if !p.eat('}') {
		for {
			p.space()
			k, err := p.str()
			if err != nil {
				return Value{}, err
			}
			p.space()
			if !p.eat(':') {
				return Value{}, errors.New("':' expected in object")
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return Value{}, err
			}
			o = append(o, Field{k, v})
			p.space()
			if p.eat('}') {
				break
			}
			if !p.eat(',') {
				return Value{}, errors.New("',' or '}' expected in object")
			}
		}
	}
	if len(o) == 1 && o[0].Name == "hex" && o[0].Value.K == String {
		h, err := hex.DecodeString(string(o[0].Value.B))
		if err != nil {
			return Value{}, fmt.Errorf(`"hex": %v`, err)
		}
		return BytesVal(h), nil
	}
	return Value{K: Object, O: o}, nil
}
