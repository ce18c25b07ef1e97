// Package gems is the GEMS ASCII accessor: items of a GEMS message found by
// key, for c3decode and c3encode. It registers itself as GemsAccessor.
//
// Keys (an item's KEY, or its name):
//   - VERSION, LENGTH, TRANSACTION_ID, TOKEN, TIMESTAMP, TARGET, TYPE: the
//     header fields;
//   - RESULT and DESCRIPTION: the first two fields of a response (-R type);
//   - COUNT: the count field that precedes a list;
//   - FIELD_n: the n-th type-specific field (1-based), unescaped;
//   - anything else: the typed parameter of that name (name:type=value),
//     optionally spelled NAME:TYPE so a write can add it with its GEMS type
//     (Voltage:double). Values read typed: int and long as integers,
//     double as numbers, bool as booleans, arrays as arrays, parameter sets
//     as objects; every other type as its text.
package gems

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/c3kit/c3kit/decode/keyed"
	fg "github.com/c3kit/c3kit/frame/gems"
)

func init() {
	keyed.Register("GemsAccessor", func(args []string, template []byte) (keyed.Codec, error) {
		if len(args) > 0 {
			return nil, fmt.Errorf("GemsAccessor takes no arguments, got %d", len(args))
		}
		return codec{template: template}, nil
	})
}

type codec struct{ template []byte }

func (codec) Name() string { return "GemsAccessor" }

func (c codec) Template() ([]byte, error) {
	if c.template != nil {
		return c.template, nil
	}
	return []byte("|GEMS|14|||||||END"), nil
}

// key is a compiled key.
type key struct {
	kind  int // one of the k* constants
	index int // FIELD_n: n-1
	name  string
	typ   string // GEMS type for a parameter added on write ("" if not given)
}

const (
	kHeader = iota
	kResult
	kDescription
	kCount
	kField
	kParam
)

var headerKeys = map[string]int{"VERSION": 0, "LENGTH": 1, "TRANSACTION_ID": 2, "TOKEN": 3, "TIMESTAMP": 4, "TARGET": 5, "TYPE": 6}

func (codec) Compile(k string) (keyed.Key, error) {
	if k == "" {
		return nil, fmt.Errorf("empty GEMS key")
	}
	if i, ok := headerKeys[k]; ok {
		return key{kind: kHeader, index: i, name: k}, nil
	}
	switch k {
	case "RESULT":
		return key{kind: kResult, name: k}, nil
	case "DESCRIPTION":
		return key{kind: kDescription, name: k}, nil
	case "COUNT":
		return key{kind: kCount, name: k}, nil
	}
	if n, ok := strings.CutPrefix(k, "FIELD_"); ok {
		i, err := strconv.Atoi(n)
		if err != nil || i < 1 {
			return nil, fmt.Errorf("GEMS key %s: FIELD_ takes a field number from 1", k)
		}
		return key{kind: kField, index: i - 1, name: k}, nil
	}
	name, typ, _ := strings.Cut(k, ":")
	return key{kind: kParam, name: name, typ: typ}, nil
}

func (codec) Parse(body []byte, _ map[string]any) (keyed.Doc, error) {
	m, err := fg.Parse(body)
	if err != nil {
		return nil, err
	}
	return &doc{m: m}, nil
}

type doc struct{ m *fg.Message }

func (d *doc) header(i int) *string {
	m := d.m
	return [...]*string{&m.Version, &m.Length, &m.TransactionID, &m.Token, &m.Timestamp, &m.Target, &m.Type}[i]
}

// countIndex is the index in Fields of the count before a list: the first
// field after the result and description of a response, else the first.
func (d *doc) countIndex() int {
	i := 0
	if d.m.IsResponse() {
		i = 2
	}
	if i < len(d.m.Fields) && isDigits(d.m.Fields[i]) {
		return i
	}
	return -1
}

func isDigits(s string) bool {
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

func (d *doc) field(i int, name string) (*string, error) {
	if i >= len(d.m.Fields) {
		return nil, fmt.Errorf("%w: %s (the %s message has %d fields after its type)", keyed.ErrNotFound, name, d.m.Type, len(d.m.Fields))
	}
	return &d.m.Fields[i], nil
}

func (d *doc) findParam(name string) (int, fg.Param, error) {
	for i, f := range d.m.Fields {
		p, ok, err := fg.ParseParam(f)
		if ok && p.Name == name {
			return i, p, err
		}
	}
	return -1, fg.Param{}, fmt.Errorf("%w: no parameter %s in the %s message", keyed.ErrNotFound, name, d.m.Type)
}

func (d *doc) Get(kk keyed.Key) (any, error) {
	k := kk.(key)
	switch k.kind {
	case kHeader:
		return *d.header(k.index), nil
	case kResult, kDescription:
		if !d.m.IsResponse() {
			return nil, fmt.Errorf("%w: %s (a %s message is not a response)", keyed.ErrNotFound, k.name, d.m.Type)
		}
		f, err := d.field(k.kind-kResult, k.name)
		if err != nil {
			return nil, err
		}
		return fg.Unescape(*f), nil
	case kCount:
		i := d.countIndex()
		if i < 0 {
			return nil, fmt.Errorf("%w: COUNT (the %s message has no count field)", keyed.ErrNotFound, d.m.Type)
		}
		return json.Number(d.m.Fields[i]), nil
	case kField:
		f, err := d.field(k.index, k.name)
		if err != nil {
			return nil, err
		}
		return fg.Unescape(*f), nil
	}
	_, p, err := d.findParam(k.name)
	if err != nil {
		return nil, err
	}
	return paramValue(p)
}

func paramValue(p fg.Param) (any, error) {
	if p.IsSet() {
		sets := make([]any, len(p.Sets))
		for i, set := range p.Sets {
			obj := make(map[string]any, len(set))
			for _, m := range set {
				v, err := paramValue(m)
				if err != nil {
					return nil, err
				}
				obj[m.Name] = v
			}
			sets[i] = obj
		}
		if !p.Array {
			return sets[0], nil
		}
		return sets, nil
	}
	if !p.Array {
		return scalar(p.Name, p.Type, p.Values[0])
	}
	out := make([]any, len(p.Values))
	for i, v := range p.Values {
		x, err := scalar(p.Name, p.Type, v)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

func scalar(name, typ, v string) (any, error) {
	switch typ {
	case "int", "long":
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return nil, fmt.Errorf("parameter %s: %q is not an %s", name, quote(v), typ)
		}
		return json.Number(v), nil
	case "double", "float":
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return nil, fmt.Errorf("parameter %s: %q is not a %s", name, quote(v), typ)
		}
		return json.Number(v), nil
	case "bool":
		switch strings.ToLower(v) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, fmt.Errorf("parameter %s: %q is not a bool", name, quote(v))
	}
	return v, nil
}

func quote(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
