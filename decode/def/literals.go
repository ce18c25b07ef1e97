package def

import (
	"encoding/hex"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor"
)

// parseRubyInt parses what Ruby's Integer() accepts in definition files:
// decimal, 0x, 0b, 0o/0 prefixes, a sign and _ separators.
func parseRubyInt(s string) (int, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), "_", "")
	neg := false
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+") {
		neg = t[0] == '-'
		t = t[1:]
	}
	base := 10
	switch {
	case len(t) > 2 && (t[:2] == "0x" || t[:2] == "0X"):
		base, t = 16, t[2:]
	case len(t) > 2 && (t[:2] == "0b" || t[:2] == "0B"):
		base, t = 2, t[2:]
	case len(t) > 2 && (t[:2] == "0o" || t[:2] == "0O"):
		base, t = 8, t[2:]
	case len(t) > 1 && t[0] == '0':
		base, t = 8, t[1:]
	}
	if t == "" || t[0] == '+' || t[0] == '-' {
		return 0, fmt.Errorf("invalid value for Integer(): %q", s)
	}
	u, err := strconv.ParseUint(t, base, 64)
	if err != nil || u > math.MaxInt64 && !(neg && u == 1<<63) {
		return 0, fmt.Errorf("invalid value for Integer(): %q", s)
	}
	if neg {
		return int(-int64(u)), nil
	}
	return int(u), nil
}

// convertToValue is COSMOS's String#convert_to_value: an integer (decimal
// or 0x hex) or a float becomes a number, anything else stays a string.
func convertToValue(s string) Value {
	t := strings.TrimSpace(s)
	if isIntLiteral(t) {
		neg := t[0] == '-'
		d := strings.TrimLeft(t, "+-")
		if u, err := strconv.ParseUint(d, 10, 64); err == nil {
			if !neg {
				return uintValueOf(u)
			}
			if u <= 1<<63 {
				return IntValueOf(-int64(u))
			}
		}
		if b, ok := new(big.Int).SetString(t, 10); ok {
			return bigValueOf(b) // beyond 64 bits: Ruby's Integer has no width
		}
	}
	if isHexLiteral(t) {
		if u, err := strconv.ParseUint(t[2:], 16, 64); err == nil {
			return uintValueOf(u)
		}
		if b, ok := new(big.Int).SetString(t[2:], 16); ok {
			return bigValueOf(b)
		}
	}
	if isFloatLiteral(t) {
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			return FloatValueOf(f)
		}
	}
	return StringValueOf(s)
}

