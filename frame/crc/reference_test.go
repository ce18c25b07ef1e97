package crc

import "math/bits"

// referenceCRC is the Rocksoft model read literally: one bit at a time, the
// register in normal orientation, no tables. Everything else is checked
// against it.
func referenceCRC(p Params, data []byte) uint64 {
	top := uint64(1) << uint(p.Width-1)
	reg := p.Init
	for _, b := range data {
		if p.RefIn {
			b = bits.Reverse8(b)
		}
		for i := 7; i >= 0; i-- {
			feedback := (reg&top != 0) != (b>>uint(i)&1 == 1)
			reg = reg << 1 & p.Mask()
			if feedback {
				reg ^= p.Poly
			}
		}
	}
	if p.RefOut {
		reg = reflect(reg, p.Width)
	}
	return reg ^ p.XorOut
}
