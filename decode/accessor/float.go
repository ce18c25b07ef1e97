package accessor

import (
	"encoding/binary"
	"math"
)

// ReadFloat reads a byte-aligned 32 or 64-bit IEEE 754 FLOAT item. A 32-bit
// value is widened exactly to float64 (NaN payloads and -0 survive).
func ReadFloat(buf []byte, bitOffset, bitSize int, e Endian) (float64, error) {
	if bitOffset >= 0 && bitOffset&7 == 0 {
		i := bitOffset >> 3
		switch bitSize {
		case 32:
			if i+4 <= len(buf) {
				if e == LittleEndian {
					return float64(math.Float32frombits(binary.LittleEndian.Uint32(buf[i:]))), nil
				}
				return float64(math.Float32frombits(binary.BigEndian.Uint32(buf[i:]))), nil
			}
		case 64:
			if i+8 <= len(buf) {
				if e == LittleEndian {
					return math.Float64frombits(binary.LittleEndian.Uint64(buf[i:])), nil
				}
				return math.Float64frombits(binary.BigEndian.Uint64(buf[i:])), nil
			}
		}
	}
	off, err := floatSpan("read", len(buf), bitOffset, bitSize)
	if err != nil {
		return 0, err
	}
	w := readWord(buf[off>>3:(off+bitSize)>>3], e)
	if bitSize == 32 {
		return float64(math.Float32frombits(uint32(w))), nil
	}
	return math.Float64frombits(w), nil
}

// WriteFloat writes a 32 or 64-bit FLOAT item. For 32 bits the value is
// rounded to float32 (values beyond its range become infinities, as Ruby's
// and Python's pack do).
func WriteFloat(buf []byte, v float64, bitOffset, bitSize int, e Endian) error {
	off, err := floatSpan("write", len(buf), bitOffset, bitSize)
	if err != nil {
		return err
	}
	w := buf[off>>3 : (off+bitSize)>>3]
	switch {
	case bitSize == 32 && e == LittleEndian:
		binary.LittleEndian.PutUint32(w, math.Float32bits(float32(v)))
	case bitSize == 32:
		binary.BigEndian.PutUint32(w, math.Float32bits(float32(v)))
	case e == LittleEndian:
		binary.LittleEndian.PutUint64(w, math.Float64bits(v))
	default:
		binary.BigEndian.PutUint64(w, math.Float64bits(v))
	}
	return nil
}

func floatSpan(op string, bufLen, bitOffset, bitSize int) (int, error) {
	off, err := resolveOffset(op, bufLen, bitOffset, bitSize, FLOAT)
	if err != nil {
		return 0, err
	}
	if bitSize != 32 && bitSize != 64 {
		return 0, invalidf("bit_size is %d but must be 32 or 64 for data_type FLOAT", bitSize)
	}
	if off&7 != 0 {
		return 0, invalidf("bit_offset %d is not byte aligned for data_type FLOAT", bitOffset)
	}
	if !fits(bufLen, off, bitSize) {
		return 0, shortErr(op, bufLen, FLOAT, bitOffset, bitSize)
	}
	return off, nil
}
