package accessor

// arrayOffset resolves an array item's offset and total size like COSMOS's
// read_array: a negative offset counts from the end; a zero or negative
// array size fills the buffer up to that many bits before its end.
func arrayOffset(op string, bufLen, bitOffset, arrayBitSize, itemBitSize int, t DataType) (off, size int, err error) {
	if bitOffset > maxBits || bitOffset < -maxBits || arrayBitSize > maxBits || arrayBitSize < -maxBits || itemBitSize > maxBits {
		return 0, 0, invalidf("bit_offset %d / array_size %d out of range", bitOffset, arrayBitSize)
	}
	if itemBitSize <= 0 {
		return 0, 0, invalidf("bit_size %d must be positive for arrays", itemBitSize)
	}
	off = bitOffset
	if off < 0 {
		off += bufLen * 8
		if off < 0 {
			return 0, 0, shortErr(op, bufLen, t, bitOffset, itemBitSize)
		}
	}
	if arrayBitSize <= 0 && bitOffset < 0 {
		return 0, 0, invalidf("negative or zero array_size (%d) cannot be given with negative bit_offset (%d)", arrayBitSize, bitOffset)
	}
	return off, arrayBitSize, nil
}

// checkArrayType rejects item types the binary accessor cannot repeat.
func checkArrayType(off, itemBitSize int, bitOffset int, t DataType, e Endian, op string) error {
	switch t {
	case STRING, BLOCK:
		if off&7 != 0 {
			return invalidf("bit_offset %d is not byte aligned for data_type %s", bitOffset, t)
		}
	case INT, UINT:
		if err := checkIntSize(itemBitSize, t); err != nil {
			return err
		}
		aligned := off&7 == 0 && (itemBitSize == 8 || itemBitSize == 16 || itemBitSize == 32 || itemBitSize == 64)
		if !aligned && e == LittleEndian && itemBitSize > 1 {
			return invalidf("%s_array does not support little endian bit fields with bit_size greater than 1-bit", op)
		}
	case FLOAT:
		if itemBitSize != 32 && itemBitSize != 64 {
			return invalidf("bit_size is %d but must be 32 or 64 for data_type FLOAT", itemBitSize)
		}
		if off&7 != 0 {
			return invalidf("bit_offset %d is not byte aligned for data_type FLOAT", bitOffset)
		}
	default:
		return invalidf("data_type %s is not recognized by the binary accessor", t)
	}
	return nil
}

