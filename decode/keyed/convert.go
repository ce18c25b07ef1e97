package keyed

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor"
)

// ConvertToType is COSMOS's Accessor.convert_to_type: what a key-based
// accessor does to every value it reads (the raw value) and to every value
// before it writes it, by the item's data type.
//
//   - INT, UINT: Integer(value): numbers (a float is truncated), strings of
//     integers in Ruby's forms ("12", "-3", "0x1F", "0b101", "017",
//     "1_000"); gives int64, or *big.Int beyond 64 bits.
//   - FLOAT: Float(value): numbers and numeric strings; gives float64.
//   - STRING, BLOCK: value.to_s (numbers in Ruby's spelling, true/false,
//     arrays and objects as Ruby inspects them); gives string, or []byte
//     for a CBOR byte string.
//   - BOOL: "TRUE"/"FALSE" in any case become bool; anything else is kept.
//   - ARRAY, OBJECT: a string is parsed as JSON (an error if it is not);
//     other values are kept.
//   - ANY: a string that parses as JSON is parsed; otherwise kept.
//
// For an array item (ARRAY_ITEM / ARRAY_PARAMETER) a string is parsed as
// JSON first and each element converted. nil stays nil.
func ConvertToType(v any, t accessor.DataType, array bool) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch t {
	case accessor.ANY:
		if s, ok := v.(string); ok {
			if p, err := ParseJSON([]byte(s)); err == nil {
				return p, nil
			}
		}
		return v, nil
	case accessor.BOOL:
		if s, ok := v.(string); ok {
			switch strings.ToUpper(s) {
			case "TRUE":
				return true, nil
			case "FALSE":
				return false, nil
			}
		}
		return v, nil
	case accessor.OBJECT, accessor.ARRAY:
		if s, ok := v.(string); ok {
			return ParseJSON([]byte(s))
		}
		return v, nil
	case accessor.INT, accessor.UINT, accessor.FLOAT, accessor.STRING, accessor.BLOCK:
	default:
		return nil, fmt.Errorf("data_type %s is not recognized", t)
	}
	if array {
		if s, ok := v.(string); ok {
			p, err := ParseJSON([]byte(s))
			if err != nil {
				return nil, err
			}
			v = p
		}
		a, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("undefined method 'map' for %s (an array item needs an array)", rubyClass(v))
		}
		out := make([]any, len(a))
		for i, e := range a {
			c, err := convertScalar(e, t)
			if err != nil {
				return nil, fmt.Errorf("element %d: %w", i, err)
			}
			out[i] = c
		}
		return out, nil
	}
	return convertScalar(v, t)
}

func convertScalar(v any, t accessor.DataType) (any, error) {
	switch t {
	case accessor.INT, accessor.UINT:
		return ToInteger(v)
	case accessor.FLOAT:
		return ToFloat(v)
	}
	if b, ok := v.([]byte); ok {
		return b, nil
	}
	return string(AppendToS(nil, v)), nil
}

// ToInteger is Ruby's Integer(value) on a contract value: int64, or
// *big.Int when the value needs more than 64 bits.
func ToInteger(v any) (any, error) {
	switch t := v.(type) {
	case json.Number:
		s := string(t)
		if isIntText(s) {
			return parseInteger(s, 10)
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("invalid value for Integer(): %q", s)
		}
		return floatToInteger(f)
	case string:
		return parseInteger(t, 0)
	case int64:
		return t, nil
	case uint64:
		if t > math.MaxInt64 {
			return new(big.Int).SetUint64(t), nil
		}
		return int64(t), nil
	case int:
		return int64(t), nil
	case float64:
		return floatToInteger(t)
	case *big.Int:
		return t, nil
	}
	return nil, fmt.Errorf("can't convert %s into Integer", rubyClass(v))
}