func isIntLiteral(t string) bool {
	if t != "" && (t[0] == '-' || t[0] == '+') {
		t = t[1:]
	}
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

func isHexLiteral(t string) bool {
	if len(t) < 3 || t[0] != '0' || t[1] != 'x' && t[1] != 'X' {
		return false
	}
	for i := 2; i < len(t); i++ {
		if !isHexDigit(t[i]) {
			return false
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// isFloatLiteral accepts [+-]digits[.digits][e[+-]digits] and [+-].digits.
func isFloatLiteral(t string) bool {
	i := 0
	if i < len(t) && (t[i] == '-' || t[i] == '+') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
			n++
		}
		return n
	}
	intPart := digits()
	frac := 0
	if i < len(t) && t[i] == '.' {
		i++
		frac = digits()
		if frac == 0 {
			return false
		}
	}
	if intPart == 0 && frac == 0 {
		return false
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		i++
		if i < len(t) && (t[i] == '-' || t[i] == '+') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(t)
}

// maxFloat32 is the rounded value COSMOS uses for MAX_FLOAT32 and the
// MAX of a 32-bit FLOAT.
const maxFloat32 = 3.402823e38

// namedConstants are the words COSMOS's handle_defined_constants accepts.
var namedConstants = map[string]Value{
	"MIN_INT8": IntValueOf(math.MinInt8), "MAX_INT8": IntValueOf(math.MaxInt8),
	"MIN_INT16": IntValueOf(math.MinInt16), "MAX_INT16": IntValueOf(math.MaxInt16),
	"MIN_INT32": IntValueOf(math.MinInt32), "MAX_INT32": IntValueOf(math.MaxInt32),
	"MIN_INT64": IntValueOf(math.MinInt64), "MAX_INT64": IntValueOf(math.MaxInt64),
	"MIN_UINT8": IntValueOf(0), "MAX_UINT8": IntValueOf(math.MaxUint8),
	"MIN_UINT16": IntValueOf(0), "MAX_UINT16": IntValueOf(math.MaxUint16),
	"MIN_UINT32": IntValueOf(0), "MAX_UINT32": IntValueOf(math.MaxUint32),
	"MIN_UINT64": IntValueOf(0), "MAX_UINT64": uintValueOf(math.MaxUint64),
	"MIN_FLOAT32": FloatValueOf(-maxFloat32), "MAX_FLOAT32": FloatValueOf(maxFloat32),
	"MIN_FLOAT64": FloatValueOf(-math.MaxFloat64), "MAX_FLOAT64": FloatValueOf(math.MaxFloat64),
	"POS_INFINITY": FloatValueOf(math.Inf(1)), "NEG_INFINITY": FloatValueOf(math.Inf(-1)),
}

// constValue converts a numeric parameter (minimum, maximum, default, ID
// value): a number, MIN/MAX (the range of the item's type and size) or a
// named constant such as MAX_UINT16.
func constValue(s string, t accessor.DataType, bitSize int) (Value, error) {
	v := convertToValue(s)
	if v.Kind != StringValue {
		return v, nil
	}
	word := strings.ToUpper(strings.TrimSpace(s))
	if word == "MIN" || word == "MAX" {
		return typeRange(t, bitSize, word == "MAX")
	}
	if c, ok := namedConstants[word]; ok {
		return c, nil
	}
	return Value{}, fmt.Errorf("could not convert constant: %s", s)
}

// typeRange is COSMOS's calculate_range_value.
func typeRange(t accessor.DataType, bitSize int, max bool) (Value, error) {
	if (t == accessor.INT || t == accessor.UINT) && bitSize > 64 && bitSize <= MaxIntBits {
		return bigRange(t, bitSize, max), nil
	}
	switch t {
	case accessor.INT:
		if bitSize < 1 || bitSize > 64 {
			return Value{}, fmt.Errorf("invalid bit size %d for MIN/MAX of INT", bitSize)
		}
		if max {
			return IntValueOf(int64(uint64(1)<<(bitSize-1) - 1)), nil
		}
		return IntValueOf(-int64(uint64(1) << (bitSize - 1))), nil
	case accessor.UINT:
		if bitSize < 1 || bitSize > 64 {
			return Value{}, fmt.Errorf("invalid bit size %d for MIN/MAX of UINT", bitSize)
		}
		if max {
			return uintValueOf(math.MaxUint64 >> (64 - bitSize)), nil
		}
		return IntValueOf(0), nil
	case accessor.FLOAT:
		var m float64
		switch bitSize {
		case 32:
			m = maxFloat32
		case 64:
			m = math.MaxFloat64
		default:
			return Value{}, fmt.Errorf("invalid bit size %d for FLOAT type", bitSize)
		}
		if max {
			return FloatValueOf(m), nil
		}
		return FloatValueOf(-m), nil
	}
	return Value{}, fmt.Errorf("invalid data type %s for MIN/MAX", t)
}

// stringValue is COSMOS's convert_string_value: an unquoted 0x... word is
// binary data, anything else a string.
func stringValue(s string, quoted bool) (Value, error) {
	if !quoted && len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		b, err := hexBytes(s[2:])
		if err != nil {
			return Value{}, err
		}
		return BytesValueOf(b), nil
	}
	return StringValueOf(s), nil
}

// hexBytes decodes hex digits, padding an odd count with a leading zero.
func hexBytes(h string) ([]byte, error) {
	if len(h)%2 == 1 {
		h = "0" + h
	}
	b, err := hex.DecodeString(h)
	if err != nil {
		return nil, fmt.Errorf("invalid hex data %q", h)
	}
	return b, nil
}

// parseFloatParam parses a number as COSMOS's Float() does.
func parseFloatParam(s string) (float64, error) {
	v := convertToValue(s)
	if !v.IsNumber() {
		return 0, fmt.Errorf("invalid value for Float(): %q", s)
	}
	return v.Float64(), nil
}
