package ruby

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The functions GENERIC programs call. Numbers are int64 or float64
// (uint64 values above MaxInt64 become float64, and integer arithmetic that
// would overflow 64 bits continues in float64, where Ruby and Python would
// switch to big integers). Strings are string, arrays []any.

// RuntimeError is a value the operation cannot take (a String added to an
// Integer, a division by zero), with Ruby's or Python's message.
type RuntimeError struct{ Msg string }

func (e *RuntimeError) Error() string { return e.Msg }

// TimeSeconds is Ruby's Time#to_f: seconds since the Unix epoch.
func TimeSeconds(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}

// MaxWidth bounds padding widths and format widths so a program cannot
// make a string without limit.
const MaxWidth = 4096

func rtErr(format string, args ...any) error { return &RuntimeError{fmt.Sprintf(format, args...)} }

// norm maps every numeric Go type to int64 or float64.
func Norm(v any) any {
	switch x := v.(type) {
	case int64, float64, string, nil, bool, []any:
		return v
	case int:
		return int64(x)
	case uint64:
		if x > math.MaxInt64 {
			return float64(x)
		}
		return int64(x)
	case float32:
		return float64(x)
	case []byte:
		return string(x)
	}
	if i, ok := AsInt(v); ok {
		return i
	}
	if f, ok := AsFloat(v); ok {
		return f
	}
	return v
}

func TypeName(v any) string {
	switch Norm(v).(type) {
	case int64:
		return "Integer"
	case float64:
		return "Float"
	case string:
		return "String"
	case nil:
		return "nil"
	case bool:
		return "Boolean"
	case []any:
		return "Array"
	case time.Time:
		return "Time"
	}
	return "object"
}

// nums returns a and b as numbers; isInt when both are integers.
func Nums(op string, a, b any) (ai, bi int64, af, bf float64, isInt bool, err error) {
	a, b = Norm(a), Norm(b)
	x, aInt := a.(int64)
	y, bInt := b.(int64)
	if aInt && bInt {
		return x, y, float64(x), float64(y), true, nil
	}
	af, aok := AsFloat(a)
	bf, bok := AsFloat(b)
	if !aok || !bok {
		return 0, 0, 0, 0, false, rtErr("cannot apply %s to %s and %s", op, TypeName(a), TypeName(b))
	}
	return 0, 0, af, bf, false, nil
}

func Add(a, b any) (any, error) {
	if s, ok := Norm(a).(string); ok {
		if t, ok := Norm(b).(string); ok {
			return s + t, nil
		}
		return nil, rtErr("cannot add %s to String", TypeName(b))
	}
	if l, ok := a.([]any); ok {
		if m, ok := b.([]any); ok {
			return append(append([]any{}, l...), m...), nil
		}
	}
	return arithAny(OpAdd, a, b)
}

func Sub(a, b any) (any, error) { return arithAny(OpSub, a, b) }

func Mul(a, b any) (any, error) {
	if s, ok := Norm(a).(string); ok {
		if n, ok := Norm(b).(int64); ok && n >= 0 && n < 1<<20 {
			return strings.Repeat(s, int(n)), nil
		}
		return nil, rtErr("cannot multiply String by %s", TypeName(b))
	}
	return arithAny(OpMul, a, b)
}

func Abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// floorDivInt and floorModInt are Ruby's and Python's integer / and %.
func FloorDivInt(x, y int64) int64 {
	q := x / y
	if (x%y != 0) && ((x < 0) != (y < 0)) {
		q--
	}
	return q
}

func FloorModInt(x, y int64) int64 {
	m := x % y
	if m != 0 && ((m < 0) != (y < 0)) {
		m += y
	}
	return m
}

// divRuby: integer division floors; float division follows IEEE (1.0/0 is
// Infinity in Ruby).
func DivRuby(a, b any) (any, error) { return arithAny(OpDivRb, a, b) }

