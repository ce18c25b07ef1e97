package engine

import (
	"math"
	"unsafe"

	"github.com/c3kit/c3kit/decode/convert"
	"github.com/c3kit/c3kit/internal/ruby"
)

// The engine's side of the numeric path of GENERIC conversions
// (convert.NumPacket): values cross as unboxed numbers, with the same
// mapping the VM applies to boxed ones (ruby.Norm: unsigned values above
// MaxInt64 become floats; booleans, times and strings are not numbers).

// num returns v as a number.
func (v *Value) num() (ruby.Num, bool) {
	switch v.K {
	case Int:
		return ruby.IntNum(v.I), true
	case Uint:
		if v.U > math.MaxInt64 {
			return ruby.FloatNum(float64(v.U)), true
		}
		return ruby.IntNum(int64(v.U)), true
	case Float:
		return ruby.FloatNum(v.F), true
	}
	return ruby.Num{}, false
}

// numValue is a conversion's numeric result.
func numValue(n ruby.Num) Value {
	if n.IsFloat {
		return FloatVal(n.F)
	}
	return IntVal(n.I)
}

// ReadNum is packet.read for the numeric path: the converted value (a
// state name is not a number) or the raw value, without boxing.
func (c *recordCtx) ReadNum(name string, raw bool) (ruby.Num, bool) {
	ip := c.pl.numItem(name)
	if ip == nil {
		return ruby.Num{}, false
	}
	var v *Value
	var err error
	if raw {
		v, err = c.raw(ip)
	} else {
		v, err = c.conv(ip)
		if err == nil && ip.lookupState(v) != nil {
			return ruby.Num{}, false
		}
	}
	if err != nil {
		return ruby.Num{}, false
	}
	return v.num()
}

var _ convert.NumPacket = (*recordCtx)(nil)

// nameMemo is one name the numeric path read, by the address of its bytes.
type nameMemo struct {
	p  *byte
	n  int
	ip *itemPlan
}

// numItem is byName[name] for the numeric path, whose names are the same
// strings (those of its expression tree) on every record: a memo of the
// last four, compared by address, saves the map lookups (4% of decode time
// on COSMOS's HEALTH_STATUS). It holds the pointer, so the bytes cannot be
// freed and their address reused for another name while it is memoized.
// Only for names that are real, immutable strings: not for names that
// alias a buffer (the VM path's reads go through the map).
func (pl *plan) numItem(name string) *itemPlan {
	p := unsafe.StringData(name)
	for i := range pl.numNames {
		if m := &pl.numNames[i]; m.p == p && m.n == len(name) {
			return m.ip
		}
	}
	ip := pl.byName[name]
	if ip != nil && p != nil {
		pl.numNames[pl.numNext%len(pl.numNames)] = nameMemo{p, len(name), ip}
		pl.numNext++
	}
	return ip
}
