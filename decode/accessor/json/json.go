// Package json is COSMOS's JsonAccessor: packet bodies are JSON documents
// and item KEYs are JSONPath expressions (github.com/ohler55/ojg/jp),
// compiled once when definitions load. Writes go into the packet's
// TEMPLATE (or "{}"), keeping member order and everything not written.
package json

import (
	"github.com/c3kit/c3kit/decode/keyed"
)

func init() {
	keyed.Register("JsonAccessor", New)
}

// New builds the codec for "ACCESSOR JsonAccessor" (it takes no
// arguments; extra ones are ignored as COSMOS's constructor ignores them).
func New(args []string, template []byte) (keyed.Codec, error) {
	return codec{}, nil
}

type codec struct{}

func (codec) Name() string { return "JsonAccessor" }

func (codec) Compile(key string) (keyed.Key, error) { return keyed.CompilePath(key) }

func (codec) Parse(body []byte, extra map[string]any) (keyed.Doc, error) {
	root, err := keyed.ParseJSON(body)
	if err != nil {
		return nil, err
	}
	return &doc{root: root}, nil
}

func (codec) Template() ([]byte, error) { return []byte("{}"), nil }

type doc struct{ root any }

func (d *doc) Get(k keyed.Key) (any, error) { return k.(*keyed.Path).Get(d.root) }

func (d *doc) Set(k keyed.Key, v any) error { return k.(*keyed.Path).Set(d.root, v) }

func (d *doc) Bytes(extra map[string]any) ([]byte, error) { return keyed.AppendJSON(nil, d.root) }
