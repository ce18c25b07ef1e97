package accessor

// maxBits bounds every bit offset and size this package will look at, so
// that offset arithmetic can never overflow an int, whatever a definition
// file or a fuzzer passes in. 2^40 bits is a 128 GiB packet.
const maxBits = 1 << 40

// resolveOffset applies COSMOS's checks on a (bit offset, bit size) pair and
// turns a negative bit offset into one counted from the start of the buffer.
// Zero and negative sizes are only meaningful for STRING and BLOCK, and never
// together with a negative offset.
func resolveOffset(op string, bufLen, bitOffset, bitSize int, t DataType) (int, error) {
	if bitOffset > maxBits || bitOffset < -maxBits || bitSize > maxBits || bitSize < -maxBits {
		return 0, invalidf("bit_offset %d / bit_size %d out of range", bitOffset, bitSize)
	}
	if bitSize <= 0 && t != STRING && t != BLOCK {
		return 0, invalidf("bit_size %d must be positive for data types other than STRING and BLOCK", bitSize)
	}
	if bitSize <= 0 && bitOffset < 0 {
		return 0, invalidf("negative or zero bit_sizes (%d) cannot be given with negative bit_offsets (%d)", bitSize, bitOffset)
	}
	off := bitOffset
	if off < 0 {
		off += bufLen * 8
		if off < 0 {
			return 0, shortErr(op, bufLen, t, bitOffset, bitSize)
		}
	}
	return off, nil
}

// fits reports whether bits [off, off+size) lie inside a buffer of bufLen
// bytes (whole bytes: a 12-bit STRING needs 2 bytes).
func fits(bufLen, off, size int) bool {
	return off >= 0 && size >= 0 && (off+size+7)/8 <= bufLen
}

// CheckBounds reports whether an item of bitSize bits at bitOffset lies
// inside a buffer of bufLen bytes, with COSMOS's conventions: a negative
// offset counts from the end of the buffer, and a zero or negative size means
// "up to -bitSize bits before the end" (then the offset must not be
// negative). It returns nil, a *BufferError (ErrShortBuffer) or an ErrInvalid
// error. Little-endian bit fields extend towards lower addresses; the
// Read/Write functions check those themselves.
func CheckBounds(bufLen, bitOffset, bitSize int) error {
	_, _, err := Resolve(bufLen, bitOffset, bitSize)
	return err
}

// Resolve is CheckBounds that also returns the absolute bit offset and the
// bit size the item has in this buffer (for a zero or negative bitSize, the
// size that fills the buffer up to -bitSize bits before its end). The packet
// layer uses it to lay out variable-sized packets.
func Resolve(bufLen, bitOffset, bitSize int) (off, size int, err error) {
	off, err = resolveOffset("access", bufLen, bitOffset, bitSize, BLOCK)
	if err != nil {
		return 0, 0, err
	}
	size = bitSize
	if size <= 0 {
		size = bufLen*8 - off + bitSize
		if size < 0 {
			return 0, 0, shortErr("access", bufLen, 0, bitOffset, bitSize)
		}
	}
	if !fits(bufLen, off, size) {
		return 0, 0, shortErr("access", bufLen, 0, bitOffset, bitSize)
	}
	return off, size, nil
}
