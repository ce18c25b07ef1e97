package record

import (
	"encoding/binary"
	"math"
	"slices"
	"strings"
)

// A hand-written encoder for the value types meta actually holds. With every
// record carrying its own meta (a preidentified stream), fxamacker's
// reflection-driven Marshal was most of a stage's time; this appends into a
// reused buffer and produces exactly the bytes encMode produces:
//   - maps in canonical order (SortCanonical = length-first: shorter encoded
//     key first, then bytewise; for text keys that is shorter string first);
//   - integers in their shortest head, float64 always as 64-bit (encMode's
//     ShortestFloatNone) but NaN as f9 7e00 and ±Inf as float16 (the
//     NaNConvert7e00 and InfConvertFloat16 defaults);
//   - nil, nil slices and nil maps as null;
//   - strings copied as they are (fxamacker does not check UTF-8 on encode).
//
// Any other type makes the whole meta fall back to encMode.Marshal, so
// unusual meta still encodes exactly as before.

// CBOR major types, shifted into the high bits of the initial byte.
const (
	cborUint   = 0 << 5
	cborNegInt = 1 << 5
	cborBytes  = 2 << 5
	cborText   = 3 << 5
	cborArray  = 4 << 5
	cborMap    = 5 << 5
	cborSimple = 7 << 5

	cborFalse   = cborSimple | 20
	cborTrue    = cborSimple | 21
	cborNull    = cborSimple | 22
	cborFloat16 = cborSimple | 25
	cborFloat32 = cborSimple | 26
	cborFloat64 = cborSimple | 27
)

// metaEncoder keeps the scratch space that makes encoding allocation-free.
// The zero value is ready to use.
type metaEncoder struct {
	// pairs is a stack: each map being encoded pushes its entries, sorts
	// them in place, and pops them when done, so nested maps share it.
	pairs []metaPair
}

type metaPair struct {
	key string
	val any
}

// encode appends m's CBOR form to dst, by appendMeta when it can and by
// encMode otherwise.
func (e *metaEncoder) encode(dst []byte, m Meta) ([]byte, error) {
	if out, ok := e.appendMeta(dst, m); ok {
		return out, nil
	}
	b, err := encMode.Marshal(map[string]any(m))
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

// appendMeta appends m's CBOR form to dst. ok is false when m holds a type
// this encoder does not know; dst is then returned unchanged.
func (e *metaEncoder) appendMeta(dst []byte, m map[string]any) (out []byte, ok bool) {
	n := len(dst)
	out, ok = e.appendMap(dst, m, 0)
	if !ok {
		clear(e.pairs) // a failed nested map leaves its entries pushed
		e.pairs = e.pairs[:0]
		return dst[:n], false
	}
	return out, true
}

// maxEncodeDepth stops a self-referencing map (fxamacker reports an error
// for it) from recursing forever: past it, the fallback decides.
const maxEncodeDepth = 32

func (e *metaEncoder) appendMap(dst []byte, m map[string]any, depth int) ([]byte, bool) {
	if m == nil {
		return append(dst, cborNull), true
	}
	if depth > maxEncodeDepth {
		return dst, false
	}
	if depth == 0 && len(m) <= len(wellKnownKeys) {
		if out, allKnown, ok := e.appendWellKnown(dst, m); allKnown {
			return out, ok
		}
	}
	base := len(e.pairs)
	for k, v := range m {
		e.pairs = append(e.pairs, metaPair{k, v})
	}
	sortPairs(e.pairs[base:])
	dst = appendHead(dst, cborMap, uint64(len(m)))
	for i := base; i < base+len(m); i++ {
		p := e.pairs[i] // copied: a nested map may grow (reallocate) e.pairs
		dst = appendHead(dst, cborText, uint64(len(p.key)))
		dst = append(dst, p.key...)
		var ok bool
		if dst, ok = e.appendValue(dst, p.val, depth); !ok {
			return dst, false
		}
	}
	clear(e.pairs[base:]) // drop references so the values can be collected
	e.pairs = e.pairs[:base]
	return dst, true
}

func (e *metaEncoder) appendValue(dst []byte, v any, depth int) ([]byte, bool) {
	switch x := v.(type) {
	case nil:
		return append(dst, cborNull), true
	case string:
		dst = appendHead(dst, cborText, uint64(len(x)))
		return append(dst, x...), true
	case uint64:
		return appendHead(dst, cborUint, x), true
	case int64:
		return appendInt(dst, x), true
	case int:
		return appendInt(dst, int64(x)), true
	case uint:
		return appendHead(dst, cborUint, uint64(x)), true
	case uint32:
		return appendHead(dst, cborUint, uint64(x)), true
	case uint16:
		return appendHead(dst, cborUint, uint64(x)), true
	case uint8:
		return appendHead(dst, cborUint, uint64(x)), true
	case int32:
		return appendInt(dst, int64(x)), true
	case int16:
		return appendInt(dst, int64(x)), true
	case int8:
		return appendInt(dst, int64(x)), true
	case bool:
		if x {
			return append(dst, cborTrue), true
		}
		return append(dst, cborFalse), true
	case float64:
		return appendFloat64(dst, x), true
	case []byte:
		if x == nil {
			return append(dst, cborNull), true
		}
		dst = appendHead(dst, cborBytes, uint64(len(x)))
		return append(dst, x...), true
	case map[string]any:
		return e.appendMap(dst, x, depth+1)
	case Meta:
		return e.appendMap(dst, x, depth+1)
	case []any:
		if x == nil {
			return append(dst, cborNull), true
		}
		if depth > maxEncodeDepth {
			return dst, false
		}
		dst = appendHead(dst, cborArray, uint64(len(x)))
		for _, el := range x {
			var ok bool
			if dst, ok = e.appendValue(dst, el, depth+1); !ok {
				return dst, false
			}
		}
		return dst, true
	}
	return dst, false
}

// appendHead appends a CBOR head: major type and argument in its shortest form.
func appendHead(dst []byte, major byte, n uint64) []byte {
	switch {
	case n < 24:
		return append(dst, major|byte(n))
	case n <= math.MaxUint8:
		return append(dst, major|24, byte(n))
	case n <= math.MaxUint16:
		return binary.BigEndian.AppendUint16(append(dst, major|25), uint16(n))
	case n <= math.MaxUint32:
		return binary.BigEndian.AppendUint32(append(dst, major|26), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(dst, major|27), n)
}

// appendInt encodes a negative integer -1-n as major type 1 with argument n.
func appendInt(dst []byte, i int64) []byte {
	if i >= 0 {
		return appendHead(dst, cborUint, uint64(i))
	}
	return appendHead(dst, cborNegInt, uint64(-(i + 1)))
}

func appendFloat64(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, cborFloat16, 0x7e, 0x00)
	case math.IsInf(f, 1):
		return append(dst, cborFloat16, 0x7c, 0x00)
	case math.IsInf(f, -1):
		return append(dst, cborFloat16, 0xfc, 0x00)
	}
	return binary.BigEndian.AppendUint64(append(dst, cborFloat64), math.Float64bits(f))
}

