package accessor

import (
	"errors"
	"strings"
	"testing"
)

// cosmosData is the buffer COSMOS's own binary accessor tests use.
var cosmosData = []byte{0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x00, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F}

// TestCosmosIntegerExamples: the expected values of COSMOS's accessor test
// suite, including its little-endian bit-field cases.
func TestCosmosIntegerExamples(t *testing.T) {
	tests := []struct {
		off, size int
		e         Endian
		want      uint64
	}{
		{8, 1, BigEndian, 1},
		{9, 1, BigEndian, 0},
		{8, 7, BigEndian, 0x40},
		{3, 7, BigEndian, 0x02},
		{30, 13, BigEndian, 0x1C24},
		{1, 13, BigEndian, 0x20},
		{8, 37, BigEndian, 0x8182838485 >> 3},
		{67, 37, BigEndian, 0x00090A0B0C},
		{0, 16, BigEndian, 0x8081},
		{64, 32, BigEndian, 0x00090A0B},
		{8, 1, LittleEndian, 1},
		{9, 1, LittleEndian, 0},
		{8, 7, LittleEndian, 0x40},
		{15, 7, LittleEndian, 0x60},
		{30, 13, LittleEndian, 0x038281 >> 5},
		{9, 13, LittleEndian, 0x0180 >> 2},
		{40, 37, LittleEndian, 0x8584838281 >> 3},
		{123, 37, LittleEndian, 0x0F0E0D0C0B},
		{120, 63, LittleEndian, 0x0F0E0D0C0B0A0900 >> 1},
		{57, 63, LittleEndian, 0x0786858483828180},
		{0, 16, LittleEndian, 0x8180},
		{64, 32, LittleEndian, 0x0B0A0900},
		{0, 64, LittleEndian, 0x8786858483828180},
	}
	for _, tc := range tests {
		got, err := ReadUint(cosmosData, tc.off, tc.size, tc.e)
		if err != nil || got != tc.want {
			t.Errorf("ReadUint(%d, %d, %v) = %#x, %v; want %#x", tc.off, tc.size, tc.e, got, err, tc.want)
		}
		wantInt := signExtend(tc.want, tc.size)
		if gi, err := ReadInt(cosmosData, tc.off, tc.size, tc.e); err != nil || gi != wantInt {
			t.Errorf("ReadInt(%d, %d, %v) = %d, %v; want %d", tc.off, tc.size, tc.e, gi, err, wantInt)
		}
	}
}

