package accessor

import (
	"errors"
	"fmt"
	"testing"
)

func TestReadArray(t *testing.T) {
	data := cosmosData
	tests := []struct {
		name           string
		off, arr, item int
		t              DataType
		e              Endian
		want           string
		err            string
	}{
		{"given size", 0, 32, 8, UINT, LittleEndian, "[128 129 130 131]", ""},
		{"from offset", 32, 32, 8, UINT, BigEndian, "[132 133 134 135]", ""},
		{"INT bytes", 0, 16, 8, INT, BigEndian, "[-128 -127]", ""},
		{"zero size reads all", 64, 0, 16, UINT, BigEndian, "[9 2571 3085 3599]", ""},
		{"negative size excludes tail", 0, -96, 16, UINT, LittleEndian, "[33152 33666]", ""},
		{"offset equals negative size", 96, -32, 8, UINT, BigEndian, "[]", ""},
		{"offset past negative size", 112, -32, 8, UINT, BigEndian, "", "16 byte buffer insufficient to read UINT at bit_offset 112 with bit_size 8"},
		{"negative offset", -32, 32, 8, UINT, BigEndian, "[12 13 14 15]", ""},
		{"negative offset, zero size", -32, 0, 8, UINT, BigEndian, "", "negative or zero array_size (0) cannot be given with negative bit_offset (-32)"},
		{"not a multiple", 0, 10, 8, UINT, BigEndian, "", "array_size 10 not a multiple of bit_size 8"},
		{"non-positive item size", 0, 32, -8, UINT, BigEndian, "", "bit_size -8 must be positive for arrays"},
		{"too big", 0, 256, 256, BLOCK, BigEndian, "", "16 byte buffer insufficient to read BLOCK at bit_offset 0 with bit_size 256"},
		{"bit field array", 0, 12, 4, UINT, BigEndian, "[8 0 8]", ""},
		{"1-bit little endian", 0, 4, 1, UINT, LittleEndian, "[1 0 0 0]", ""},
		{"LE bit fields", 8, 12, 4, UINT, LittleEndian, "", "read_array does not support little endian bit fields with bit_size greater than 1-bit"},
		{"floats", 0, 64, 32, FLOAT, BigEndian, "[-1.1893598e-38 -3.1391694e-36]", ""},
		{"strings", 64, 32, 16, STRING, BigEndian, "[ \n\v]", ""},
		{"unaligned string", 1, 32, 32, STRING, BigEndian, "", "bit_offset 1 is not byte aligned for data_type STRING"},
		{"derived", 0, 0, 8, DERIVED, BigEndian, "[]", ""},
	}
	for _, tc := range tests {
		got, err := ReadArray(data, tc.off, tc.arr, tc.item, tc.t, tc.e)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%s: err %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		s := fmt.Sprint(got)
		if tc.t == FLOAT {
			s = "["
			for i, v := range got {
				if i > 0 {
					s += " "
				}
				s += fmt.Sprint(float32(v.(float64)))
			}
			s += "]"
		}
		if err != nil || s != tc.want {
			t.Errorf("%s: got %s, %v; want %s", tc.name, s, err, tc.want)
		}
	}
	if got, err := ReadArray(nil, 0, 32, 8, UINT, BigEndian); err != nil || len(got) != 0 {
		t.Errorf("empty buffer: %v, %v", got, err)
	}
}

