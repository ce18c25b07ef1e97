package engine

import (
	"math"
	"testing"
)

func TestPrintf(t *testing.T) {
	cases := []struct {
		format string
		v      Value
		want   string
	}{
		{"0x%0X", IntVal(171), "0xAB"},
		{"0x%04X", UintVal(0xbeef), "0xBEEF"},
		{"0x%016X", UintVal(math.MaxUint64), "0xFFFFFFFFFFFFFFFF"},
		{"0x%08x", IntVal(0x1000), "0x00001000"},
		{"%d", IntVal(-5), "-5"},
		{"%i", IntVal(7), "7"},
		{"%u", UintVal(7), "7"},
		{"%5d|", IntVal(42), "   42|"},
		{"%-5d|", IntVal(42), "42   |"},
		{"%+d", IntVal(3), "+3"},
		{"%d", FloatVal(2.9), "2"},
		{"%d", FloatVal(-2.9), "-2"},
		{"%o", IntVal(8), "10"},
		{"%b", IntVal(5), "101"},
		{"%0.3f", FloatVal(24.99815), "24.998"},
		{"%.2f C", FloatVal(1), "1.00 C"},
		{"%f", IntVal(1), "1.000000"},
		{"%10.4f|", FloatVal(math.Pi), "    3.1416|"},
		{"%.6e", FloatVal(6.02214076e23), "6.022141e+23"},
		{"%E", FloatVal(1234.5), "1.234500E+03"},
		{"%g", FloatVal(0.0001), "0.0001"},
		{"%g", FloatVal(1e-5), "1e-05"},
		{"%G", FloatVal(1e20), "1E+20"},
		{"%s", FloatVal(1.5), "1.5"},
		{"%s", NameVal("ON"), "ON"},
		{"[%s]", StringVal("abc"), "[abc]"},
		{"%c", IntVal(65), "A"},
		{"100%%", IntVal(1), "100%"},
		{"%ld", IntVal(12), "12"},
		{"%f", FloatVal(math.NaN()), "NaN"},
		{"%f", FloatVal(math.Inf(-1)), "-Infinity"},
		{"%d", StringVal("0x10"), "16"},
	}
	for _, c := range cases {
		got, err := appendPrintf(nil, c.format, &c.v)
		if err != nil || string(got) != c.want {
			t.Errorf("%q %v: got %q, %v; want %q", c.format, c.v, got, err, c.want)
		}
	}
	for _, bad := range []struct {
		format string
		v      Value
	}{{"%d %d", IntVal(1)}, {"%", IntVal(1)}, {"%q", IntVal(1)}, {"%d", StringVal("x")}, {"%f", Value{K: Array}}} {
		if got, err := appendPrintf(nil, bad.format, &bad.v); err == nil {
			t.Errorf("%q: no error, got %q", bad.format, got)
		}
	}
}

func TestRubyFloat(t *testing.T) {
	for f, want := range map[float64]string{
		0: "0.0", 1: "1.0", -2.5: "-2.5", 1e15: "1000000000000000.0", 1e16: "1.0e+16",
		0.0001: "0.0001", 0.00001: "1.0e-05", 1.5e300: "1.5e+300", 123.456: "123.456",
		math.Inf(1): "Infinity", math.Copysign(0, -1): "-0.0",
	} {
		if got := rubyFloat(f); got != want {
			t.Errorf("rubyFloat(%v) = %q, want %q", f, got, want)
		}
	}
}

func TestLimits(t *testing.T) {
	lc := &limitsCheck{}
	lc.l.RedLow, lc.l.YellowLow, lc.l.YellowHigh, lc.l.RedHigh = -80, -70, 60, 80
	for v, want := range map[float64]LimitsState{-90: RedLow, -80: RedLow, -75: YellowLow, -70: YellowLow, 0: Green, 60: YellowHigh, 79: YellowHigh, 80: RedHigh} {
		if got := lc.classify(v); got != want {
			t.Errorf("classify(%v) = %v, want %v", v, got, want)
		}
	}
	lc.l.HasGreen, lc.l.GreenLow, lc.l.GreenHigh = true, -20, 20
	for v, want := range map[float64]LimitsState{0: Blue, -20: GreenLow, -30: GreenLow, 20: GreenHigh, 30: GreenHigh} {
		if got := lc.classify(v); got != want {
			t.Errorf("classify(%v) with green = %v, want %v", v, got, want)
		}
	}
	// Persistence 3: the state changes on the third sample in a row.
	var tr limitsTracker
	seq := []LimitsState{RedHigh, RedHigh, RedHigh, Green, RedHigh, Green, Green, Green}
	want := []LimitsState{LimitsNone, LimitsNone, RedHigh, RedHigh, RedHigh, RedHigh, RedHigh, Green}
	for i, s := range seq {
		if got := tr.update(s, 3); got != want[i] {
			t.Errorf("sample %d (%v): state %v, want %v", i, s, got, want[i])
		}
	}
}
