package record

import (
	"encoding/binary"
	"math"
	"unicode/utf8"
)

// A hand-written decoder for the CBOR that meta frames hold in practice:
// definite-length maps with text keys, unsigned and negative integers,
// text and byte strings, booleans, null, floats, arrays. It yields exactly
// the values decMode yields (uint64, int64, string, []byte, bool, nil,
// float64, []any, map[string]any; Meta at the top) and meets decMode's
// limits (see the constants below).
//
// It never reports an error itself. Whatever it is not sure about - tags,
// indefinite lengths, simple values, undefined, float16 and float32 NaN
// (whose bits fxamacker's conversion decides), negative integers past
// int64, non-text or duplicate keys, invalid UTF-8, limits exceeded,
// trailing or missing bytes - makes it give up, and DecodeMeta hands the
// frame to decMode, whose answer (value or error) is then the answer. So
// the fast path can only ever agree with fxamacker, never disagree.

// Limits of decMode, repeated here so the fast path gives up where decMode
// would refuse.
const (
	metaMaxDepth    = 16 // MaxNestedLevels: the top map is level 1
	metaMaxElements = 65536
	metaMaxPairs    = 65536
)

// metaDecoder decodes one meta frame at a time. With intern set, short text
// strings (keys, target and packet names, LINK, PEER) are shared between
// frames, boxed once, instead of being allocated for every record.
type metaDecoder struct {
	data   []byte
	off    int
	intern *internTable // nil: no interning
}

// internTable is a direct-mapped cache of short strings: a slot per hash,
// a new string evicting the old. Bounded by construction, and cheaper than
// a Go map (no runtime hashing, no growth) for the few names a stream uses.
type internTable [1 << internBits]internEntry

type internEntry struct {
	s string
	v any // s boxed once, so a text value costs no allocation either
}

const (
	internBits   = 8  // 256 slots
	internMaxLen = 64 // long strings rarely repeat
)

// slot returns b's slot. The hash samples the length and three bytes
// (first, middle, last: names often differ only at the end, "...:5001");
// a collision costs only a miss, since a hit compares the whole string.
func (t *internTable) slot(b []byte) *internEntry {
	h := uint32(len(b))
	if n := len(b); n > 0 {
		h |= uint32(b[0])<<8 | uint32(b[n/2])<<16 | uint32(b[n-1])<<24
	}
	return &t[(h*0x9e3779b1)>>(32-internBits)]
}

// decode returns the meta in b, or ok == false when the fast path gave up.
func (d *metaDecoder) decode(b []byte) (Meta, bool) {
	d.data, d.off = b, 0
	m, ok := d.top()
	d.data = nil // do not keep the caller's buffer alive
	return m, ok
}

func (d *metaDecoder) top() (Meta, bool) {
	major, n, ok := d.head()
	if !ok || major != cborMap {
		return nil, false
	}
	x, ok := d.mapBody(n, 1)
	if !ok || d.off != len(d.data) {
		return nil, false
	}
	return Meta(x), true
}

// head reads an initial byte and its argument. Indefinite lengths and the
// reserved additional-information values 28..30 give up.
func (d *metaDecoder) head() (major byte, arg uint64, ok bool) {
	if d.off >= len(d.data) {
		return 0, 0, false
	}
	c := d.data[d.off]
	d.off++
	major, ai := c&0xe0, c&0x1f
	if ai < 24 {
		return major, uint64(ai), true
	}
	size := 0
	switch ai {
	case 24:
		size = 1
	case 25:
		size = 2
	case 26:
		size = 4
	case 27:
		size = 8
	default:
		return 0, 0, false
	}
	if len(d.data)-d.off < size {
		return 0, 0, false
	}
	p := d.data[d.off:]
	d.off += size
	switch size {
	case 1:
		if major == cborSimple {
			return 0, 0, false // a one-byte simple value: fxamacker's SimpleValue
		}
		return major, uint64(p[0]), true
	case 2:
		return major, uint64(binary.BigEndian.Uint16(p)), true
	case 4:
		return major, uint64(binary.BigEndian.Uint32(p)), true
	}
	return major, binary.BigEndian.Uint64(p), true
}

// remaining is how many bytes are left: no definite length may promise
// more items or bytes than that, so it also bounds what we allocate.
func (d *metaDecoder) remaining() uint64 { return uint64(len(d.data) - d.off) }

