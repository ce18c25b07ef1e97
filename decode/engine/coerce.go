package engine

import (
	"encoding/hex"
	"fmt"
	"strings"
	"unsafe"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/c3kit/c3kit/internal/quote"
)

// resolveState turns a state name into the state's value. A string given
// for a numeric item with states must name one of them.
func (c *encCtx) resolveState(ip *itemPlan, v *Value) error {
	if v.K == Array {
		for i := range v.A {
			if err := c.resolveState(ip, &v.A[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if len(ip.it.States) == 0 || v.K != String && v.K != Name {
		return nil
	}
	s := v.S
	if v.K == String {
		s = transient(v.B)
	}
	for i, st := range ip.it.States {
		if !st.Any && strings.EqualFold(st.Name, s) {
			*v = c.ep.stateVals[ip.idx][i]
			return nil
		}
	}
	if ip.strState || ip.typ == accessor.STRING || ip.typ == accessor.BLOCK || c.ep.wconv[ip.idx] != nil {
		return nil // a plain string value, or one a conversion takes
	}
	if _, err := parseNumber(s); err == nil {
		return nil
	}
	s = strings.Clone(s) // the error outlives the value
	names := make([]string, 0, len(ip.it.States))
	for _, st := range ip.it.States {
		if !st.Any {
			names = append(names, st.Name)
		}
	}
	p := c.ep.pkt
	return &ParamError{Item: ip.it.Name, Msg: fmt.Sprintf("unknown state '%s' for %s %s %s, must be one of %s", quote.Clip(s), p.Target, p.Name, ip.it.Name, strings.Join(names, ", "))}
}

// coerce adapts a value to the item's type where COSMOS would: numeric
// strings for numbers, hex for BLOCK items given as text from JSON.
// Bytes decoded from hex go into *arena (nil: new bytes).
func coerce(ip *itemPlan, v *Value, hexText bool, arena *[]byte) error {
	if v.K == Array {
		if !ip.array {
			return fmt.Errorf("an array given for a scalar item")
		}
		numeric := isNumeric(ip.typ)
		for i := range v.A {
			if numeric && isNumberKind(v.A[i].K) {
				continue // as for a scalar: skip the copy in and out (60% of HEALTH_STATUS's coerce time)
			}
			e, err := coerceScalar(ip.typ, v.A[i], hexText, arena)
			if err != nil {
				return err
			}
			v.A[i] = e
		}
		return nil
	}
	if ip.array {
		return fmt.Errorf("array item needs an array value, like [1, 2, 3]")
	}
	if isNumeric(ip.typ) && isNumberKind(v.K) {
		return nil // a number for a number: the common case, nothing to adapt
	}
	n, err := coerceScalar(ip.typ, *v, hexText, arena)
	if err != nil {
		return err
	}
	*v = n
	return nil
}

// isNumberKind: an Int, Uint or Float value, which a numeric item takes as
// it is.
func isNumberKind(k Kind) bool { return k == Int || k == Uint || k == Float }

func coerceScalar(t accessor.DataType, v Value, hexText bool, arena *[]byte) (Value, error) {
	switch t {
	case accessor.INT, accessor.UINT, accessor.FLOAT:
		switch v.K {
		case String, Name:
			s, _ := v.Str()
			n, err := parseNumberFor(t, s)
			if err != nil {
				return v, fmt.Errorf("%s is not a number", quote.Q(s))
			}
			return n, nil
		case Bool:
			return IntVal(v.I), nil
		case Time:
			f, _ := v.Float64()
			return FloatVal(f), nil
		case Null:
			return v, fmt.Errorf("no value (null)")
		case Bytes, Array, Object:
			return v, fmt.Errorf("%s value for a %s item", kindName(v.K), t)
		}
	case accessor.STRING, accessor.BLOCK:
		switch v.K {
		case Name:
			// a bare 0x word is hex bytes (COSMOS's hex string values)
			if h, ok := hexWord(v.S, arena); ok {
				return BytesVal(h), nil
			}
			return Value{K: String, B: []byte(v.S)}, nil
		case String:
			if hexText && t == accessor.BLOCK {
				h, err := hexBytes(strings.TrimPrefix(strings.TrimPrefix(transient(v.B), "0x"), "0X"), arena)
				if err != nil {
					return v, fmt.Errorf("BLOCK value must be hex: %v", err)
				}
				return BytesVal(h), nil
			}
		case Int, Uint, Float, Bool:
			if v.S != "" {
				return Value{K: String, B: []byte(v.S)}, nil // a command string's word, as written
			}
			return Value{K: String, B: appendToS(nil, &v)}, nil
		case Null:
			return Value{K: Bytes}, nil
		case Array, Object:
			return v, fmt.Errorf("%s value for a %s item", kindName(v.K), t)
		}
	}
	return v, nil
}

// writeScalar writes one value as accessor.Write does, numbers and bytes
// without boxing them (an allocation per item).
func writeScalar(buf []byte, v *Value, off, size int, t accessor.DataType, e accessor.Endian, o accessor.Overflow) ([]byte, error) {
	switch t {
	case accessor.INT, accessor.UINT, accessor.FLOAT:
		switch v.K {
		case Int, Bool:
			return buf, accessor.WriteNum(buf, accessor.Num{K: accessor.NumInt, I: v.I}, off, size, t, e, o)
		case Uint:
			return buf, accessor.WriteNum(buf, accessor.Num{K: accessor.NumUint, U: v.U}, off, size, t, e, o)
		case Float:
			return buf, accessor.WriteNum(buf, accessor.Num{K: accessor.NumFloat, F: v.F}, off, size, t, e, o)
		}
	case accessor.STRING, accessor.BLOCK:
		if v.K == String || v.K == Bytes {
			return accessor.WriteItemBytes(buf, v.B, off, size, t, o)
		}
	}
	return accessor.Write(buf, scalarAny(*v), off, size, t, e, o)
}

// transient is b as a string without copying it, for a comparison or a
// lookup that does not keep the string past b's next change.
func transient(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// scalarAny converts a Value to what the accessor writes.
func scalarAny(v Value) any {
	switch v.K {
	case Int, Bool:
		return v.I
	case Uint:
		return v.U
	case Float:
		return v.F
	case String, Bytes:
		return v.B
	case Name:
		return v.S
	case Time:
		f, _ := v.Float64()
		return f
	}
	return nil
}

func arrayAny(v Value) []any {
	out := make([]any, len(v.A))
	for i, e := range v.A {
		out[i] = scalarAny(e)
	}
	return out
}

// hexWord reads a 0x... word as bytes (an odd digit count gets a leading 0).
func hexWord(s string, arena *[]byte) ([]byte, bool) {
	if len(s) < 3 || s[0] != '0' || s[1] != 'x' && s[1] != 'X' {
		return nil, false
	}
	h := s[2:]
	if len(h)%2 == 1 {
		h = "0" + h
	}
	b, err := hexBytes(h, arena)
	return b, err == nil
}

// hexBytes is hex.DecodeString(h), into *arena when arena is not nil: the
// encoder's per-packet bytes, which live until the packet is built.
func hexBytes(h string, arena *[]byte) ([]byte, error) {
	if arena == nil {
		return hex.DecodeString(h)
	}
	start := len(*arena)
	*arena = append(*arena, make([]byte, len(h)/2+len(h)%2)...)
	out := (*arena)[start:len(*arena):len(*arena)]
	n, err := hex.Decode(out, unsafe.Slice(unsafe.StringData(h), len(h))) // read only
	if err != nil {
		*arena = (*arena)[:start]
		return nil, err
	}
	return out[:n], nil
}

func isNumeric(t accessor.DataType) bool {
	return t == accessor.INT || t == accessor.UINT || t == accessor.FLOAT
}