func TestWriteArray(t *testing.T) {
	tests := []struct {
		name           string
		buf            string
		vals           []any
		off, arr, item int
		t              DataType
		want           string
		err            string
	}{
		{"fixed, fewer values zero-filled", "aabbccddee", []any{1, 2}, 8, 32, 8, UINT, "aa01020000", ""},
		{"fixed, too many", "aabbccddee", []any{1, 2, 3}, 8, 16, 8, UINT, "", "too many values 3 for given array_size 16 and bit_size 8"},
		{"fixed 16-bit", "00000000", []any{0x102, -1}, 0, 32, 16, INT, "0102ffff", ""},
		{"fill to end grows", "aabb", []any{1, 2, 3}, 8, 0, 8, UINT, "aa010203", ""},
		{"fill to end shrinks", "aabbccddee", []any{7}, 8, 0, 8, UINT, "aa07", ""},
		{"keep trailing byte, grow", "aabbee", []any{1, 2, 3}, 8, -8, 8, UINT, "aa010203ee", ""},
		{"keep trailing byte, shrink", "aabbccddee", []any{1}, 8, -8, 8, UINT, "aa01ee", ""},
		{"keep trailing, empty", "aabbccee", []any{}, 8, -8, 8, UINT, "aaee", ""},
		{"bit fields", "00", []any{1, 2, 3, 0}, 0, 8, 2, UINT, "6c", ""},
		{"overflow in element", "0000", []any{300}, 0, 8, 8, UINT, "", "value of 300 invalid for 8-bit UINT"},
		{"floats", "0000000000000000", []any{1.5, 2}, 0, 64, 32, FLOAT, "3fc0000040000000", ""},
		{"strings padded", "000000000000", []any{"ab", "c"}, 0, 48, 24, STRING, "616200630000", ""},
		{"past end", "0000", []any{1}, 0, 32, 8, UINT, "", "2 byte buffer insufficient to write UINT at bit_offset 0 with bit_size 8"},
	}
	for _, tc := range tests {
		buf := unhex(tc.buf)
		got, err := WriteArray(buf, tc.vals, tc.off, tc.arr, tc.item, tc.t, BigEndian, OverflowError)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%s: err %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || hexs(got) != tc.want {
			t.Errorf("%s: got %x, %v; want %s", tc.name, got, err, tc.want)
		}
	}
}

func TestVariableBitSize(t *testing.T) {
	for _, tc := range []struct {
		v    uint64
		len  int64
		bits int
	}{{0, 0, 6}, {63, 0, 6}, {64, 1, 14}, {16383, 1, 14}, {16384, 2, 30}, {1073741823, 2, 30}, {1073741824, 3, 62}} {
		if l, b := QuicLengthUint(tc.v); l != tc.len || b != tc.bits || QuicBitSize(l) != b {
			t.Errorf("QuicLengthUint(%d) = %d, %d", tc.v, l, b)
		}
	}
	for _, tc := range []struct {
		v    int64
		len  int64
		bits int
	}{{-32, 0, 6}, {31, 0, 6}, {32, 1, 14}, {-8193, 2, 30}, {536870912, 3, 62}} {
		if l, b := QuicLengthInt(tc.v); l != tc.len || b != tc.bits {
			t.Errorf("QuicLengthInt(%d) = %d, %d", tc.v, l, b)
		}
	}
	if QuicBitSize(7) != 62 {
		t.Errorf("QuicBitSize(7) should be 62 like COSMOS's read side")
	}
	if n := VariableBitSize(5, 8, 16); n != 56 {
		t.Errorf("VariableBitSize = %d", n)
	}
	if l, err := VariableLength(56, 8, 16); err != nil || l != 5 {
		t.Errorf("VariableLength = %d, %v", l, err)
	}
	if _, err := VariableLength(57, 8, 16); !errors.Is(err, ErrInvalid) {
		t.Errorf("VariableLength remainder: %v", err)
	}

	// A 2-bit QUIC length then the value: 6 -> 14 bits grows by a byte
	// inserted at the item, keeping what follows.
	buf := []byte{0x05, 0xEE}
	buf, err := ResizeInt(buf, 2, 6, 14)
	if err != nil || hexs(buf) != "0505ee" {
		t.Fatalf("ResizeInt grow = %x, %v", buf, err)
	}
	if err := WriteUint(buf, 1, 0, 2, BigEndian, OverflowError); err != nil {
		t.Fatal(err)
	}
	if err := WriteUint(buf, 1000, 2, 14, BigEndian, OverflowError); err != nil {
		t.Fatal(err)
	}
	if v, _ := ReadUint(buf, 2, QuicBitSize(1), BigEndian); v != 1000 || buf[2] != 0xEE {
		t.Errorf("after resize: %x", buf)
	}
	buf, err = ResizeInt(buf, 2, 14, 6)
	if err != nil || len(buf) != 2 || buf[1] != 0xEE {
		t.Errorf("ResizeInt shrink = %x, %v", buf, err)
	}
}

func unhex(s string) []byte {
	b := make([]byte, len(s)/2)
	fmt.Sscanf(s, "%x", &b)
	return b
}
