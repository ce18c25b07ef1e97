package engine

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/c3kit/c3kit/internal/quote"
	"github.com/c3kit/c3kit/internal/timetext"
)

// COSMOS's FORMAT_STRING is a Ruby/Python printf format applied to the
// converted value. Both languages follow C here for the common verbs, and
// so does Go's fmt once the Ruby-only spellings (%i, %u) are mapped, so each
// directive is checked against the C grammar and handed to fmt with an
// argument of the type the verb wants.

// errFormat reports a format string the value cannot be formatted with.
var errFormat = errors.New("format")

// appendPrintf appends format applied to v.
func appendPrintf(dst []byte, format string, v *Value) ([]byte, error) {
	used := false
	for i := 0; i < len(format); {
		c := format[i]
		if c != '%' {
			j := strings.IndexByte(format[i:], '%')
			if j < 0 {
				return append(dst, format[i:]...), nil
			}
			dst = append(dst, format[i:i+j]...)
			i += j
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			dst = append(dst, '%')
			i += 2
			continue
		}
		// %[flags][width][.precision][length]verb
		j := i + 1
		for j < len(format) && strings.IndexByte("-+ 0#", format[j]) >= 0 {
			j++
		}
		for j < len(format) && format[j] >= '0' && format[j] <= '9' {
			j++
		}
		if j < len(format) && format[j] == '.' {
			j++
			for j < len(format) && format[j] >= '0' && format[j] <= '9' {
				j++
			}
		}
		spec := format[i:j]
		for j < len(format) && strings.IndexByte("hlLqjzt", format[j]) >= 0 {
			j++ // C length modifiers mean nothing to Ruby or Python
		}
		if j >= len(format) {
			return dst, fmt.Errorf("%w: %q ends inside a directive", errFormat, format)
		}
		verb := format[j]
		i = j + 1
		if used {
			return dst, fmt.Errorf("%w: %q has more than one directive", errFormat, format)
		}
		used = true
		var err error
		dst, err = appendDirective(dst, spec, verb, v)
		if err != nil {
			return dst, fmt.Errorf("%w: %q: %v", errFormat, format, err)
		}
	}
	return dst, nil
}

func appendDirective(dst []byte, spec string, verb byte, v *Value) ([]byte, error) {
	switch verb {
	case 'd', 'i', 'u':
		return appendIntVerb(dst, spec, 'd', v)
	case 'x', 'X', 'o', 'b', 'B':
		if verb == 'B' {
			verb = 'b'
		}
		return appendIntVerb(dst, spec, verb, v)
	case 'c':
		if s, ok := v.Str(); ok {
			if s == "" {
				return dst, nil
			}
			return fmt.Appendf(dst, spec+"s", s[:1]), nil
		}
		i, err := intOf(v)
		if err != nil {
			return dst, err
		}
		return fmt.Appendf(dst, spec+"c", rune(i)), nil
	case 'e', 'E', 'f', 'F', 'g', 'G', 'a', 'A':
		f, ok := v.Float64()
		if !ok {
			if s, isStr := v.Str(); isStr {
				var err error
				if f, err = strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
					return dst, fmt.Errorf("can't convert %s into Float", quote.Q(s))
				}
			} else {
				return dst, fmt.Errorf("can't convert %s into Float", kindName(v.K))
			}
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			// Ruby prints Inf/NaN; keep COSMOS's words.
			return fmt.Appendf(dst, strings.ReplaceAll(spec, "0", "")+"s", rubyFloat(f)), nil
		}
		if verb == 'a' || verb == 'A' {
			verb = map[byte]byte{'a': 'x', 'A': 'X'}[verb]
		}
		return fmt.Appendf(dst, spec+string(verb), f), nil
	case 's', 'p':
		s := string(appendToS(nil, v))
		return fmt.Appendf(dst, spec+"s", s), nil
	}
	return dst, fmt.Errorf("malformed format string - %%%c", verb)
}

func appendIntVerb(dst []byte, spec string, verb byte, v *Value) ([]byte, error) {
	if v.K == Uint {
		return fmt.Appendf(dst, spec+string(verb), v.U), nil
	}
	if v.K == Big {
		return fmt.Appendf(dst, spec+string(verb), bigInt(v.S)), nil
	}
	i, err := intOf(v)
	if err != nil {
		return dst, err
	}
	return fmt.Appendf(dst, spec+string(verb), i), nil
}

