// Package engine decodes records against COSMOS packet definitions and
// encodes packets from values: every item through the binary accessor, read
// and write conversions, states, format strings, units, limits, the reserved
// items COSMOS adds to every packet, structures and variable-sized items.
//
// The decoder is built for streams: a Decoder compiles each packet once into
// a plan and keeps per-stream state (received counts, limits persistence);
// decoding a record appends its JSON line to a caller's buffer without
// allocating per item. The package never prints: problems with one item are
// reported through a callback and the item prints as null.
package engine

import (
	"encoding/hex"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/internal/timetext"
)

// Kind says which field of a Value is set.
type Kind uint8

// The kinds of decoded values.
const (
	Null   Kind = iota
	Int         // I
	Uint        // U
	Float       // F
	String      // B (bytes of a STRING item, or a converted string); may be non-UTF-8
	Name        // S: a state name or another string the definitions own
	Bytes       // B: BLOCK data, prints as lower-case hex
	Bool        // I != 0
	Time        // I: nanoseconds since the Unix epoch (UTC)
	Array       // A
	Object      // O: ordered fields (object_read_conversion)
	Big         // S: an integer beyond 64 bits, in decimal (bigint.go)
)

// Value is one decoded or to-be-encoded value. It is a tagged union rather
// than an interface so the decode hot path stores integers and floats
// without boxing them, and it is kept small because it is copied per item. B may alias the packet buffer: a Value lives until
// the next record.
type Value struct {
	K Kind
	I int64
	U uint64
	F float64
	B []byte
	S string
	A []Value
	O []Field
}

// Field is one member of an Object value.
type Field struct {
	Name  string
	Value Value
}

// IntVal, UintVal, FloatVal, StringVal, NameVal and BytesVal build Values.
func IntVal(v int64) Value     { return Value{K: Int, I: v} }
func UintVal(v uint64) Value   { return Value{K: Uint, U: v} }
func FloatVal(v float64) Value { return Value{K: Float, F: v} }
func StringVal(v string) Value { return Value{K: String, B: []byte(v)} }
func NameVal(v string) Value   { return Value{K: Name, S: v} }
func BytesVal(v []byte) Value  { return Value{K: Bytes, B: v} }
func TimeVal(t time.Time) Value {
	return Value{K: Time, I: t.UnixNano()}
}

// Time returns a Time value as a UTC time.Time.
func (v Value) Time() time.Time { return time.Unix(0, v.I).UTC() }

// IsNumber reports whether v is an integer or a float.
func (v Value) IsNumber() bool { return v.K == Int || v.K == Uint || v.K == Float }

// Float64 returns a numeric value as float64 (Bool as 0/1, Time as Unix
// seconds).
func (v Value) Float64() (float64, bool) {
	switch v.K {
	case Int, Bool:
		return float64(v.I), true
	case Uint:
		return float64(v.U), true
	case Float:
		return v.F, true
	case Time:
		return float64(v.I) / 1e9, true
	case Big:
		return bigFloat(v.S), true
	}
	return 0, false
}

// Str returns the text of a String or Name value.
func (v Value) Str() (string, bool) {
	switch v.K {
	case String:
		return string(v.B), true
	case Name:
		return v.S, true
	}
	return "", false
}

// Any converts v to the plain Go value conversions and callers use:
// int64, uint64, float64, string, []byte, bool, time.Time, []any,
// map[string]any. It allocates.
func (v Value) Any() any {
	switch v.K {
	case Int:
		return v.I
	case Uint:
		return v.U
	case Float:
		return v.F
	case String:
		return string(v.B)
	case Name:
		return v.S
	case Bytes:
		return append([]byte(nil), v.B...)
	case Bool:
		return v.I != 0
	case Time:
		return v.Time()
	case Array:
		out := make([]any, len(v.A))
		for i, e := range v.A {
			out[i] = e.Any()
		}
		return out
	case Object:
		out := make(map[string]any, len(v.O))
		for _, f := range v.O {
			out[f.Name] = f.Value.Any()
		}
		return out
	case Big:
		return bigInt(v.S)
	}
	return nil
}

