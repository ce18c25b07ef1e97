package crc

import "encoding/binary"

// Slicing-by-8: table k gives the effect of one byte followed by k zero
// bytes, so eight input bytes cost eight independent lookups instead of a
// chain of eight dependent ones (about 5x a byte-at-a-time table here).
//
// Both loops keep the register in a full uint64 so one loop serves every
// width: a reflected CRC's register sits in the low Width bits (input bits
// enter at bit 0), a normal CRC's in the top Width bits (input bits enter at
// bit 63). Eight input bytes are one 64-bit word XORed into the register,
// which is exact for any Width <= 64.

func reflectedTables(rpoly uint64) *[8][256]uint64 {
	var t [8][256]uint64
	for b := range 256 {
		r := uint64(b)
		for range 8 {
			if r&1 != 0 {
				r = r>>1 ^ rpoly
			} else {
				r >>= 1
			}
		}
		t[0][b] = r
	}
	for k := 1; k < 8; k++ {
		for b := range 256 {
			r := t[k-1][b]
			t[k][b] = r>>8 ^ t[0][r&0xff]
		}
	}
	return &t
}

func normalTables(apoly uint64) *[8][256]uint64 {
	var t [8][256]uint64
	for b := range 256 {
		r := uint64(b) << 56
		for range 8 {
			if r&(1<<63) != 0 {
				r = r<<1 ^ apoly
			} else {
				r <<= 1
			}
		}
		t[0][b] = r
	}
	for k := 1; k < 8; k++ {
		for b := range 256 {
			r := t[k-1][b]
			t[k][b] = r<<8 ^ t[0][r>>56]
		}
	}
	return &t
}

func updateReflected(t *[8][256]uint64, reg uint64, p []byte) uint64 {
	for len(p) >= 8 {
		v := reg ^ binary.LittleEndian.Uint64(p)
		reg = t[7][v&0xff] ^ t[6][v>>8&0xff] ^ t[5][v>>16&0xff] ^ t[4][v>>24&0xff] ^
			t[3][v>>32&0xff] ^ t[2][v>>40&0xff] ^ t[1][v>>48&0xff] ^ t[0][v>>56]
		p = p[8:]
	}
	for _, b := range p {
		reg = reg>>8 ^ t[0][byte(reg)^b]
	}
	return reg
}

func updateNormal(t *[8][256]uint64, reg uint64, p []byte) uint64 {
	for len(p) >= 8 {
		v := reg ^ binary.BigEndian.Uint64(p)
		reg = t[7][v>>56] ^ t[6][v>>48&0xff] ^ t[5][v>>40&0xff] ^ t[4][v>>32&0xff] ^
			t[3][v>>24&0xff] ^ t[2][v>>16&0xff] ^ t[1][v>>8&0xff] ^ t[0][v&0xff]
		p = p[8:]
	}
	for _, b := range p {
		reg = reg<<8 ^ t[0][byte(reg>>56)^b]
	}
	return reg
}
