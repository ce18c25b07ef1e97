package convert

import (
	"errors"
	"fmt"
	"github.com/c3kit/c3kit/internal/ruby"
	"math"
	"strings"
	"testing"
)

func show(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case float64:
		return "float:" + ruby.RubyFloat(x)
	case int64:
		return fmt.Sprintf("int:%d", x)
	}
	return fmt.Sprintf("%T:%v", v, v)
}

// TestGenericBodies: real-world style bodies in Ruby and Python, with the
// value each language gives.
func TestGenericBodies(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		value any
		want  string
		lang  Language // detected language
	}{
		// From the COSMOS documentation.
		{"doc ruby scale", "(value * 1.5).to_i # Convert the value by a scale factor", uint64(7), "int:10", Ruby},
		{"doc python scale", "int(value * 1.5) # Convert the value by a scale factor", uint64(7), "int:10", Python},
		{"doc read divide", "packet.read('TEMP1') / 1_000_000", nil, "float:1.05e-05", Ruby},
		{"doc value * 2", "value * 2", uint64(21), "int:42", Ruby},
		{"doc average", "(packet.read('TEMP1') + packet.read('TEMP2') + packet.read('TEMP3') + packet.read('TEMP4')) / 4.0", nil, "float:25.5", Ruby},
		{"doc ccsds seconds", "((packet.read('ccsdsday') * 86400.0) + (packet.read('ccsdsmsod') / 1000.0) + (packet.read('ccsdsusoms') / 1000000.0)  )", nil, "float:2073603723.004005", Ruby},
		{"doc ccsds formatted", "time = Time.ccsds2mdy(packet.read('ccsdsday'), packet.read('ccsdsmsod'), packet.read('ccsdsusoms'))\nsprintf('%04u/%02u/%02u %02u:%02u:%02u.%06u', time[0], time[1], time[2], time[3], time[4], time[5], time[6])", nil, `"2023/09/17 01:02:03.004005"`, Ruby},
		{"doc split join", "value.split.join('+')", "openc3 cosmos", `"openc3+cosmos"`, Ruby},
		// Integer vs float division.
		{"ruby int division floors", "value / 2", int64(-7), "int:-4", Ruby},
		{"python true division", "return int(value) / 2", int64(-7), "float:-3.5", Python},
		{"ambiguous division is Ruby", "return value / 2", int64(-7), "int:-4", Ruby},
		{"python floor division", "value // 2", int64(-7), "int:-4", Python},
		{"ruby modulo", "value % 3", int64(-7), "int:2", Ruby},
		{"ruby to_f division", "value.to_f / 2", int64(7), "float:3.5", Ruby},
		{"raw read", "packet.read('TEMP1', :RAW) / 3", nil, "int:333", Ruby},
		{"raw read python", "float(packet.read('TEMP1', 'RAW')) / 4", nil, "float:250.0", Python},
		// Conditionals.
		{"ruby ternary", "value > 5 ? 'HIGH' : 'LOW'", int64(9), `"HIGH"`, Ruby},
		{"python conditional", "'HIGH' if value > 5 else 'LOW'", int64(3), `"LOW"`, Python},
		{"ruby if block", "if value > 100\n  'HIGH'\nelsif value > 50\n  'MED'\nelse\n  'LOW'\nend", int64(70), `"MED"`, Ruby},
		{"python if block", "if value > 100:\n    return 'HIGH'\nelif value > 50:\n    return 'MED'\nreturn 'LOW'", int64(20), `"LOW"`, Python},
		{"python inline if", "if value == 0: return 'OFF'\nreturn 'ON'", int64(0), `"OFF"`, Python},
		{"ruby modifier", "return 'NEG' if value < 0\n'POS'", int64(-1), `"NEG"`, Ruby},
		{"ruby unless", "unless value.zero?\n  100 / value\nelse\n  0\nend", int64(0), "int:0", Ruby},
		{"ruby if without else is nil", "if value > 5\n 1\nend", int64(2), "<nil>:<nil>", Ruby},
		{"ruby 0 is truthy", "value ? 'yes' : 'no'", int64(0), `"yes"`, Ruby},
		{"python 0 is falsy", "'yes' if value else 'no'", int64(0), `"no"`, Python},
		{"and or", "value > 1 && value < 10 || value == 100", int64(100), "bool:true", Ruby},
		{"python and or not", "not (value > 1 and value < 10)", int64(5), "bool:false", Python},
		{"python chained compare", "1 < value < 10", int64(5), "bool:true", Python},
		// Variables and multi-line bodies.
		{"ruby multi-line", "a = packet.read('TEMP1')\nb = packet.read('TEMP2')\n(a + b) / 2", nil, "float:15.5", Ruby},
		{"multi-line with return", "a = packet.read('TEMP1', 'RAW')\nb = a * 2\nreturn b + 1", nil, "int:2001", Ruby},
		{"reassignment", "x = value\nx = x * 2\nx += 1\nx", int64(5), "int:11", Ruby},
		{"if in the middle", "x = value\nif x > 5\n  x = 5\nend\nx * 2", int64(9), "int:10", Ruby},
		{"python if in the middle", "x = value\nif x > 5:\n    x = 5\nreturn x * 2", int64(3), "int:6", Python},
		// Rounding and conversions.
		{"ruby round half away", "value.round", 2.5, "int:3", Ruby},
		{"python round half even", "round(value)", 2.5, "int:2", Python},
		{"ruby round digits", "value.round(2)", 2.675, "float:2.68", Ruby},
		{"python round digits", "round(value, 2)", 2.675, "float:2.67", Python},
		{"abs", "value.abs", int64(-4), "int:4", Ruby},
		{"python abs float", "abs(value) * 1.0", int64(-4), "float:4.0", Python},
		{"float()", "float(value) / 3", int64(1), "float:0.3333333333333333", Python},
		{"to_s", "value.to_s + ' C'", 1.5, `"1.5 C"`, Ruby},
		{"str()", "str(value) + ' C'", 1e-05, `"1e-05 C"`, Python},
		{"hex format", "sprintf('0x%04X', value)", uint64(255), `"0x00FF"`, Ruby},
		{"percent format", "'%.2f V' % value", 3.14159, `"3.14 V"`, Ruby},
		{"percent tuple", "'%d/%d' % (value, 10)", int64(3), `"3/10"`, Python},
		{"ruby interpolation", `"#{value} counts"`, int64(3), `"3 counts"`, Ruby},
		{"f-string", `f"{value:.1f} V"`, 2.25, `"2.2 V"`, Python},
		{"str.format", `"{:>5}|{}".format(value, 'x')`, int64(42), `"   42|x"`, Python},
		{"math", "Math.sqrt(value) + Math::PI - Math::PI", int64(16), "float:4.0", Ruby},
		{"python math", "math.sqrt(value)", int64(16), "float:4.0", Python},
		{"power", "2 ** value", int64(10), "int:1024", Ruby},
		{"negative power", "-2 ** 2", nil, "int:-4", Ruby},
		{"bit ops", "(value >> 4) & 0x0F | 1 << 8", uint64(0xAB), "int:266", Ruby},
		{"state compare", "packet.read('MODE') == 'DIAG' ? 1 : 0", nil, "int:1", Ruby},
		{"myself", "myself.read('TEMP2') * 2", nil, "float:41.0", Ruby},
		{"min max", "[value, 10].min + [1, 2].max", int64(3), "int:5", Ruby},
		{"array index", "value[1]", []any{int64(5), int64(6)}, "int:6", Ruby},
		{"big uint becomes float", "packet.read('BIG', :RAW) * 2", nil, "float:1.8446744073709552e+19", Ruby},
		{"overflow continues in float", "value * value", int64(1 << 40), "float:1.2089258196146292e+24", Ruby},
		{"nil", "nil", nil, "<nil>:<nil>", Ruby},
		{"python None", "return None", nil, "<nil>:<nil>", Python},
		{"upcase", "value.upcase", "abc", `"ABC"`, Ruby},
		{"python lower strip", "value.strip().lower()", "  ABC ", `"abc"`, Python},
		{"line continuation", "value + \\\n  1", int64(1), "int:2", Ruby},
		{"reassign value", "value = value & 0xFF\nvalue += 1\nvalue * 2", int64(0x1FF), "int:512", Ruby},
		{"to_s base", "value.to_s(16)", int64(255), `"ff"`, Ruby},
		{"to_i base", "'ff'.to_i(16) + value", int64(1), "int:256", Ruby},
		{"between", "value.between?(1, 5) ? 1 : 0", int64(5), "int:1", Ruby},
		{"Time.at formatted", "Time.at(packet.read('TIMESEC', :RAW), packet.read('TIMEUS', :RAW)).formatted", nil, `"2023/11/14 22:13:20.123"`, Ruby},
		{"Time.at to_f", "Time.at(value).sys.to_f", int64(5), "float:5.0", Ruby},
		{"semicolons", "a = 2; b = 3; a * b * value", int64(2), "int:12", Ruby},
	}
	p := newTestPacket()
	for _, tc := range tests {
		c, err := Generic(tc.body, 0, 0, false)
		if err != nil {
			t.Errorf("%s: compile: %v", tc.name, err)
			continue
		}
		g := c.(*GenericConversion)
		if g.Language() != tc.lang {
			t.Errorf("%s: detected %v, want %v", tc.name, g.Language(), tc.lang)
		}
		got, err := c.Convert(tc.value, p)
		if err != nil {
			t.Errorf("%s: run: %v\n  program: %s", tc.name, err, g.Program())
			continue
		}
		if show(got) != tc.want {
			t.Errorf("%s: got %s, want %s\n  program: %s", tc.name, show(got), tc.want, g.Program())
		}
	}
}

