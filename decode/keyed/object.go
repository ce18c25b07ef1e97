package keyed

// Object is a JSON or CBOR map that keeps its keys in document order, so a
// write into a TEMPLATE changes only the values it sets. It implements the
// Keyed interface of github.com/ohler55/ojg/jp (ValueForKey, SetValueForKey,
// RemoveValueForKey, Keys), so JSONPath expressions walk it like a map.
// Accessors may return it where the contract says map[string]any; the
// engine accepts both.
type Object struct {
	keys []string
	vals []any
	// the first members live here: a small object is one allocation
	kbuf [smallObject]string
	vbuf [smallObject]any
}

const smallObject = 8

// NewObject returns an empty Object with room for n members.
func NewObject(n int) *Object {
	o := &Object{}
	if n <= smallObject {
		o.keys, o.vals = o.kbuf[:0], o.vbuf[:0]
	} else {
		o.keys, o.vals = make([]string, 0, n), make([]any, 0, n)
	}
	return o
}

// Len is the number of members.
func (o *Object) Len() int { return len(o.keys) }

// At returns member i (document order).
func (o *Object) At(i int) (string, any) { return o.keys[i], o.vals[i] }

// Append adds a member without looking for an existing one (parsers use
// it; a duplicate key keeps both, the last one winning on lookups as in
// Ruby's and Python's JSON parsers).
func (o *Object) Append(k string, v any) {
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
}

func (o *Object) find(k string) int {
	for i := len(o.keys) - 1; i >= 0; i-- {
		if o.keys[i] == k {
			return i
		}
	}
	return -1
}

// ValueForKey returns the member k.
func (o *Object) ValueForKey(k string) (any, bool) {
	if i := o.find(k); i >= 0 {
		return o.vals[i], true
	}
	return nil, false
}

// SetValueForKey replaces member k in place, or appends it.
func (o *Object) SetValueForKey(k string, v any) {
	if i := o.find(k); i >= 0 {
		o.vals[i] = v
		return
	}
	o.Append(k, v)
}

// RemoveValueForKey deletes member k.
func (o *Object) RemoveValueForKey(k string) {
	if i := o.find(k); i >= 0 {
		o.keys = append(o.keys[:i], o.keys[i+1:]...)
		o.vals = append(o.vals[:i], o.vals[i+1:]...)
	}
}

// Keys returns the member names in document order.
func (o *Object) Keys() []string { return o.keys }
