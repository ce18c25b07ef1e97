package convert

import (
	"errors"
	"fmt"
	"github.com/c3kit/c3kit/internal/ruby"
	"math"
	"testing"
	"time"

	"github.com/c3kit/c3kit/decode/accessor"
)

// TestNamedConversions: every built-in conversion, by Ruby file, Python
// module path and class name, with the documentation's examples.
func TestNamedConversions(t *testing.T) {
	p := newTestPacket()
	tests := []struct {
		names  []string
		params []string
		value  any
		want   string
		typ    accessor.DataType
		bits   int
		str    string
	}{
		{[]string{"polynomial_conversion.rb", "openc3/conversions/polynomial_conversion.py", "PolynomialConversion"},
			[]string{"10", "0.5", "0.25"}, int64(4), "float:16.0", accessor.FLOAT, 64, "10.0 + 0.5x + 0.25x^2"},
		{[]string{"segmented_polynomial_conversion.rb", "openc3/conversions/segmented_polynomial_conversion.py", "SegmentedPolynomialConversion"},
			[]string{"0", "10", "0.5", "0.25"}, int64(2), "float:12.0", accessor.FLOAT, 64, "Lower Bound: 0.0 Polynomial: 10.0 + 0.5x + 0.25x^2"},
		{[]string{"bit_reverse_conversion.rb", "openc3/conversions/bit_reverse_conversion.py", "BitReverseConversion"},
			[]string{"UINT", "8"}, uint64(0x01), "uint64:128", accessor.UINT, 8, "BitReverseConversion.new(:UINT, 8)"},
		{[]string{"bit_reverse_conversion.rb"}, []string{"INT", "16"}, int64(-2), "int:32767", accessor.INT, 16, "BitReverseConversion.new(:INT, 16)"},
		{[]string{"ip_read_conversion.rb", "openc3/conversions/ip_read_conversion.py", "IpReadConversion"},
			nil, uint64(0xFFFF8000), `"255.255.128.0"`, accessor.STRING, 120, "IpReadConversion.new"},
		{[]string{"ip_write_conversion.rb", "openc3/conversions/ip_write_conversion.py", "IpWriteConversion"},
			nil, "255.255.128.0", "uint64:4294934528", accessor.UINT, 32, "IpWriteConversion.new"},
		{[]string{"object_read_conversion.rb", "openc3/conversions/object_read_conversion.py", "ObjectReadConversion"},
			[]string{"CMD", "INST", "COLLECT"}, []byte{1, 2, 3}, "map[string]interface {}:map[DURATION:1 LEN:3 TYPE:NORMAL]", accessor.OBJECT, 0, "ObjectReadConversion CMD INST COLLECT"},
		{[]string{"object_write_conversion.rb", "ObjectWriteConversion"},
			[]string{"CMD", "INST", "COLLECT"}, map[string]any{"A": 7}, "[]uint8:[55]", accessor.BLOCK, 0, "ObjectWriteConversion CMD INST COLLECT"},
		{[]string{"packet_time_formatted_conversion.rb", "openc3/conversions/packet_time_formatted_conversion.py", "PacketTimeFormattedConversion"},
			nil, nil, `"2020/01/02 03:04:05.678"`, accessor.STRING, 0, "PacketTimeFormattedConversion"},
		{[]string{"packet_time_seconds_conversion.rb", "PacketTimeSecondsConversion"},
			nil, nil, "float:1577934245.6789", accessor.FLOAT, 64, "PacketTimeSecondsConversion"},
		{[]string{"received_time_formatted_conversion.rb", "openc3/conversions/received_time_formatted_conversion.py"},
			nil, nil, `"2026/11/21 08:41:41.152"`, accessor.STRING, 0, "ReceivedTimeFormattedConversion"},
		{[]string{"received_time_seconds_conversion.rb", "ReceivedTimeSecondsConversion"},
			nil, nil, "float:1795250501.152145", accessor.FLOAT, 64, "ReceivedTimeSecondsConversion"},
		{[]string{"received_count_conversion.rb", "openc3/conversions/received_count_conversion.py", "ReceivedCountConversion"},
			nil, nil, "uint64:42", accessor.UINT, 32, "ReceivedCountConversion"},
		{[]string{"unix_time_conversion.rb", "openc3/conversions/unix_time_conversion.py", "UnixTimeConversion"},
			[]string{"TIMESEC", "TIMEUS"}, nil, "time.Time:2023-11-14 22:13:20.123456 +0000 UTC", accessor.TIME, 0,
			"Time.at(packet.read('TIMESEC', :RAW, buffer), packet.read('TIMEUS', :RAW, buffer)).sys"},
		{[]string{"unix_time_formatted_conversion.rb", "openc3/conversions/unix_time_formatted_conversion.py", "UnixTimeFormattedConversion"},
			[]string{"TIMESEC", "TIMEUS"}, nil, `"2023/11/14 22:13:20.123"`, accessor.STRING, 0,
			"Time.at(packet.read('TIMESEC', :RAW, buffer), packet.read('TIMEUS', :RAW, buffer)).sys.formatted"},
		{[]string{"unix_time_seconds_conversion.rb", "openc3/conversions/unix_time_seconds_conversion.py", "UnixTimeSecondsConversion"},
			[]string{"TIMESEC", "TIMEUS", "RAW", "RAW"}, nil, "float:1700000000.123456", accessor.FLOAT, 64,
			"Time.at(packet.read('TIMESEC', :RAW, buffer), packet.read('TIMEUS', :RAW, buffer)).sys.to_f"},
		{[]string{"unix_time_formatted_conversion.py"}, []string{"TIMESEC"}, nil, `"2023/11/14 22:13:20.000"`, accessor.STRING, 0,
			"Time.at(packet.read('TIMESEC', :RAW, buffer), 0).sys.formatted"},
		{[]string{"unix_time_seconds_conversion.rb"}, []string{"FSEC", "nil", "CONVERTED"}, nil, "float:1700000000.5", accessor.FLOAT, 64,
			"Time.at(packet.read('FSEC', :CONVERTED, buffer), 0).sys.to_f"},
		{[]string{"generic_conversion.rb"}, []string{"value * 3", "UINT", "16"}, int64(3), "int:9", accessor.UINT, 16, "value * 3"},
	}
	for _, tc := range tests {
		for _, name := range tc.names {
			c, err := Named(name, tc.params)
			if err != nil {
				t.Errorf("Named(%q, %q): %v", name, tc.params, err)
				continue
			}
			got, err := c.Convert(tc.value, p)
			if err != nil {
				t.Errorf("%s.Convert(%v): %v", name, tc.value, err)
				continue
			}
			if s := show(got); s != tc.want {
				t.Errorf("%s.Convert(%v) = %s, want %s", name, tc.value, s, tc.want)
			}
			if c.ConvertedType() != tc.typ || c.ConvertedBitSize() != tc.bits || c.String() != tc.str {
				t.Errorf("%s: type %v/%d %q, want %v/%d %q", name, c.ConvertedType(), c.ConvertedBitSize(), c.String(), tc.typ, tc.bits, tc.str)
			}
		}
	}
}