// divPython: "/" is always true division; dividing by zero is an error.
func DivPython(a, b any) (any, error) { return arithAny(OpDivPy, a, b) }

func FloorDiv(a, b any) (any, error) { return arithAny(OpFloorDiv, a, b) }

func Mod(a, b any) (any, error) {
	if s, ok := Norm(a).(string); ok { // "%.2f" % x
		if l, ok := b.([]any); ok {
			return Sprintf(append([]any{s}, l...)...)
		}
		return Sprintf(s, b)
	}
	return arithAny(OpMod, a, b)
}

func Pow(a, b any) (any, error) { return arithAny(OpPow, a, b) }

func Neg(a any) (any, error) {
	switch x := Norm(a).(type) {
	case int64:
		return NegNum(IntNum(x)).Any(), nil
	case float64:
		return -x, nil
	}
	return nil, rtErr("cannot negate %s", TypeName(a))
}

func Ints(op string, a, b any) (int64, int64, error) {
	x, ok1 := Norm(a).(int64)
	y, ok2 := Norm(b).(int64)
	if !ok1 || !ok2 {
		return 0, 0, rtErr("%s needs integers, got %s and %s", op, TypeName(a), TypeName(b))
	}
	return x, y, nil
}

func Shift(a, b any, left bool) (any, error) {
	x, y, err := Ints("shift", a, b)
	if err != nil {
		return nil, err
	}
	if y < 0 {
		y, left = -y, !left
	}
	if left {
		if y >= 63 || (x != 0 && bits.Len64(uint64(Abs64(x)))+int(y) > 62) {
			return float64(x) * math.Pow(2, float64(y)), nil
		}
		return x << uint(y), nil
	}
	if y >= 63 {
		if x < 0 {
			return int64(-1), nil
		}
		return int64(0), nil
	}
	return x >> uint(y), nil // arithmetic shift floors, as in Ruby and Python
}

// compare returns -1, 0, 1 for numbers or strings.
func Compare(op string, a, b any) (int, error) {
	a, b = Norm(a), Norm(b)
	if s, ok := a.(string); ok {
		if t, ok := b.(string); ok {
			return strings.Compare(s, t), nil
		}
	}
	x, y, xf, yf, isInt, err := Nums(op, a, b)
	if err != nil {
		return 0, rtErr("comparison of %s with %s failed", TypeName(a), TypeName(b))
	}
	if isInt {
		switch {
		case x < y:
			return -1, nil
		case x > y:
			return 1, nil
		}
		return 0, nil
	}
	switch {
	case xf < yf:
		return -1, nil
	case xf > yf:
		return 1, nil
	case xf == yf:
		return 0, nil
	}
	return 2, nil // NaN: every ordered comparison is false
}

func Equal(a, b any) bool {
	a, b = Norm(a), Norm(b)
	switch x := a.(type) {
	case int64, float64:
		c, err := Compare("==", a, b)
		return err == nil && c == 0
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		return false // ERB hashes: never equal (interface == would panic)
	}
	return a == b
}

func TruthyRuby(v any) bool { return v != nil && v != false }

func TruthyPython(v any) bool {
	switch x := Norm(v).(type) {
	case nil:
		return false
	case bool:
		return x
	case int64:
		return x != 0
	case float64:
		return x != 0
	case string:
		return x != ""
	case []any:
		return len(x) != 0
	}
	return true
}

func ToFloat(v any, strict bool) (any, error) {
	switch x := Norm(v).(type) {
	case time.Time:
		return TimeSeconds(x), nil
	case int64:
		return float64(x), nil
	case float64:
		return x, nil
	case string:
		t := strings.TrimSpace(strings.ReplaceAll(x, "_", ""))
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			return f, nil
		}
		if strict {
			return nil, rtErr("invalid value for Float(): %q", x)
		}
		return LeadingFloat(t), nil
	case nil:
		if !strict {
			return 0.0, nil
		}
	case bool:
		if !strict {
			break
		}
		if x {
			return 1.0, nil // Python float(True)
		}
		return 0.0, nil
	}
	return nil, rtErr("can't convert %s into Float", TypeName(v))
}

