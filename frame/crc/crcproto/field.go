package crcproto

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// Field is where a CRC sits in a record and how its bytes are laid out.
type Field struct {
	BitOffset    int  // multiple of 8; negative counts back from the record's end
	BitSize      int  // 8..64, a multiple of 8, at least the CRC width
	LittleEndian bool // otherwise big-endian
	// CosmosLE64 stores a 64-bit little-endian CRC the way COSMOS's
	// write_data does: two little-endian 32-bit words, high word first.
	CosmosLE64 bool
}

// Validate checks f for a CRC of the given width.
func (f Field) Validate(width int) error {
	if f.BitOffset%8 != 0 {
		return fmt.Errorf("bit offset %d is not a multiple of 8", f.BitOffset)
	}
	if f.BitSize < 8 || f.BitSize > 64 || f.BitSize%8 != 0 {
		return fmt.Errorf("bit size %d must be 8, 16, 24, ... or 64", f.BitSize)
	}
	if f.BitSize < width {
		return fmt.Errorf("a %d-bit CRC does not fit in a %d-bit field", width, f.BitSize)
	}
	if f.BitOffset < 0 && f.BitOffset+f.BitSize > 0 {
		return fmt.Errorf("a %d-bit CRC at bit offset %d would run past the end of the record", f.BitSize, f.BitOffset)
	}
	if f.CosmosLE64 && (f.BitSize != 64 || !f.LittleEndian) {
		return fmt.Errorf("the COSMOS 64-bit layout applies only to a 64-bit LITTLE_ENDIAN CRC")
	}
	return nil
}

// Size is the field's length in bytes.
func (f Field) Size() int { return f.BitSize / 8 }

// Locate returns where the field starts in a record of n bytes, and whether
// it fits there.
func (f Field) Locate(n int) (start int, ok bool) {
	start = f.BitOffset / 8
	if f.BitOffset < 0 {
		start += n
	}
	return start, start >= 0 && start+f.Size() <= n
}

// Needs is the shortest record the field fits in.
func (f Field) Needs() int {
	if f.BitOffset < 0 {
		return -(f.BitOffset / 8)
	}
	return f.BitOffset/8 + f.Size()
}

// Get reads the field from b, which holds exactly Size bytes. The usual
// sizes are one load (no byte loop on the hot path); a little-endian value
// is read big-endian and byte-swapped.
func (f Field) Get(b []byte) uint64 {
	if f.CosmosLE64 {
		return uint64(binary.LittleEndian.Uint32(b))<<32 | uint64(binary.LittleEndian.Uint32(b[4:]))
	}
	var v uint64
	switch len(b) {
	case 2:
		v = uint64(binary.BigEndian.Uint16(b))
	case 4:
		v = uint64(binary.BigEndian.Uint32(b))
	case 8:
		v = binary.BigEndian.Uint64(b)
	default:
		for _, c := range b {
			v = v<<8 | uint64(c)
		}
	}
	if f.LittleEndian {
		v = bits.ReverseBytes64(v) >> uint(64-8*len(b))
	}
	return v
}

// Put stores v into b, which holds exactly Size bytes.
func (f Field) Put(b []byte, v uint64) {
	if f.CosmosLE64 {
		binary.LittleEndian.PutUint32(b, uint32(v>>32))
		binary.LittleEndian.PutUint32(b[4:], uint32(v))
		return
	}
	n := len(b)
	for i := range n {
		sh := 8 * uint(n-1-i) // big-endian: most significant byte first
		if f.LittleEndian {
			sh = 8 * uint(i)
		}
		b[i] = byte(v >> sh)
	}
}
