// Package http is COSMOS's HttpAccessor. It wraps another accessor, named
// by its first argument (FormAccessor by default; ACCESSOR HttpAccessor
// JsonAccessor), which reads and writes the body, and maps the HTTP_ items
// to and from the record meta's extra keys that c3link http-client and
// http-server use:
//
//	item                 extra key
//	HTTP_STATUS          HTTP_STATUS (integer)
//	HTTP_PATH            HTTP_PATH
//	HTTP_METHOD          HTTP_METHOD (written lower-case, as COSMOS does)
//	HTTP_PACKET          HTTP_PACKET (written upper-case)
//	HTTP_ERROR_PACKET    HTTP_ERROR_PACKET (written upper-case)
//	HTTP_HEADERS         HTTP_HEADERS (the whole map)
//	HTTP_REQUEST         HTTP_REQUEST (the request, when c3link includes it)
//	HTTP_QUERY_xxx       HTTP_QUERIES[KEY, or xxx in lower case]
//	HTTP_HEADER_xxx      HTTP_HEADERS[KEY, or xxx in lower case]
//
// An item is chosen by its name, as in COSMOS; every other item goes to
// the body accessor with its KEY. Reading an HTTP_ item the meta does not
// carry gives nil, as COSMOS does; header names are matched without regard
// to case (c3link http-server lower-cases them, a KEY may not).
package http

import (
	"fmt"
	"strconv"
	"strings"

	"encoding/json"

	"github.com/c3kit/c3kit/decode/accessor/keytext"
	"github.com/c3kit/c3kit/decode/keyed"
)

// Meta keys in extra, as COSMOS and c3link name them.
const (
	Status      = "HTTP_STATUS"
	Path        = "HTTP_PATH"
	Method      = "HTTP_METHOD"
	Packet      = "HTTP_PACKET"
	ErrorPacket = "HTTP_ERROR_PACKET"
	Headers     = "HTTP_HEADERS"
	Queries     = "HTTP_QUERIES"
	Request     = "HTTP_REQUEST"
)

func init() { keyed.Register("HttpAccessor", New) }

// New is the keyed.Factory: the optional first argument is the body
// accessor's class, the rest are that accessor's own arguments.
func New(args []string, template []byte) (keyed.Codec, error) {
	body, rest := "FormAccessor", []string(nil)
	if len(args) > 0 {
		body, rest = args[0], args[1:]
	}
	inner, err := keyed.Lookup(body, rest, template)
	if err != nil {
		return nil, fmt.Errorf("HttpAccessor body accessor: %w", err)
	}
	return &Codec{body: inner}, nil
}

// Codec is the HttpAccessor codec.
type Codec struct{ body keyed.Codec }

func (c *Codec) Name() string { return "HttpAccessor" }

// Body is the wrapped accessor.
func (c *Codec) Body() keyed.Codec { return c.body }

type metaKey string // an extra key read and written whole

type mapKey struct{ extra, name string } // one entry of HTTP_QUERIES or HTTP_HEADERS

type bodyKey struct{ k keyed.Key }

// HandlesDerived: the HTTP_ items are DERIVED in COSMOS's examples and
// are still read and written here (keyed.DerivedHandler).
func (c *Codec) HandlesDerived(name string) bool {
	_, ok := metaItem(name, "")
	return ok
}

// metaItem gives the meta key of an HTTP_ item name, or false when the
// item belongs to the body.
func metaItem(name, key string) (keyed.Key, bool) {
	up := strings.ToUpper(name)
	switch up {
	case Status, Path, Method, Packet, ErrorPacket, Headers, Request:
		return metaKey(up), true
	}
	if rest, ok := strings.CutPrefix(up, "HTTP_QUERY_"); ok && rest != "" {
		if key == "" {
			key = strings.ToLower(rest)
		}
		return mapKey{Queries, key}, true
	}
	if rest, ok := strings.CutPrefix(up, "HTTP_HEADER_"); ok && rest != "" {
		if key == "" {
			key = strings.ToLower(rest)
		}
		return mapKey{Headers, key}, true
	}
	return nil, false
}

// CompileItem chooses by item name as COSMOS does (see the package doc).
func (c *Codec) CompileItem(name, key string) (keyed.Key, error) {
	if k, ok := metaItem(name, key); ok {
		return k, nil
	}
	if key == "" {
		key = name
	}
	var k keyed.Key
	var err error
	if ic, ok := c.body.(keyed.ItemCompiler); ok {
		k, err = ic.CompileItem(name, key)
	} else {
		k, err = c.body.Compile(key)
	}
	if err != nil {
		return nil, err
	}
	return bodyKey{k}, nil
}

// Compile is the fallback for an engine that passes only the KEY (or the
// name when the item has none): an HTTP_ name is taken as the item name.
// A KEY that renames a query or header (KEY Content-Type) needs
// CompileItem.
func (c *Codec) Compile(key string) (keyed.Key, error) {
	if strings.HasPrefix(strings.ToUpper(key), "HTTP_") {
		return c.CompileItem(key, "")
	}
	k, err := c.body.Compile(key)
	if err != nil {
		return nil, err
	}
	return bodyKey{k}, nil
}

func (c *Codec) Template() ([]byte, error) { return c.body.Template() }

