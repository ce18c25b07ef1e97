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
