package jsonform

import (
	"math"
	"strconv"
	"testing"
)

// One float format for JSON everywhere (issue 8, item 7): shortest
// round-trip digits, fixed for 1e-4 <= |f| < 1e16, exponent outside, as
// Ruby's Float#to_s (and so COSMOS's JSON) bounds them.
func TestAppendFloat(t *testing.T) {
	tests := []struct {
		f    float64
		bits int
		want string
	}{
		{2.500120000000001e-05, 64, "2.500120000000001e-05"}, // was 0.00002500120000000001
		{0.0000250012, 64, "2.50012e-05"},
		{0.0001, 64, "0.0001"},
		{0.00009999, 64, "9.999e-05"},
		{1795250501.152144, 64, "1795250501.152144"},
		{9999999999999998, 64, "9999999999999998"},
		{1e16, 64, "1e+16"},
		{1.5e300, 64, "1.5e+300"},
		{-2.5e-7, 64, "-2.5e-07"},
		{12.5, 64, "12.5"},
		{5, 64, "5"},
		{0, 64, "0"},
		{math.Copysign(0, -1), 64, "-0"},
		{float64(float32(0.1)), 32, "0.1"},
		{float64(float32(1e-5)), 32, "1e-05"},
		{math.NaN(), 64, `"NaN"`},
		{math.Inf(1), 64, `"Infinity"`},
		{math.Inf(-1), 64, `"-Infinity"`},
	}
	for _, tt := range tests {
		got := string(AppendFloat(nil, tt.f, tt.bits))
		if got != tt.want {
			t.Errorf("%v (%d bits): got %s, want %s", tt.f, tt.bits, got, tt.want)
		}
		if tt.want[0] != '"' {
			back, err := strconv.ParseFloat(got, tt.bits)
			if err != nil || back != tt.f {
				t.Errorf("%s does not read back as %v", got, tt.f)
			}
		}
	}
}

// referenceFloat is AppendFloat without its integer fast path.
func referenceFloat(f float64, bits int) string {
	if a := math.Abs(f); a == 0 || a >= 1e-4 && a < 1e16 {
		return strconv.FormatFloat(f, 'f', -1, bits)
	}
	return strconv.FormatFloat(f, 'e', -1, bits)
}

// TestAppendFloatIntegers: the integer fast path prints the very digits
// of the shortest-digit search, at and around its bounds and for float32.
func TestAppendFloatIntegers(t *testing.T) {
	var vals []float64
	for _, base := range []float64{1, 2, 10, 99, 100, 1 << 24, 1 << 31, 1 << 52, 1 << 53, 1e15, 9999999999999998} {
		for d := -3.0; d <= 3; d++ {
			vals = append(vals, base+d, -(base + d), base+d+0.5)
		}
	}
	for i := 0; i < 20000; i++ {
		vals = append(vals, float64(int64(i*i*7919)), math.Ldexp(float64(i), i%60))
	}
	for _, v := range vals {
		for _, bits := range []int{32, 64} {
			f := v
			if bits == 32 {
				f = float64(float32(v))
			}
			if got, want := string(AppendFloat(nil, f, bits)), referenceFloat(f, bits); got != want {
				t.Fatalf("%v (%d bits): got %s, want %s", f, bits, got, want)
			}
		}
	}
}
