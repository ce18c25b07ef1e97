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
