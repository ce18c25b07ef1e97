package convert

import (
	"github.com/c3kit/c3kit/internal/ruby"
	"math"
	"strconv"
	"strings"
	"time"
)

func arity(name string, min, max int, f rtFunc) rtFunc {
	return func(args ...any) (any, error) {
		if len(args) < min || (max >= 0 && len(args) > max) {
			if min == max {
				return nil, rtErr("%s takes %d argument(s), got %d", name, min, len(args))
			}
			return nil, rtErr("%s takes %d to %d arguments, got %d", name, min, max, len(args))
		}
		return f(args...)
	}
}

func f1(name string, f func(any) (any, error)) rtFunc {
	return arity(name, 1, 1, func(a ...any) (any, error) { return f(a[0]) })
}

func f2(name string, f func(any, any) (any, error)) rtFunc {
	return arity(name, 2, 2, func(a ...any) (any, error) { return f(a[0], a[1]) })
}

func mathF(name string, f func(float64) float64) rtFunc {
	return f1(name, func(v any) (any, error) {
		x, ok := ruby.AsFloat(ruby.Norm(v))
		if !ok {
			return nil, rtErr("%s needs a number, got %s", name, ruby.TypeName(v))
		}
		return f(x), nil
	})
}

func mathF2(name string, f func(float64, float64) float64) rtFunc {
	return f2(name, func(a, b any) (any, error) {
		x, ok1 := ruby.AsFloat(ruby.Norm(a))
		y, ok2 := ruby.AsFloat(ruby.Norm(b))
		if !ok1 || !ok2 {
			return nil, rtErr("%s needs numbers", name)
		}
		return f(x, y), nil
	})
}

func strF(name string, f func(string) any) rtFunc {
	return f1(name, func(v any) (any, error) {
		s, err := ruby.Str1(name, v)
		if err != nil {
			return nil, err
		}
		return f(s), nil
	})
}

