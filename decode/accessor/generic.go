package accessor

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// Read reads any binary item and returns it as int64 (INT), uint64 (UINT),
// float64 (FLOAT), string (STRING, up to the first NUL) or []byte (BLOCK, a
// copy). DERIVED items have no bytes and read as nil. It allocates; the
// decoder's hot path uses the typed reads instead.
func Read(buf []byte, bitOffset, bitSize int, t DataType, e Endian) (any, error) {
	switch t {
	case INT:
		return ReadInt(buf, bitOffset, bitSize, e)
	case UINT:
		return ReadUint(buf, bitOffset, bitSize, e)
	case FLOAT:
		return ReadFloat(buf, bitOffset, bitSize, e)
	case STRING:
		b, err := ReadString(buf, bitOffset, bitSize)
		if err != nil {
			return nil, err
		}
		return string(b), nil
	case BLOCK:
		b, err := ReadBytes(buf, bitOffset, bitSize)
		if err != nil {
			return nil, err
		}
		return append([]byte{}, b...), nil
	case DERIVED:
		return nil, nil
	}
	return nil, invalidf("data_type %s is not recognized by the binary accessor", t)
}

// Write writes v into a binary item and returns the buffer (resized only for
// zero or negative STRING/BLOCK sizes, see WriteBytes). Accepted values:
//   - INT, UINT: any Go integer; a float (truncated towards zero, as Ruby's
//     Integer() and Python's int() do); a string in Ruby Integer() syntax
//     ("42", "-7", "0x1F", "0b101", "0o17", "1_000"); a json.Number.
//     Negative values into UINT items and values above MaxInt64 into 64-bit
//     INT items follow the OVERFLOW rules like any other.
//   - FLOAT: any Go number, a numeric string or a json.Number.
//   - STRING, BLOCK: a string or a []byte.
//   - DERIVED: nothing is written.
func Write(buf []byte, v any, bitOffset, bitSize int, t DataType, e Endian, o Overflow) ([]byte, error) {
	switch t {
	case INT, UINT:
		if err := checkIntSize(bitSize, t); err != nil {
			return buf, err
		}
		i, u, unsigned, err := toInteger(v, o)
		if err != nil {
			return buf, err
		}
		return buf, writeInteger(buf, i, u, unsigned, bitOffset, bitSize, t, e, o)
	case FLOAT:
		f, err := toFloat(v)
		if err != nil {
			return buf, err
		}
		return buf, WriteFloat(buf, f, bitOffset, bitSize, e)
	case STRING, BLOCK:
		var b []byte
		switch x := v.(type) {
		case string:
			b = []byte(x)
		case []byte:
			b = x
		default:
			return buf, invalidf("cannot write %T to a %s item", v, t)
		}
		return writeBytes(buf, b, bitOffset, bitSize, t, o)
	case DERIVED:
		return buf, nil
	}
	return buf, invalidf("data_type %s is not recognized by the binary accessor", t)
}

// toInteger converts a write value to an integer: either a signed i or, for
// values above MaxInt64, an unsigned u (unsigned reports which).
func toInteger(v any, o Overflow) (i int64, u uint64, unsigned bool, err error) {
	switch x := v.(type) {
	case int:
		return int64(x), 0, false, nil
	case int8:
		return int64(x), 0, false, nil
	case int16:
		return int64(x), 0, false, nil
	case int32:
		return int64(x), 0, false, nil
	case int64:
		return x, 0, false, nil
	case uint:
		return 0, uint64(x), true, nil
	case uint8:
		return 0, uint64(x), true, nil
	case uint16:
		return 0, uint64(x), true, nil
	case uint32:
		return 0, uint64(x), true, nil
	case uint64:
		return 0, x, true, nil
	case float32:
		return floatToInteger(float64(x), o)
	case float64:
		return floatToInteger(x, o)
	case json.Number:
		return stringToInteger(string(x), o)
	case string:
		return stringToInteger(x, o)
	}
	return 0, 0, false, invalidf("cannot write %T as an integer", v)
}

func floatToInteger(f float64, o Overflow) (int64, uint64, bool, error) {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return 0, 0, false, invalidf("cannot write %v as an integer", f)
	case f >= 0x1p64:
		if o == OverflowSaturate {
			return 0, math.MaxUint64, true, nil
		}
		return 0, 0, false, overflowf("value of %v does not fit in 64 bits", f)
	case f >= 0x1p63:
		return 0, uint64(f), true, nil
	case f < -0x1p63:
		if o == OverflowSaturate {
			return math.MinInt64, 0, false, nil
		}
		return 0, 0, false, overflowf("value of %v does not fit in 64 bits", f)
	}
	return int64(f), 0, false, nil // truncates towards zero
}

func stringToInteger(s string, o Overflow) (int64, uint64, bool, error) {
	t := strings.TrimSpace(s)
	if i, err := strconv.ParseInt(t, 0, 64); err == nil {
		return i, 0, false, nil
	}
	if u, err := strconv.ParseUint(strings.TrimPrefix(t, "+"), 0, 64); err == nil {
		return 0, u, true, nil
	}
	// JSON numbers such as 1e3 or 2.0 are floats with integral values.
	if f, err := strconv.ParseFloat(t, 64); err == nil && !strings.ContainsAny(t, "xXbBoO_") {
		return floatToInteger(f, o)
	}
	return 0, 0, false, invalidf("invalid value for Integer(): %q", s)
}

func toFloat(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	case int:
		return float64(x), nil
	case int8:
		return float64(x), nil
	case int16:
		return float64(x), nil
	case int32:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case uint:
		return float64(x), nil
	case uint8:
		return float64(x), nil
	case uint16:
		return float64(x), nil
	case uint32:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	case json.Number:
		return parseFloat(string(x))
	case string:
		return parseFloat(x)
	}
	return 0, invalidf("cannot write %T as a float", v)
}

func parseFloat(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(t, 64); err == nil {
		return f, nil
	}
	// Ruby's Float() also takes hex integers ("0x10").
	if i, u, unsigned, err := stringToInteger(t, OverflowError); err == nil {
		if unsigned {
			return float64(u), nil
		}
		return float64(i), nil
	}
	return 0, invalidf("invalid value for Float(): %q", s)
}