// TestGenericRejected: bodies outside the subset fail at compile time with
// a message naming the construct and its line.
func TestGenericRejected(t *testing.T) {
	tests := []struct{ body, err string }{
		{"value.each { |x| x }", "line 1: blocks (.each { |x| ... }) are not supported"},
		{"value.inject(0)", "line 1: method .inject is not supported"},
		{"x = 1\nvalue.foo(2)", "line 2: method .foo is not supported"},
		{"tlm('INST HEALTH_STATUS TEMP1')", `line 1: tlm() (other packets) ("tlm") are not supported in GENERIC conversions`},
		{"while value > 0\n value -= 1\nend", `line 1: loops ("while") are not supported in GENERIC conversions`},
		{"for i in range(3):\n    pass", `line 1: loops ("for") are not supported in GENERIC conversions`},
		{"{ 'a' => 1 }", "line 1: hashes, dicts and blocks are not supported at \"{\""},
		{"@count += 1", "line 1: instance and global variables are not supported at \"@\""},
		{"undefined_thing + 1", `unknown name "undefined_thing"`},
		{"packet.buffer", "line 1: only packet.read(...) is supported on the packet"},
		{"foo(1)", "line 1: function foo() is not supported"},
		{"OpenC3::Something.new", "line 1: constant OpenC3 is not supported"},
		{"value[1..2]", "line 1: ranges and slices are not supported"},
		{"'abc", "line 1: unterminated string"},
		{"value +", "line 1: expected a value at end of line"},
		{"if value > 1\n 2", `line 2: expected "end" at end of body`},
		{"case value\nwhen 1 then 'A'\nend", `line 1: case/when ("case") are not supported in GENERIC conversions`},
		{"", "empty GENERIC conversion body"},
		{"# only a comment", "GENERIC conversion body has no code"},
		{"99999999999999999999", `line 1: integer "99999999999999999999" does not fit in 64 bits`},
		{"puts value", `line 1: printing ("puts") are not supported in GENERIC conversions`},
	}
	for _, tc := range tests {
		_, err := Generic(tc.body, 0, 0, false)
		if err == nil || !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("Generic(%q): err %v, want ErrUnsupported containing %q", tc.body, err, tc.err)
		}
	}
}