// Parse keeps the body unparsed until a body item is read, so a response
// whose body the body accessor cannot parse (an HTML error page under
// JsonAccessor) still gives its HTTP_STATUS and headers.
func (c *Codec) Parse(body []byte, extra map[string]any) (keyed.Doc, error) {
	return &doc{c: c, raw: body, extra: extra}, nil
}

type doc struct {
	c       *Codec
	raw     []byte
	extra   map[string]any
	body    keyed.Doc
	bodyErr error
	set     map[string]any            // whole extra keys written
	setMaps map[string]map[string]any // HTTP_QUERIES / HTTP_HEADERS entries written
}

func (d *doc) parsed() (keyed.Doc, error) {
	if d.body == nil && d.bodyErr == nil {
		d.body, d.bodyErr = d.c.body.Parse(d.raw, d.extra)
		if d.bodyErr != nil {
			d.bodyErr = fmt.Errorf("HTTP body (%s): %w", d.c.body.Name(), d.bodyErr)
		}
	}
	return d.body, d.bodyErr
}

func (d *doc) Get(k keyed.Key) (any, error) {
	switch k := k.(type) {
	case metaKey:
		if v, ok := d.set[string(k)]; ok {
			return keytext.FromMeta(v), nil
		}
		return keytext.FromMeta(d.extra[string(k)]), nil
	case mapKey:
		if v, ok := d.setMaps[k.extra][k.name]; ok {
			return v, nil
		}
		m, _ := d.extra[k.extra].(map[string]any)
		return keytext.FromMeta(lookup(m, k.name, k.extra == Headers)), nil
	case bodyKey:
		b, err := d.parsed()
		if err != nil {
			return nil, err
		}
		return b.Get(k.k)
	}
	return nil, fmt.Errorf("key %v was not compiled by HttpAccessor", k)
}

// lookup finds name in m, then, for headers, any spelling of it.
func lookup(m map[string]any, name string, anyCase bool) any {
	if v, ok := m[name]; ok || !anyCase {
		return v
	}
	for n, v := range m {
		if strings.EqualFold(n, name) {
			return v
		}
	}
	return nil
}

func (d *doc) Set(k keyed.Key, v any) error {
	switch k := k.(type) {
	case metaKey:
		mv, err := metaValue(string(k), v)
		if err != nil {
			return err
		}
		if d.set == nil {
			d.set = map[string]any{}
		}
		d.set[string(k)] = mv
		return nil
	case mapKey:
		t, err := keytext.Text(v)
		if err != nil {
			return fmt.Errorf("%s %q: %v", k.extra, k.name, err)
		}
		if d.setMaps == nil {
			d.setMaps = map[string]map[string]any{}
		}
		if d.setMaps[k.extra] == nil {
			d.setMaps[k.extra] = map[string]any{}
		}
		d.setMaps[k.extra][k.name] = t
		return nil
	case bodyKey:
		b, err := d.parsed()
		if err != nil {
			return err
		}
		return b.Set(k.k, v)
	}
	return fmt.Errorf("key %v was not compiled by HttpAccessor", k)
}

// metaValue converts a written value as COSMOS does: HTTP_STATUS to an
// integer, HTTP_METHOD lower-case, the packet names upper-case, the rest
// as text; HTTP_HEADERS and HTTP_REQUEST take a map.
func metaValue(key string, v any) (any, error) {
	switch key {
	case Status:
		return statusValue(v)
	case Headers, Request:
		m, ok := keytext.AsMap(v)
		if !ok && v != nil {
			return nil, fmt.Errorf("%s takes an object (a map of names to values), not %T", key, v)
		}
		if key == Request {
			return m, nil
		}
		out := make(map[string]any, len(m))
		for n, e := range m {
			t, err := keytext.Text(e)
			if err != nil {
				return nil, fmt.Errorf("%s %q: %v", key, n, err)
			}
			out[n] = t
		}
		return out, nil
	}
	t, err := keytext.Text(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", key, err)
	}
	switch key {
	case Method:
		t = strings.ToLower(t)
	case Packet, ErrorPacket:
		t = strings.ToUpper(t)
	}
	return t, nil
}

// statusValue is the integer of a status value (a float is truncated, as
// Ruby's to_i and Python's int() do).
func statusValue(v any) (any, error) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = string(x)
	case string:
		s = strings.TrimSpace(x)
	default:
		return nil, fmt.Errorf("HTTP_STATUS must be a number, not %T", v)
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > -1e18 && f < 1e18 {
		return int64(f), nil
	}
	return nil, fmt.Errorf("HTTP_STATUS %q is not a number", s)
}

// Bytes gives the body (re-serialised when a body item was written, else
// as received) and writes the HTTP_ items into extra, merging query and
// header entries into the maps already there.
func (d *doc) Bytes(extra map[string]any) ([]byte, error) {
	out := d.raw
	if d.body != nil {
		b, err := d.body.Bytes(extra)
		if err != nil {
			return nil, err
		}
		out = b
	}
	if len(d.set) == 0 && len(d.setMaps) == 0 {
		return out, nil
	}
	if extra == nil {
		return nil, fmt.Errorf("HttpAccessor: no meta map to write the HTTP_ items into")
	}
	for k, v := range d.set {
		extra[k] = v
	}
	for name, entries := range d.setMaps {
		old, _ := extra[name].(map[string]any)
		m := make(map[string]any, len(old)+len(entries))
		for k, v := range old {
			m[k] = v
		}
		for k, v := range entries {
			m[k] = v
		}
		extra[name] = m
	}
	return out, nil
}