func TestNamedErrors(t *testing.T) {
	tests := []struct {
		name   string
		params []string
		class  error
		msg    string
	}{
		{"double_conversion.py", nil, ErrUnknownConversion, `conversion "double_conversion.py" is not a COSMOS built-in conversion; custom Ruby/Python conversion classes cannot run outside COSMOS`},
		{"polynomial_conversion.rb", nil, ErrBadParams, "polynomial_conversion: needs at least one coefficient"},
		{"polynomial_conversion.rb", []string{"1", "x"}, ErrBadParams, `polynomial_conversion: invalid number "x"`},
		{"bit_reverse_conversion.rb", nil, ErrBadParams, "bit_reverse_conversion: needs the converted type and bit size"},
		{"bit_reverse_conversion.rb", []string{"FLOAT", "32"}, ErrBadParams, "Float Bit Reverse Not Yet Supported"},
		{"ip_read_conversion.rb", []string{"1"}, ErrBadParams, "ip_read_conversion: takes no parameters, got 1"},
		{"object_read_conversion.rb", []string{"XYZ", "INST", "COLLECT"}, ErrBadParams, `object_read_conversion: first parameter "XYZ" must be CMD or TLM`},
		{"unix_time_conversion.rb", nil, ErrBadParams, "unix_time_conversion: takes a seconds item and optionally a microseconds item and their RAW/CONVERTED types"},
		{"unix_time_conversion.rb", []string{"A", "B", "FORMATTED"}, ErrBadParams, `unix_time_conversion: value type "FORMATTED" must be RAW or CONVERTED`},
		{"processor_conversion.rb", []string{"X"}, ErrBadParams, "processor_conversion: takes a processor name, a result name and optionally type, bit size, array size"},
	}
	for _, tc := range tests {
		_, err := Named(tc.name, tc.params)
		if err == nil || !errors.Is(err, tc.class) || err.Error() != tc.msg {
			t.Errorf("Named(%q, %q): %v, want %q", tc.name, tc.params, err, tc.msg)
		}
	}
}