// leadingFloat is Ruby's lenient String#to_f: the longest numeric prefix.
func LeadingFloat(s string) float64 {
	for end := len(s); end > 0; end-- {
		if f, err := strconv.ParseFloat(s[:end], 64); err == nil {
			return f
		}
	}
	return 0
}

func FloatToInt(f float64) (any, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, rtErr("%v out of range of integer", f)
	}
	t := math.Trunc(f)
	if t >= -0x1p63 && t < 0x1p63 {
		return int64(t), nil
	}
	return t, nil // beyond 64 bits: keep the (integral) float
}

// rubyToI is Ruby's lenient to_i.
func RubyToI(v any) (any, error) {
	switch x := Norm(v).(type) {
	case int64:
		return x, nil
	case float64:
		return FloatToInt(x)
	case nil:
		return int64(0), nil
	case string:
		t := strings.TrimSpace(x)
		end := 0
		for end < len(t) && (isDigit(t[end]) || t[end] == '_' || (end == 0 && (t[0] == '-' || t[0] == '+'))) {
			end++
		}
		i, err := strconv.ParseInt(strings.ReplaceAll(t[:end], "_", ""), 10, 64)
		if err != nil {
			return int64(0), nil
		}
		return i, nil
	}
	return nil, rtErr("undefined method to_i for %s", TypeName(v))
}

// strictInt is Ruby's Integer() and Python's int() on strings (Ruby also
// takes 0x/0b/0o prefixes; base > 0 is Python's int(s, base)).
func StrictInt(v any, base int, ruby bool) (any, error) {
	switch x := Norm(v).(type) {
	case int64:
		return x, nil
	case float64:
		return FloatToInt(x)
	case bool:
		if !ruby {
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		}
	case string:
		t := strings.TrimSpace(x)
		b := base
		if ruby {
			b = 0
		}
		if i, err := strconv.ParseInt(t, b, 64); err == nil {
			return i, nil
		}
		if base == 16 || base == 2 || base == 8 {
			if i, err := strconv.ParseInt(t, 0, 64); err == nil {
				return i, nil
			}
		}
		return nil, rtErr("invalid literal for int(): %q", x)
	}
	return nil, rtErr("can't convert %s into Integer", TypeName(v))
}

// roundRuby is Float#round: half away from zero, with Ruby's correction
// for values just below a half after scaling.
func RoundRuby(args ...any) (any, error) {
	x := Norm(args[0])
	digits := int64(0)
	if len(args) > 1 {
		d, ok := Norm(args[1]).(int64)
		if !ok {
			return nil, rtErr("round digits must be an Integer")
		}
		digits = d
	}
	switch v := x.(type) {
	case int64:
		if digits >= 0 {
			return v, nil
		}
		p := int64(math.Pow(10, float64(-digits)))
		f := math.Round(float64(v)/float64(p)) * float64(p)
		return FloatToInt(f)
	case float64:
		if digits <= 0 {
			s := math.Pow(10, float64(-digits))
			return FloatToInt(math.Round(v/s) * s)
		}
		if digits > 15 || math.IsNaN(v) || math.IsInf(v, 0) {
			return v, nil
		}
		s := math.Pow(10, float64(digits))
		f := math.Round(v * s)
		if v > 0 && (f+0.5)/s <= v {
			f++
		} else if v < 0 && (f-0.5)/s >= v {
			f--
		}
		return f / s, nil
	}
	return nil, rtErr("undefined method round for %s", TypeName(x))
}