func isIntText(s string) bool {
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseInteger parses an integer text; base 0 takes Ruby's prefixes and
// underscores and surrounding blanks, as Integer("...") does.
func parseInteger(s string, base int) (any, error) {
	s0 := s
	if base == 0 {
		s = strings.TrimSpace(s)
	}
	if n, err := strconv.ParseInt(s, base, 64); err == nil {
		return n, nil
	}
	b, ok := new(big.Int).SetString(s, base)
	if !ok {
		return nil, fmt.Errorf("invalid value for Integer(): %s", strconv.Quote(clip(s0)))
	}
	if b.IsInt64() {
		return b.Int64(), nil
	}
	return b, nil
}

func floatToInteger(f float64) (any, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("FloatDomainError: %s", AppendRubyFloat(nil, f))
	}
	f = math.Trunc(f)
	if f >= -9.223372036854775808e18 && f < 9.223372036854775808e18 {
		return int64(f), nil
	}
	b, _ := big.NewFloat(f).Int(nil)
	return b, nil
}

// ToFloat is Ruby's Float(value) on a contract value.
func ToFloat(v any) (float64, error) {
	switch t := v.(type) {
	case json.Number:
		return strconv.ParseFloat(string(t), 64)
	case string:
		s := strings.TrimSpace(t)
		if f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64); err == nil && !strings.ContainsAny(s, "iInN") {
			return f, nil
		}
		if n, err := parseInteger(s, 0); err == nil {
			switch x := n.(type) {
			case int64:
				return float64(x), nil
			case *big.Int:
				f, _ := new(big.Float).SetInt(x).Float64()
				return f, nil
			}
		}
		return 0, fmt.Errorf("invalid value for Float(): %s", strconv.Quote(clip(t)))
	case float64:
		return t, nil
	case int64:
		return float64(t), nil
	case uint64:
		return float64(t), nil
	case int:
		return float64(t), nil
	case *big.Int:
		f, _ := new(big.Float).SetInt(t).Float64()
		return f, nil
	}
	return 0, fmt.Errorf("can't convert %s into Float", rubyClass(v))
}

// AppendToS appends Ruby's to_s of a contract value: the text of a
// string, numbers as Ruby prints them, true/false, and arrays and objects
// as Ruby's inspect shows them ([1, 2], {"a"=>1}: Ruby before 3.4, as the
// engine's other to_s of hashes).
func AppendToS(dst []byte, v any) []byte {
	switch t := v.(type) {
	case string:
		return append(dst, t...)
	case []byte:
		return append(dst, t...)
	case nil:
		return dst
	}
	return appendInspect(dst, v)
}

func appendInspect(dst []byte, v any) []byte {
	switch t := v.(type) {
	case nil:
		return append(dst, "nil"...)
	case string:
		return strconv.AppendQuote(dst, t)
	case []byte:
		return strconv.AppendQuote(dst, string(t))
	case bool:
		return strconv.AppendBool(dst, t)
	case json.Number:
		s := string(t)
		if isIntText(s) {
			if n, err := parseInteger(s, 10); err == nil {
				return fmt.Append(dst, n)
			}
			return append(dst, s...)
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return AppendRubyFloat(dst, f)
		}
		return append(dst, s...)
	case int64:
		return strconv.AppendInt(dst, t, 10)
	case uint64:
		return strconv.AppendUint(dst, t, 10)
	case int:
		return strconv.AppendInt(dst, int64(t), 10)
	case float64:
		return AppendRubyFloat(dst, t)
	case *big.Int:
		return t.Append(dst, 10)
	case []any:
		dst = append(dst, '[')
		for i, e := range t {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = appendInspect(dst, e)
		}
		return append(dst, ']')
	case *Object:
		dst = append(dst, '{')
		for i := range t.keys {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = strconv.AppendQuote(dst, t.keys[i])
			dst = append(dst, "=>"...)
			dst = appendInspect(dst, t.vals[i])
		}
		return append(dst, '}')
	case map[string]any:
		o := &Object{}
		for _, k := range SortedKeys(t) {
			o.Append(k, t[k])
		}
		return appendInspect(dst, o)
	}
	return fmt.Append(dst, v)
}

// SortedKeys returns the keys of m in byte order.
func SortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

func rubyClass(v any) string {
	switch v.(type) {
	case bool:
		return fmt.Sprint(v)
	case []any:
		return "Array"
	case *Object, map[string]any:
		return "Hash"
	case string, []byte:
		return "String"
	}
	return fmt.Sprintf("%T", v)
}

// clip shortens s for a message to about 80 bytes.
func clip(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}