func init() {
	cmp := func(name string, ok func(int) bool) rtFunc {
		return f2(name, func(a, b any) (any, error) {
			c, err := ruby.Compare(name, a, b)
			if err != nil {
				return nil, err
			}
			return ok(c), nil
		})
	}
	bitop := func(name string, f func(x, y int64) int64) rtFunc {
		return f2(name, func(a, b any) (any, error) {
			x, y, err := ruby.Ints(name, a, b)
			if err != nil {
				return nil, err
			}
			return f(x, y), nil
		})
	}
	numUnary := func(name string, fi func(int64) any, ff func(float64) (any, error)) rtFunc {
		return f1(name, func(v any) (any, error) {
			switch x := ruby.Norm(v).(type) {
			case int64:
				return fi(x), nil
			case float64:
				return ff(x)
			}
			return nil, rtErr("undefined method %s for %s", name, ruby.TypeName(v))
		})
	}
	identity := func(i int64) any { return i }
	runtimeFuncs = map[string]rtFunc{
		"add": f2("+", ruby.Add), "sub": f2("-", ruby.Sub), "mul": f2("*", ruby.Mul), "div_rb": f2("/", ruby.DivRuby),
		"div_py": f2("/", ruby.DivPython), "floordiv": f2("//", ruby.FloorDiv), "mod": f2("%", ruby.Mod), "pow": arity("pow", 2, 2, func(a ...any) (any, error) { return ruby.Pow(a[0], a[1]) }),
		"neg": f1("-", ruby.Neg),
		"invert": f1("~", func(v any) (any, error) {
			x, ok := ruby.Norm(v).(int64)
			if !ok {
				return nil, rtErr("~ needs an Integer")
			}
			return ^x, nil
		}),
		"bitand":    bitop("&", func(x, y int64) int64 { return x & y }),
		"bitor":     bitop("|", func(x, y int64) int64 { return x | y }),
		"bitxor":    bitop("^", func(x, y int64) int64 { return x ^ y }),
		"shl":       f2("<<", func(a, b any) (any, error) { return ruby.Shift(a, b, true) }),
		"shr":       f2(">>", func(a, b any) (any, error) { return ruby.Shift(a, b, false) }),
		"eq":        f2("==", func(a, b any) (any, error) { return ruby.Equal(a, b), nil }),
		"ne":        f2("!=", func(a, b any) (any, error) { return !ruby.Equal(a, b), nil }),
		"lt":        cmp("<", func(c int) bool { return c == -1 }),
		"gt":        cmp(">", func(c int) bool { return c == 1 }),
		"le":        cmp("<=", func(c int) bool { return c == -1 || c == 0 }),
		"ge":        cmp(">=", func(c int) bool { return c == 1 || c == 0 }),
		"truthy_rb": f1("truthy", func(v any) (any, error) { return ruby.TruthyRuby(v), nil }),
		"truthy_py": f1("bool", func(v any) (any, error) { return ruby.TruthyPython(v), nil }),
		"list":      func(a ...any) (any, error) { return append([]any{}, a...), nil },
		"concat": func(a ...any) (any, error) {
			var b strings.Builder
			for _, s := range a {
				b.WriteString(ruby.ToS(s, false))
			}
			return b.String(), nil
		},
		"index":   f2("[]", ruby.Index),
		"float":   f1("Float", func(v any) (any, error) { return ruby.ToFloat(v, true) }),
		"rb_to_f": f1("to_f", func(v any) (any, error) { return ruby.ToFloat(v, false) }),
		"rb_int": arity("to_i", 1, 2, func(a ...any) (any, error) {
			if len(a) == 2 { // "ff".to_i(16)
				b, ok := ruby.Norm(a[1]).(int64)
				s, isStr := ruby.Norm(a[0]).(string)
				if !ok || !isStr || b < 2 || b > 36 {
					return nil, rtErr("to_i(base) needs a String and a base 2..36")
				}
				i, err := strconv.ParseInt(strings.TrimSpace(s), int(b), 64)
				if err != nil {
					return int64(0), nil
				}
				return i, nil
			}
			return ruby.RubyToI(a[0])
		}),
		"rb_integer": arity("Integer", 1, 2, func(a ...any) (any, error) {
			return ruby.StrictInt(a[0], 0, true)
		}),
		"py_int": arity("int", 1, 2, func(a ...any) (any, error) {
			base := 10
			if len(a) == 2 {
				b, ok := ruby.Norm(a[1]).(int64)
				if !ok || b < 0 || b > 36 {
					return nil, rtErr("int() base must be 0 or 2..36")
				}
				base = int(b)
			}
			return ruby.StrictInt(a[0], base, false)
		}),
		"str_rb": arity("to_s", 1, 2, func(a ...any) (any, error) {
			if len(a) == 2 { // 255.to_s(16)
				i, ok := ruby.Norm(a[0]).(int64)
				b, okb := ruby.Norm(a[1]).(int64)
				if !ok || !okb || b < 2 || b > 36 {
					return nil, rtErr("to_s(base) needs an Integer and a base 2..36")
				}
				return strconv.FormatInt(i, int(b)), nil
			}
			return ruby.ToS(a[0], false), nil
		}),
		"is_between": arity("between?", 3, 3, func(a ...any) (any, error) {
			lo, err := ruby.Compare("between?", a[0], a[1])
			if err != nil {
				return nil, err
			}
			hi, err := ruby.Compare("between?", a[0], a[2])
			return (lo == 0 || lo == 1) && (hi == 0 || hi == -1), err
		}),
		"time_at": arity("Time.at", 1, 2, func(a ...any) (any, error) {
			var usec any
			if len(a) == 2 {
				usec = ruby.Norm(a[1])
			}
			return unixTime(ruby.Norm(a[0]), usec)
		}),
		"time_formatted": f1("formatted", func(v any) (any, error) {
			t, ok := v.(time.Time)
			if !ok {
				return nil, rtErr("formatted needs a Time, got %s", ruby.TypeName(v))
			}
			return FormatTime(t), nil
		}),
		"time_utc": f1("utc", func(v any) (any, error) {
			t, ok := v.(time.Time)
			if !ok {
				return nil, rtErr("utc needs a Time, got %s", ruby.TypeName(v))
			}
			return t.UTC(), nil
		}),
		"str_py": f1("str", func(v any) (any, error) { return ruby.ToS(v, true), nil }),
		"abs": numUnary("abs", func(i int64) any {
			if i < 0 {
				if i == math.MinInt64 {
					return -float64(i)
				}
				return -i
			}
			return i
		}, func(f float64) (any, error) { return math.Abs(f), nil }),
		"floor":        numUnary("floor", identity, func(f float64) (any, error) { return ruby.FloatToInt(math.Floor(f)) }),
		"ceil":         numUnary("ceil", identity, func(f float64) (any, error) { return ruby.FloatToInt(math.Ceil(f)) }),
		"trunc":        numUnary("truncate", identity, func(f float64) (any, error) { return ruby.FloatToInt(math.Trunc(f)) }),
		"floor_digits": f2("floor", func(v, d any) (any, error) { return roundDir(v, d, math.Floor) }),
		"ceil_digits":  f2("ceil", func(v, d any) (any, error) { return roundDir(v, d, math.Ceil) }),
		"round_rb":     arity("round", 1, 2, ruby.RoundRuby),
		"round_py":     arity("round", 1, 2, ruby.RoundPython),
		"upper":        strF("upcase", func(s string) any { return strings.ToUpper(s) }),
		"lower":        strF("downcase", func(s string) any { return strings.ToLower(s) }),
		"strip":        strF("strip", func(s string) any { return strings.TrimSpace(s) }),
		"lstrip":       strF("lstrip", func(s string) any { return strings.TrimLeft(s, " \t\r\n\v\f\x00") }),
		"rstrip":       strF("rstrip", func(s string) any { return strings.TrimRight(s, " \t\r\n\v\f\x00") }),
		"len":          f1("length", ruby.Length),
		"split": arity("split", 1, 2, func(a ...any) (any, error) {
			s, err := ruby.Str1("split", a[0])
			if err != nil {
				return nil, err
			}
			var parts []string
			if len(a) == 1 || a[1] == nil {
				parts = strings.Fields(s)
			} else {
				sep, err := ruby.Str1("split", a[1])
				if err != nil {
					return nil, err
				}
				if sep == " " {
					parts = strings.Fields(s) // Ruby's awk-style split
				} else {
					parts = strings.Split(s, sep)
				}
			}
			out := make([]any, len(parts))
			for i, p := range parts {
				out[i] = p
			}
			return out, nil
		}),
		"join": arity("join", 1, 2, func(a ...any) (any, error) {
			l, err := ruby.ListArg(a[0])
			if err != nil {
				return nil, err
			}
			sep := ""
			if len(a) == 2 {
				if sep, err = ruby.Str1("join", a[1]); err != nil {
					return nil, err
				}
			}
			parts := make([]string, len(l))
			for i, e := range l {
				parts[i] = ruby.ToS(e, false)
			}
			return strings.Join(parts, sep), nil
		}),
		"hexstr": strF("hex", func(s string) any {
			t := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "0x"), "0X")
			i, _ := strconv.ParseInt(t, 16, 64)
			return i
		}),
		"reverse": f1("reverse", func(v any) (any, error) {
			switch x := ruby.Norm(v).(type) {
			case string:
				r := []rune(x)
				for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
					r[i], r[j] = r[j], r[i]
				}
				return string(r), nil
			case []any:
				out := make([]any, len(x))
				for i := range x {
					out[i] = x[len(x)-1-i]
				}
				return out, nil
			}
			return nil, rtErr("cannot reverse %s", ruby.TypeName(v))
		}),
		"is_zero":     f1("zero?", func(v any) (any, error) { return ruby.Equal(v, int64(0)), nil }),
		"is_nil":      f1("nil?", func(v any) (any, error) { return v == nil, nil }),
		"is_even":     f1("even?", func(v any) (any, error) { i, ok := ruby.Norm(v).(int64); return ok && i%2 == 0, nil }),
		"is_odd":      f1("odd?", func(v any) (any, error) { i, ok := ruby.Norm(v).(int64); return ok && i%2 != 0, nil }),
		"is_positive": f1("positive?", func(v any) (any, error) { c, err := ruby.Compare(">", v, int64(0)); return c == 1, err }),
		"is_negative": f1("negative?", func(v any) (any, error) { c, err := ruby.Compare("<", v, int64(0)); return c == -1, err }),
		"is_empty": f1("empty?", func(v any) (any, error) {
			n, err := ruby.Length(v)
			return n == int64(0), err
		}),
		"is_integer": f1("is_integer", func(v any) (any, error) {
			switch x := ruby.Norm(v).(type) {
			case int64:
				return true, nil
			case float64:
				return x == math.Trunc(x) && !math.IsInf(x, 0), nil
			}
			return false, nil
		}),
		"includes": f2("include?", func(h, n any) (any, error) {
			if l, ok := h.([]any); ok {
				for _, e := range l {
					if ruby.Equal(e, n) {
						return true, nil
					}
				}
				return false, nil
			}
			s, err := ruby.Str1("include?", h)
			if err != nil {
				return nil, err
			}
			t, err := ruby.Str1("include?", n)
			return strings.Contains(s, t), err
		}),
		"starts_with": f2("start_with?", func(a, b any) (any, error) {
			s, err := ruby.Str1("start_with?", a)
			if err != nil {
				return nil, err
			}
			t, err := ruby.Str1("start_with?", b)
			return strings.HasPrefix(s, t), err
		}),
		"ends_with": f2("end_with?", func(a, b any) (any, error) {
			s, err := ruby.Str1("end_with?", a)
			if err != nil {
				return nil, err
			}
			t, err := ruby.Str1("end_with?", b)
			return strings.HasSuffix(s, t), err
		}),
		"max": func(a ...any) (any, error) { return ruby.Extreme(1, a) },
		"min": func(a ...any) (any, error) { return ruby.Extreme(-1, a) },
		"sum": f1("sum", func(v any) (any, error) {
			l, err := ruby.ListArg(v)
			if err != nil {
				return nil, err
			}
			var s any = int64(0)
			for _, e := range l {
				if s, err = ruby.Add(s, e); err != nil {
					return nil, err
				}
			}
			return s, nil
		}),
		"first": f1("first", func(v any) (any, error) { return ruby.Index(v, int64(0)) }),
		"last":  f1("last", func(v any) (any, error) { return ruby.Index(v, int64(-1)) }),
		"ljust": arity("ljust", 2, 3, func(a ...any) (any, error) { return justify(a, false) }),
		"rjust": arity("rjust", 2, 3, func(a ...any) (any, error) { return justify(a, true) }),
		"zfill": f2("zfill", func(v, w any) (any, error) {
			s, err := ruby.Str1("zfill", v)
			if err != nil {
				return nil, err
			}
			n, _ := ruby.Norm(w).(int64)
			if n > ruby.MaxWidth {
				return nil, rtErr("width %d too large", n)
			}
			sign := ""
			if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
				sign, s = s[:1], s[1:]
			}
			for int64(len(s)+len(sign)) < n {
				s = "0" + s
			}
			return sign + s, nil
		}),
		"replace": arity("replace", 3, 3, func(a ...any) (any, error) {
			s, err := ruby.Str1("replace", a[0])
			if err != nil {
				return nil, err
			}
			o, err := ruby.Str1("replace", a[1])
			if err != nil {
				return nil, rtErr("only string patterns are supported")
			}
			n, err := ruby.Str1("replace", a[2])
			if err != nil {
				return nil, err
			}
			return strings.ReplaceAll(s, o, n), nil
		}),
		"sprintf":        arity("sprintf", 1, -1, ruby.Sprintf),
		"pyformat":       arity("format", 1, -1, ruby.PyFormat),
		"pyformat_value": arity("format", 1, 2, ruby.PyFormatValue),
		"pyhex":          f1("hex", func(v any) (any, error) { return radix(v, 16, "0x") }),
		"pybin":          f1("bin", func(v any) (any, error) { return radix(v, 2, "0b") }),
		"pyoct":          f1("oct", func(v any) (any, error) { return radix(v, 8, "0o") }),
		"ccsds2mdy": arity("Time.ccsds2mdy", 3, 3, func(a ...any) (any, error) {
			var x [3]int64
			for i := range a {
				v, err := ruby.RubyToI(a[i])
				if err != nil {
					return nil, err
				}
				n, ok := v.(int64)
				if !ok {
					return nil, rtErr("Time.ccsds2mdy needs integers")
				}
				x[i] = n
			}
			return ccsds2mdy(x[0], x[1], x[2]), nil
		}),
		"sqrt": mathF("sqrt", math.Sqrt), "cbrt": mathF("cbrt", math.Cbrt), "sin": mathF("sin", math.Sin),
		"cos": mathF("cos", math.Cos), "tan": mathF("tan", math.Tan), "asin": mathF("asin", math.Asin),
		"acos": mathF("acos", math.Acos), "atan": mathF("atan", math.Atan), "sinh": mathF("sinh", math.Sinh),
		"cosh": mathF("cosh", math.Cosh), "tanh": mathF("tanh", math.Tanh), "exp": mathF("exp", math.Exp),
		"log10": mathF("log10", math.Log10), "log2": mathF("log2", math.Log2), "fabs": mathF("fabs", math.Abs),
		"degrees": mathF("degrees", func(x float64) float64 { return x * 180 / math.Pi }),
		"radians": mathF("radians", func(x float64) float64 { return x * math.Pi / 180 }),
		"atan2":   mathF2("atan2", math.Atan2), "hypot": mathF2("hypot", math.Hypot), "fpow": mathF2("pow", math.Pow),
		"fmod": mathF2("fmod", math.Mod), "copysign": mathF2("copysign", math.Copysign),
		"log": arity("log", 1, 2, func(a ...any) (any, error) {
			x, ok := ruby.AsFloat(ruby.Norm(a[0]))
			if !ok {
				return nil, rtErr("log needs a number")
			}
			if len(a) == 2 {
				b, ok := ruby.AsFloat(ruby.Norm(a[1]))
				if !ok {
					return nil, rtErr("log needs a number")
				}
				return math.Log(x) / math.Log(b), nil
			}
			return math.Log(x), nil
		}),
		"floor_int": f1("floor", func(v any) (any, error) { f, _ := ruby.ToFloat(v, true); return floatOrErr(f, math.Floor) }),
		"ceil_int":  f1("ceil", func(v any) (any, error) { f, _ := ruby.ToFloat(v, true); return floatOrErr(f, math.Ceil) }),
		"isnan":     mathBool(math.IsNaN),
		"isinf":     mathBool(func(f float64) bool { return math.IsInf(f, 0) }),
		"inf":       arity("inf", 0, 0, func(...any) (any, error) { return math.Inf(1), nil }),
		"nan":       arity("nan", 0, 0, func(...any) (any, error) { return math.NaN(), nil }),
	}
	runtimeFuncs["read"] = arity("packet.read", 3, 3, readItem)
	classifyRuntimeErrors()
}

