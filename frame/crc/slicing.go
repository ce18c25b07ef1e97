package crc

import "encoding/binary"

// Slicing-by-16: table k gives the effect of one byte followed by k zero
// bytes, so sixteen input bytes cost sixteen independent lookups instead of
// a chain of sixteen dependent ones. The lookups are XORed as a balanced
// tree, not left to right: Go evaluates a^b^c^... as one serial chain, and
// that chain, not the loads, set the pace (CRC-16 over 64 bytes: slicing-by-8
// as a chain ~34 ns, by-16 as a tree ~19 ns). Sixteen tables of uint64 are
// 32 KiB, one Table's worth of L1.
//
// Both loops keep the register in a full uint64 so one loop serves every
// width: a reflected CRC's register sits in the low Width bits (input bits
// enter at bit 0), a normal CRC's in the top Width bits (input bits enter at
// bit 63). Eight input bytes are one 64-bit word XORed into the register,
// which is exact for any Width <= 64.

// slices is the number of tables: the bytes one step of the main loop takes.
const slices = 16

type tables [slices][256]uint64

func reflectedTables(rpoly uint64) *tables {
	var t tables
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
	for k := 1; k < slices; k++ {
		for b := range 256 {
			r := t[k-1][b]
			t[k][b] = r>>8 ^ t[0][r&0xff]
		}
	}
	return &t
}

func normalTables(apoly uint64) *tables {
	var t tables
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
	for k := 1; k < slices; k++ {
		for b := range 256 {
			r := t[k-1][b]
			t[k][b] = r<<8 ^ t[0][r>>56]
		}
	}
	return &t
}

// updateReflected: 16 bytes a step, then one 8-byte step with the first
// eight tables (they are slicing-by-8's), then single bytes.
func updateReflected(t *tables, reg uint64, p []byte) uint64 {
	for len(p) >= 16 {
		v := reg ^ binary.LittleEndian.Uint64(p)
		u := binary.LittleEndian.Uint64(p[8:])
		reg = (((t[15][v&0xff] ^ t[14][v>>8&0xff]) ^ (t[13][v>>16&0xff] ^ t[12][v>>24&0xff])) ^
			((t[11][v>>32&0xff] ^ t[10][v>>40&0xff]) ^ (t[9][v>>48&0xff] ^ t[8][v>>56]))) ^
			(((t[7][u&0xff] ^ t[6][u>>8&0xff]) ^ (t[5][u>>16&0xff] ^ t[4][u>>24&0xff])) ^
				((t[3][u>>32&0xff] ^ t[2][u>>40&0xff]) ^ (t[1][u>>48&0xff] ^ t[0][u>>56])))
		p = p[16:]
	}
	if len(p) >= 8 {
		v := reg ^ binary.LittleEndian.Uint64(p)
		reg = ((t[7][v&0xff] ^ t[6][v>>8&0xff]) ^ (t[5][v>>16&0xff] ^ t[4][v>>24&0xff])) ^
			((t[3][v>>32&0xff] ^ t[2][v>>40&0xff]) ^ (t[1][v>>48&0xff] ^ t[0][v>>56]))
		p = p[8:]
	}
	for _, b := range p {
		reg = reg>>8 ^ t[0][byte(reg)^b]
	}
	return reg
}

// updateNormal is updateReflected with the register in the top bits.
func updateNormal(t *tables, reg uint64, p []byte) uint64 {
	for len(p) >= 16 {
		v := reg ^ binary.BigEndian.Uint64(p)
		u := binary.BigEndian.Uint64(p[8:])
		reg = (((t[15][v>>56] ^ t[14][v>>48&0xff]) ^ (t[13][v>>40&0xff] ^ t[12][v>>32&0xff])) ^
			((t[11][v>>24&0xff] ^ t[10][v>>16&0xff]) ^ (t[9][v>>8&0xff] ^ t[8][v&0xff]))) ^
			(((t[7][u>>56] ^ t[6][u>>48&0xff]) ^ (t[5][u>>40&0xff] ^ t[4][u>>32&0xff])) ^
				((t[3][u>>24&0xff] ^ t[2][u>>16&0xff]) ^ (t[1][u>>8&0xff] ^ t[0][u&0xff])))
		p = p[16:]
	}
	if len(p) >= 8 {
		v := reg ^ binary.BigEndian.Uint64(p)
		reg = ((t[7][v>>56] ^ t[6][v>>48&0xff]) ^ (t[5][v>>40&0xff] ^ t[4][v>>32&0xff])) ^
			((t[3][v>>24&0xff] ^ t[2][v>>16&0xff]) ^ (t[1][v>>8&0xff] ^ t[0][v&0xff]))
		p = p[8:]
	}
	for _, b := range p {
		reg = reg<<8 ^ t[0][byte(reg>>56)^b]
	}
	return reg
}
