package stream

import (
	"strconv"
	"unicode/utf8"

	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
)

// appendPlain appends a value as text for CSV and tables: strings as they
// are (hex when not UTF-8), BLOCK as hex, numbers as in JSON, arrays and
// objects as JSON, null as nothing.
func appendPlain(dst []byte, dec *engine.Decoder, v *engine.Value) []byte {
	switch v.K {
	case engine.Null:
		return dst
	case engine.String:
		if utf8.Valid(v.B) {
			return append(dst, v.B...)
		}
		return v.AppendJSON(dst)
	case engine.Name:
		return append(dst, v.S...)
	case engine.Time:
		return v.Time().AppendFormat(dst, jsonform.TimeLayout)
	}
	n := len(dst)
	dst = dec.AppendJSON(dst, v)
	if v.K == engine.Bytes && len(dst)-n >= 2 { // drop the JSON quotes
		copy(dst[n:], dst[n+1:len(dst)-1])
		dst = dst[:len(dst)-2]
	}
	return dst
}

func appendTime(dst []byte, m record.Meta) []byte {
	if t, ok := m.Time(); ok {
		return t.UTC().AppendFormat(dst, jsonform.TimeLayout)
	}
	return dst
}

func appendInt(dst []byte, n int) []byte { return strconv.AppendInt(dst, int64(n), 10) }
