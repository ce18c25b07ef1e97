package keyed

// ItemCompiler is implemented by a Codec that needs an item's name as well
// as its KEY: the HTTP accessor chooses HTTP_STATUS, HTTP_QUERY_xxx,
// HTTP_HEADER_xxx ... by item name, as COSMOS does, and uses the KEY (when
// there is one) as the query or header name, e.g.
//
//	PARAMETER HTTP_HEADER_TYPE 0 0 DERIVED nil nil "text/html"
//	  KEY Content-Type
//
// The engine calls CompileItem instead of Compile when the codec has it;
// key is "" when the item has no KEY. Compile(key) stays the fallback,
// given the KEY or, without one, the item name.
type ItemCompiler interface {
	CompileItem(name, key string) (Key, error)
}

// DerivedHandler is implemented by a Codec that reads and writes some
// DERIVED items itself. COSMOS passes DERIVED items to the accessor too:
// most accessors return nil for them, but the HTTP accessor reads and
// writes HTTP_STATUS, HTTP_PATH, HTTP_QUERY_xxx, ... (all DERIVED in the
// docs' examples) as the packet's meta, and exempts them from needing a
// write conversion (COSMOS's enforce_derived_write_conversion). The engine
// compiles, reads and writes a DERIVED item through the codec when
// HandlesDerived(item name) is true, and handles every other DERIVED item
// itself.
type DerivedHandler interface {
	HandlesDerived(name string) bool
}
