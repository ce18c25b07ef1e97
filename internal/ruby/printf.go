package ruby

import (
	"fmt"
	"strconv"
	"strings"
)

// sprintf is Ruby's sprintf/format and the "%" string operator of both
// languages: each %-directive coerces its argument as Ruby and Python do
// (%d truncates floats, %f takes integers, %s takes anything) and is then
// printed by fmt, whose flags and verbs match printf's.
func Sprintf(args ...any) (any, error) {
	format, ok := Norm(args[0]).(string)
	if !ok {
		return nil, rtErr("format must be a String, got %s", TypeName(args[0]))
	}
	rest := args[1:]
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("-+ #0", format[j]) >= 0 {
			j++
		}
		numStart := j
		for j < len(format) && (isDigit(format[j]) || format[j] == '.') {
			j++
		}
		if TooWide(format[numStart:j]) {
			return nil, rtErr("width or precision in %q too large", format[i:j])
		}
		if j >= len(format) {
			return nil, rtErr("incomplete format specifier %q", format[i:])
		}
		verb := format[j]
		spec := format[i:j]
		i = j
		if verb == '%' {
			b.WriteByte('%')
			continue
		}
		if len(rest) == 0 {
			return nil, rtErr("too few arguments for format %q", format)
		}
		arg := Norm(rest[0])
		rest = rest[1:]
		switch verb {
		case 'd', 'i', 'u':
			v, err := StrictInt(arg, 10, true)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&b, spec+"d", v)
		case 'x', 'X', 'o', 'b', 'B':
			v, err := StrictInt(arg, 10, true)
			if err != nil {
				return nil, err
			}
			if verb == 'B' {
				verb = 'b'
			}
			fmt.Fprintf(&b, spec+string(verb), v)
		case 'f', 'F', 'e', 'E', 'g', 'G', 'a', 'A':
			v, err := ToFloat(arg, true)
			if err != nil {
				return nil, err
			}
			if verb == 'F' {
				verb = 'f'
			}
			if verb == 'a' || verb == 'A' {
				verb = 'x' + (verb - 'a')
			}
			fmt.Fprintf(&b, spec+string(verb), v)
		case 's', 'p', 'r':
			fmt.Fprintf(&b, spec+"s", ToS(arg, false))
		case 'c':
			switch x := arg.(type) {
			case int64:
				b.WriteRune(rune(x))
			case string:
				if x != "" {
					b.WriteString(string([]rune(x)[0]))
				}
			}
		default:
			return nil, rtErr("unsupported format directive %%%c", verb)
		}
	}
	return b.String(), nil
}

