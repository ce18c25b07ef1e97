package accessor

import "encoding/binary"

// ReadUint reads a UINT item of 1..64 bits.
func ReadUint(buf []byte, bitOffset, bitSize int, e Endian) (uint64, error) {
	// Fast path: a byte-aligned 8/16/32/64-bit word inside the buffer. It is
	// kept small so it inlines into the decoder's loop.
	if bitOffset >= 0 && bitOffset&7 == 0 {
		i := bitOffset >> 3
		switch bitSize {
		case 8:
			if i < len(buf) {
				return uint64(buf[i]), nil
			}
		case 16:
			if i+2 <= len(buf) {
				if e == LittleEndian {
					return uint64(binary.LittleEndian.Uint16(buf[i:])), nil
				}
				return uint64(binary.BigEndian.Uint16(buf[i:])), nil
			}
		case 32:
			if i+4 <= len(buf) {
				if e == LittleEndian {
					return uint64(binary.LittleEndian.Uint32(buf[i:])), nil
				}
				return uint64(binary.BigEndian.Uint32(buf[i:])), nil
			}
		case 64:
			if i+8 <= len(buf) {
				if e == LittleEndian {
					return binary.LittleEndian.Uint64(buf[i:]), nil
				}
				return binary.BigEndian.Uint64(buf[i:]), nil
			}
		}
	}
	return readBits(buf, bitOffset, bitSize, e, UINT)
}

// ReadInt reads an INT item of 1..64 bits, sign-extending it. As in COSMOS a
// 1-bit INT reads as 0 or 1, never -1.
func ReadInt(buf []byte, bitOffset, bitSize int, e Endian) (int64, error) {
	var u uint64
	var err error
	if bitOffset >= 0 && bitOffset&7 == 0 && (bitSize == 8 || bitSize == 16 || bitSize == 32 || bitSize == 64) {
		u, err = ReadUint(buf, bitOffset, bitSize, e)
		if err != nil {
			// Same checks, but with INT in the message.
			return 0, retype(err, INT)
		}
	} else {
		u, err = readBits(buf, bitOffset, bitSize, e, INT)
		if err != nil {
			return 0, err
		}
	}
	if bitSize > 1 {
		shift := uint(64 - bitSize)
		return int64(u<<shift) >> shift, nil
	}
	return int64(u), nil
}

// retype rewrites the data type named in a BufferError (the INT fast path
// shares ReadUint's checks).
func retype(err error, t DataType) error {
	if be, ok := err.(*BufferError); ok {
		be.Type = t
	}
	return err
}

// checkIntSize rejects sizes an integer item cannot have here. COSMOS's Ruby
// accepts arbitrarily large bit fields as bignums; c3kit stops at 64 bits.
func checkIntSize(bitSize int, t DataType) error {
	if bitSize <= 0 {
		return invalidf("bit_size %d must be positive for data types other than STRING and BLOCK", bitSize)
	}
	if bitSize > 64 {
		return invalidf("bit_size %d is too large for %s (at most 64 bits are supported)", bitSize, t)
	}
	return nil
}

// intSpan locates an integer item: it returns the absolute bit offset, and
// whether the item is a plain aligned word. For bit fields it returns the
// index of the first byte of the field's big-endian view and the direction
// in which the view walks the buffer (+1, or -1 for little-endian fields).
func intSpan(op string, bufLen, bitOffset, bitSize int, e Endian, t DataType) (off int, aligned bool, first, step, n int, err error) {
	if err = checkIntSize(bitSize, t); err != nil {
		return
	}
	if off, err = resolveOffset(op, bufLen, bitOffset, bitSize, t); err != nil {
		return
	}
	if off&7 == 0 && (bitSize == 8 || bitSize == 16 || bitSize == 32 || bitSize == 64) {
		if !fits(bufLen, off, bitSize) {
			err = shortErr(op, bufLen, t, bitOffset, bitSize)
		}
		return off, true, off >> 3, 1, bitSize >> 3, err
	}
	start := off & 7
	n = (start+bitSize-1)/8 + 1
	if e == LittleEndian {
		// The offset names the most significant bit; the field continues
		// into the bytes BELOW it.
		first = off >> 3
		if first >= bufLen {
			err = shortErr(op, bufLen, t, bitOffset, bitSize)
			return
		}
		if first-n+1 < 0 {
			err = invalidf("LITTLE_ENDIAN bitfield with bit_offset %d and bit_size %d is invalid", bitOffset, bitSize)
			return
		}
		return off, false, first, -1, n, nil
	}
	first = off >> 3
	if first+n > bufLen {
		err = shortErr(op, bufLen, t, bitOffset, bitSize)
		return
	}
	return off, false, first, 1, n, nil
}

// readBits reads any integer item as its unsigned bit pattern.
func readBits(buf []byte, bitOffset, bitSize int, e Endian, t DataType) (uint64, error) {
	off, aligned, first, step, n, err := intSpan("read", len(buf), bitOffset, bitSize, e, t)
	if err != nil {
		return 0, err
	}
	if aligned {
		return readWord(buf[first:first+n], e), nil
	}
	// Cut bits [start, start+bitSize) out of the n-byte big-endian view
	// buf[first], buf[first+step], ... without ever holding more than 64
	// bits: the first byte loses its leading bits, the last its trailing.
	start := off & 7
	endBits := n*8 - start - bitSize
	b0 := buf[first] & (0xFF >> start)
	if n == 1 {
		return uint64(b0 >> endBits), nil
	}
	v := uint64(b0)
	i := first + step
	for k := 1; k < n-1; k++ {
		v = v<<8 | uint64(buf[i])
		i += step
	}
	return v<<(8-endBits) | uint64(buf[i]>>endBits), nil
}

