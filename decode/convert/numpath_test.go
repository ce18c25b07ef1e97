package convert

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/c3kit/c3kit/internal/ruby"
)

// ReadNum gives the test packet's values through the numeric path, with
// the VM's mapping (ruby.Norm) of what is a number.
func (p *testPacket) ReadNum(name string, raw bool) (Num, bool) {
	mode := Converted
	if raw {
		mode = Raw
	}
	v, err := p.ReadItem(strings.ToUpper(name), mode)
	if err != nil {
		return Num{}, false
	}
	return numOf(v)
}

func numOf(v any) (Num, bool) {
	switch x := ruby.Norm(v).(type) {
	case int64:
		return ruby.IntNum(x), true
	case float64:
		return ruby.FloatNum(x), true
	}
	return Num{}, false
}

// sameValue compares two results exactly: the type, and floats bit for bit.
func sameValue(a, b any) bool {
	fa, aok := a.(float64)
	fb, bok := b.(float64)
	if aok || bok {
		return aok && bok && (math.Float64bits(fa) == math.Float64bits(fb) || math.IsNaN(fa) && math.IsNaN(fb))
	}
	return a == b
}

// checkNumPath runs body on the numeric path and on the VM for value v;
// where the numeric path answers, the two must agree exactly.
func checkNumPath(t *testing.T, c Conversion, body string, v any, p *testPacket) (answered bool) {
	t.Helper()
	nc, ok := AsNumConverter(c)
	if !ok {
		return false
	}
	x, has := numOf(v)
	n, ok := nc.ConvertNum(x, has, p)
	if !ok {
		return false
	}
	want, err := c.Convert(v, p)
	if err != nil {
		t.Errorf("%q with value %v: numeric path gave %v, the VM failed: %v", body, v, n.Any(), err)
		return true
	}
	if !sameValue(n.Any(), want) {
		t.Errorf("%q with value %v: numeric path gave %#v, the VM %#v", body, v, n.Any(), want)
	}
	return true
}

// TestNumPath: which bodies take the numeric path, and that its answers
// are the VM's, for both languages, across integer overflow, mixed
// integer and float operands, negative division and modulo, and values
// that are not numbers (where it must step aside).
func TestNumPath(t *testing.T) {
	cases := []struct {
		body    string
		lang    Language
		numeric bool
	}{
		{"value * 2", Ruby, true},
		{"value * 2", Python, true},
		{"packet.read('TEMP1') / 1_000_000", Python, true},
		{"packet.read('TEMP1') * 1_000_000", Python, true},
		{"(packet.read('TEMP1') + packet.read('TEMP2') + packet.read('TEMP3') + packet.read('TEMP4')) / 4.0", Ruby, true},
		{"packet.read('TEMP1', :RAW) / 3", Ruby, true},
		{"packet.read('TEMP1', 'RAW') // 3", Python, true},
		{"value / 7", Ruby, true},
		{"value / 7", Python, true},
		{"value % -3", Ruby, true},
		{"value % 0.75", Python, true},
		{"-value ** 2", Ruby, true},
		{"value ** -1", Ruby, true},
		{"value * 9223372036854775807", Ruby, true},
		{"value + 9223372036854775807", Ruby, true},
		{"value - 9223372036854775807 - 10", Ruby, true},
		{"value / 0", Ruby, true},
		{"value / 0", Python, true},
		{"value.to_f / 3", Ruby, true},
		{"float(value) / 3", Python, true},
		{"x = value * 2\ny = x + 1\ny * x", Ruby, true},
		{"value = value * 2\nvalue + 1", Ruby, true},
		{"x = value\nx = x + 1\nx", Ruby, true},
		{"return value * 3", Ruby, true},
		{"packet.read('BIG') + 1", Ruby, true},
		{"packet.read('MODE') * 2", Ruby, true},   // a state name: steps aside
		{"packet.read('NOSUCH') * 2", Ruby, true}, // an error: steps aside
		{"packet.read('TEMP1', :FORMATTED)", Ruby, false},
		{"value > 5 ? 'HIGH' : 'LOW'", Ruby, false},
		{"value.abs", Ruby, false},
		{"Math.sqrt(value)", Ruby, false},
		{"'%d' % value", Ruby, false},
		{"if value > 1\n 2\nelse\n 3\nend", Ruby, false},
	}
	values := []any{int64(3), int64(-7), int64(0), 2.5, -0.0, math.Inf(1), uint64(1 << 63), int64(math.MinInt64),
		int64(math.MaxInt64), "abc", nil, true}
	p := newTestPacket()
	p.raw["BIG"] = uint64(1<<64 - 1)
	for _, tc := range cases {
		c, err := GenericLang(tc.lang, tc.body, 0, 0, false)
		if err != nil {
			t.Fatalf("%q: %v", tc.body, err)
		}
		if _, ok := AsNumConverter(c); ok != tc.numeric {
			t.Errorf("%q (%s): numeric path %v, want %v", tc.body, tc.lang, ok, tc.numeric)
		}
		answered := 0
		for _, v := range values {
			if checkNumPath(t, c, tc.body, v, p) {
				answered++
			}
		}
		stepsAside := strings.Contains(tc.body, "MODE") || strings.Contains(tc.body, "NOSUCH") ||
			tc.body == "value / 0" && tc.lang == Python // ZeroDivisionError for every value
		if tc.numeric && answered == 0 && !stepsAside {
			t.Errorf("%q: the numeric path answered for no value", tc.body)
		}
	}
}