func mathBool(f func(float64) bool) rtFunc {
	return f1("math", func(v any) (any, error) {
		x, ok := ruby.AsFloat(ruby.Norm(v))
		return ok && f(x), nil
	})
}

func floatOrErr(v any, f func(float64) float64) (any, error) {
	x, ok := v.(float64)
	if !ok {
		return nil, rtErr("needs a number")
	}
	return ruby.FloatToInt(f(x))
}

func roundDir(v, d any, f func(float64) float64) (any, error) {
	n, ok := ruby.Norm(d).(int64)
	x, okx := ruby.AsFloat(ruby.Norm(v))
	if !ok || !okx {
		return nil, rtErr("floor/ceil digits need numbers")
	}
	s := math.Pow(10, float64(n))
	return f(x*s) / s, nil
}

func justify(a []any, right bool) (any, error) {
	s, err := ruby.Str1("just", a[0])
	if err != nil {
		return nil, err
	}
	w, _ := ruby.Norm(a[1]).(int64)
	if w > ruby.MaxWidth {
		return nil, rtErr("width %d too large", w)
	}
	pad := " "
	if len(a) == 3 {
		if pad, err = ruby.Str1("just", a[2]); err != nil || pad == "" {
			return nil, rtErr("padding must be a non-empty String")
		}
	}
	for int64(len([]rune(s))) < w {
		if right {
			s = pad + s
		} else {
			s += pad
		}
	}
	return s, nil
}

func radix(v any, base int, prefix string) (any, error) {
	i, ok := ruby.Norm(v).(int64)
	if !ok {
		return nil, rtErr("%s needs an integer", prefix)
	}
	if i < 0 {
		return "-" + prefix + strconv.FormatInt(-i, base), nil
	}
	return prefix + strconv.FormatInt(i, base), nil
}

// readItem is packet.read(name, type): names are upper-cased like COSMOS.
func readItem(a ...any) (any, error) {
	p, ok := a[0].(Packet)
	if !ok || p == nil {
		return nil, rtErr("packet.read needs a packet")
	}
	name, ok := a[1].(string)
	if !ok {
		return nil, rtErr("packet.read item name must be a String")
	}
	mode := Converted
	if a[2] != nil {
		ms, ok := a[2].(string)
		if !ok {
			return nil, rtErr("packet.read value type must be RAW, CONVERTED, FORMATTED or WITH_UNITS")
		}
		var err error
		if mode, err = ParseMode(ms); err != nil {
			return nil, rtErr("%v", err)
		}
	}
	v, err := p.ReadItem(strings.ToUpper(name), mode)
	if err != nil {
		return nil, err
	}
	return ruby.Norm(v), nil
}
