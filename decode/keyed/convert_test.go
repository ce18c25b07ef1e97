package keyed

import (
	"encoding/json"
	"fmt"
	"math/big"
	"testing"

	"github.com/c3kit/c3kit/decode/accessor"
)

// TestConvertToType pins COSMOS's Accessor.convert_to_type, type by type,
// for the values JSON and CBOR bodies carry.
func TestConvertToType(t *testing.T) {
	obj := &Object{}
	obj.Append("a", json.Number("1"))
	big67, _ := new(big.Int).SetString("73786976294838206464", 10)
	for _, c := range []struct {
		v     any
		t     accessor.DataType
		array bool
		want  string // fmt %#v of the result, or "error: ..." prefix
	}{
		{json.Number("12"), accessor.INT, false, "12"},
		{json.Number("12.9"), accessor.INT, false, "12"},   // Integer(12.9) truncates
		{json.Number("-12.9"), accessor.INT, false, "-12"}, // towards zero
		{"12", accessor.UINT, false, "12"},
		{" 0x1F ", accessor.INT, false, "31"},
		{"0b101", accessor.INT, false, "5"},
		{"017", accessor.INT, false, "15"}, // Ruby's leading-zero octal
		{"1_000", accessor.INT, false, "1000"},
		{"12.5", accessor.INT, false, "error: invalid value for Integer(): \"12.5\""},
		{true, accessor.INT, false, "error: can't convert true into Integer"},
		{json.Number("NaN"), accessor.INT, false, "error: FloatDomainError: NaN"},
		{json.Number("73786976294838206464"), accessor.INT, false, big67.String()},
		{json.Number("3"), accessor.FLOAT, false, "3"},
		{"2.5e3", accessor.FLOAT, false, "2500"},
		{"0x10", accessor.FLOAT, false, "16"},
		{"abc", accessor.FLOAT, false, "error: invalid value for Float(): \"abc\""},
		{[]any{json.Number("1")}, accessor.FLOAT, false, "error: can't convert Array into Float"},
		{json.Number("42"), accessor.STRING, false, `"42"`},
		{json.Number("3.0"), accessor.STRING, false, `"3.0"`},
		{json.Number("1e20"), accessor.STRING, false, `"1.0e+20"`},
		{true, accessor.STRING, false, `"true"`},
		{[]any{"a", json.Number("1"), nil}, accessor.STRING, false, `"[\"a\", 1, nil]"`},
		{obj, accessor.STRING, false, `"{\"a\"=>1}"`},
		{[]byte{0, 1}, accessor.BLOCK, false, "[]byte{0x0, 0x1}"},
		{"TRUE", accessor.BOOL, false, "true"},
		{"false", accessor.BOOL, false, "false"},
		{"yes", accessor.BOOL, false, `"yes"`},        // kept as is
		{json.Number("1"), accessor.BOOL, false, "1"}, // a number is kept
		{`{"a":1}`, accessor.OBJECT, false, "object a=1"},
		{`not json`, accessor.OBJECT, false, "error: invalid JSON at byte 0: unexpected 'n'"},
		{`[1,2]`, accessor.ARRAY, false, "[]interface {}{\"1\", \"2\"}"},
		{`12`, accessor.ANY, false, "12"}, // JSON.parse("12") is the number 12
		{`not json`, accessor.ANY, false, `"not json"`},
		{"[1, 2.5]", accessor.INT, true, "[]interface {}{1, 2}"},
		{[]any{"1", json.Number("2")}, accessor.FLOAT, true, "[]interface {}{1, 2}"},
		{json.Number("1"), accessor.UINT, true, "error: undefined method 'map' for json.Number (an array item needs an array)"},
		{nil, accessor.INT, false, "<nil>"},
	} {
		got, err := ConvertToType(c.v, c.t, c.array)
		var s string
		switch x := got.(type) {
		case *Object:
			s = "object"
			for i := 0; i < x.Len(); i++ {
				k, v := x.At(i)
				s += fmt.Sprintf(" %s=%v", k, v)
			}
		case *big.Int, int64, float64, json.Number:
			s = fmt.Sprint(x)
		case nil:
			s = "<nil>"
		default:
			s = fmt.Sprintf("%#v", x)
		}
		if err != nil {
			s = "error: " + err.Error()
		}
		if s != c.want {
			t.Errorf("ConvertToType(%#v, %s, %v) = %s, want %s", c.v, c.t, c.array, s, c.want)
		}
	}
}

// TestJSONRoundTrip: ParseJSON then AppendJSON gives the same text for
// compact JSON (member order, numbers as written, escapes).
func TestJSONRoundTrip(t *testing.T) {
	for _, s := range []string{
		`{"b":1,"a":[1,2.50,-0,1e3,true,false,null,"x\"y\\u0001"],"c":{}}`,
		`[]`, `"\u00e9"`, `NaN`, `-Infinity`, `{"a":{"b":{"c":[[[]]]}}}`,
	} {
		v, err := ParseJSON([]byte(s))
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		got, err := AppendJSON(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		want := s
		if s == `"\u00e9"` {
			want = `"é"`
		}
		if s == `{"b":1,"a":[1,2.50,-0,1e3,true,false,null,"x\"y\\u0001"],"c":{}}` {
			want = `{"b":1,"a":[1,2.50,-0,1e3,true,false,null,"x\"y\\u0001"],"c":{}}`
		}
		if string(got) != want {
			t.Errorf("%s -> %s", s, got)
		}
	}
	for _, bad := range []string{``, `{`, `{"a"}`, `[1,]`, `01`, `1.`, `"\x"`, `{"a":1} x`, `tru`} {
		if _, err := ParseJSON([]byte(bad)); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	deep := make([]byte, 0, 2*MaxJSONDepth+4)
	for i := 0; i < MaxJSONDepth+2; i++ {
		deep = append(deep, '[')
	}
	if _, err := ParseJSON(deep); err == nil || err.Error() != "invalid JSON at byte 257: nested deeper than 256 levels" {
		t.Errorf("deep: %v", err)
	}
}

// TestPathSetKeepsOrder: writes replace values in place, append new
// members at the end, create missing objects and arrays, and leave the
// rest of the document as it was.
func TestPathSetKeepsOrder(t *testing.T) {
	root, _ := ParseJSON([]byte(`{"z":1,"a":{"y":2,"x":[1,2]},"m":3}`))
	for _, c := range []struct{ key, val string }{
		{"$.a.y", `20`}, {"$.a.x[3]", `9`}, {"$.new.deep[1].k", `"v"`}, {"$['m']", `[true]`}, {"$.a.x[-1]", `7`},
	} {
		p, err := CompilePath(c.key)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := ParseJSON([]byte(c.val))
		if err := p.Set(root, v); err != nil {
			t.Fatalf("%s: %v", c.key, err)
		}
	}
	got, _ := AppendJSON(nil, root)
	if want := `{"z":1,"a":{"y":20,"x":[1,2,null,7]},"m":[true],"new":{"deep":[null,{"k":"v"}]}}`; string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	p, _ := CompilePath("$.z.q")
	if err := p.Set(root, json.Number("1")); err == nil {
		t.Error("set through a number")
	}
	p, _ = CompilePath("$..y")
	if v, err := p.Get(root); err != nil || fmt.Sprint(v) != "20" {
		t.Errorf("descent: %v %v", v, err)
	}
	p, _ = CompilePath("$.nope")
	if _, err := p.Get(root); err == nil || err.Error() != "key not found: $.nope" {
		t.Errorf("missing: %v", err)
	}
}