// TestNumPathAllocations: the numeric path allocates nothing.
func TestNumPathAllocations(t *testing.T) {
	if raceBuild {
		t.Skip("allocation counts are meaningless under -race")
	}
	c, err := GenericLang(Python, "(packet.read('TEMP1') + packet.read('TEMP2', :RAW)) / 4.0 * value", 0, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	nc, _ := AsNumConverter(c)
	p := numOnlyPacket{}
	if n := testing.AllocsPerRun(100, func() { nc.ConvertNum(ruby.IntNum(3), true, p) }); n != 0 {
		t.Errorf("%.1f allocations per run, want 0", n)
	}
}

type numOnlyPacket struct{}

func (numOnlyPacket) ReadNum(string, bool) (Num, bool) { return ruby.FloatNum(1.5), true }

func BenchmarkNumPath(b *testing.B) {
	p := newTestPacket()
	body := "(packet.read('TEMP1') + packet.read('TEMP2') + packet.read('TEMP3') + packet.read('TEMP4')) / 4.0"
	c, err := Generic(body, 0, 0, false)
	if err != nil {
		b.Fatal(err)
	}
	nc, _ := AsNumConverter(c)
	b.Run("numeric", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			nc.ConvertNum(Num{}, false, p)
		}
	})
	b.Run("vm", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkA, _ = c.Convert(nil, p)
		}
	})
}

// TestUnixTimeNumPath: the numeric path of unix_time_conversion gives the
// boxed conversion's time for integer, float and out-of-range inputs, and
// steps aside where the boxed one fails.
func TestUnixTimeNumPath(t *testing.T) {
	for _, sec := range []any{uint64(1700000000), int64(-5), 1700000000.25, 1e12, math.NaN(), "x", uint64(1 << 63)} {
		for _, usec := range []any{nil, uint64(123456), -2.5e6, 1e16, "y"} {
			p := newTestPacket()
			p.raw["S"], p.raw["U"] = sec, usec
			c := &UnixTime{SecondsItem: "S", SecondsMode: Raw, UsecMode: Raw}
			if usec != nil {
				c.UsecItem = "U"
			}
			got, ok := c.ConvertTime(p)
			want, err := c.Convert(nil, p)
			switch {
			case ok && err != nil:
				t.Errorf("Time.at(%v, %v): numeric path gave %v, the conversion failed: %v", sec, usec, got, err)
			case ok && !got.Equal(want.(time.Time)):
				t.Errorf("Time.at(%v, %v): numeric path gave %v, the conversion %v", sec, usec, got, want)
			case !ok && err == nil && isNumber(sec) && (usec == nil || isNumber(usec)):
				t.Errorf("Time.at(%v, %v): numeric path stepped aside, the conversion gave %v", sec, usec, want)
			}
		}
	}
}

func isNumber(v any) bool { _, ok := numOf(v); return ok }
