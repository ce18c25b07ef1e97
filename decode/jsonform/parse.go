package jsonform

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/quote"
)

// Line is one parsed JSON line: the envelope as record meta, and either the
// hex bytes (--hex form) or the raw items object for an encoder to read.
type Line struct {
	Meta   record.Meta
	Hex    []byte
	HasHex bool
	Items  json.RawMessage
}

// ParseLine parses one JSON object line of the §4 form. Numbers inside extra
// keep full precision (integers stay integers).
func ParseLine(b []byte) (*Line, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	l := &Line{Meta: record.Meta{}}
	var other json.RawMessage
	for k, v := range raw {
		switch k {
		case "target", "packet":
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, fmt.Errorf("%q must be a string", k)
			}
			l.Meta[k] = s
		case "time":
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, fmt.Errorf(`"time" must be an RFC 3339 string`)
			}
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return nil, fmt.Errorf(`"time": %s is not an RFC 3339 time`, quote.Q(s))
			}
			if t.Before(minTime) || t.After(maxTime) {
				return nil, fmt.Errorf(`"time": %s is outside 1970 to 2262 (record times are unsigned nanoseconds since the epoch)`, quote.Q(s))
			}
			l.Meta.SetTime(t)
		case "stored":
			var s bool
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, fmt.Errorf(`"stored" must be true or false`)
			}
			l.Meta[k] = s
		case "extra":
			d := json.NewDecoder(bytes.NewReader(v))
			d.UseNumber()
			var x map[string]any
			if err := d.Decode(&x); err != nil {
				return nil, fmt.Errorf(`"extra" must be an object`)
			}
			l.Meta[record.KeyExtra] = fromJSON(x)
		case "hex":
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, fmt.Errorf(`"hex" must be a string`)
			}
			h, err := hex.DecodeString(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"))
			if err != nil {
				return nil, fmt.Errorf(`"hex": %v`, err)
			}
			l.Hex, l.HasHex = h, true
		case "items":
			l.Items = v
		case KeyMeta:
			other = v
		}
	}
	if other != nil {
		if err := putOtherMeta(l.Meta, other); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// putOtherMeta puts the keys of a "meta" object into m as they are: the
// meta c3decode could not show in the envelope goes back unchanged. It
// comes after the envelope keys, so it wins.
func putOtherMeta(m record.Meta, v json.RawMessage) error {
	d := json.NewDecoder(bytes.NewReader(v))
	d.UseNumber()
	var x map[string]any
	if err := d.Decode(&x); err != nil || x == nil {
		return fmt.Errorf(`%q must be an object`, KeyMeta)
	}
	for k, e := range x {
		m[k] = fromJSON(e)
	}
	return nil
}

// minTime and maxTime bound the times a record's meta can hold.
var minTime, maxTime = time.Unix(0, 0), time.Unix(0, math.MaxInt64)

// fromJSON turns json.Number into int64/uint64/float64 so values re-encode
// to CBOR with their JSON type, and {"hex":"..."} back into bytes.
func fromJSON(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			if i >= 0 {
				return uint64(i)
			}
			return i
		}
		var u uint64
		if _, err := fmt.Sscan(string(x), &u); err == nil && !strings.ContainsAny(string(x), ".eE") {
			return u
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		if len(x) == 1 {
			if h, ok := x["hex"].(string); ok {
				if b, err := hex.DecodeString(h); err == nil {
					return b
				}
			}
		}
		for k, e := range x {
			x[k] = fromJSON(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = fromJSON(e)
		}
		return x
	}
	return v
}
