package keytext

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{nil, ""},
		{"a b", "a b"},
		{json.Number("5.0"), "5.0"},
		{json.Number("-12"), "-12"},
		{true, "true"},
		{false, "false"},
		{[]byte("raw\x00"), "raw\x00"},
		{5.0, "5.0"},
		{1e20, "1.0e+20"},
		{int64(-3), "-3"},
		{uint64(18446744073709551615), "18446744073709551615"},
		{[]any{json.Number("1"), "a", nil, []any{true}}, `[1, "a", nil, [true]]`},
		{map[string]any{"b": json.Number("1"), "a": "x"}, `{"a":"x","b":1}`},
	} {
		got, err := Text(tc.v)
		if err != nil || got != tc.want {
			t.Errorf("Text(%#v) = %q, %v; want %q", tc.v, got, err, tc.want)
		}
	}
	if _, err := Text(struct{}{}); err == nil {
		t.Error("Text(struct) succeeded")
	}
	deep := any("x")
	for i := 0; i < 100; i++ {
		deep = []any{deep}
	}
	if _, err := Text(deep); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("deep array: %v", err)
	}
}

func TestRubyFloat(t *testing.T) {
	for f, want := range map[float64]string{5: "5.0", 3.14: "3.14", 1e16: "1.0e+16", 1e15: "1000000000000000.0", 1e-5: "1.0e-05", 0.0001: "0.0001", math.Inf(-1): "-Infinity", math.NaN(): "NaN"} {
		if got := RubyFloat(f); got != want {
			t.Errorf("RubyFloat(%v) = %q, want %q", f, got, want)
		}
	}
}

func TestFromMeta(t *testing.T) {
	in := map[string]any{"s": uint64(200), "i": int64(-1), "f": 2.5, "g": 3.0, "n": math.NaN(), "l": []any{uint64(1), "x"}, "m": map[string]any{"k": int64(7)}, "b": []byte{1}, "t": true, "z": nil}
	want := map[string]any{"s": json.Number("200"), "i": json.Number("-1"), "f": json.Number("2.5"), "g": json.Number("3"), "n": "NaN", "l": []any{json.Number("1"), "x"}, "m": map[string]any{"k": json.Number("7")}, "b": []byte{1}, "t": true, "z": nil}
	if got := FromMeta(in); !reflect.DeepEqual(got, want) {
		t.Errorf("FromMeta = %#v\nwant %#v", got, want)
	}
}

type pairs [][2]any

func (p pairs) Len() int               { return len(p) }
func (p pairs) At(i int) (string, any) { return p[i][0].(string), p[i][1] }

func TestOrdered(t *testing.T) {
	o := pairs{{"z", json.Number("1")}, {"a", pairs{{"y", "x"}}}}
	if got, err := Text(o); err != nil || got != `{"z":1,"a":{"y":"x"}}` {
		t.Errorf("Text(ordered) = %q, %v", got, err)
	}
	m, ok := AsMap(o)
	if !ok || len(m) != 2 || m["z"] != json.Number("1") {
		t.Errorf("AsMap = %#v, %v", m, ok)
	}
	if _, ok := AsMap("x"); ok {
		t.Error("AsMap(string) ok")
	}
}
