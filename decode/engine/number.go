package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/c3kit/c3kit/internal/quote"
)

// parseNumber reads a number the way COSMOS's convert_to_value does for
// command values: decimal or 0x/0b/0o integers (with _ separators), floats
// (including "1e3", "Infinity", "NaN" words are not numbers here).
func parseNumber(s string) (Value, error) {
	if v, ok := fastNumber(s); ok {
		return v, nil
	}
	t := strings.ReplaceAll(strings.TrimSpace(s), "_", "")
	if t == "" {
		return Value{}, fmt.Errorf("empty number")
	}
	if i, err := strconv.ParseInt(t, 0, 64); err == nil {
		if i == 0 && t[0] == '-' {
			return FloatVal(math.Copysign(0, -1)), nil // "-0" (JSON's -0.0) keeps its sign
		}
		return IntVal(i), nil
	}
	if u, err := strconv.ParseUint(strings.TrimPrefix(t, "+"), 0, 64); err == nil {
		return UintVal(u), nil
	}
	if v, ok := parseBigInt(t); ok {
		return v, nil
	}
	if strings.ContainsAny(t, "xXoObB") && !strings.ContainsAny(t, "eE.") {
		return Value{}, fmt.Errorf("%s is not a number", quote.Q(s))
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || strings.EqualFold(t, "inf") || strings.EqualFold(t, "infinity") || strings.EqualFold(t, "nan") ||
		strings.EqualFold(t, "+inf") || strings.EqualFold(t, "-inf") {
		return Value{}, fmt.Errorf("%s is not a number", quote.Q(s))
	}
	return FloatVal(f), nil
}

// parseNumberFor is parseNumber for an item of type t: FLOAT items also take
// the words c3decode prints for special values (NaN, Infinity, -Infinity).
func parseNumberFor(t accessor.DataType, s string) (Value, error) {
	if t == accessor.FLOAT {
		switch strings.TrimSpace(s) {
		case "NaN":
			return FloatVal(math.NaN()), nil
		case "Infinity", "+Infinity":
			return FloatVal(math.Inf(1)), nil
		case "-Infinity":
			return FloatVal(math.Inf(-1)), nil
		}
	}
	return parseNumber(s)
}

// fastNumber is parseNumber for the common forms, a decimal integer of up
// to 18 digits or a decimal float, without the error values that trying
// strconv.ParseInt, ParseUint and big.Int in turn allocates. ok is false
// for anything else (signs other than a leading '-', base prefixes, leading
// zeros, "-0", spaces, underscores, errors): parseNumber then goes the
// general way.
func fastNumber(s string) (Value, bool) {
	k, n, f, ok := fastNum(s)
	switch {
	case !ok:
		return Value{}, false
	case k == Int:
		return IntVal(n), true
	}
	return FloatVal(f), true
}

// fastNum is fastNumber's result unboxed: an Int (n) or a Float (f).
func fastNum(s string) (k Kind, n int64, f float64, ok bool) {
	i := 0
	if len(s) > 0 && s[0] == '-' {
		i = 1
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		n = n*10 + int64(s[j]-'0')
		j++
	}
	digits := j - i
	if digits == 0 {
		return Null, 0, 0, false
	}
	if j == len(s) {
		if digits > 18 || s[i] == '0' && (digits > 1 || i == 1) {
			return Null, 0, 0, false
		}
		if i == 1 {
			n = -n
		}
		return Int, n, 0, true
	}
	if c := s[j]; c != '.' && c != 'e' && c != 'E' {
		return Null, 0, 0, false
	}
	for k := j; k < len(s); k++ {
		switch c := s[k]; {
		case c >= '0' && c <= '9', c == '.', c == 'e', c == 'E', c == '+', c == '-':
		default:
			return Null, 0, 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return Null, 0, 0, false
	}
	return Float, 0, f, true
}
