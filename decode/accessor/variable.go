package accessor

// VARIABLE_BIT_SIZE support. The packet layer owns the items, so it drives
// the sequence; these helpers give it COSMOS's arithmetic.
//
// Reading: the item's bit size comes from its length item's CONVERTED value:
// VariableBitSize for STRING, BLOCK and arrays, QuicBitSize for INT and UINT.
//
// Writing STRING/BLOCK/arrays: read the current size from the length item,
// compute bitsAfter = len(buf)*8 - (bitOffset + currentSize), then call
// Write/WriteBytes/WriteArray with bit size -bitsAfter, which splices the new
// value in; write the new length (VariableLength) into the length item and
// shift the offsets of the items after this one by newSize - currentSize.
//
// Writing INT/UINT: QuicLengthInt/QuicLengthUint give the new length value
// and size; ResizeInt makes room; then write the value and the length item
// and shift later offsets by newSize - currentSize.

// VariableBitSize returns the bit size of a VARIABLE_BIT_SIZE STRING, BLOCK
// or array item: length*bitsPerCount + valueBitOffset.
func VariableBitSize(length int64, bitsPerCount, valueBitOffset int) int {
	return int(length)*bitsPerCount + valueBitOffset
}

// VariableLength is the inverse: the length item value for an item of
// bitSize bits. COSMOS divides exactly; a remainder is an error here rather
// than a fractional length.
func VariableLength(bitSize, bitsPerCount, valueBitOffset int) (int64, error) {
	if bitsPerCount <= 0 {
		return 0, invalidf("length bits per count %d must be positive", bitsPerCount)
	}
	d := bitSize - valueBitOffset
	if d%bitsPerCount != 0 {
		return 0, invalidf("item of %d bits is not a whole number of %d-bit counts after offset %d", bitSize, bitsPerCount, valueBitOffset)
	}
	return int64(d / bitsPerCount), nil
}

// QuicBitSize returns the bit size of a variable-sized INT or UINT: COSMOS
// assumes the QUIC variable-length integer encoding (RFC 9000 §16), where a
// 2-bit length value 0, 1, 2, 3 selects 6, 14, 30 or 62 value bits. Like
// COSMOS's read side, any other length value selects 62.
func QuicBitSize(length int64) int {
	switch length {
	case 0:
		return 6
	case 1:
		return 14
	case 2:
		return 30
	}
	return 62
}

// QuicLengthUint returns the length value and bit size COSMOS chooses when
// writing v into a variable-sized UINT.
func QuicLengthUint(v uint64) (length int64, bitSize int) {
	switch {
	case v <= 63:
		return 0, 6
	case v <= 16383:
		return 1, 14
	case v <= 1073741823:
		return 2, 30
	}
	return 3, 62
}

// QuicLengthInt returns the length value and bit size COSMOS chooses when
// writing v into a variable-sized INT.
func QuicLengthInt(v int64) (length int64, bitSize int) {
	switch {
	case v >= -32 && v <= 31:
		return 0, 6
	case v >= -8192 && v <= 8191:
		return 1, 14
	case v >= -536870912 && v <= 536870911:
		return 2, 30
	}
	return 3, 62
}

// ResizeInt grows or shrinks the buffer when a variable-sized INT/UINT at
// bitOffset changes from oldBitSize to newBitSize bits, as COSMOS does:
// whole bytes are inserted at (duplicating) the item's first byte, or
// removed just after it. The caller then writes the value and its length.
func ResizeInt(buf []byte, bitOffset, oldBitSize, newBitSize int) ([]byte, error) {
	if bitOffset < 0 || bitOffset>>3 >= len(buf) {
		return buf, shortErr("write", len(buf), UINT, bitOffset, oldBitSize)
	}
	adjust := (newBitSize - oldBitSize) / 8 // truncates towards zero, like COSMOS's int()
	at := bitOffset >> 3
	switch {
	case adjust > 0:
		ins := make([]byte, adjust)
		copy(ins, buf[at:])
		return splice(buf, at, at, ins), nil
	case adjust < 0:
		if at+1-adjust > len(buf) {
			return buf, shortErr("write", len(buf), UINT, bitOffset, oldBitSize)
		}
		return splice(buf, at+1, at+1-adjust, nil), nil
	}
	return buf, nil
}