func readWord(b []byte, e Endian) uint64 {
	if e == LittleEndian {
		switch len(b) {
		case 1:
			return uint64(b[0])
		case 2:
			return uint64(binary.LittleEndian.Uint16(b))
		case 4:
			return uint64(binary.LittleEndian.Uint32(b))
		}
		return binary.LittleEndian.Uint64(b)
	}
	switch len(b) {
	case 1:
		return uint64(b[0])
	case 2:
		return uint64(binary.BigEndian.Uint16(b))
	case 4:
		return uint64(binary.BigEndian.Uint32(b))
	}
	return binary.BigEndian.Uint64(b)
}

// writeBits stores the low bitSize bits of bits at an integer item.
func writeBits(buf []byte, bits uint64, bitOffset, bitSize int, e Endian, t DataType) error {
	off, aligned, first, step, n, err := intSpan("write", len(buf), bitOffset, bitSize, e, t)
	if err != nil {
		return err
	}
	if aligned {
		w := buf[first : first+n]
		switch {
		case n == 1:
			w[0] = byte(bits)
		case e == LittleEndian && n == 2:
			binary.LittleEndian.PutUint16(w, uint16(bits))
		case e == LittleEndian && n == 4:
			binary.LittleEndian.PutUint32(w, uint32(bits))
		case e == LittleEndian:
			binary.LittleEndian.PutUint64(w, bits)
		case n == 2:
			binary.BigEndian.PutUint16(w, uint16(bits))
		case n == 4:
			binary.BigEndian.PutUint32(w, uint32(bits))
		default:
			binary.BigEndian.PutUint64(w, bits)
		}
		return nil
	}
	// Byte k of the big-endian view holds view bits [8k, 8k+8); the field
	// holds view bits [start, end). Replace the overlap in each byte and
	// keep the neighbours' bits.
	start := off & 7
	end := start + bitSize
	i := first
	for k := 0; k < n; k++ {
		lo, hi := max(start, 8*k), min(end, 8*k+8)
		width := uint(hi - lo)
		chunk := (bits >> uint(end-hi)) & (1<<width - 1)
		pos := uint(8*k + 8 - hi)
		mask := byte((1<<width - 1) << pos)
		buf[i] = buf[i]&^mask | byte(chunk<<pos)
		i += step
	}
	return nil
}

// intRange returns the values COSMOS accepts for an integer item: [min,max]
// normally, and up to hexMax (the unsigned maximum) with ERROR_ALLOW_HEX.
// A 1-bit INT accepts -1, 0 and 1.
func intRange(bitSize int, t DataType) (minV int64, maxV, hexMax uint64) {
	hexMax = ^uint64(0) >> uint(64-bitSize)
	if t == INT {
		if bitSize == 1 {
			return -1, 1, 1
		}
		return int64(-1) << uint(bitSize-1), hexMax >> 1, hexMax
	}
	return 0, hexMax, hexMax
}

// fitUint applies the OVERFLOW rules to a non-negative value and returns the
// bit pattern to store.
func fitUint(v uint64, bitSize int, t DataType, o Overflow) (uint64, error) {
	_, maxV, hexMax := intRange(bitSize, t)
	if o == OverflowTruncate {
		return v & hexMax, nil
	}
	if v > maxV {
		switch {
		case o == OverflowSaturate:
			v = maxV
		case o == OverflowErrorAllowHex && v <= hexMax:
			// accepted as a bit pattern
		default:
			return 0, overflowf("value of %d invalid for %d-bit %s", v, bitSize, t)
		}
	}
	return v & hexMax, nil
}

// fitInt applies the OVERFLOW rules to a signed value.
func fitInt(v int64, bitSize int, t DataType, o Overflow) (uint64, error) {
	minV, _, hexMax := intRange(bitSize, t)
	if o == OverflowTruncate {
		return uint64(v) & hexMax, nil
	}
	if v >= 0 {
		return fitUint(uint64(v), bitSize, t, o)
	}
	if v < minV {
		if o != OverflowSaturate {
			return 0, overflowf("value of %d invalid for %d-bit %s", v, bitSize, t)
		}
		v = minV
	}
	return uint64(v) & hexMax, nil
}

// WriteInt writes a signed value into an INT item, applying the OVERFLOW
// behaviour o. (Write handles the other combinations: a negative value into
// a UINT item, an unsigned value above MaxInt64 into a 64-bit INT.)
func WriteInt(buf []byte, v int64, bitOffset, bitSize int, e Endian, o Overflow) error {
	return writeInt(buf, v, bitOffset, bitSize, INT, e, o)
}

// WriteUint writes an unsigned value into a UINT item, applying the
// OVERFLOW behaviour o.
func WriteUint(buf []byte, v uint64, bitOffset, bitSize int, e Endian, o Overflow) error {
	return writeUint(buf, v, bitOffset, bitSize, UINT, e, o)
}

func writeInt(buf []byte, v int64, bitOffset, bitSize int, t DataType, e Endian, o Overflow) error {
	if err := checkIntSize(bitSize, t); err != nil {
		return err
	}
	bits, err := fitInt(v, bitSize, t, o)
	if err != nil {
		return err
	}
	return writeBits(buf, bits, bitOffset, bitSize, e, t)
}

func writeUint(buf []byte, v uint64, bitOffset, bitSize int, t DataType, e Endian, o Overflow) error {
	if err := checkIntSize(bitSize, t); err != nil {
		return err
	}
	bits, err := fitUint(v, bitSize, t, o)
	if err != nil {
		return err
	}
	return writeBits(buf, bits, bitOffset, bitSize, e, t)
}
