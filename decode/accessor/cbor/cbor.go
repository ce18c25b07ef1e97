// Package cbor is COSMOS's CborAccessor: a JsonAccessor over CBOR. Packet
// bodies are CBOR data items, item KEYs are JSONPath expressions over them
// (the same keys as JSON), and writes go into the packet's TEMPLATE_FILE
// (or an empty map), keeping map order and every member not written.
//
// Bodies are untrusted: github.com/fxamacker/cbor/v2 first checks each one
// is well formed within MaxNesting, MaxElements and MaxMapPairs, and this
// package refuses byte and text strings longer than MaxStringLen, before
// anything is built from it.
package cbor

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/c3kit/c3kit/decode/keyed"
	fx "github.com/fxamacker/cbor/v2"
)

// Decode limits for untrusted bodies.
const (
	MaxNesting   = 64
	MaxElements  = 1 << 16 // per array
	MaxMapPairs  = 1 << 16 // per map
	MaxStringLen = 1 << 24 // bytes per byte or text string
)

var (
	decMode fx.DecMode
	encMode fx.EncMode
)

func init() {
	var err error
	decMode, err = fx.DecOptions{
		MaxNestedLevels:  MaxNesting,
		MaxArrayElements: MaxElements,
		MaxMapPairs:      MaxMapPairs,
		IntDec:           fx.IntDecConvertNone,
		BigIntDec:        fx.BigIntDecodePointer,
		UTF8:             fx.UTF8DecodeInvalid, // keep the bytes; c3decode prints them as {"hex":...}
	}.DecMode()
	if err != nil {
		panic(err)
	}
	encMode, err = fx.EncOptions{BigIntConvert: fx.BigIntConvertShortest}.EncMode()
	if err != nil {
		panic(err)
	}
	keyed.Register("CborAccessor", New)
}

// New builds the codec for "ACCESSOR CborAccessor".
func New(args []string, template []byte) (keyed.Codec, error) { return codec{}, nil }

type codec struct{}

func (codec) Name() string { return "CborAccessor" }

func (codec) Compile(key string) (keyed.Key, error) { return keyed.CompilePath(key) }

func (codec) Parse(body []byte, extra map[string]any) (keyed.Doc, error) {
	root, err := Decode(body)
	if err != nil {
		return nil, err
	}
	return &doc{root: root}, nil
}

// Template is an empty CBOR map.
func (codec) Template() ([]byte, error) { return []byte{0xa0}, nil }

type doc struct{ root any }

func (d *doc) Get(k keyed.Key) (any, error) { return k.(*keyed.Path).Get(d.root) }

func (d *doc) Set(k keyed.Key, v any) error { return k.(*keyed.Path).Set(d.root, v) }

func (d *doc) Bytes(extra map[string]any) ([]byte, error) { return Encode(nil, d.root) }

// Decode parses one CBOR data item (the whole body) into the contract's
// shapes: maps as *keyed.Object in wire order, arrays as []any, text as
// string, byte strings as []byte. Numbers keep the type the wire gives
// them, which the engine and keyed's helpers take beside json.Number:
// int64 (uint64 above MaxInt64), float64, and json.Number for bignums.
func Decode(body []byte) (any, error) {
	if len(body) == 0 {
		return nil, errors.New("invalid CBOR: empty body")
	}
	if err := decMode.Wellformed(body); err != nil {
		return nil, fmt.Errorf("invalid CBOR: %v", err)
	}
	v, rest, err := item(body)
	if err != nil {
		return nil, err
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("invalid CBOR: %d bytes after the data item", len(rest))
	}
	return v, nil
}

// head reads a well-formed item's initial byte and argument.
func head(b []byte) (major byte, info byte, arg uint64, n int) {
	major, info = b[0]>>5, b[0]&31
	switch {
	case info < 24:
		return major, info, uint64(info), 1
	case info == 24:
		return major, info, uint64(b[1]), 2
	case info == 25:
		return major, info, uint64(b[1])<<8 | uint64(b[2]), 3
	case info == 26:
		return major, info, uint64(b[1])<<24 | uint64(b[2])<<16 | uint64(b[3])<<8 | uint64(b[4]), 5
	case info == 27:
		var u uint64
		for i := 1; i <= 8; i++ {
			u = u<<8 | uint64(b[i])
		}
		return major, info, u, 9
	}
	return major, info, 0, 1 // 31: indefinite length
}

// item decodes one data item of a body Wellformed accepted.
func item(b []byte) (any, []byte, error) {
	major, info, arg, n := head(b)
	switch major {
	case 2, 3:
		if info != 31 && arg > MaxStringLen {
			return nil, nil, fmt.Errorf("invalid CBOR: a %d-byte string exceeds the %d-byte limit", arg, MaxStringLen)
		}
	case 4:
		a := make([]any, 0, min(arg, 64))
		rest := b[n:]
		for i := uint64(0); info == 31 && rest[0] != 0xff || info != 31 && i < arg; i++ {
			v, r, err := item(rest)
			if err != nil {
				return nil, nil, err
			}
			a, rest = append(a, v), r
		}
		if info == 31 {
			rest = rest[1:]
		}
		return a, rest, nil
	case 5:
		o := keyed.NewObject(int(min(arg, 64)))
		rest := b[n:]
		for i := uint64(0); info == 31 && rest[0] != 0xff || info != 31 && i < arg; i++ {
			k, r, err := mapKey(rest)
			if err != nil {
				return nil, nil, err
			}
			v, r, err := item(r)
			if err != nil {
				return nil, nil, err
			}
			o.Append(k, v)
			rest = r
		}
		if info == 31 {
			rest = rest[1:]
		}
		return o, rest, nil
	case 6:
		if arg != 2 && arg != 3 { // not a bignum: the tagged content stands for itself
			return item(b[n:])
		}
	}
	if v, size, ok := fastScalar(b, major, info, arg, n); ok {
		return v, b[size:], nil
	}
	var v any
	rest, err := decMode.UnmarshalFirst(b, &v)
	if err != nil {
		return nil, nil, fmt.Errorf("invalid CBOR: %v", err)
	}
	return scalar(v), rest, nil
}