// FromAny is the inverse of Any for the values conversions return. Integer
// types become Int (or Uint above MaxInt64), strings String, []byte Bytes.
func FromAny(x any) Value {
	switch t := x.(type) {
	case nil:
		return Value{}
	case Value:
		return t
	case int:
		return IntVal(int64(t))
	case int8:
		return IntVal(int64(t))
	case int16:
		return IntVal(int64(t))
	case int32:
		return IntVal(int64(t))
	case int64:
		return IntVal(t)
	case uint:
		return normUint(uint64(t))
	case uint8:
		return UintVal(uint64(t))
	case uint16:
		return UintVal(uint64(t))
	case uint32:
		return UintVal(uint64(t))
	case uint64:
		return UintVal(t)
	case float32:
		return FloatVal(float64(t))
	case float64:
		return FloatVal(t)
	case bool:
		if t {
			return Value{K: Bool, I: 1}
		}
		return Value{K: Bool}
	case string:
		return StringVal(t)
	case []byte:
		return BytesVal(t)
	case time.Time:
		return TimeVal(t)
	case []any:
		a := make([]Value, len(t))
		for i, e := range t {
			a[i] = FromAny(e)
		}
		return Value{K: Array, A: a}
	case map[string]any:
		o := make([]Field, 0, len(t))
		for _, k := range sortedKeys(t) {
			o = append(o, Field{k, FromAny(t[k])})
		}
		return Value{K: Object, O: o}
	}
	return StringVal(jsonFallback(x))
}

func normUint(u uint64) Value { return UintVal(u) }

// AppendJSON appends v following DESIGN §4: integers exact, NaN and
// infinities as strings, BLOCK as lower-case hex, a STRING that is not
// UTF-8 as {"hex":"..."}, times as RFC 3339 UTC strings.
func (v *Value) AppendJSON(dst []byte) []byte {
	switch v.K {
	case Null:
		return append(dst, "null"...)
	case Big:
		return append(dst, v.S...)
	case Int:
		return strconv.AppendInt(dst, v.I, 10)
	case Uint:
		return strconv.AppendUint(dst, v.U, 10)
	case Float:
		return jsonform.AppendFloat(dst, v.F, 64)
	case Bool:
		return strconv.AppendBool(dst, v.I != 0)
	case String:
		if !utf8.Valid(v.B) {
			return appendHexObject(dst, v.B)
		}
		return appendJSONString(dst, v.B)
	case Name:
		return appendJSONStringS(dst, v.S)
	case Bytes:
		dst = append(dst, '"')
		dst = appendHex(dst, v.B)
		return append(dst, '"')
	case Time:
		dst = append(dst, '"')
		dst = timetext.RFC3339Nano(dst, v.Time())
		return append(dst, '"')
	case Array:
		dst = append(dst, '[')
		for i := range v.A {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = v.A[i].AppendJSON(dst)
		}
		return append(dst, ']')
	case Object:
		dst = append(dst, '{')
		for i := range v.O {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONStringS(dst, v.O[i].Name)
			dst = append(dst, ':')
			dst = v.O[i].Value.AppendJSON(dst)
		}
		return append(dst, '}')
	}
	return append(dst, "null"...)
}

func appendHex(dst, b []byte) []byte {
	n := len(dst)
	dst = append(dst, make([]byte, hex.EncodedLen(len(b)))...)
	hex.Encode(dst[n:], b)
	return dst
}

func appendHexObject(dst, b []byte) []byte {
	dst = append(dst, `{"hex":"`...)
	dst = appendHex(dst, b)
	return append(dst, `"}`...)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends valid UTF-8 b as a JSON string without
// allocating: only ", \ and control characters are escaped.
func appendJSONString(dst, b []byte) []byte { return appendEscaped(dst, b) }

// appendJSONStringS is appendJSONString for a string the definitions own;
// one that is not UTF-8 prints as {"hex":"..."}.
func appendJSONStringS(dst []byte, s string) []byte {
	if !utf8.ValidString(s) {
		return appendHexObject(dst, []byte(s))
	}
	return appendEscaped(dst, s)
}

func appendEscaped[T string | []byte](dst []byte, s T) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"':
			dst = append(dst, '\\', '"')
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
