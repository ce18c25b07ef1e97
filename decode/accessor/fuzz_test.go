package accessor

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzReadWrite throws arbitrary buffers, offsets, sizes and types at every
// entry point: nothing may panic, every error must belong to one of the
// three classes, and a successful integer/float/bytes write must read back.
func FuzzReadWrite(f *testing.F) {
	f.Add([]byte{0x80, 0x81, 0x82, 0x83}, 3, 13, uint8(1), true, uint64(0x1234), uint8(0))
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9}, -64, 64, uint8(2), false, uint64(1<<63), uint8(1))
	f.Add([]byte("hello\x00world"), 8, -16, uint8(4), false, uint64(0), uint8(2))
	f.Add([]byte{}, 0, 0, uint8(5), true, uint64(7), uint8(3))
	f.Fuzz(func(t *testing.T, buf []byte, off, size int, typ uint8, little bool, v uint64, ov uint8) {
		e := BigEndian
		if little {
			e = LittleEndian
		}
		o := Overflow(ov % 4)
		dt := DataType(typ%11 + 1)
		check := func(what string, err error) {
			if err != nil && !errors.Is(err, ErrShortBuffer) && !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrOverflow) {
				t.Fatalf("%s: unclassified error %v", what, err)
			}
		}
		_, err := Read(buf, off, size, dt, e)
		check("Read", err)
		_, err = ReadArray(buf, off, size, int(typ%70), dt, e)
		check("ReadArray", err)
		check("CheckBounds", CheckBounds(len(buf), off, size))

		w := append([]byte{}, buf...)
		switch dt {
		case INT, UINT:
			err := WriteUint(w, v, off, size, e, o)
			check("WriteUint", err)
			if err == nil {
				mask := ^uint64(0) >> uint(64-size)
				got, rerr := ReadUint(w, off, size, e)
				want := v & mask
				if o == OverflowSaturate && v > mask {
					want = mask
				}
				if rerr != nil || got != want {
					t.Fatalf("WriteUint(%#x, %d, %d, %v, %v) read back %#x, %v", v, off, size, e, o, got, rerr)
				}
			}
			check("WriteInt", WriteInt(w, int64(v), off, size, e, o))
		case FLOAT:
			err := WriteFloat(w, float64(int64(v)), off, size, e)
			check("WriteFloat", err)
			if err == nil {
				got, rerr := ReadFloat(w, off, size, e)
				want := float64(int64(v))
				if size == 32 {
					want = float64(float32(want))
				}
				if rerr != nil || got != want {
					t.Fatalf("WriteFloat read back %v, %v; want %v", got, rerr, want)
				}
			}
		case STRING, BLOCK:
			val := buf[:min(len(buf), int(v%16))]
			w2, err := WriteBytes(w, val, off, size, o)
			check("WriteBytes", err)
			if err == nil && size <= 0 && size%8 == 0 && len(w2) > 0 { // COSMOS rounds partial bytes differently on the two sides
				got, rerr := ReadBytes(w2, off, size)
				if rerr != nil || !bytes.Equal(got, val) {
					t.Fatalf("WriteBytes(%q, %d, %d) read back %q, %v", val, off, size, got, rerr)
				}
			}
		}
		vals := []any{int64(v), v >> 1, 0}
		_, err = WriteArray(append([]byte{}, buf...), vals, off, size, int(typ%70), dt, e, o)
		check("WriteArray", err)
	})
}
