package accessor

import (
	"bytes"
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"
)

// refLayout is an independent model of where COSMOS puts an integer item,
// written from the documentation's description rather than from the
// implementation: the item's bytes lo..hi form one integer W (big-endian, or
// little-endian for LITTLE_ENDIAN items), and the item is the bitSize bits of
// W ending at bit msb (bit 0 = least significant). It returns ok=false for
// impossible little-endian fields and short=true when bytes are missing.
func refLayout(bufLen, off, size int, e Endian) (lo, hi, msb int, ok, short bool) {
	aligned := off%8 == 0 && (size == 8 || size == 16 || size == 32 || size == 64)
	switch {
	case aligned:
		lo, hi = off/8, off/8+size/8-1
		msb = size - 1
	case e == BigEndian:
		lo, hi = off/8, (off+size-1)/8
		msb = 8*(hi-lo+1) - 1 - off%8
	default:
		// The offset names the MSB, inside byte off/8, which is the most
		// significant byte of the little-endian word below it.
		hi = off / 8
		msb = 8*0 + 7 - off%8    // within byte hi
		need := size - (msb + 1) // bits still needed from lower bytes
		nbytes := 0
		if need > 0 {
			nbytes = (need + 7) / 8
		}
		lo = hi - nbytes
		msb += 8 * nbytes
		if hi >= bufLen {
			return 0, 0, 0, true, true
		}
		if lo < 0 {
			return 0, 0, 0, false, false
		}
		return lo, hi, msb, true, false
	}
	return lo, hi, msb, true, hi >= bufLen
}

func refWord(buf []byte, lo, hi int, e Endian) *big.Int {
	w := new(big.Int)
	for i := lo; i <= hi; i++ {
		j := i
		if e == LittleEndian {
			j = hi - (i - lo) // most significant byte first
		}
		w.Lsh(w, 8)
		w.Or(w, big.NewInt(int64(buf[j])))
	}
	return w
}

func refRead(buf []byte, off, size int, e Endian) (uint64, bool, bool) {
	lo, hi, msb, ok, short := refLayout(len(buf), off, size, e)
	if !ok || short {
		return 0, ok, short
	}
	w := refWord(buf, lo, hi, e)
	var v uint64
	for k := 0; k < size; k++ { // bit by bit
		v |= uint64(w.Bit(msb-size+1+k)) << k
	}
	return v, true, false
}

func refWrite(buf []byte, v uint64, off, size int, e Endian) {
	lo, hi, msb, _, _ := refLayout(len(buf), off, size, e)
	w := refWord(buf, lo, hi, e)
	for k := 0; k < size; k++ {
		w.SetBit(w, msb-size+1+k, uint((v>>k)&1))
	}
	n := hi - lo + 1
	b := w.FillBytes(make([]byte, n)) // big-endian
	for i := 0; i < n; i++ {
		if e == LittleEndian {
			buf[lo+i] = b[n-1-i]
		} else {
			buf[lo+i] = b[i]
		}
	}
}

func signExtend(v uint64, size int) int64 {
	if size <= 1 {
		return int64(v)
	}
	s := uint(64 - size)
	return int64(v<<s) >> s
}

// TestBitFieldsEveryOffsetAndSize checks every offset 0..15 and size 1..64
// in both byte orders against the reference model, reading, writing (which
// must leave every other bit alone) and reading back; and with an 8-byte
// buffer, that accesses past the end are short-buffer errors.
func TestBitFieldsEveryOffsetAndSize(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, bufLen := range []int{16, 8} {
		for _, e := range []Endian{BigEndian, LittleEndian} {
			for off := 0; off < 16; off++ {
				for size := 1; size <= 64; size++ {
					buf := make([]byte, bufLen)
					for i := range buf {
						buf[i] = byte(rng.Uint32())
					}
					want, ok, short := refRead(buf, off, size, e)
					got, err := ReadUint(buf, off, size, e)
					switch {
					case short:
						if !errors.Is(err, ErrShortBuffer) {
							t.Fatalf("%v off %d size %d len %d: want short buffer error, got %v, %v", e, off, size, bufLen, got, err)
						}
						continue
					case !ok:
						if !errors.Is(err, ErrInvalid) {
							t.Fatalf("%v off %d size %d: want invalid error, got %v, %v", e, off, size, got, err)
						}
						continue
					case err != nil || got != want:
						t.Fatalf("%v off %d size %d: ReadUint = %#x, %v; want %#x", e, off, size, got, err, want)
					}
					if gi, err := ReadInt(buf, off, size, e); err != nil || gi != signExtend(want, size) {
						t.Fatalf("%v off %d size %d: ReadInt = %d, %v; want %d", e, off, size, gi, err, signExtend(want, size))
					}

					mask := ^uint64(0) >> (64 - size)
					v := rng.Uint64() & mask
					exp := append([]byte{}, buf...)
					refWrite(exp, v, off, size, e)
					got2 := append([]byte{}, buf...)
					if err := WriteUint(got2, v, off, size, e, OverflowError); err != nil {
						t.Fatalf("%v off %d size %d: WriteUint(%#x): %v", e, off, size, v, err)
					}
					if !bytes.Equal(got2, exp) {
						t.Fatalf("%v off %d size %d: WriteUint(%#x) = % x, want % x", e, off, size, v, got2, exp)
					}
					if back, _ := ReadUint(got2, off, size, e); back != v {
						t.Fatalf("%v off %d size %d: read back %#x, want %#x", e, off, size, back, v)
					}

					sv := signExtend(v, size)
					if size == 1 {
						sv = -int64(v) // a 1-bit INT is written as -1 or 0
					}
					got3 := append([]byte{}, buf...)
					if err := WriteInt(got3, sv, off, size, e, OverflowError); err != nil {
						t.Fatalf("%v off %d size %d: WriteInt(%d): %v", e, off, size, sv, err)
					}
					if !bytes.Equal(got3, exp) {
						t.Fatalf("%v off %d size %d: WriteInt(%d) = % x, want % x", e, off, size, sv, got3, exp)
					}
				}
			}
		}
	}
}