// scalar maps fxamacker's Go values to the contract's shapes.
func scalar(v any) any {
	switch t := v.(type) {
	case uint64:
		if t <= math.MaxInt64 {
			return int64(t)
		}
		return t
	case int64:
		return t
	case *big.Int:
		return bigNumber(t)
	case big.Int:
		return bigNumber(&t)
	case float64:
		return t
	case float32:
		return float64(t)
	case string, []byte, bool, nil:
		return t
	case fx.Tag:
		return scalar(t.Content)
	}
	return nil // undefined and other simple values
}

func keyString(k any) string {
	switch t := k.(type) {
	case string:
		return t
	case []byte:
		return string(t)
	case json.Number:
		return string(t)
	}
	return fmt.Sprint(k)
}

// Encode appends v as CBOR: maps (definite length) in their order,
// numbers as integers when their text is an integer and as float64
// otherwise, strings as text, []byte as byte strings.
func Encode(dst []byte, v any) ([]byte, error) {
	var err error
	switch t := v.(type) {
	case *keyed.Object:
		dst = appendHead(dst, 5, uint64(t.Len()))
		for i := 0; i < t.Len(); i++ {
			k, x := t.At(i)
			dst = appendHead(dst, 3, uint64(len(k)))
			dst = append(dst, k...)
			if dst, err = Encode(dst, x); err != nil {
				return dst, err
			}
		}
		return dst, nil
	case map[string]any:
		o := keyed.NewObject(len(t))
		for _, k := range keyed.SortedKeys(t) {
			o.Append(k, t[k])
		}
		return Encode(dst, o)
	case []any:
		dst = appendHead(dst, 4, uint64(len(t)))
		for _, x := range t {
			if dst, err = Encode(dst, x); err != nil {
				return dst, err
			}
		}
		return dst, nil
	case []byte: // nil too: an empty byte string, never null
		dst = appendHead(dst, 2, uint64(len(t)))
		return append(dst, t...), nil
	case string:
		dst = appendHead(dst, 3, uint64(len(t)))
		return append(dst, t...), nil
	case json.Number:
		s := string(t)
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			v = i
		} else if u, err := strconv.ParseUint(s, 10, 64); err == nil {
			v = u
		} else if b, ok := new(big.Int).SetString(s, 10); ok {
			v = b
		} else {
			f, err := keyed.ToFloat(t)
			if err != nil {
				return dst, fmt.Errorf("number %q: %v", s, err)
			}
			v = f
		}
	}
	b, err := encMode.Marshal(v)
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

func appendHead(dst []byte, major byte, n uint64) []byte {
	m := major << 5
	switch {
	case n < 24:
		return append(dst, m|byte(n))
	case n <= 0xff:
		return append(dst, m|24, byte(n))
	case n <= 0xffff:
		return append(dst, m|25, byte(n>>8), byte(n))
	case n <= 0xffffffff:
		return append(dst, m|26, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
	return append(dst, m|27, byte(n>>56), byte(n>>48), byte(n>>40), byte(n>>32), byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
}

// fastScalar decodes the common scalars (integers, definite strings,
// floats, true/false/null) without fxamacker's reflection; everything
// else (half floats, bignums, indefinite strings, other simple values) is
// left to it.
func fastScalar(b []byte, major, info byte, arg uint64, n int) (any, int, bool) {
	switch major {
	case 0:
		if arg <= math.MaxInt64 {
			return int64(arg), n, true
		}
		return arg, n, true
	case 1:
		if arg < 1<<63 {
			return -1 - int64(arg), n, true
		}
	case 2, 3:
		if info == 31 || uint64(len(b)-n) < arg {
			return nil, 0, false
		}
		end := n + int(arg)
		if major == 3 {
			return string(b[n:end]), end, true
		}
		return append(make([]byte, 0, end-n), b[n:end]...), end, true
	case 7:
		switch info {
		case 20:
			return false, 1, true
		case 21:
			return true, 1, true
		case 22, 23:
			return nil, 1, true
		case 26:
			return float64(math.Float32frombits(uint32(arg))), n, true
		case 27:
			return math.Float64frombits(arg), n, true
		}
	}
	return nil, 0, false
}

// mapKey decodes a map key as the member name JSONPath finds it by;
// definite text keys are interned (they repeat from one packet to the
// next), other keys (integers, ...) take their text.
func mapKey(b []byte) (string, []byte, error) {
	major, info, arg, n := head(b)
	if major == 3 && info != 31 && arg <= MaxStringLen && uint64(len(b)-n) >= arg {
		end := n + int(arg)
		return keyed.Intern(b[n:end]), b[end:], nil
	}
	k, rest, err := item(b)
	return keyString(k), rest, err
}

// bigNumber keeps a bignum in the narrowest shape that holds it exactly.
func bigNumber(b *big.Int) any {
	switch {
	case b.IsInt64():
		return b.Int64()
	case b.IsUint64():
		return b.Uint64()
	}
	return json.Number(b.String())
}
