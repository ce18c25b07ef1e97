// Package keyed is the contract between the decode engine and the COSMOS
// accessors that find items by key instead of by bit offset: JSON, CBOR,
// XML, HTML, Template, Form and HTTP. Each accessor lives in its own package
// under decode/accessor/ and provides a Codec; the engine (decode/engine)
// compiles every item's key once when definitions load, parses each packet
// body once, then reads or writes every item through the parsed Doc.
//
// Values cross this boundary as plain Go values, the same shapes
// encoding/json produces with UseNumber: nil, bool, json.Number (any
// number, kept exact), string, []byte (CBOR byte strings only), []any and
// map[string]any (and *Object, which keeps member order). The engine also
// takes numbers typed natively (int64, uint64, float64, *big.Int), which the
// CBOR accessor gives. The engine converts them to and from the item's data type
// (INT, UINT, FLOAT, STRING, BLOCK, BOOL, ARRAY, OBJECT, ANY) with COSMOS's
// rules; an accessor never looks at data types except where its format
// needs one to write (Template and Form write text; CBOR keeps integers as
// integers).
package keyed

import "errors"

// ErrNotFound is returned (wrapped) by Doc.Get when a key does not resolve.
var ErrNotFound = errors.New("key not found")

// Key is a compiled item key (a JSONPath, an XPath, a template placeholder
// name, a form field). Its concrete type belongs to the accessor.
type Key any

// Codec is one accessor, configured by the arguments of the definition's
// ACCESSOR line (e.g. ACCESSOR HttpAccessor JsonAccessor).
type Codec interface {
	// Name is the COSMOS class name, e.g. "JsonAccessor".
	Name() string
	// Compile checks and prepares one item's key at load time. It is never
	// called per packet.
	Compile(key string) (Key, error)
	// Parse parses one packet body. extra is the record meta's extra map
	// (may be nil); only the HTTP accessor uses it. The Doc may keep
	// references into body.
	Parse(body []byte, extra map[string]any) (Doc, error)
	// Template returns an empty document to write into when the packet has
	// no TEMPLATE / TEMPLATE_FILE (a JSON "{}", an empty form, ...).
	Template() ([]byte, error)
}

// Doc is one parsed packet body.
type Doc interface {
	// Get reads the value at k. A key that does not resolve gives an error
	// matching ErrNotFound.
	Get(k Key) (any, error)
	// Set writes v at k, creating the path where the format allows and
	// keeping the order and content of everything it does not touch.
	Set(k Key, v any) error
	// Bytes serialises the document. extra receives the meta keys the
	// accessor produces on write (HTTP_METHOD, HTTP_PATH, ...); it may be
	// nil when the accessor produces none.
	Bytes(extra map[string]any) ([]byte, error)
}
