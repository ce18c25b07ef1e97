// Package keytext renders the values that cross the decode/keyed boundary
// as the text COSMOS writes into text formats (Template, Form, XML, HTML,
// HTTP meta): Ruby's to_s of the value. It also turns record meta values
// (CBOR-decoded uint64, int64, float64, map[string]any, ...) into the
// keyed value shapes (json.Number for every number).
package keytext

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/c3kit/c3kit/internal/ruby"
)

// Text renders v as Ruby's v.to_s: nil is "", booleans "true"/"false",
// numbers as given (json.Number keeps the engine's text), byte strings as
// their bytes, arrays as Ruby's inspect form ([1, 2, "a"]) and maps as JSON.
func Text(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case json.Number:
		return string(x), nil
	case bool:
		return strconv.FormatBool(x), nil
	case []byte:
		return string(x), nil
	case float64:
		return RubyFloat(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case uint64:
		return strconv.FormatUint(x, 10), nil
	case []any:
		var b strings.Builder
		if err := inspect(&b, x, 0); err != nil {
			return "", err
		}
		return b.String(), nil
	case map[string]any, Ordered:
		var b strings.Builder
		if err := writeJSON(&b, x, 0); err != nil {
			return "", err
		}
		return b.String(), nil
	}
	return "", fmt.Errorf("cannot write a %T as text", v)
}

// Ordered is an order-keeping map (the engine's keyed.Object), seen
// through its methods.
type Ordered interface {
	Len() int
	At(i int) (string, any)
}

// AsMap gives v as a map when it is a map[string]any or an Ordered.
func AsMap(v any) (map[string]any, bool) {
	switch x := v.(type) {
	case map[string]any:
		return x, true
	case Ordered:
		m := make(map[string]any, x.Len())
		for i := 0; i < x.Len(); i++ {
			k, e := x.At(i)
			m[k] = e
		}
		return m, true
	}
	return nil, false
}

// writeJSON writes maps as JSON objects (an Ordered in its order, a map
// sorted by key) and everything else with encoding/json.
func writeJSON(b *strings.Builder, v any, depth int) error {
	if depth > maxInspectDepth {
		return fmt.Errorf("object nested deeper than %d levels", maxInspectDepth)
	}
	o, ok := v.(Ordered)
	if !ok {
		out, err := json.Marshal(v)
		if err != nil {
			return err
		}
		b.Write(out)
		return nil
	}
	b.WriteByte('{')
	for i := 0; i < o.Len(); i++ {
		k, e := o.At(i)
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		if err := writeJSON(b, e, depth+1); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

// maxInspectDepth bounds the recursion of nested arrays.
const maxInspectDepth = 64

// inspect writes Ruby's Array#inspect form: strings quoted, nil as nil.
func inspect(b *strings.Builder, v any, depth int) error {
	if depth > maxInspectDepth {
		return fmt.Errorf("array nested deeper than %d levels", maxInspectDepth)
	}
	switch x := v.(type) {
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := inspect(b, e, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	case nil:
		b.WriteString("nil")
		return nil
	case string:
		b.WriteString(strconv.Quote(x))
		return nil
	case []byte:
		b.WriteString(strconv.Quote(string(x)))
		return nil
	}
	s, err := Text(v)
	if err != nil {
		return err
	}
	b.WriteString(s)
	return nil
}

// RubyFloat formats f as Ruby's Float#to_s does ("5.0", "1.0e+20",
// "NaN"). The engine can use it to hand FLOAT values to the text accessors
// in COSMOS's form.
func RubyFloat(f float64) string { return ruby.RubyFloat(f) }

// FromMeta converts a record meta value (what the CBOR meta decoder yields)
// to the keyed value shapes: integers and floats become json.Number, nested
// maps and arrays are converted throughout. Other values pass unchanged.
func FromMeta(v any) any {
	switch x := v.(type) {
	case uint64:
		return json.Number(strconv.FormatUint(x, 10))
	case int64:
		return json.Number(strconv.FormatInt(x, 10))
	case int:
		return json.Number(strconv.Itoa(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return RubyFloat(x)
		}
		return json.Number(strconv.FormatFloat(x, 'g', -1, 64))
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = FromMeta(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = FromMeta(e)
		}
		return out
	}
	return v
}
