// Package jsonform is the JSON-lines form of a packet (DESIGN.md §4): the
// envelope keys every c3decode line starts with (target, packet, time,
// stored, extra) and the parser c3encode uses to turn such lines back into
// record meta. Values inside "items" are the decoder's business; this package
// handles the envelope and the --hex form.
package jsonform

import (
	"encoding/hex"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/timetext"
)

// TimeLayout is how times print: RFC 3339, UTC, up to nanoseconds.
const TimeLayout = time.RFC3339Nano

// AppendHead appends `{` and the envelope keys known from m, and returns the
// buffer ready for one more key: it ends in `{` or `,`. The caller appends
// e.g. `"hex":"..."}` or `"items":{...}}`.
func AppendHead(dst []byte, m record.Meta) []byte {
	dst = append(dst, '{')
	if m == nil {
		return dst
	}
	shown := 0 // meta keys shown; any others go under "meta"
	if s, ok := m[record.KeyTarget].(string); ok {
		dst = append(dst, `"target":`...)
		dst = strconv.AppendQuote(dst, s)
		dst = append(dst, ',')
		shown++
	}
	if s, ok := m[record.KeyPacket].(string); ok {
		dst = append(dst, `"packet":`...)
		dst = strconv.AppendQuote(dst, s)
		dst = append(dst, ',')
		shown++
	}
	if t, ok := metaTime(m); ok {
		dst = append(dst, `"time":"`...)
		dst = timetext.RFC3339Nano(dst, t)
		dst = append(dst, `",`...)
		shown++
	}
	if b, ok := m[record.KeyStored].(bool); ok {
		dst = append(dst, `"stored":`...)
		dst = strconv.AppendBool(dst, b)
		dst = append(dst, ',')
		shown++
	}
	if x, ok := m[record.KeyExtra].(map[string]any); ok {
		dst = append(dst, `"extra":`...)
		dst = AppendValue(dst, x)
		dst = append(dst, ',')
		shown++
	}
	if len(m) > shown {
		dst = appendOtherMeta(dst, m)
	}
	return dst
}

// AppendHex appends the --hex line body: `"hex":"..."}` and a newline.
func AppendHex(dst []byte, data []byte) []byte {
	dst = append(dst, `"hex":"`...)
	n := len(dst)
	dst = append(dst, make([]byte, hex.EncodedLen(len(data)))...)
	hex.Encode(dst[n:], data)
	return append(dst, "\"}\n"...)
}

// AppendValue appends v as JSON following §4's rules for values that came
// from CBOR meta or from a decoder: integers exact, NaN and infinities as
// strings, byte strings as {"hex":"..."}, text that is not UTF-8 as
// {"hex":"..."}, maps with sorted keys.
func AppendValue(dst []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...)
	case bool:
		return strconv.AppendBool(dst, x)
	case string:
		if !utf8.ValidString(x) {
			return appendHexObject(dst, []byte(x))
		}
		return appendString(dst, x)
	case []byte:
		return appendHexObject(dst, x)
	case int:
		return strconv.AppendInt(dst, int64(x), 10)
	case int64:
		return strconv.AppendInt(dst, x, 10)
	case int32:
		return strconv.AppendInt(dst, int64(x), 10)
	case uint64:
		return strconv.AppendUint(dst, x, 10)
	case uint32:
		return strconv.AppendUint(dst, uint64(x), 10)
	case uint:
		return strconv.AppendUint(dst, uint64(x), 10)
	case float32:
		return AppendFloat(dst, float64(x), 32)
	case float64:
		return AppendFloat(dst, x, 64)
	case time.Time:
		dst = append(dst, '"')
		dst = timetext.RFC3339Nano(dst, x)
		return append(dst, '"')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, k)
			dst = append(dst, ':')
			dst = AppendValue(dst, x[k])
		}
		return append(dst, '}')
	case []any:
		dst = append(dst, '[')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendValue(dst, e)
		}
		return append(dst, ']')
	}
	b, err := json.Marshal(v)
	if err != nil {
		return append(dst, "null"...)
	}
	return append(dst, b...)
}

// AppendFloat appends f as a JSON number, or "NaN"/"Infinity"/"-Infinity".
func AppendFloat(dst []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(dst, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(dst, `"-Infinity"`...)
	}
	// One rule for every float c3kit prints as JSON: the fewest digits that
	// read back as the same float (float32 for 32-bit items), in fixed
	// notation for 1e-4 <= |f| < 1e16 and as d.ddde±XX outside it. Those
	// are the bounds of Ruby's Float#to_s, so a JSON number agrees with
	// COSMOS's own JSON and with --formatted text (2.500120000000001e-05
	// both ways), and a time in seconds stays 1795250501.152144.
	a := math.Abs(f)
	if a < exactInts(bits) && a >= 1 && f == math.Trunc(f) {
		// An integer held in a float (a count, a polynomial's round
		// result): below 2^53 (2^24 for float32) every neighbour is at most
		// 1 away, so the shortest digits are the integer's own, and
		// AppendInt writes them without the shortest-digit search.
		return strconv.AppendInt(dst, int64(f), 10)
	}
	if a == 0 || a >= 1e-4 && a < 1e16 {
		return strconv.AppendFloat(dst, f, 'f', -1, bits)
	}
	return strconv.AppendFloat(dst, f, 'e', -1, bits)
}

// exactInts is the bound below which a float of bits holds every integer.
func exactInts(bits int) float64 {
	if bits == 32 {
		return 1 << 24
	}
	return 1 << 53
}

func appendHexObject(dst, b []byte) []byte {
	dst = append(dst, `{"hex":"`...)
	n := len(dst)
	dst = append(dst, make([]byte, hex.EncodedLen(len(b)))...)
	hex.Encode(dst[n:], b)
	return append(dst, `"}`...)
}

// appendString appends s as a JSON string (s is valid UTF-8).
func appendString(dst []byte, s string) []byte {
	b, _ := json.Marshal(s) // escapes <, >, & too: still valid JSON
	return append(dst, b...)
}
