package keyed

import (
	"fmt"

	"github.com/ohler55/ojg/jp"
)

// Path is a compiled JSONPath KEY, shared by the JSON and CBOR accessors
// (COSMOS's CborAccessor is a JsonAccessor over CBOR). Plain paths of
// names and indexes ($.more.item5[2]) are walked directly; anything else
// (wildcards, descent, filters, unions, slices) goes through ojg's jp.
type Path struct {
	Text  string
	expr  jp.Expr
	steps []any // string (member) or int (index); nil when not plain
}

// CompilePath parses a JSONPath KEY once, at load time.
func CompilePath(key string) (*Path, error) {
	x, err := jp.ParseString(key)
	if err != nil {
		return nil, fmt.Errorf("KEY %q is not a JSONPath: %v", key, err)
	}
	p := &Path{Text: key, expr: x}
	steps := make([]any, 0, len(x))
	for i, f := range x {
		switch t := f.(type) {
		case jp.Root:
			if i != 0 {
				return p, nil
			}
		case jp.Child:
			steps = append(steps, string(t))
		case jp.Nth:
			steps = append(steps, int(t))
		case jp.Bracket:
		default:
			return p, nil
		}
	}
	p.steps = steps
	return p, nil
}

// Get returns the first value the path selects in root, as COSMOS's
// JsonPath.on(...).first does.
func (p *Path) Get(root any) (any, error) {
	if p.steps != nil {
		v := root
		for _, s := range p.steps {
			var ok bool
			if v, ok = step(v, s); !ok {
				return nil, fmt.Errorf("%w: %s", ErrNotFound, p.Text)
			}
		}
		return v, nil
	}
	v, ok := p.expr.FirstFound(root)
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, p.Text)
	}
	return v, nil
}

func step(v any, s any) (any, bool) {
	switch k := s.(type) {
	case string:
		switch o := v.(type) {
		case *Object:
			return o.ValueForKey(k)
		case map[string]any:
			x, ok := o[k]
			return x, ok
		}
	case int:
		if a, ok := v.([]any); ok {
			if k < 0 {
				k += len(a)
			}
			if k >= 0 && k < len(a) {
				return a[k], true
			}
		}
	}
	return nil, false
}

// Set writes v where the path points in root, creating missing members
// (as jp's SetOne does); root must be an object or an array.
func (p *Path) Set(root, v any) error {
	if p.steps != nil && len(p.steps) > 0 {
		if _, err := setSteps(root, p.steps, v); err != nil {
			return fmt.Errorf("KEY %s: %v", p.Text, err)
		}
		return nil
	}
	if err := p.expr.SetOne(root, v); err != nil {
		return fmt.Errorf("KEY %s: %v", p.Text, err)
	}
	return nil
}

// setSteps writes v at a plain path under node, creating members (objects
// for names, arrays for indexes, padded with null) on the way. It returns
// node, or its replacement when an array had to grow.
func setSteps(node any, steps []any, v any) (any, error) {
	if len(steps) == 0 {
		return v, nil
	}
	child := func(s any) any {
		if _, isIdx := s.(int); isIdx {
			return []any{}
		}
		return NewObject(4)
	}
	switch k := steps[0].(type) {
	case string:
		var cur any
		var has bool
		switch o := node.(type) {
		case *Object:
			cur, has = o.ValueForKey(k)
		case map[string]any:
			cur, has = o[k]
		default:
			return node, fmt.Errorf("cannot set member %q of a %s", k, rubyClass(node))
		}
		if !has || cur == nil && len(steps) > 1 {
			if len(steps) > 1 {
				cur = child(steps[1])
			}
		}
		nv, err := setSteps(cur, steps[1:], v)
		if err != nil {
			return node, err
		}
		switch o := node.(type) {
		case *Object:
			o.SetValueForKey(k, nv)
		case map[string]any:
			o[k] = nv
		}
		return node, nil
	case int:
		a, ok := node.([]any)
		if !ok {
			return node, fmt.Errorf("cannot set index %d of a %s", k, rubyClass(node))
		}
		if k < 0 {
			k += len(a)
			if k < 0 {
				return node, fmt.Errorf("index %d is before the start of a %d-element array", steps[0], len(a))
			}
		}
		if k >= MaxJSONArrayGrowth {
			return node, fmt.Errorf("index %d is too large to create", k)
		}
		for len(a) <= k {
			a = append(a, nil)
		}
		cur := a[k]
		if cur == nil && len(steps) > 1 {
			cur = child(steps[1])
		}
		nv, err := setSteps(cur, steps[1:], v)
		if err != nil {
			return node, err
		}
		a[k] = nv
		return a, nil
	}
	return node, nil
}

// MaxJSONArrayGrowth bounds the index a write may create an array up to.
const MaxJSONArrayGrowth = 1 << 16