func TestGenericRuntimeErrors(t *testing.T) {
	p := newTestPacket()
	tests := []struct {
		body  string
		value any
		err   string
	}{
		{"value / 0", int64(1), "divided by 0"},
		{"return int(value) / 0", int64(1), "division by zero"},
		{"packet.read('NOPE')", nil, "item NOPE does not exist"},
		{"value + 'a'", int64(1), "cannot apply + to Integer and String"},
		{"Integer('abc')", nil, `invalid literal for int(): "abc"`},
		{"value < 'a'", int64(1), "comparison of Integer with String failed"},
		{"packet.read('TEMP1', :BOGUS)", nil, `unknown value type "BOGUS"`},
	}
	for _, tc := range tests {
		c, err := Generic(tc.body, 0, 0, false)
		if err != nil {
			t.Errorf("%q: compile: %v", tc.body, err)
			continue
		}
		_, err = c.Convert(tc.value, p)
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%q: err %v, want %q", tc.body, err, tc.err)
		}
	}
	// Ruby float division by zero is not an error.
	c, _ := Generic("value / 0.0", 0, 0, false)
	if v, err := c.Convert(int64(1), p); err != nil || !math.IsInf(v.(float64), 1) {
		t.Errorf("1 / 0.0 = %v, %v", v, err)
	}
}

func TestGenericLanguageTieBreak(t *testing.T) {
	p := newTestPacket()
	for _, tc := range []struct {
		lang Language
		want string
	}{{Auto, "int:3"}, {Ruby, "int:3"}, {Python, "float:3.5"}} {
		c, err := GenericLang(tc.lang, "value / 2", 0, 0, false)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := c.Convert(int64(7), p); show(got) != tc.want {
			t.Errorf("%v: value / 2 = %s, want %s", tc.lang, show(got), tc.want)
		}
	}
}