func (d *metaDecoder) mapBody(n uint64, depth int) (map[string]any, bool) {
	if depth > metaMaxDepth || n > metaMaxPairs || n > d.remaining()/2 {
		return nil, false
	}
	m := make(map[string]any, n)
	for i := uint64(0); i < n; i++ {
		major, kl, ok := d.head()
		if !ok || major != cborText {
			return nil, false
		}
		k, _, ok := d.text(kl)
		if !ok {
			return nil, false
		}
		v, ok := d.value(depth)
		if !ok {
			return nil, false
		}
		m[k] = v
		if uint64(len(m)) != i+1 {
			return nil, false // duplicate key: decMode rejects it
		}
	}
	return m, true
}

// text returns the next n bytes as a valid UTF-8 string, interned when
// short, and the string boxed as an interface (nil when not interned).
func (d *metaDecoder) text(n uint64) (string, any, bool) {
	if n > d.remaining() {
		return "", nil, false
	}
	b := d.data[d.off : d.off+int(n)]
	d.off += int(n)
	if d.intern == nil || n > internMaxLen {
		if !utf8.Valid(b) {
			return "", nil, false
		}
		return string(b), nil, true
	}
	e := d.intern.slot(b)
	if e.v != nil && e.s == string(b) { // the comparison does not allocate
		return e.s, e.v, true // checked for UTF-8 when it was stored
	}
	if !utf8.Valid(b) {
		return "", nil, false
	}
	e.s = string(b)
	e.v = e.s
	return e.s, e.v, true
}

func (d *metaDecoder) value(depth int) (any, bool) {
	start := d.off
	major, arg, ok := d.head()
	if !ok {
		return nil, false
	}
	switch major {
	case cborUint:
		return arg, true
	case cborNegInt:
		if arg > math.MaxInt64 {
			return nil, false // decMode makes a big.Int of it
		}
		return -1 - int64(arg), true
	case cborBytes:
		if arg > d.remaining() {
			return nil, false
		}
		b := make([]byte, arg)
		d.off += copy(b, d.data[d.off:])
		return b, true
	case cborText:
		s, v, ok := d.text(arg)
		if v == nil {
			v = s
		}
		return v, ok
	case cborArray:
		if depth+1 > metaMaxDepth || arg > metaMaxElements || arg > d.remaining() {
			return nil, false
		}
		a := make([]any, arg)
		for i := range a {
			if a[i], ok = d.value(depth + 1); !ok {
				return nil, false
			}
		}
		return a, true
	case cborMap:
		m, ok := d.mapBody(arg, depth+1)
		if !ok {
			return nil, false
		}
		return m, true
	case cborSimple:
		return simpleValue(d.data[start]&0x1f, arg)
	}
	return nil, false // tags
}

// simpleValue decodes major type 7 given its additional information.
// Undefined and the unassigned simple values give up (decMode maps them to
// nil and cbor.SimpleValue; rare enough to leave to it).
func simpleValue(ai byte, arg uint64) (any, bool) {
	switch ai {
	case cborFalse & 0x1f:
		return false, true
	case cborTrue & 0x1f:
		return true, true
	case cborNull & 0x1f:
		return nil, true
	case cborFloat16 & 0x1f:
		return float16ToFloat64(uint16(arg))
	case cborFloat32 & 0x1f:
		f := math.Float32frombits(uint32(arg))
		if f != f {
			return nil, false // NaN: leave its bits to fxamacker
		}
		return float64(f), true
	case cborFloat64 & 0x1f:
		return math.Float64frombits(arg), true
	}
	return nil, false
}

// float16ToFloat64 widens an IEEE binary16 value exactly. NaN gives up.
func float16ToFloat64(h uint16) (any, bool) {
	exp, frac := int(h>>10)&0x1f, float64(h&0x3ff)
	var f float64
	switch exp {
	case 0:
		f = math.Ldexp(frac, -24) // subnormal (or zero)
	case 0x1f:
		if frac != 0 {
			return nil, false
		}
		f = math.Inf(1)
	default:
		f = math.Ldexp(frac+0x400, exp-25)
	}
	if h&0x8000 != 0 {
		f = -f
	}
	return f, true
}
