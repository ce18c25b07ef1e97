package def

import (
	"encoding/hex"
	"math"
	"strconv"
)

// IntValueOf, FloatValueOf, StringValueOf and BytesValueOf build Values.
func IntValueOf(v int64) Value     { return Value{Kind: IntValue, Int: v} }
func FloatValueOf(v float64) Value { return Value{Kind: FloatValue, Float: v} }
func StringValueOf(v string) Value { return Value{Kind: StringValue, Str: v} }
func BytesValueOf(v []byte) Value  { return Value{Kind: BytesValue, Str: string(v)} }
func uintValueOf(v uint64) Value {
	if v <= math.MaxInt64 {
		return IntValueOf(int64(v))
	}
	return Value{Kind: UintValue, Uint: v}
}

// IsSet reports whether the value was given.
func (v Value) IsSet() bool { return v.Kind != NoValue }

// IsNumber reports whether the value is an integer or a float.
func (v Value) IsNumber() bool {
	return v.Kind == IntValue || v.Kind == UintValue || v.Kind == FloatValue || v.Kind == BigValue
}

// Float64 returns a numeric value as a float64 (0 for non-numbers).
func (v Value) Float64() float64 {
	switch v.Kind {
	case IntValue:
		return float64(v.Int)
	case UintValue:
		return float64(v.Uint)
	case FloatValue:
		return v.Float
	case BigValue:
		f, _ := strconv.ParseFloat(v.Str, 64)
		return f
	}
	return 0
}

// Int64 returns an integer value that fits in an int64.
func (v Value) Int64() (int64, bool) {
	switch v.Kind {
	case IntValue:
		return v.Int, true
	case FloatValue:
		if v.Float == math.Trunc(v.Float) && v.Float >= math.MinInt64 && v.Float < math.MaxInt64 {
			return int64(v.Float), true
		}
	}
	return 0, false
}

// Uint64 returns a non-negative integer value.
func (v Value) Uint64() (uint64, bool) {
	switch v.Kind {
	case IntValue:
		if v.Int >= 0 {
			return uint64(v.Int), true
		}
	case UintValue:
		return v.Uint, true
	case FloatValue:
		if v.Float == math.Trunc(v.Float) && v.Float >= 0 && v.Float < math.MaxUint64 {
			return uint64(v.Float), true
		}
	}
	return 0, false
}

// Bytes returns the bytes of a string or bytes value.
func (v Value) Bytes() []byte { return []byte(v.Str) }

// String renders the value the way a definition file would spell it.
func (v Value) String() string {
	switch v.Kind {
	case IntValue:
		return strconv.FormatInt(v.Int, 10)
	case UintValue:
		return strconv.FormatUint(v.Uint, 10)
	case FloatValue:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	case StringValue:
		return strconv.Quote(v.Str)
	case BytesValue:
		return "0x" + hex.EncodeToString([]byte(v.Str))
	case BigValue:
		return v.Str
	}
	return "nil"
}