func TestNamedItemAndUnavailable(t *testing.T) {
	// bit_reverse_conversion without parameters takes the item's type and size.
	c, err := NamedItem("bit_reverse_conversion.rb", nil, accessor.UINT, 16)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Convert(uint64(1), nil); v != uint64(0x8000) {
		t.Errorf("bit reverse 16: %v", v)
	}
	// Processors only exist inside COSMOS.
	c, err = Named("openc3/conversions/processor_conversion.py", []string{"CURRENTWATER", "HIGH_WATER", "FLOAT", "64"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Convert(nil, newTestPacket()); !errors.Is(err, ErrUnavailable) ||
		err.Error() != "processor CURRENTWATER result HIGH_WATER is not available outside COSMOS" {
		t.Errorf("processor: %v", err)
	}
	if c.ConvertedType() != accessor.FLOAT || c.ConvertedBitSize() != 64 || c.String() != "ProcessorConversion CURRENTWATER HIGH_WATER" {
		t.Errorf("processor description: %v %d %q", c.ConvertedType(), c.ConvertedBitSize(), c)
	}
	// OBJECT_READ needs a packet that can decode other packets.
	c, _ = Named("object_read_conversion.rb", []string{"TLM", "INST", "HS"})
	if _, err := c.Convert([]byte{1}, plainPacket{}); !errors.Is(err, ErrUnavailable) {
		t.Errorf("object read without codec: %v", err)
	}
	// No times: COSMOS's placeholders.
	for name, want := range map[string]any{
		"packet_time_formatted_conversion.rb":   "No Packet Time",
		"received_time_formatted_conversion.rb": "No Packet Received Time",
		"packet_time_seconds_conversion.rb":     0.0,
		"received_time_seconds_conversion.rb":   0.0,
	} {
		c, _ := Named(name, nil)
		if v, err := c.Convert(nil, plainPacket{}); err != nil || v != want {
			t.Errorf("%s without times = %v, %v; want %v", name, v, err, want)
		}
	}
}

type plainPacket struct{}

func (plainPacket) ReadItem(string, Mode) (any, error) { return nil, fmt.Errorf("none") }
func (plainPacket) ReceivedTime() (time.Time, bool)    { return time.Time{}, false }
func (plainPacket) PacketTime() (time.Time, bool)      { return time.Time{}, false }
func (plainPacket) ReceivedCount() uint64              { return 0 }
func (plainPacket) Buffer() []byte                     { return nil }

func TestConversionKey(t *testing.T) {
	for in, want := range map[string]string{
		"unix_time_conversion.rb":                    "unix_time_conversion",
		"openc3/conversions/unix_time_conversion.py": "unix_time_conversion",
		"UnixTimeConversion":                         "unix_time_conversion",
		"OpenC3::UnixTimeConversion":                 "unix_time_conversion",
		"openc3.conversions.unix_time_conversion":    "unix_time_conversion",
		"IpReadConversion":                           "ip_read_conversion",
		`C:\targets\lib\Polynomial_Conversion.rb`:    "polynomial_conversion",
	} {
		if got := conversionKey(in); got != want {
			t.Errorf("conversionKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPolynomials: the documentation's examples and COSMOS's to_s.
func TestPolynomials(t *testing.T) {
	p := Poly([]float64{10, 0.5, 0.25})
	for x, want := range map[float64]float64{0: 10, 1: 10.75, 2: 12, -4: 12} {
		if got := p.ConvertFloat(x); got != want {
			t.Errorf("poly(%v) = %v, want %v", x, got, want)
		}
	}
	if p.String() != "10.0 + 0.5x + 0.25x^2" {
		t.Errorf("poly string %q", p)
	}
	// TEMP1 of the demo target: -100 + 0.00305x.
	if got := Poly([]float64{-100, 0.00305}).ConvertFloat(32786); math.Abs(got-0.0) > 1e-2 {
		t.Errorf("TEMP poly = %v", got)
	}
	s := SegPoly(Segment{0, []float64{10, 0.5, 0.25}}, Segment{100, []float64{12, 0.5, 0.3}})
	s.AddSegment(50, 11, 0.5, 0.275)
	for x, want := range map[float64]float64{
		10: 10 + 5 + 25, 49: 10 + 24.5 + 0.25*49*49, 50: 11 + 25 + 0.275*2500,
		100: 12 + 50 + 3000, -5: 10 - 2.5 + 6.25, // below every bound: the lowest segment
	} {
		if got := s.ConvertFloat(x); math.Abs(got-want) > 1e-9 {
			t.Errorf("segpoly(%v) = %v, want %v", x, got, want)
		}
	}
	wantStr := "Lower Bound: 100.0 Polynomial: 12.0 + 0.5x + 0.3x^2\nLower Bound: 50.0 Polynomial: 11.0 + 0.5x + 0.275x^2\nLower Bound: 0.0 Polynomial: 10.0 + 0.5x + 0.25x^2"
	if s.String() != wantStr {
		t.Errorf("segpoly string:\n%s", s)
	}
	if _, err := p.Convert("abc", nil); !errors.Is(err, ErrConvert) {
		t.Errorf("poly of a string: %v", err)
	}
	var _ FloatConverter = p
	var _ FloatConverter = s
}

func TestRubyFloat(t *testing.T) {
	for f, want := range map[float64]string{
		10: "10.0", 0.5: "0.5", 0.00305: "0.00305", 1e-5: "1.0e-05", 1e16: "1.0e+16", 123456789012345.0: "123456789012345.0",
		-2.5: "-2.5", 1.5e300: "1.5e+300", math.Inf(1): "Infinity",
	} {
		if got := ruby.RubyFloat(f); got != want {
			t.Errorf("ruby.RubyFloat(%v) = %q, want %q", f, got, want)
		}
	}
	for f, want := range map[float64]string{10: "10.0", 1e-5: "1e-05", 1e16: "1e+16", 0.1: "0.1"} {
		if got := ruby.PythonFloat(f); got != want {
			t.Errorf("ruby.PythonFloat(%v) = %q, want %q", f, got, want)
		}
	}
}
