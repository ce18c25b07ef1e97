package engine

import (
	"math"

	"github.com/c3kit/c3kit/decode/jsonform"
)

// floatText remembers the JSON text of recent float values. Telemetry
// repeats itself (an ADC gives a few thousand distinct counts and a
// polynomial maps them one to one; arrays hold the same values packet
// after packet), and the shortest-digit search costs some 60 ns a value
// where a hit costs a few. The text is jsonform.AppendFloat's own, so the
// output is the same with or without the cache.
type floatText struct {
	slots [1 << floatTextBits]floatSlot
}

const floatTextBits = 10

type floatSlot struct {
	bits uint64
	n    uint8 // text length; 0: empty
	text [31]byte
}

func (c *floatText) append(dst []byte, f float64) []byte {
	b := math.Float64bits(f)
	s := &c.slots[(b*0x9E3779B97F4A7C15)>>(64-floatTextBits)]
	if s.n != 0 && s.bits == b {
		if l := len(dst); cap(dst)-l >= len(s.text) {
			// A fixed-size copy compiles to a few moves where a copy of
			// s.n bytes calls memmove: hits are most of the floats.
			*(*[31]byte)(dst[l : l+31]) = s.text
			return dst[:l+int(s.n)]
		}
		return append(dst, s.text[:s.n]...)
	}
	n := len(dst)
	dst = jsonform.AppendFloat(dst, f, 64)
	if l := len(dst) - n; l <= len(s.text) {
		s.bits, s.n = b, uint8(l)
		copy(s.text[:], dst[n:])
	}
	return dst
}

// AppendJSON appends v as Value.AppendJSON does, floats (alone or in an
// array) through the Decoder's cache of float texts.
func (d *Decoder) AppendJSON(dst []byte, v *Value) []byte {
	switch v.K {
	case Float:
		return d.floatCache().append(dst, v.F)
	case Array:
		if len(v.A) == 0 || v.A[0].K != Float {
			break
		}
		fc := d.floatCache()
		dst = append(dst, '[')
		for i := range v.A {
			if i > 0 {
				dst = append(dst, ',')
			}
			if e := &v.A[i]; e.K == Float {
				dst = fc.append(dst, e.F)
			} else {
				dst = e.AppendJSON(dst)
			}
		}
		return append(dst, ']')
	}
	return v.AppendJSON(dst)
}

func (d *Decoder) floatCache() *floatText {
	if d.floats == nil {
		d.floats = new(floatText)
	}
	return d.floats
}
