package keyed

// DerivedWriter is implemented by a Codec whose documents take writes of
// DERIVED items. COSMOS's accessors ignore DERIVED items (JsonAccessor's
// write_item returns at once for them) except HttpAccessor, whose request
// parameters (HTTP_PATH, HTTP_METHOD, HTTP_QUERY_xxx, ...) are DERIVED
// parameters with defaults that it turns into the request's meta. The
// engine reads DERIVED items through no accessor, as COSMOS does.
type DerivedWriter interface {
	WritesDerived() bool
}

// WritesDerived reports whether the engine passes DERIVED items' values to
// c's documents on write: when c says so, and for the HTTP accessor.
func WritesDerived(c Codec) bool {
	if d, ok := c.(DerivedWriter); ok {
		return d.WritesDerived()
	}
	return Canonical(c.Name()) == "httpaccessor"
}
