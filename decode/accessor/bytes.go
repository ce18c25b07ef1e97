package accessor

import "bytes"

// ReadBytes returns the bytes of a BLOCK item, aliasing buf (capacity
// limited, so appending to the result cannot clobber the packet). A bitSize
// of zero or less means "up to -bitSize bits before the end of the buffer".
func ReadBytes(buf []byte, bitOffset, bitSize int) ([]byte, error) {
	return readBytes(buf, bitOffset, bitSize, BLOCK)
}

// ReadString returns a STRING item: its bytes up to the first NUL, aliasing
// buf. The bytes need not be UTF-8; that is the printer's business.
func ReadString(buf []byte, bitOffset, bitSize int) ([]byte, error) {
	b, err := readBytes(buf, bitOffset, bitSize, STRING)
	if err != nil {
		return nil, err
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i:i]
	}
	return b, nil
}

func readBytes(buf []byte, bitOffset, bitSize int, t DataType) ([]byte, error) {
	off, err := resolveOffset("read", len(buf), bitOffset, bitSize, t)
	if err != nil {
		return nil, err
	}
	size := bitSize
	if size <= 0 {
		size = len(buf)*8 - off + bitSize
		if size < 0 {
			return nil, shortErr("read", len(buf), t, bitOffset, bitSize)
		}
	}
	if off&7 != 0 {
		return nil, invalidf("bit_offset %d is not byte aligned for data_type %s", bitOffset, t)
	}
	if !fits(len(buf), off, size) {
		return nil, shortErr("read", len(buf), t, bitOffset, bitSize)
	}
	lo, hi := off>>3, (off+size+7)>>3
	return buf[lo:hi:hi], nil
}

// WriteBytes writes a BLOCK item (Write with STRING does the same for
// strings) and returns the buffer, which it may have resized.
//
// With a positive bitSize the item has a fixed size: a shorter value is
// padded with zero bytes, a longer one is an error unless o is
// OverflowTruncate, which cuts it. With a zero or negative bitSize the item
// is "everything up to -bitSize bits before the end": the value replaces
// that region whatever its old length, growing or shrinking the buffer and
// keeping the trailing bytes - how COSMOS writes variable-sized STRING and
// BLOCK items (and VARIABLE_BIT_SIZE ones).
func WriteBytes(buf []byte, v []byte, bitOffset, bitSize int, o Overflow) ([]byte, error) {
	return writeBytes(buf, v, bitOffset, bitSize, BLOCK, o)
}

func writeBytes(buf []byte, v []byte, bitOffset, bitSize int, t DataType, o Overflow) ([]byte, error) {
	off, err := resolveOffset("write", len(buf), bitOffset, bitSize, t)
	if err != nil {
		return buf, err
	}
	if off&7 != 0 {
		return buf, invalidf("bit_offset %d is not byte aligned for data_type %s", bitOffset, t)
	}
	lower := off >> 3
	if bitSize > 0 {
		if !fits(len(buf), off, bitSize) {
			return buf, shortErr("write", len(buf), t, bitOffset, bitSize)
		}
		byteSize := bitSize / 8
		if len(v) > byteSize {
			if o != OverflowTruncate {
				return buf, overflowf("value of %d bytes does not fit into %d bytes for data_type %s", len(v), byteSize, t)
			}
			v = v[:byteSize]
		}
		n := copy(buf[lower:], v)
		clear(buf[lower+n : lower+byteSize])
		return buf, nil
	}
	endBytes := -floorDiv(bitSize, 8)
	if lower+endBytes > len(buf) {
		return buf, shortErr("write", len(buf), t, bitOffset, bitSize)
	}
	return splice(buf, lower, len(buf)-endBytes, v), nil
}

// splice replaces buf[from:to] with v, moving the bytes after it.
func splice(buf []byte, from, to int, v []byte) []byte {
	oldLen := len(buf)
	newLen := oldLen - (to - from) + len(v)
	if newLen > oldLen {
		buf = append(buf, make([]byte, newLen-oldLen)...)
	}
	copy(buf[from+len(v):], buf[to:oldLen])
	copy(buf[from:], v)
	return buf[:newLen]
}

// floorDiv divides rounding towards minus infinity, as Ruby and Python do
// (COSMOS's "-(bit_size / 8)" relies on it for negative sizes).
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