func TestErrorsMatchCosmos(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		class error
		msg   string
	}{
		{"little endian field below byte 0", second(ReadUint(cosmosData, 3, 7, LittleEndian)), ErrInvalid,
			"LITTLE_ENDIAN bitfield with bit_offset 3 and bit_size 7 is invalid"},
		{"offset before start", second(ReadBytes(cosmosData, -(16*8 + 8), 32)), ErrShortBuffer,
			"16 byte buffer insufficient to read BLOCK at bit_offset -136 with bit_size 32"},
		{"negative offset and zero size", second(ReadString(cosmosData, -8, 0)), ErrInvalid,
			"negative or zero bit_sizes (0) cannot be given with negative bit_offsets (-8)"},
		{"negative size larger than buffer", second(ReadString(cosmosData, 0, -136)), ErrShortBuffer,
			"16 byte buffer insufficient to read STRING at bit_offset 0 with bit_size -136"},
		{"negative size for INT", second(ReadInt(cosmosData, 0, -8, BigEndian)), ErrInvalid,
			"bit_size -8 must be positive for data types other than STRING and BLOCK"},
		{"unaligned string", second(ReadString(cosmosData, 1, 32)), ErrInvalid,
			"bit_offset 1 is not byte aligned for data_type STRING"},
		{"read past end", second(ReadString(cosmosData, 8, 800)), ErrShortBuffer,
			"16 byte buffer insufficient to read STRING at bit_offset 8 with bit_size 800"},
		{"unaligned float", second(ReadFloat(cosmosData, 17, 32, BigEndian)), ErrInvalid,
			"bit_offset 17 is not byte aligned for data_type FLOAT"},
		{"float size", second(ReadFloat(cosmosData, 0, 33, BigEndian)), ErrInvalid,
			"bit_size is 33 but must be 32 or 64 for data_type FLOAT"},
		{"int past end", second(ReadInt(cosmosData, 120, 16, BigEndian)), ErrShortBuffer,
			"16 byte buffer insufficient to read INT at bit_offset 120 with bit_size 16"},
		{"too wide", second(ReadUint(cosmosData, 0, 65, BigEndian)), ErrInvalid,
			"bit_size 65 is too large for UINT (at most 64 bits are supported)"},
		{"unknown type", second(Read(cosmosData, 0, 8, TIME, BigEndian)), ErrInvalid,
			"data_type TIME is not recognized by the binary accessor"},
		{"CheckBounds", CheckBounds(16, 120, 16), ErrShortBuffer,
			"16 byte buffer insufficient to access bit_offset 120 with bit_size 16"},
	}
	for _, tc := range tests {
		if tc.err == nil || !errors.Is(tc.err, tc.class) || tc.err.Error() != tc.msg {
			t.Errorf("%s: got %v, want %q (class %v)", tc.name, tc.err, tc.msg, tc.class)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// TestStringsAndBlocks: COSMOS STRING semantics (stop at the first NUL),
// BLOCK returns everything, zero and negative sizes fill to the end, and
// negative offsets count from the end.
func TestStringsAndBlocks(t *testing.T) {
	data := []byte("\x40\x41\x42\x43\x44\x45\x46\x47\x00\x59\x5A\x5B\x5C\x5D\x5E\x5F")
	tests := []struct {
		name      string
		off, size int
		str       bool
		want      string
	}{
		{"string stops at NUL", 0, 128, true, "@ABCDEFG"},
		{"string from offset", 16, 112, true, "BCDEFG"},
		{"string starting at the NUL", 64, 64, true, ""},
		{"string after the NUL", 72, 56, true, "YZ[\\]^_"},
		{"string zero size", 0, 0, true, "@ABCDEFG"},
		{"string negative size", 0, -64, true, "@ABCDEFG"},
		{"string negative size before NUL", 0, -80, true, "@ABCDE"},
		{"string negative offset", -16, 16, true, "^_"},
		{"block keeps NUL", 56, 24, false, "G\x00Y"},
		{"block zero size", 64, 0, false, "\x00YZ[\\]^_"},
		{"block negative size", 0, -64, false, "@ABCDEFG"},
		{"block negative offset", -16, 16, false, "^_"},
		{"empty fill", 128, 0, false, ""},
		{"12-bit string takes 2 bytes", 0, 12, true, "@A"},
	}
	for _, tc := range tests {
		var got []byte
		var err error
		if tc.str {
			got, err = ReadString(data, tc.off, tc.size)
		} else {
			got, err = ReadBytes(data, tc.off, tc.size)
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
	// Results alias the buffer but cannot grow into it.
	b, _ := ReadBytes(data, 0, 16)
	b = append(b, 'X')
	if data[2] != 0x42 || len(b) != 3 {
		t.Errorf("append to ReadBytes result clobbered the buffer")
	}
}

func TestWriteBytes(t *testing.T) {
	base := "0123456789"
	tests := []struct {
		name      string
		v         string
		off, size int
		o         Overflow
		want      string
		err       string
	}{
		{"pad with zeros", "ab", 16, 32, OverflowError, "01ab\x00\x006789", ""},
		{"exact", "abcd", 16, 32, OverflowError, "01abcd6789", ""},
		{"too long", "abcde", 16, 32, OverflowError, "", "value of 5 bytes does not fit into 4 bytes for data_type BLOCK"},
		{"truncate", "abcde", 16, 32, OverflowTruncate, "01abcd6789", ""},
		{"fill to end: shrink", "ab", 16, 0, OverflowError, "01ab", ""},
		{"fill to end: grow", "abcdefghij", 16, 0, OverflowError, "01abcdefghij", ""},
		{"keep 2 trailing bytes: shrink", "ab", 16, -16, OverflowError, "01ab89", ""},
		{"keep 2 trailing bytes: grow", "abcdefghij", 16, -16, OverflowError, "01abcdefghij89", ""},
		{"keep trailing: empty value", "", 16, -16, OverflowError, "0189", ""},
		{"keep trailing: region was empty", "xyz", 64, -16, OverflowError, "01234567xyz89", ""},
		{"negative size, partial byte rounds out", "ab", 16, -4, OverflowError, "01ab9", ""},
		{"past end", "ab", 72, 32, OverflowError, "", "10 byte buffer insufficient to write BLOCK at bit_offset 72 with bit_size 32"},
		{"trailing bytes beyond buffer", "ab", 72, -16, OverflowError, "", "10 byte buffer insufficient to write BLOCK at bit_offset 72 with bit_size -16"},
		{"negative offset", "ab", -16, 16, OverflowError, "01234567ab", ""},
	}
	for _, tc := range tests {
		got, err := WriteBytes([]byte(base), []byte(tc.v), tc.off, tc.size, tc.o)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%s: err %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

func TestReadWriteFloats(t *testing.T) {
	tests := []struct {
		v    float64
		size int
		e    Endian
		hex  string
	}{
		{1.5, 32, BigEndian, "3fc00000"},
		{1.5, 32, LittleEndian, "0000c03f"},
		{-2.25, 64, BigEndian, "c002000000000000"},
		{-2.25, 64, LittleEndian, "00000000000002c0"},
		{posInf, 32, BigEndian, "7f800000"},
		{negInf, 64, BigEndian, "fff0000000000000"},
		{negZero, 32, BigEndian, "80000000"},
		{negZero, 64, LittleEndian, "0000000000000080"},
		{1e39, 32, BigEndian, "7f800000"}, // beyond float32: +Inf, as pack('g') does
	}
	for _, tc := range tests {
		buf := make([]byte, tc.size/8)
		if err := WriteFloat(buf, tc.v, 0, tc.size, tc.e); err != nil || hexs(buf) != tc.hex {
			t.Errorf("WriteFloat(%v, %d, %v) = %s, %v; want %s", tc.v, tc.size, tc.e, hexs(buf), err, tc.hex)
		}
		got, err := ReadFloat(buf, 0, tc.size, tc.e)
		want := tc.v
		if tc.size == 32 {
			want = float64(float32(tc.v))
		}
		if err != nil || got != want || signbit(got) != signbit(want) {
			t.Errorf("ReadFloat(%s) = %v, %v; want %v", tc.hex, got, err, want)
		}
	}
	// NaN survives both widths.
	for _, size := range []int{32, 64} {
		buf := make([]byte, 8)
		if err := WriteFloat(buf, nan, 0, size, BigEndian); err != nil {
			t.Fatal(err)
		}
		if got, _ := ReadFloat(buf, 0, size, BigEndian); got == got {
			t.Errorf("%d-bit NaN read back as %v", size, got)
		}
	}
	// Unaligned offsets and negative offsets.
	buf := make([]byte, 9)
	if err := WriteFloat(buf, 3, -64, 64, BigEndian); err != nil {
		t.Fatal(err)
	}
	if got, _ := ReadFloat(buf, 8, 64, BigEndian); got != 3 {
		t.Errorf("negative-offset float read %v", got)
	}
	if err := WriteFloat(buf, 3, 4, 32, BigEndian); !errors.Is(err, ErrInvalid) {
		t.Errorf("unaligned float write: %v", err)
	}
}

func TestNegativeOffsets(t *testing.T) {
	buf := append([]byte{}, cosmosData...)
	if v, err := ReadUint(buf, -16, 16, BigEndian); err != nil || v != 0x0E0F {
		t.Errorf("ReadUint(-16) = %#x, %v", v, err)
	}
	if v, err := ReadUint(buf, -4, 4, BigEndian); err != nil || v != 0xF {
		t.Errorf("ReadUint(-4, 4) = %#x, %v", v, err)
	}
	if v, err := ReadInt(buf, -128, 8, BigEndian); err != nil || v != -128 {
		t.Errorf("ReadInt(-128) = %d, %v", v, err)
	}
	if _, err := ReadUint(buf, -136, 8, BigEndian); !errors.Is(err, ErrShortBuffer) {
		t.Errorf("offset before start: %v", err)
	}
	if err := WriteUint(buf, 0xABCD, -16, 16, LittleEndian, OverflowError); err != nil || buf[14] != 0xCD || buf[15] != 0xAB {
		t.Errorf("WriteUint(-16) = % x, %v", buf[14:], err)
	}
}

func TestOverflow(t *testing.T) {
	type tc struct {
		v    any
		size int
		t    DataType
		o    Overflow
		want uint64 // bit pattern written
		err  string
	}
	tests := []tc{
		// ERROR: the item's own range.
		{int64(127), 8, INT, OverflowError, 0x7F, ""},
		{int64(-128), 8, INT, OverflowError, 0x80, ""},
		{int64(128), 8, INT, OverflowError, 0, "value of 128 invalid for 8-bit INT"},
		{int64(255), 8, INT, OverflowError, 0, "value of 255 invalid for 8-bit INT"},
		{int64(-129), 8, INT, OverflowError, 0, "value of -129 invalid for 8-bit INT"},
		{int64(-1), 8, UINT, OverflowError, 0, "value of -1 invalid for 8-bit UINT"},
		{int64(256), 8, UINT, OverflowError, 0, "value of 256 invalid for 8-bit UINT"},
		{int64(7), 3, UINT, OverflowError, 7, ""},
		{int64(8), 3, UINT, OverflowError, 0, "value of 8 invalid for 3-bit UINT"},
		{int64(3), 3, INT, OverflowError, 3, ""},
		{int64(-4), 3, INT, OverflowError, 4, ""},
		{int64(4), 3, INT, OverflowError, 0, "value of 4 invalid for 3-bit INT"},
		{int64(1), 1, INT, OverflowError, 1, ""}, // a 1-bit INT takes -1..1
		{int64(-1), 1, INT, OverflowError, 1, ""},
		{int64(2), 1, INT, OverflowError, 0, "value of 2 invalid for 1-bit INT"},
		{uint64(1 << 63), 64, INT, OverflowError, 0, "value of 9223372036854775808 invalid for 64-bit INT"},
		// ERROR_ALLOW_HEX: signed items also take the unsigned range.
		{int64(255), 8, INT, OverflowErrorAllowHex, 0xFF, ""},
		{int64(256), 8, INT, OverflowErrorAllowHex, 0, "value of 256 invalid for 8-bit INT"},
		{int64(-129), 8, INT, OverflowErrorAllowHex, 0, "value of -129 invalid for 8-bit INT"},
		{int64(7), 3, INT, OverflowErrorAllowHex, 7, ""},
		{uint64(1<<64 - 1), 64, INT, OverflowErrorAllowHex, 1<<64 - 1, ""},
		{int64(256), 8, UINT, OverflowErrorAllowHex, 0, "value of 256 invalid for 8-bit UINT"},
		{int64(-1), 16, UINT, OverflowErrorAllowHex, 0, "value of -1 invalid for 16-bit UINT"},
		// TRUNCATE: low bits, any value.
		{int64(0x1FF), 8, UINT, OverflowTruncate, 0xFF, ""},
		{int64(-1), 8, UINT, OverflowTruncate, 0xFF, ""},
		{int64(300), 8, INT, OverflowTruncate, 300 & 0xFF, ""},
		{int64(-300), 12, INT, OverflowTruncate, (1<<12 - 300) & 0xFFF, ""},
		// SATURATE: clamp.
		{int64(300), 8, INT, OverflowSaturate, 0x7F, ""},
		{int64(-300), 8, INT, OverflowSaturate, 0x80, ""},
		{int64(-5), 8, UINT, OverflowSaturate, 0, ""},
		{int64(70000), 16, UINT, OverflowSaturate, 0xFFFF, ""},
		{int64(20), 4, INT, OverflowSaturate, 7, ""},
		{int64(-20), 4, INT, OverflowSaturate, 8, ""},
		{uint64(1<<64 - 1), 64, INT, OverflowSaturate, 1<<63 - 1, ""},
		{1e30, 64, UINT, OverflowSaturate, 1<<64 - 1, ""},
		// Value conversions of Write.
		{3.9, 8, UINT, OverflowError, 3, ""},
		{-3.9, 8, INT, OverflowError, 0xFD, ""},
		{"0x1F", 8, UINT, OverflowError, 0x1F, ""},
		{"1_000", 16, UINT, OverflowError, 1000, ""},
		{"-7", 8, INT, OverflowError, 0xF9, ""},
		{"0xFFFFFFFFFFFFFFFF", 64, UINT, OverflowError, 1<<64 - 1, ""},
		{"2e3", 16, UINT, OverflowError, 2000, ""},
		{"abc", 16, UINT, OverflowError, 0, `invalid value for Integer(): "abc"`},
		{true, 8, UINT, OverflowError, 0, "cannot write bool as an integer"},
	}
	for _, c := range tests {
		buf := make([]byte, 8)
		_, err := Write(buf, c.v, 0, c.size, c.t, BigEndian, c.o)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("Write(%v, %d-bit %v, %v): err %v, want %q", c.v, c.size, c.t, c.o, err, c.err)
			}
			continue
		}
		got, _ := ReadUint(buf, 0, c.size, BigEndian)
		if err != nil || got != c.want {
			t.Errorf("Write(%v, %d-bit %v, %v) wrote %#x, %v; want %#x", c.v, c.size, c.t, c.o, got, err, c.want)
		}
	}
	// Out-of-range errors are ErrOverflow, so the caller can tell them apart.
	if err := WriteInt(make([]byte, 1), 128, 0, 8, BigEndian, OverflowError); !errors.Is(err, ErrOverflow) {
		t.Errorf("overflow class: %v", err)
	}
}

func TestGenericReadWrite(t *testing.T) {
	buf := make([]byte, 16)
	var err error
	for _, step := range []struct {
		v         any
		off, size int
		t         DataType
	}{
		{int64(-2), 0, 8, INT}, {uint64(65535), 8, 16, UINT}, {2.5, 24, 32, FLOAT},
		{"hi", 56, 32, STRING}, {[]byte{1, 2}, 88, 16, BLOCK}, {nil, 0, 0, DERIVED},
	} {
		if buf, err = Write(buf, step.v, step.off, step.size, step.t, BigEndian, OverflowError); err != nil {
			t.Fatalf("Write %v: %v", step.t, err)
		}
		got, err := Read(buf, step.off, step.size, step.t, BigEndian)
		if err != nil || hexs(got) != hexs(step.v) {
			t.Errorf("Read %v = %v (%T), %v; want %v", step.t, got, got, err, step.v)
		}
	}
	if _, err := Write(buf, 5, 0, 16, STRING, BigEndian, OverflowError); err == nil || !strings.Contains(err.Error(), "cannot write int to a STRING item") {
		t.Errorf("int to STRING: %v", err)
	}
}
