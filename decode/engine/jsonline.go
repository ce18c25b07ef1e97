package engine

import (
	"encoding/hex"
	"math"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// parseJSONFast parses the JSON lines c3decode prints, in one pass and
// without allocating: an object with only the keys target, packet, time,
// stored, extra (string values only: a command's RESPONSE) and items,
// strings without escapes, and items whose values are
// numbers, strings, true, false, null, {"hex": "..."} or arrays of those.
// It is strict JSON throughout. It returns false for anything else, errors
// included, leaving r to ParseJSONRequest (encoding/json), which then gives
// the same result or the error: this path only has to be right where it
// says yes.
func (r *Request) parseJSONFast(b []byte) bool {
	p := jsonScan{b: b, r: r}
	if !p.eat('{') {
		return false
	}
	const (
		sawTarget = 1 << iota
		sawPacket
		sawTime
		sawStored
		sawItems
		sawExtra
	)
	var saw int
	var tm uint64
	var stored bool
	for {
		key, ok := p.str()
		if !ok || !p.eat(':') {
			return false
		}
		var bit int
		switch transient(key) {
		case "target", "packet":
			bit = sawTarget
			if transient(key) == "packet" {
				bit = sawPacket
			}
			v, ok := p.str()
			if !ok || !isASCII(v) { // encoding/json would replace bad UTF-8
				return false
			}
			if bit == sawTarget {
				r.Target = transient(v)
			} else {
				r.Packet = transient(v)
			}
		case "time":
			bit = sawTime
			v, ok := p.str()
			if !ok {
				return false
			}
			t, err := time.Parse(time.RFC3339Nano, transient(v))
			if err != nil || t.Before(minMetaTime) || t.After(maxMetaTime) {
				return false
			}
			tm = uint64(t.UnixNano())
		case "stored":
			bit = sawStored
			switch {
			case p.word("true"):
				stored = true
			case p.word("false"):
				stored = false
			default:
				return false
			}
		case "items":
			bit = sawItems
			if !p.items() {
				return false
			}
		case "extra":
			bit = sawExtra
			if !p.extra() {
				return false
			}
		default:
			return false
		}
		if saw&bit != 0 {
			return false // a repeated key: encoding/json's last one wins
		}
		saw |= bit
		if p.eat('}') {
			break
		}
		if !p.eat(',') {
			return false
		}
	}
	p.space()
	if p.i != len(b) || saw&sawTarget == 0 || saw&sawPacket == 0 || r.Target == "" || r.Packet == "" {
		return false
	}
	if r.meta == nil {
		r.meta = record.Meta{}
	}
	clear(r.meta)
	if saw&sawTime != 0 {
		r.meta[record.KeyTime] = tm
	}
	if saw&sawStored != 0 {
		r.meta[record.KeyStored] = stored
	}
	if saw&sawExtra != 0 {
		r.meta[record.KeyExtra] = r.extra
	}
	r.Meta, r.HexBlocks = r.meta, true
	return true
}

// minMetaTime and maxMetaTime bound the times a record's meta can hold
// (unsigned nanoseconds that fit an int64), as jsonform checks them.
var minMetaTime, maxMetaTime = time.Unix(0, 0), time.Unix(0, math.MaxInt64)

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// jsonScan reads strict JSON from b, answering false at anything it does
// not take.
type jsonScan struct {
	b []byte
	i int
	r *Request
}

func (p *jsonScan) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// eat skips space and then c.
func (p *jsonScan) eat(c byte) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *jsonScan) word(w string) bool {
	p.space()
	if len(p.b)-p.i >= len(w) && string(p.b[p.i:p.i+len(w)]) == w {
		p.i += len(w)
		return true
	}
	return false
}

// str reads a string without escapes (its bytes, in b).
func (p *jsonScan) str() ([]byte, bool) {
	if !p.eat('"') {
		return nil, false
	}
	start := p.i
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case c == '"':
			p.i++
			return p.b[start : p.i-1 : p.i-1], true
		case c == '\\' || c < 0x20:
			return nil, false
		}
		p.i++
	}
	return nil, false
}

// extra reads an "extra" object of ASCII string values into r.extra (the
// one form c3decode prints for commands: {"RESPONSE":"INST HEALTH_STATUS"});
// anything else goes the general way. Its keys and values are interned:
// the map's contents outlive the line (a record's meta is written later).
func (p *jsonScan) extra() bool {
	if !p.eat('{') {
		return false
	}
	r := p.r
	if r.extra == nil {
		r.extra = map[string]any{}
	}
	clear(r.extra)
	if p.eat('}') {
		return true
	}
	for {
		k, ok := p.str()
		if !ok || !isASCII(k) || !p.eat(':') {
			return false
		}
		p.space()
		v, ok := p.str()
		if !ok || !isASCII(v) {
			return false
		}
		if _, dup := r.extra[transient(k)]; dup {
			return false // a repeated key: encoding/json's last one wins
		}
		r.extra[r.interned(k)] = r.interned(v)
		if p.eat('}') {
			return true
		}
		if !p.eat(',') {
			return false
		}
	}
}