// roundPython is round(): ties to even, on the exact binary value.
func RoundPython(args ...any) (any, error) {
	x := Norm(args[0])
	if len(args) == 1 || args[1] == nil {
		switch v := x.(type) {
		case int64:
			return v, nil
		case float64:
			return FloatToInt(math.RoundToEven(v))
		}
		return nil, rtErr("type %s doesn't define __round__", TypeName(x))
	}
	d, ok := Norm(args[1]).(int64)
	if !ok {
		return nil, rtErr("round digits must be an integer")
	}
	switch v := x.(type) {
	case int64:
		if d >= 0 {
			return v, nil
		}
		p := math.Pow(10, float64(-d))
		return int64(math.RoundToEven(float64(v)/p) * p), nil
	case float64:
		if d < 0 {
			p := math.Pow(10, float64(-d))
			return math.RoundToEven(v/p) * p, nil
		}
		if d > 300 || math.IsNaN(v) || math.IsInf(v, 0) {
			return v, nil
		}
		f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', int(d), 64), 64)
		return f, nil
	}
	return nil, rtErr("type %s doesn't define __round__", TypeName(x))
}

// toS is Ruby's to_s (python false) or Python's str (python true).
func ToS(v any, python bool) string {
	switch x := Norm(v).(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if python {
			return PythonFloat(x)
		}
		return RubyFloat(x)
	case nil:
		if python {
			return "None"
		}
		return ""
	case bool:
		switch {
		case python && x:
			return "True"
		case python:
			return "False"
		case x:
			return "true"
		}
		return "false"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			if s, ok := e.(string); ok {
				if python {
					parts[i] = "'" + s + "'"
				} else {
					parts[i] = strconv.Quote(s)
				}
				continue
			}
			parts[i] = ToS(e, python)
			if e == nil && !python {
				parts[i] = "nil"
			}
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(TypeName(v), "\n", " "), "\t", " "))
}

func Length(v any) (any, error) {
	switch x := Norm(v).(type) {
	case string:
		if s, ok := v.([]byte); ok {
			return int64(len(s)), nil
		}
		return int64(utf8.RuneCountInString(x)), nil
	case []any:
		return int64(len(x)), nil
	}
	return nil, rtErr("%s has no length", TypeName(v))
}

func Index(v, i any) (any, error) {
	k, ok := Norm(i).(int64)
	if !ok {
		return nil, rtErr("index must be an Integer, got %s", TypeName(i))
	}
	switch x := v.(type) {
	case []any:
		if k < 0 {
			k += int64(len(x))
		}
		if k < 0 || k >= int64(len(x)) {
			return nil, nil
		}
		return Norm(x[k]), nil
	case []byte:
		if k < 0 {
			k += int64(len(x))
		}
		if k < 0 || k >= int64(len(x)) {
			return nil, nil
		}
		return int64(x[k]), nil
	case string:
		r := []rune(x)
		if k < 0 {
			k += int64(len(r))
		}
		if k < 0 || k >= int64(len(r)) {
			return nil, nil
		}
		return string(r[k]), nil
	}
	return nil, rtErr("cannot index %s", TypeName(v))
}

// extreme is max (sign 1) or min (sign -1) of its arguments, or of a
// single array argument.
func Extreme(sign int, args []any) (any, error) {
	if len(args) == 1 {
		if l, ok := args[0].([]any); ok {
			args = l
		}
	}
	if len(args) == 0 {
		return nil, nil
	}
	best := Norm(args[0])
	for _, a := range args[1:] {
		c, err := Compare("max", a, best)
		if err != nil {
			return nil, err
		}
		if c == sign {
			best = Norm(a)
		}
	}
	return best, nil
}

func ListArg(v any) ([]any, error) {
	if l, ok := v.([]any); ok {
		return l, nil
	}
	return nil, rtErr("expected an Array, got %s", TypeName(v))
}

func Str1(name string, v any) (string, error) {
	if s, ok := Norm(v).(string); ok {
		return s, nil
	}
	return "", rtErr("%s needs a String, got %s", name, TypeName(v))
}
