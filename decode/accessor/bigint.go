package accessor

import (
	"math/big"
)

// INT and UINT items wider than 64 bits, which COSMOS's Ruby and Python
// integers read and write like any other: the same bit layout rules as
// the 64-bit path (a little-endian field's offset names its most
// significant bit), values as math/big integers. Only items this wide take
// this path; everything else stays on the allocation-free one.

// MaxBigIntBits bounds the width ReadBigInt and WriteBigInt accept.
const MaxBigIntBits = 1 << 16

// bigView returns the bytes of an integer field in big-endian order (a
// copy), the field's first bit in that view, and where each view byte
// lives in buf.
func bigSpan(op string, bufLen, bitOffset, bitSize int, e Endian, t DataType) (first, step, n, start int, err error) {
	if bitSize <= 0 || bitSize > MaxBigIntBits {
		return 0, 0, 0, 0, invalidf("bit_size %d is not a valid size for %s (1..%d)", bitSize, t, MaxBigIntBits)
	}
	off, err := resolveOffset(op, bufLen, bitOffset, bitSize, t)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	start = off & 7
	n = (start+bitSize-1)/8 + 1
	first = off >> 3
	if e == LittleEndian {
		if first >= bufLen {
			return 0, 0, 0, 0, shortErr(op, bufLen, t, bitOffset, bitSize)
		}
		if first-n+1 < 0 {
			return 0, 0, 0, 0, invalidf("LITTLE_ENDIAN bitfield with bit_offset %d and bit_size %d is invalid", bitOffset, bitSize)
		}
		return first, -1, n, start, nil
	}
	if first+n > bufLen {
		return 0, 0, 0, 0, shortErr(op, bufLen, t, bitOffset, bitSize)
	}
	return first, 1, n, start, nil
}

// ReadBigInt reads an INT (sign-extended) or UINT item of any width.
func ReadBigInt(buf []byte, bitOffset, bitSize int, e Endian, t DataType) (*big.Int, error) {
	first, step, n, start, err := bigSpan("read", len(buf), bitOffset, bitSize, e, t)
	if err != nil {
		return nil, err
	}
	view := make([]byte, n)
	for k, i := 0, first; k < n; k, i = k+1, i+step {
		view[k] = buf[i]
	}
	v := new(big.Int).SetBytes(view)
	v.Rsh(v, uint(n*8-start-bitSize))
	one := big.NewInt(1)
	v.And(v, new(big.Int).Sub(new(big.Int).Lsh(one, uint(bitSize)), one))
	if t == INT && bitSize > 1 && v.Bit(bitSize-1) == 1 {
		v.Sub(v, new(big.Int).Lsh(one, uint(bitSize)))
	}
	return v, nil
}

// WriteBigInt writes v into an INT or UINT item of any width, applying the
// item's OVERFLOW rule as the 64-bit path does.
func WriteBigInt(buf []byte, v *big.Int, bitOffset, bitSize int, e Endian, t DataType, o Overflow) error {
	first, step, n, start, err := bigSpan("write", len(buf), bitOffset, bitSize, e, t)
	if err != nil {
		return err
	}
	one := big.NewInt(1)
	full := new(big.Int).Lsh(one, uint(bitSize)) // 2^bitSize
	lo, hi := new(big.Int), new(big.Int).Sub(full, one)
	if t == INT {
		half := new(big.Int).Lsh(one, uint(bitSize-1))
		lo.Neg(half)
		if o != OverflowErrorAllowHex {
			hi.Sub(half, one)
		}
	}
	if v.Cmp(lo) < 0 || v.Cmp(hi) > 0 {
		switch o {
		case OverflowTruncate:
		case OverflowSaturate:
			if v.Cmp(lo) < 0 {
				v = lo
			} else {
				v = hi
			}
		default:
			return overflowf("value of %s invalid for %d-bit %s", v, bitSize, t)
		}
	}
	bits := new(big.Int).Mod(v, full) // two's complement pattern, truncated
	endBits := uint(n*8 - start - bitSize)
	view := make([]byte, n)
	for k, i := 0, first; k < n; k, i = k+1, i+step {
		view[k] = buf[i]
	}
	cur := new(big.Int).SetBytes(view)
	mask := new(big.Int).Lsh(new(big.Int).Sub(full, one), endBits)
	cur.AndNot(cur, mask)
	cur.Or(cur, new(big.Int).Lsh(bits, endBits))
	cur.FillBytes(view)
	for k, i := 0, first; k < n; k, i = k+1, i+step {
		buf[i] = view[k]
	}
	return nil
}