// interned is b as a string that outlives r's next Parse, made once per
// distinct text (up to maxInterned of them, then a copy each time).
func (r *Request) interned(b []byte) string {
	if s, ok := r.intern[transient(b)]; ok {
		return s
	}
	s := string(b)
	if len(r.intern) < maxInterned {
		if r.intern == nil {
			r.intern = map[string]string{}
		}
		r.intern[s] = s
	}
	return s
}

// maxInterned bounds the texts a Request keeps for extra meta.
const maxInterned = 256

// items reads the "items" object into r.Values, as parseItems would.
func (p *jsonScan) items() bool {
	if !p.eat('{') {
		return false
	}
	if p.eat('}') {
		return true
	}
	for {
		name, ok := p.str()
		if !ok || !p.eat(':') {
			return false
		}
		vs := append(p.r.Values, Given{Name: transient(name), Hex: true})
		if !p.value(&vs[len(vs)-1].Value, 0) {
			return false
		}
		if vs[len(vs)-1].Value.K == Null { // undecodable on the way out: take the default
			vs = vs[:len(vs)-1]
		}
		p.r.Values = vs
		if p.eat('}') {
			return true
		}
		if !p.eat(',') {
			return false
		}
	}
}

// maxFastDepth bounds nested arrays on this path (deeper goes the general
// way, which has its own limit).
const maxFastDepth = 8

// value reads one value into dst, a zero Value (a slot just appended):
// only the fields of its kind are set, and a Value is never built and
// copied in.
func (p *jsonScan) value(dst *Value, depth int) bool {
	p.space()
	if p.i >= len(p.b) {
		return false
	}
	switch c := p.b[p.i]; {
	case c == '"':
		s, ok := p.str()
		dst.K, dst.B = String, s
		return ok
	case c == '[':
		return p.array(dst, depth)
	case c == '{':
		v, ok := p.hexObject()
		*dst = v
		return ok
	case c == 't':
		dst.K, dst.I = Bool, 1
		return p.word("true")
	case c == 'f':
		dst.K = Bool
		return p.word("false")
	case c == 'n':
		return p.word("null")
	case c == '-' || c >= '0' && c <= '9':
		return p.number(dst)
	}
	return false
}

func (p *jsonScan) array(dst *Value, depth int) bool {
	if depth >= maxFastDepth {
		return false
	}
	p.i++ // [
	r := p.r
	k := r.arrayBuf()
	a := r.arrays[k]
	defer func() { r.arrays[k] = a }() // nested arrays may grow r.arrays meanwhile
	if !p.eat(']') {
		for {
			a = append(a, Value{})
			if !p.value(&a[len(a)-1], depth+1) {
				return false
			}
			if p.eat(']') {
				break
			}
			if !p.eat(',') {
				return false
			}
		}
	}
	if a == nil {
		a = []Value{}
	}
	dst.K, dst.A = Array, a
	return true
}

// hexObject reads {"hex": "..."}, c3decode's form of bytes given for a
// non-BLOCK item, into the request's arena.
func (p *jsonScan) hexObject() (Value, bool) {
	p.i++ // {
	k, ok := p.str()
	if !ok || string(k) != "hex" || !p.eat(':') {
		return Value{}, false
	}
	h, ok := p.str()
	if !ok || !p.eat('}') || len(h)%2 != 0 {
		return Value{}, false
	}
	if len(h) == 0 {
		return BytesVal([]byte{}), true // empty, not nil: as encoding/json gives
	}
	r := p.r
	start := len(r.arena)
	r.arena = append(r.arena, make([]byte, len(h)/2)...)
	out := r.arena[start:len(r.arena):len(r.arena)]
	if _, err := hex.Decode(out, h); err != nil {
		return Value{}, false
	}
	return BytesVal(out), true
}

// number reads a number in JSON's grammar and parses it as parseNumber
// does.
func (p *jsonScan) number(dst *Value) bool {
	b, start := p.b, p.i
	i := start
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = digits(b, i)
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return false
		}
		i = j
	}
	p.i = i
	lit := b[start:i]
	if k, n, f, ok := fastNum(transient(lit)); ok {
		dst.K, dst.I, dst.F = k, n, f
		return true
	}
	v, err := parseNumber(string(lit))
	*dst = v
	return err == nil
}

func digits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}
