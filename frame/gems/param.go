package gems

import (
	"fmt"
	"strconv"
	"strings"
)

// Param is one typed parameter field: name:type=value, name:type[n]=v1,v2
// (an array) or name:set_type[n]=a:int=1;b:int=2;,... (a parameter set:
// each element a list of members ending in ';', elements separated by
// ','). Names and values are unescaped.
type Param struct {
	Name, Type string
	Array      bool     // written with [n]
	Values     []string // one for a scalar; n for an array
	Sets       [][]Param
}

// IsSet reports whether the parameter is a parameter set.
func (p *Param) IsSet() bool { return p.Type == "set_type" }

// ParseParam parses one field. ok is false for a field that is not a
// parameter (a plain name in a GET list, a count, a result code).
func ParseParam(field string) (p Param, ok bool, err error) {
	colon := strings.IndexByte(field, ':')
	eq := strings.IndexByte(field, '=')
	if colon < 0 || eq < 0 || eq < colon {
		return Param{}, false, nil
	}
	p.Name = Unescape(field[:colon])
	typ := field[colon+1 : eq]
	val := field[eq+1:]
	if lb := strings.IndexByte(typ, '['); lb >= 0 {
		if !strings.HasSuffix(typ, "]") {
			return p, true, fmt.Errorf("parameter %s: array type %q has no closing ']'", quote(p.Name), quote(typ))
		}
		n, err := strconv.Atoi(typ[lb+1 : len(typ)-1])
		if err != nil || n < 0 {
			return p, true, fmt.Errorf("parameter %s: array count %q is not a number", quote(p.Name), quote(typ[lb+1:len(typ)-1]))
		}
		p.Type, p.Array = typ[:lb], true
		elems := splitElements(val, n)
		if len(elems) != n {
			return p, true, fmt.Errorf("parameter %s: %d elements, its type says %d", quote(p.Name), len(elems), n)
		}
		if p.IsSet() {
			for _, e := range elems {
				set, err := parseSet(e)
				if err != nil {
					return p, true, fmt.Errorf("parameter %s: %v", quote(p.Name), err)
				}
				p.Sets = append(p.Sets, set)
			}
			return p, true, nil
		}
		for _, e := range elems {
			p.Values = append(p.Values, Unescape(e))
		}
		return p, true, nil
	}
	p.Type = typ
	if p.IsSet() {
		set, err := parseSet(val)
		if err != nil {
			return p, true, fmt.Errorf("parameter %s: %v", quote(p.Name), err)
		}
		p.Sets = [][]Param{set}
		return p, true, nil
	}
	p.Values = []string{Unescape(val)}
	return p, true, nil
}

// parseSet parses the members of one set element: a:int=1;b:int=2;
func parseSet(s string) ([]Param, error) {
	var out []Param
	for _, m := range splitNonEmpty(s, ';') {
		p, ok, err := ParseParam(m)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("set member %q is not name:type=value", quote(m))
		}
		out = append(out, p)
	}
	return out, nil
}

// splitElements splits an array value on ','. An empty value is zero
// elements, or one empty element when the type says [1].
func splitElements(val string, n int) []string {
	if val == "" && n != 1 {
		return nil
	}
	return strings.Split(val, ",")
}

// splitNonEmpty splits set members, each ending in sep.
func splitNonEmpty(s string, sep byte) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, string(sep))
	if parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// Field builds the wire form of the parameter, escaped.
func (p *Param) Field() string {
	var b strings.Builder
	b.WriteString(Escape(p.Name))
	b.WriteByte(':')
	b.WriteString(p.Type)
	if p.Array {
		n := len(p.Values)
		if p.IsSet() {
			n = len(p.Sets)
		}
		fmt.Fprintf(&b, "[%d]", n)
	}
	b.WriteByte('=')
	if p.IsSet() {
		for i, set := range p.Sets {
			if i > 0 {
				b.WriteByte(',')
			}
			for _, m := range set {
				b.WriteString(m.Field())
				b.WriteByte(';')
			}
		}
		return b.String()
	}
	for i, v := range p.Values {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(Escape(v))
	}
	return b.String()
}