// intOf converts a value for an integer verb the way Ruby's sprintf does:
// floats are truncated, numeric strings parsed.
func intOf(v *Value) (int64, error) {
	switch v.K {
	case Int, Bool:
		return v.I, nil
	case Uint:
		return int64(v.U), nil
	case Float:
		if math.IsNaN(v.F) || math.IsInf(v.F, 0) {
			return 0, fmt.Errorf("%s can't be converted to an integer", rubyFloat(v.F))
		}
		return int64(v.F), nil
	case Time:
		return v.Time().Unix(), nil
	case String, Name:
		s, _ := v.Str()
		i, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(s), "_", ""), 0, 64)
		if err != nil {
			return 0, fmt.Errorf("invalid value for Integer(): %s", quote.Q(s))
		}
		return i, nil
	}
	return 0, fmt.Errorf("can't convert %s into Integer", kindName(v.K))
}

func kindName(k Kind) string {
	return [...]string{"nil", "Integer", "Integer", "Float", "String", "String", "String", "Boolean", "Time", "Array", "Hash", "Integer"}[k]
}

// rubyFloat renders f as Ruby's Float#to_s: shortest round-trip digits,
// fixed notation for exponents -4..15 (always with a fractional part),
// scientific otherwise ("1.0e+16").
func rubyFloat(f float64) string {
	return string(appendRubyFloat(nil, f))
}

func appendRubyFloat(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	}
	if f == 0 {
		if math.Signbit(f) {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	}
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
	k := strings.IndexByte(string(e), 'e')
	exp, _ := strconv.Atoi(string(e[k+1:]))
	if exp >= -4 && exp < 16 {
		n := len(dst)
		dst = strconv.AppendFloat(dst, f, 'f', -1, 64)
		if strings.IndexByte(string(dst[n:]), '.') < 0 {
			dst = append(dst, ".0"...)
		}
		return dst
	}
	mant := e[:k]
	dst = append(dst, mant...)
	if strings.IndexByte(string(mant), '.') < 0 {
		dst = append(dst, ".0"...)
	}
	dst = append(dst, 'e')
	if exp < 0 {
		dst = append(dst, '-')
		exp = -exp
	} else {
		dst = append(dst, '+')
	}
	if exp < 10 {
		dst = append(dst, '0')
	}
	return strconv.AppendInt(dst, int64(exp), 10)
}

// appendToS appends the value as Ruby's to_s would show it (COSMOS's
// formatted value when an item has no FORMAT_STRING).
func appendToS(dst []byte, v *Value) []byte {
	switch v.K {
	case Null:
		return dst
	case Big:
		return append(dst, v.S...)
	case Int:
		return strconv.AppendInt(dst, v.I, 10)
	case Uint:
		return strconv.AppendUint(dst, v.U, 10)
	case Float:
		return appendRubyFloat(dst, v.F)
	case Bool:
		return strconv.AppendBool(dst, v.I != 0)
	case String:
		return append(dst, v.B...)
	case Name:
		return append(dst, v.S...)
	case Bytes:
		return appendHex(dst, v.B)
	case Time:
		return timetext.Cosmos(dst, v.Time())
	case Array:
		dst = append(dst, '[')
		for i := range v.A {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = appendInspect(dst, &v.A[i])
		}
		return append(dst, ']')
	case Object:
		dst = append(dst, '{')
		for i := range v.O {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = strconv.AppendQuote(dst, v.O[i].Name)
			dst = append(dst, "=>"...)
			dst = appendInspect(dst, &v.O[i].Value)
		}
		return append(dst, '}')
	}
	return dst
}

// formatTime is COSMOS's formatted time.
func formatTime(dst []byte, t time.Time) []byte {
	return timetext.Cosmos(dst, t)
}

// appendInspect is Ruby's inspect of a member of an array or hash: strings
// quoted, nil spelled out, the rest as to_s.
func appendInspect(dst []byte, v *Value) []byte {
	switch v.K {
	case String, Name:
		s, _ := v.Str()
		return strconv.AppendQuote(dst, s)
	case Null:
		return append(dst, "nil"...)
	}
	return appendToS(dst, v)
}