// keyLess is SortCanonical's order for text keys: the shorter encoded key
// first (a longer string never has a shorter head), then bytewise.
func keyLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// sortPairs sorts by key without allocating: insertion sort for the
// handful of keys meta usually has, slices.SortFunc beyond that.
func sortPairs(p []metaPair) {
	if len(p) > 12 {
		slices.SortFunc(p, func(a, b metaPair) int {
			if len(a.key) != len(b.key) {
				return len(a.key) - len(b.key)
			}
			return strings.Compare(a.key, b.key)
		})
		return
	}
	for i := 1; i < len(p); i++ {
		for j := i; j > 0 && keyLess(p[j].key, p[j-1].key); j-- {
			p[j], p[j-1] = p[j-1], p[j]
		}
	}
}

// wellKnownKeys are DESIGN §1's meta keys in canonical order (see keyLess):
// a top-level meta holding only these is encoded by looking each up, which
// is cheaper than iterating the map and sorting.
var wellKnownKeys = [...]string{KeyTime, KeyExtra, KeyPacket, KeyStored, KeyTarget}

// appendWellKnown encodes m when every key of it is well known (allKnown);
// ok is false when a value has a type appendValue does not know.
func (e *metaEncoder) appendWellKnown(dst []byte, m map[string]any) (out []byte, allKnown, ok bool) {
	var vals [len(wellKnownKeys)]any
	var have [len(wellKnownKeys)]bool
	found := 0
	for i, k := range wellKnownKeys {
		if v, ok := m[k]; ok {
			vals[i], have[i] = v, true
			found++
		}
	}
	if found != len(m) {
		return dst, false, false
	}
	dst = appendHead(dst, cborMap, uint64(found))
	for i, k := range wellKnownKeys {
		if !have[i] {
			continue
		}
		dst = appendHead(dst, cborText, uint64(len(k)))
		dst = append(dst, k...)
		if dst, ok = e.appendValue(dst, vals[i], 0); !ok {
			return dst, true, false
		}
	}
	return dst, true, true
}
