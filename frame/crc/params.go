package crc

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// Params is one CRC in the Rocksoft/RevEng model. Poly, Init and XorOut are
// given in the normal (MSB-first, unreflected) orientation, as the RevEng
// catalogue gives them, and must fit in Width bits; Poly omits the x^Width
// term. Init is the register before the first bit, in that same orientation,
// even when RefIn reflects the input.
type Params struct {
	Width  int    // 1..64
	Poly   uint64 // generator polynomial, without its top term
	Init   uint64 // register value before the first bit
	RefIn  bool   // feed each input byte least significant bit first
	RefOut bool   // reflect the final register before XorOut
	XorOut uint64 // XORed into the result
}

// Mask returns the Width low bits set.
func (p Params) Mask() uint64 {
	if p.Width >= 64 {
		return ^uint64(0)
	}
	return 1<<uint(p.Width) - 1
}

// Validate reports whether p describes a CRC this package can compute.
func (p Params) Validate() error {
	if p.Width < 1 || p.Width > 64 {
		return fmt.Errorf("CRC width %d is out of range 1..64", p.Width)
	}
	m := p.Mask()
	for _, f := range []struct {
		name string
		v    uint64
	}{{"poly", p.Poly}, {"init", p.Init}, {"xorout", p.XorOut}} {
		if f.v&^m != 0 {
			return fmt.Errorf("%s %#x does not fit in a %d-bit CRC", f.name, f.v, p.Width)
		}
	}
	return nil
}

// Bytes is the number of bytes a CRC of this width occupies.
func (p Params) Bytes() int { return (p.Width + 7) / 8 }

// String gives p in the RevEng catalogue form, which ParseModel reads back:
// "width=16 poly=0x1021 init=0xffff refin=false refout=false xorout=0x0000".
func (p Params) String() string {
	return fmt.Sprintf("width=%d poly=%s init=%s refin=%t refout=%t xorout=%s",
		p.Width, p.Hex(p.Poly), p.Hex(p.Init), p.RefIn, p.RefOut, p.Hex(p.XorOut))
}

// Hex formats a value of this CRC's width as 0x-prefixed, zero-padded,
// lower-case hex (the RevEng catalogue's style).
func (p Params) Hex(v uint64) string {
	return fmt.Sprintf("0x%0*x", (p.Width+3)/4, v)
}

// ParseModel reads a RevEng-style model: space-separated key=value pairs
// with keys width, poly, init, refin, refout, xorout (all required) and the
// optional check, residue and name, which are ignored. It lets any CRC be
// given on a command line without a catalogue entry.
func ParseModel(s string) (Params, error) {
	var p Params
	seen := map[string]bool{}
	for _, f := range strings.Fields(s) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return p, fmt.Errorf("model field %q is not key=value", f)
		}
		k = strings.ToLower(k)
		if seen[k] {
			return p, fmt.Errorf("model field %q given twice", k)
		}
		seen[k] = true
		var err error
		switch k {
		case "width":
			var w int64
			w, err = strconv.ParseInt(v, 0, 0)
			p.Width = int(w)
			if err == nil && (w < 1 || w > 64) {
				err = fmt.Errorf("out of range 1..64")
			}
		case "poly":
			p.Poly, err = strconv.ParseUint(v, 0, 64)
		case "init":
			p.Init, err = strconv.ParseUint(v, 0, 64)
		case "xorout":
			p.XorOut, err = strconv.ParseUint(v, 0, 64)
		case "refin":
			p.RefIn, err = strconv.ParseBool(v)
		case "refout":
			p.RefOut, err = strconv.ParseBool(v)
		case "check", "residue", "name":
		default:
			return p, fmt.Errorf("unknown model field %q", k)
		}
		if err != nil {
			return p, fmt.Errorf("model field %s=%q: %v", k, v, err)
		}
	}
	for _, k := range []string{"width", "poly", "init", "refin", "refout", "xorout"} {
		if !seen[k] {
			return p, fmt.Errorf("model lacks %s= (needs width, poly, init, refin, refout, xorout)", k)
		}
	}
	return p, p.Validate()
}

// reflect reverses the low w bits of v.
func reflect(v uint64, w int) uint64 { return bits.Reverse64(v) >> uint(64-w) }
