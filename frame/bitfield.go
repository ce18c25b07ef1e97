package frame

import (
	"encoding/binary"
	"fmt"
)

// field is an unsigned integer field located the way COSMOS's binary
// accessor locates one: byte-aligned 8/16/32/64-bit fields are plain
// integers; anything else is a bitfield. For a LITTLE_ENDIAN bitfield the
// bit offset names the field's most significant bit: its bytes run from
// offset/8 backwards, are byte-swapped, and the bits are then read from
// offset%8 as in a big-endian field.
type field struct {
	off, size int // bits
	little    bool
	standard  bool // byte-aligned 8, 16, 32 or 64 bits
	lo, hi    int  // first and last byte the field touches
}

func newField(off, size int, little bool) (field, error) {
	f := field{off: off, size: size, little: little}
	if off < 0 {
		return f, fmt.Errorf("bit offset %d is negative", off)
	}
	if size < 1 || size > 64 {
		return f, fmt.Errorf("bit size %d is not 1..64", size)
	}
	f.standard = off%8 == 0 && (size == 8 || size == 16 || size == 32 || size == 64)
	switch {
	case f.standard:
		f.lo = off / 8
		f.hi = f.lo + size/8 - 1
	case little:
		f.hi = off / 8
		f.lo = f.hi - ((off%8)+size-1)/8
		if f.lo < 0 {
			return f, fmt.Errorf("LITTLE_ENDIAN bitfield with bit offset %d and bit size %d is invalid (COSMOS: the offset names the most significant bit)", off, size)
		}
	default:
		f.lo = off / 8
		f.hi = (off + size - 1) / 8
	}
	return f, nil
}

// need is how many bytes must be present to read the field.
func (f *field) need() int { return f.hi + 1 }

// read returns the field's value; b must hold need() bytes.
func (f *field) read(b []byte) uint64 {
	if f.standard {
		p := b[f.lo : f.hi+1]
		if f.little {
			switch f.size {
			case 8:
				return uint64(p[0])
			case 16:
				return uint64(binary.LittleEndian.Uint16(p))
			case 32:
				return uint64(binary.LittleEndian.Uint32(p))
			}
			return binary.LittleEndian.Uint64(p)
		}
		switch f.size {
		case 8:
			return uint64(p[0])
		case 16:
			return uint64(binary.BigEndian.Uint16(p))
		case 32:
			return uint64(binary.BigEndian.Uint32(p))
		}
		return binary.BigEndian.Uint64(p)
	}
	var v uint64
	start := f.off % 8
	for i := 0; i < f.size; i++ {
		p := start + i
		v = v<<1 | uint64(f.byteAt(b, p/8)>>(7-p%8))&1
	}
	return v
}

// byteAt returns byte k of the field's bytes in big-endian order (swapped
// for a little-endian bitfield).
func (f *field) byteAt(b []byte, k int) byte {
	if f.little {
		return b[f.hi-k]
	}
	return b[f.lo+k]
}

// write stores v in the field; like COSMOS's ERROR overflow mode it refuses
// a value that does not fit. b must hold need() bytes.
func (f *field) write(b []byte, v uint64) error {
	if f.size < 64 && v>>f.size != 0 {
		return fmt.Errorf("value %d does not fit in the %d-bit length field", v, f.size)
	}
	if f.standard {
		p := b[f.lo : f.hi+1]
		var o binary.ByteOrder = binary.BigEndian
		if f.little {
			o = binary.LittleEndian
		}
		switch f.size {
		case 8:
			p[0] = byte(v)
		case 16:
			o.PutUint16(p, uint16(v))
		case 32:
			o.PutUint32(p, uint32(v))
		default:
			o.PutUint64(p, v)
		}
		return nil
	}
	start := f.off % 8
	for i := 0; i < f.size; i++ {
		p := start + i
		idx := f.lo + p/8
		if f.little {
			idx = f.hi - p/8
		}
		mask := byte(1) << (7 - p%8)
		if v>>(f.size-1-i)&1 != 0 {
			b[idx] |= mask
		} else {
			b[idx] &^= mask
		}
	}
	return nil
}
