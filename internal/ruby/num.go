package ruby

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// asFloat converts any numeric value to float64 (Ruby's to_f on numbers).
func AsFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case int:
		return float64(x), true
	case float32:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint32:
		return float64(x), true
	case int16:
		return float64(x), true
	case uint16:
		return float64(x), true
	case int8:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint:
		return float64(x), true
	case bool:
		return 0, false
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// asInt converts an integral value to int64; ok is false for non-integers
// and for unsigned values above MaxInt64.
func AsInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case uint64:
		if x > math.MaxInt64 {
			return 0, false
		}
		return int64(x), true
	case int32:
		return int64(x), true
	case uint32:
		return int64(x), true
	case int16:
		return int64(x), true
	case uint16:
		return int64(x), true
	case int8:
		return int64(x), true
	case uint8:
		return int64(x), true
	case uint:
		if uint64(x) > math.MaxInt64 {
			return 0, false
		}
		return int64(x), true
	case json.Number:
		i, err := x.Int64()
		return i, err == nil
	}
	return 0, false
}

// rubyFloat formats f like Ruby's Float#to_s: "10.0", "0.00305",
// "1.0e-05", "1.0e+16", "Infinity", "NaN".
func RubyFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return ShortestFloat(f, -4, 16, "e", true)
}

// pythonFloat formats f like Python's repr(float): "10.0", "1e-05", "1e+16",
// "inf", "nan".
func PythonFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return ShortestFloat(f, -4, 16, "e", false)
}

// shortestFloat prints the shortest round-tripping digits of f in decimal
// notation when lo <= exponent < hi, else in scientific notation with a
// two-digit signed exponent; ruby adds ".0" to an integral mantissa.
func ShortestFloat(f float64, lo, hi int, e string, ruby bool) string {
	s := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	mant, expS, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expS)
	digits := strings.Replace(mant, ".", "", 1)
	var out string
	if exp >= lo && exp < hi {
		if exp < 0 {
			out = "0." + strings.Repeat("0", -exp-1) + digits
		} else if len(digits) <= exp+1 {
			out = digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
		} else {
			out = digits[:exp+1] + "." + digits[exp+1:]
		}
	} else {
		m := digits[:1]
		if len(digits) > 1 {
			m += "." + digits[1:]
		} else if ruby {
			m += ".0"
		}
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		es := strconv.Itoa(exp)
		if len(es) < 2 {
			es = "0" + es
		}
		out = m + e + sign + es
	}
	if neg {
		out = "-" + out
	}
	return out
}

func Itoa(i int) string { return strconv.Itoa(i) }
