package jsonform

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/quote"
)

// KeyMeta is the JSON key that carries the meta the envelope cannot show:
// keys other than the well-known ones, and well-known keys whose value has
// the wrong type (a "time" that is text, a numeric "target"). They print
// with their values as they are, so nothing is lost, and c3encode puts them
// back into the record's meta unchanged.
const KeyMeta = "meta"

// metaTime is the record's time when it is what DESIGN §1 says: unsigned
// nanoseconds since the epoch (a non-negative CBOR integer).
func metaTime(m record.Meta) (time.Time, bool) {
	switch v := m[record.KeyTime].(type) {
	case uint64:
		if v <= math.MaxInt64 {
			return time.Unix(0, int64(v)).UTC(), true
		}
	case int64:
		if v >= 0 {
			return time.Unix(0, v).UTC(), true
		}
	}
	return time.Time{}, false
}

// wellTyped reports whether key k of m would be shown in the envelope.
func wellTyped(m record.Meta, k string) bool {
	switch k {
	case record.KeyTarget, record.KeyPacket:
		_, ok := m[k].(string)
		return ok
	case record.KeyTime:
		_, ok := metaTime(m)
		return ok
	case record.KeyStored:
		_, ok := m[k].(bool)
		return ok
	case record.KeyExtra:
		_, ok := m[k].(map[string]any)
		return ok
	}
	return false
}

// appendOtherMeta appends `"meta":{...},` for the keys of m the envelope
// does not show (none: nothing).
func appendOtherMeta(dst []byte, m record.Meta) []byte {
	var other map[string]any
	for k, v := range m {
		if !wellTyped(m, k) {
			if other == nil {
				other = map[string]any{}
			}
			other[k] = v
		}
	}
	if other == nil {
		return dst
	}
	dst = append(dst, `"`+KeyMeta+`":`...)
	dst = AppendValue(dst, other)
	return append(dst, ',')
}

// MetaProblem describes a well-known meta key of m with the wrong type
// ("" when there is none), naming the first such key. Negative says it is
// a time before the epoch, which DESIGN §1 does not allow.
func MetaProblem(m record.Meta) (msg string, negative bool) {
	if len(m) == 0 {
		return "", false
	}
	for _, k := range []string{record.KeyTime, record.KeyTarget, record.KeyPacket, record.KeyStored, record.KeyExtra} {
		v, ok := m[k]
		if !ok || wellTyped(m, k) {
			continue
		}
		shown := quote.Bytes(AppendValue(nil, v))
		switch k {
		case record.KeyTime:
			if isNegative(v) {
				return fmt.Sprintf("meta %q is %s, before 1970 (want unsigned nanoseconds since the epoch)", k, shown), true
			}
			return fmt.Sprintf("meta %q is %s, not unsigned nanoseconds since the epoch", k, shown), false
		case record.KeyTarget, record.KeyPacket:
			return fmt.Sprintf("meta %q is %s, not text", k, shown), false
		case record.KeyStored:
			return fmt.Sprintf("meta %q is %s, not true or false", k, shown), false
		default:
			return fmt.Sprintf("meta %q is %s, not a map", k, shown), false
		}
	}
	return "", false
}

func isNegative(v any) bool {
	switch x := v.(type) {
	case int64:
		return x < 0
	case float64:
		return x < 0
	case json.Number:
		f, _ := x.Float64()
		return f < 0
	}
	return false
}
