package frame

import (
	"encoding/binary"
	"fmt"

	"github.com/c3kit/c3kit/decode/accessor"
)

// field is an unsigned length field, read and written by COSMOS's binary
// accessor rules (decode/accessor): byte-aligned 8/16/32/64-bit fields are
// plain integers; anything else is a bitfield, and for a LITTLE_ENDIAN
// bitfield the bit offset names the most significant bit, the field's
// bytes running from offset/8 backwards. field adds what a deframer needs
// on top: the byte extent, so it knows how many bytes to wait for.
type field struct {
	off, size int // bits
	endian    accessor.Endian
	lo, hi    int // first and last byte the field touches
}

func newField(off, size int, little bool) (field, error) {
	f := field{off: off, size: size}
	if little {
		f.endian = accessor.LittleEndian
	}
	if off < 0 {
		return f, fmt.Errorf("bit offset %d is negative", off)
	}
	if size < 1 || size > 64 {
		return f, fmt.Errorf("bit size %d is not 1..64", size)
	}
	standard := off%8 == 0 && (size == 8 || size == 16 || size == 32 || size == 64)
	switch {
	case standard:
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

// read returns the field's value; b must hold need() bytes, which
// newField's checks guarantee the accessor accepts.
func (f *field) read(b []byte) uint64 {
	v, _ := accessor.ReadUint(b, f.off, f.size, f.endian)
	return v
}

// write stores v in the field; like COSMOS's ERROR overflow mode it refuses
// a value that does not fit. b must hold need() bytes.
func (f *field) write(b []byte, v uint64) error {
	if err := accessor.WriteUint(b, v, f.off, f.size, f.endian, accessor.OverflowError); err != nil {
		return fmt.Errorf("length field: %w", err)
	}
	return nil
}

// fastRead returns a reader for the field: a plain load for the
// byte-aligned 8/16/32/64-bit fields, the general bitfield reader
// otherwise. Scanning garbage reads a field per byte, so this matters.
func (f *field) fastRead() func(b []byte) uint64 {
	if f.off%8 != 0 {
		return f.read
	}
	lo := f.off / 8
	le := f.endian == accessor.LittleEndian
	switch {
	case f.size == 8:
		return func(b []byte) uint64 { return uint64(b[lo]) }
	case f.size == 16 && !le:
		return func(b []byte) uint64 { return uint64(binary.BigEndian.Uint16(b[lo:])) }
	case f.size == 16:
		return func(b []byte) uint64 { return uint64(binary.LittleEndian.Uint16(b[lo:])) }
	case f.size == 32 && !le:
		return func(b []byte) uint64 { return uint64(binary.BigEndian.Uint32(b[lo:])) }
	case f.size == 32:
		return func(b []byte) uint64 { return uint64(binary.LittleEndian.Uint32(b[lo:])) }
	case f.size == 64 && !le:
		return func(b []byte) uint64 { return binary.BigEndian.Uint64(b[lo:]) }
	case f.size == 64:
		return func(b []byte) uint64 { return binary.LittleEndian.Uint64(b[lo:]) }
	}
	return f.read
}
