package gems

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/c3kit/c3kit/decode/keyed"
	fg "github.com/c3kit/c3kit/frame/gems"
)

func (d *doc) Set(kk keyed.Key, v any) error {
	k := kk.(key)
	switch k.kind {
	case kHeader:
		*d.header(k.index) = text(v)
		return nil
	case kResult, kDescription, kField:
		i := k.index
		if k.kind != kField {
			i = k.kind - kResult
		}
		for len(d.m.Fields) <= i {
			d.m.Fields = append(d.m.Fields, "")
		}
		d.m.Fields[i] = fg.Escape(text(v))
		return nil
	case kCount:
		i := d.countIndex()
		if i < 0 {
			return fmt.Errorf("%w: COUNT (the %s message has no count field)", keyed.ErrNotFound, d.m.Type)
		}
		d.m.Fields[i] = text(v)
		return nil
	}
	// A parameter already in the template keeps its place and its type;
	// a new one is appended and the count before the list goes up.
	i, old, _ := d.findParam(k.name)
	typ := k.typ
	if i >= 0 && typ == "" {
		typ = old.Type
	}
	p, err := buildParam(k.name, typ, v)
	if err != nil {
		return err
	}
	if i >= 0 {
		d.m.Fields[i] = p.Field()
		return nil
	}
	if c := d.countIndex(); c >= 0 {
		n, _ := strconv.Atoi(d.m.Fields[c])
		d.m.Fields[c] = strconv.Itoa(n + 1)
	}
	d.m.Fields = append(d.m.Fields, p.Field())
	return nil
}

// buildParam makes a parameter from a value. typ is the GEMS type from the
// key or the template; without one it is taken from the value.
func buildParam(name, typ string, v any) (fg.Param, error) {
	p := fg.Param{Name: name, Type: typ}
	switch x := v.(type) {
	case []any:
		p.Array = true
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				set, err := buildSet(m)
				if err != nil {
					return p, err
				}
				p.Type = "set_type"
				p.Sets = append(p.Sets, set)
				continue
			}
			if p.Type == "" {
				p.Type = typeOf(e)
			}
			p.Values = append(p.Values, text(e))
		}
		if p.Type == "" {
			return p, fmt.Errorf("parameter %s: an empty array needs its GEMS type in the key (%s:int)", name, name)
		}
		return p, nil
	case map[string]any:
		set, err := buildSet(x)
		p.Type, p.Sets = "set_type", [][]fg.Param{set}
		return p, err
	}
	if p.Type == "" {
		p.Type = typeOf(v)
	}
	p.Values = []string{text(v)}
	return p, nil
}

func buildSet(m map[string]any) ([]fg.Param, error) {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names) // a map has no order; the same input must build the same message
	out := make([]fg.Param, 0, len(m))
	for _, n := range names {
		p, err := buildParam(n, "", m[n])
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func typeOf(v any) string {
	switch x := v.(type) {
	case bool:
		return "bool"
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return "int"
		}
		return "double"
	case int, int64, int32, uint64, uint32:
		return "int"
	case float64, float32:
		return "double"
	}
	return "string"
}

func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

func (d *doc) Bytes(map[string]any) ([]byte, error) {
	d.m.Length = fg.FormatLength(0)
	b := d.m.Bytes()
	d.m.Length = fg.FormatLength(len(b))
	return d.m.Bytes(), nil
}