// pyFormatValue is Python's format(value, spec) and an f-string's
// {value:spec}: the format-spec mini-language mapped onto printf.
func PyFormatValue(args ...any) (any, error) {
	v := Norm(args[0])
	spec := ""
	if len(args) == 2 {
		s, ok := Norm(args[1]).(string)
		if !ok {
			return nil, rtErr("format spec must be a string")
		}
		spec = s
	}
	if spec == "" {
		return ToS(v, true), nil
	}
	// [[fill]align][sign][#][0][width][,][.precision][type]
	i := 0
	fill, align := byte(' '), byte(0)
	if len(spec) >= 2 && strings.IndexByte("<>^=", spec[1]) >= 0 {
		fill, align, i = spec[0], spec[1], 2
	} else if len(spec) >= 1 && strings.IndexByte("<>^=", spec[0]) >= 0 {
		align, i = spec[0], 1
	}
	flags := ""
	if i < len(spec) && strings.IndexByte("+- ", spec[i]) >= 0 {
		if spec[i] != '-' {
			flags += string(spec[i])
		}
		i++
	}
	if i < len(spec) && spec[i] == '#' {
		flags += "#"
		i++
	}
	if i < len(spec) && spec[i] == '0' {
		fill, align = '0', '='
		i++
	}
	w := i
	for i < len(spec) && isDigit(spec[i]) {
		i++
	}
	width := spec[w:i]
	if TooWide(width) {
		return nil, rtErr("width in format spec %q too large", spec)
	}
	if i < len(spec) && (spec[i] == ',' || spec[i] == '_') {
		return nil, rtErr("thousands separators in format spec %q are not supported", spec)
	}
	prec := ""
	if i < len(spec) && spec[i] == '.' {
		p := i
		i++
		for i < len(spec) && isDigit(spec[i]) {
			i++
		}
		prec = spec[p:i]
		if TooWide(prec[1:]) {
			return nil, rtErr("precision in format spec %q too large", spec)
		}
	}
	typ := byte(0)
	if i < len(spec) {
		typ = spec[i]
		i++
	}
	if i != len(spec) {
		return nil, rtErr("invalid format spec %q", spec)
	}
	var body string
	switch typ {
	case 0:
		switch x := v.(type) {
		case float64:
			if prec != "" {
				body = fmt.Sprintf("%"+flags+prec+"g", x)
			} else {
				body = ToS(x, true)
				if flags == "+" && x >= 0 {
					body = "+" + body
				}
			}
		case int64:
			body = fmt.Sprintf("%"+flags+"d", x)
		default:
			body = ToS(v, true)
			if prec != "" {
				n, _ := strconv.Atoi(prec[1:])
				if r := []rune(body); len(r) > n {
					body = string(r[:n])
				}
			}
		}
	case 's':
		body = ToS(v, true)
	case 'd', 'x', 'X', 'o', 'b', 'c':
		n, ok := v.(int64)
		if !ok {
			return nil, rtErr("unknown format code '%c' for %s", typ, TypeName(v))
		}
		if typ == 'c' {
			body = string(rune(n))
		} else {
			body = fmt.Sprintf("%"+flags+string(typ), n)
		}
	case 'f', 'F', 'e', 'E', 'g', 'G', '%':
		f, err := ToFloat(v, true)
		if err != nil {
			return nil, err
		}
		x := f.(float64)
		if prec == "" {
			prec = ".6"
		}
		switch typ {
		case '%':
			body = fmt.Sprintf("%"+flags+prec+"f", x*100) + "%"
		case 'F':
			body = fmt.Sprintf("%"+flags+prec+"f", x)
		default:
			body = fmt.Sprintf("%"+flags+prec+string(typ), x)
		}
	default:
		return nil, rtErr("unknown format code '%c'", typ)
	}
	n, _ := strconv.Atoi(width)
	pad := n - len([]rune(body))
	if pad <= 0 {
		return body, nil
	}
	if align == 0 {
		align = '<'
		if _, isNum := v.(int64); isNum {
			align = '>'
		} else if _, isF := v.(float64); isF {
			align = '>'
		}
	}
	padding := strings.Repeat(string(fill), pad)
	switch align {
	case '>':
		return padding + body, nil
	case '^':
		return padding[:pad/2] + body + padding[pad/2:], nil
	case '=':
		if body != "" && strings.IndexByte("+- ", body[0]) >= 0 {
			return body[:1] + padding + body[1:], nil
		}
		return padding + body, nil
	}
	return body + padding, nil
}

// pyFormat is Python's str.format: "{}" / "{0}" / "{:.2f}" / "{1:>8}".
func PyFormat(args ...any) (any, error) {
	format, ok := Norm(args[0]).(string)
	if !ok {
		return nil, rtErr("format needs a string")
	}
	vals := args[1:]
	var b strings.Builder
	auto := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		switch {
		case c == '{' && i+1 < len(format) && format[i+1] == '{':
			b.WriteByte('{')
			i++
		case c == '}' && i+1 < len(format) && format[i+1] == '}':
			b.WriteByte('}')
			i++
		case c == '{':
			end := strings.IndexByte(format[i:], '}')
			if end < 0 {
				return nil, rtErr("single '{' encountered in format string")
			}
			field := format[i+1 : i+end]
			i += end
			name, spec, _ := strings.Cut(field, ":")
			k := auto
			if name == "" {
				auto++
			} else {
				n, err := strconv.Atoi(name)
				if err != nil {
					return nil, rtErr("named format fields ({%s}) are not supported", name)
				}
				k = n
			}
			if k >= len(vals) {
				return nil, rtErr("format index %d out of range", k)
			}
			s, err := PyFormatValue(vals[k], spec)
			if err != nil {
				return nil, err
			}
			b.WriteString(s.(string))
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// tooWide reports whether any number in a width/precision field exceeds
// MaxWidth.
func TooWide(field string) bool {
	for _, part := range strings.Split(field, ".") {
		if n, err := strconv.Atoi(part); err == nil && n > MaxWidth || len(part) > 6 {
			return true
		}
	}
	return false
}
