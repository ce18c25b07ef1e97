package record

import (
	"fmt"
	"reflect"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// Well-known meta keys (DESIGN.md §1).
const (
	KeyTime   = "time"
	KeyTarget = "target"
	KeyPacket = "packet"
	KeyStored = "stored"
	KeyExtra  = "extra"
)

// Meta is the decoded CBOR map of one or more meta frames. Keys a stage does
// not understand are kept, so passing a Meta on preserves them.
type Meta map[string]any

// decMode bounds what an untrusted meta frame can make us allocate: the frame
// itself is already capped by MaxMetaLen, these cap nesting and element counts.
var decMode = func() cbor.DecMode {
	dm, err := cbor.DecOptions{
		MaxNestedLevels:  16,
		MaxArrayElements: 65536,
		MaxMapPairs:      65536,
		DefaultMapType:   reflect.TypeOf(map[string]any(nil)),
		IntDec:           cbor.IntDecConvertNone,
		DupMapKey:        cbor.DupMapKeyEnforcedAPF,
	}.DecMode()
	if err != nil {
		panic(err) // static options: cannot fail at run time
	}
	return dm
}()

// encMode writes maps with sorted keys so identical meta encodes identically
// (golden files stay stable).
var encMode = func() cbor.EncMode {
	em, err := cbor.EncOptions{Sort: cbor.SortCanonical}.EncMode()
	if err != nil {
		panic(err)
	}
	return em
}()

// DecodeMeta parses one meta frame payload.
func DecodeMeta(b []byte) (Meta, error) {
	var d metaDecoder
	return d.decodeMeta(b)
}

// decodeMeta is DecodeMeta with d's intern table: the hand-written decoder
// when it can, decMode for everything else (and for every error).
func (d *metaDecoder) decodeMeta(b []byte) (Meta, error) {
	if m, ok := d.decode(b); ok {
		return m, nil
	}
	return decodeMetaFxamacker(b)
}

func decodeMetaFxamacker(b []byte) (Meta, error) {
	var m Meta
	if err := decMode.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("meta frame is not a CBOR map with text keys: %w", err)
	}
	if m == nil {
		m = Meta{}
	}
	return m, nil
}

// Encode returns the CBOR form of m: canonical (sorted keys), so identical
// meta encodes identically.
func (m Meta) Encode() ([]byte, error) {
	var e metaEncoder
	return e.encode(nil, m)
}

// Merge copies src's keys into m (later key wins) and returns m, allocating
// it if it was nil.
func (m Meta) Merge(src Meta) Meta {
	if len(src) == 0 {
		return m
	}
	if m == nil {
		m = make(Meta, len(src))
	}
	for k, v := range src {
		m[k] = v
	}
	return m
}

// Clone returns a shallow copy of m with a fresh extra map, so a stage can
// change one record's meta without touching another's.
func (m Meta) Clone() Meta {
	if m == nil {
		return nil
	}
	c := make(Meta, len(m))
	for k, v := range m {
		c[k] = v
	}
	if ex, ok := m[KeyExtra].(map[string]any); ok {
		nx := make(map[string]any, len(ex))
		for k, v := range ex {
			nx[k] = v
		}
		c[KeyExtra] = nx
	}
	return c
}

// Time returns the received time, if present.
func (m Meta) Time() (time.Time, bool) {
	switch v := m[KeyTime].(type) {
	case uint64:
		return time.Unix(0, int64(v)).UTC(), true
	case int64:
		return time.Unix(0, v).UTC(), true
	}
	return time.Time{}, false
}

// SetTime sets the received time (stored as Unix nanoseconds).
func (m Meta) SetTime(t time.Time) { m[KeyTime] = uint64(t.UnixNano()) }

// Target returns the COSMOS target name, if known.
func (m Meta) Target() string { s, _ := m[KeyTarget].(string); return s }

// Packet returns the COSMOS packet name, if known.
func (m Meta) Packet() string { s, _ := m[KeyPacket].(string); return s }

// Stored reports whether the record is stored (not real-time) telemetry.
func (m Meta) Stored() bool { b, _ := m[KeyStored].(bool); return b }

// Extra returns the COSMOS extra map, or nil.
func (m Meta) Extra() map[string]any { x, _ := m[KeyExtra].(map[string]any); return x }

// SetExtra sets one key of the extra map, creating the map when needed.
// The caller must own m's extra map (see Clone).
func (m Meta) SetExtra(key string, v any) {
	x, ok := m[KeyExtra].(map[string]any)
	if !ok {
		x = map[string]any{}
		m[KeyExtra] = x
	}
	x[key] = v
}