// ReadArray reads an array item of arrayBitSize bits made of itemBitSize-bit
// elements. arrayBitSize <= 0 means "as many elements as fit up to
// -arrayBitSize bits before the end". Elements are returned as Read returns
// them. An empty buffer reads as an empty array; an array that does not fit
// is a *BufferError.
func ReadArray(buf []byte, bitOffset, arrayBitSize, itemBitSize int, t DataType, e Endian) ([]any, error) {
	if t == DERIVED {
		return nil, nil
	}
	if len(buf) == 0 {
		return []any{}, nil
	}
	off, size, err := arrayOffset("read", len(buf), bitOffset, arrayBitSize, itemBitSize, t)
	if err != nil {
		return nil, err
	}
	if size <= 0 {
		size = len(buf)*8 - off + size
		if size == 0 {
			return []any{}, nil
		}
		if size < 0 {
			return nil, shortErr("read", len(buf), t, bitOffset, itemBitSize)
		}
	}
	if size%itemBitSize != 0 {
		return nil, invalidf("array_size %d not a multiple of bit_size %d", arrayBitSize, itemBitSize)
	}
	if err := checkArrayType(off, itemBitSize, bitOffset, t, e, "read"); err != nil {
		return nil, err
	}
	if !fits(len(buf), off, size) {
		return nil, shortErr("read", len(buf), t, bitOffset, itemBitSize)
	}
	n := size / itemBitSize
	out := make([]any, n)
	for k := range n {
		v, err := Read(buf, off+k*itemBitSize, itemBitSize, t, e)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

// WriteArray writes values into an array item and returns the buffer. With
// a positive arrayBitSize the array has a fixed number of elements: missing
// values are written as zero (empty for STRING/BLOCK), too many values is an
// error. With arrayBitSize <= 0 the array is "everything up to
// -arrayBitSize bits before the end" and the buffer grows or shrinks to hold
// exactly len(values) elements, keeping the trailing bytes - how COSMOS
// writes variable-sized arrays.
func WriteArray(buf []byte, values []any, bitOffset, arrayBitSize, itemBitSize int, t DataType, e Endian, o Overflow) ([]byte, error) {
	buf, off, n, err := arrayForWrite(buf, len(values), bitOffset, arrayBitSize, itemBitSize, t, e)
	if err != nil || t == DERIVED {
		return buf, err
	}
	for k := range n {
		var v any
		if k < len(values) {
			v = values[k]
		} else if t == STRING || t == BLOCK {
			v = []byte{}
		} else {
			v = 0
		}
		if buf, err = Write(buf, v, off+k*itemBitSize, itemBitSize, t, e, o); err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// WriteNumArray is WriteArray for numbers into an INT, UINT or FLOAT array
// (as WriteNum is Write), without boxing each value.
func WriteNumArray(buf []byte, values []Num, bitOffset, arrayBitSize, itemBitSize int, t DataType, e Endian, o Overflow) ([]byte, error) {
	buf, off, n, err := arrayForWrite(buf, len(values), bitOffset, arrayBitSize, itemBitSize, t, e)
	if err != nil || t == DERIVED {
		return buf, err
	}
	for k := range n {
		var v Num // a missing value is 0, as in WriteArray
		if k < len(values) {
			v = values[k]
		}
		if err = WriteNum(buf, v, off+k*itemBitSize, itemBitSize, t, e, o); err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// arrayForWrite checks an array write of count values and makes the room
// for it: the array's bit offset and how many elements to write.
func arrayForWrite(buf []byte, count, bitOffset, arrayBitSize, itemBitSize int, t DataType, e Endian) ([]byte, int, int, error) {
	if t == DERIVED {
		return buf, 0, 0, nil
	}
	off, size, err := arrayOffset("write", len(buf), bitOffset, arrayBitSize, itemBitSize, t)
	if err != nil {
		return buf, 0, 0, err
	}
	if err := checkArrayType(off, itemBitSize, bitOffset, t, e, "write"); err != nil {
		return buf, 0, 0, err
	}
	n := count
	if size <= 0 {
		if count > maxBits/itemBitSize {
			return buf, 0, 0, invalidf("too many values %d for bit_size %d", count, itemBitSize)
		}
		endBytes := -floorDiv(size, 8)
		lower := off >> 3
		if lower+endBytes > len(buf) {
			return buf, 0, 0, shortErr("write", len(buf), t, bitOffset, itemBitSize)
		}
		// The array's bytes become exactly what count elements need.
		newEnd := floorDiv(off+itemBitSize*count-1, 8) + 1
		oldEnd := len(buf) - endBytes
		if newEnd < lower {
			newEnd = lower
		}
		buf = splice(buf, min(newEnd, oldEnd), oldEnd, make([]byte, max(0, newEnd-oldEnd)))
	} else {
		if size%itemBitSize != 0 {
			return buf, 0, 0, invalidf("array_size %d not a multiple of bit_size %d", arrayBitSize, itemBitSize)
		}
		n = size / itemBitSize
		if n < count {
			return buf, 0, 0, invalidf("too many values %d for given array_size %d and bit_size %d", count, arrayBitSize, itemBitSize)
		}
	}
	if !fits(len(buf), off, n*itemBitSize) {
		return buf, 0, 0, shortErr("write", len(buf), t, bitOffset, itemBitSize)
	}
	return buf, off, n, nil
}
