package form_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	_ "github.com/c3kit/c3kit/decode/accessor/form"
	"github.com/c3kit/c3kit/decode/accessor/internal/keyedtest"
	"github.com/c3kit/c3kit/decode/keyed"
)

func codec(t testing.TB) keyed.Codec { return keyedtest.Codec(t, "FormAccessor", nil, nil) }

func TestGet(t *testing.T) {
	c := codec(t)
	body := []byte("id_item=1&item1=101&name=two+words&pct=100%25&utf=%C3%A9t%C3%A9&bad=%zz%4&empty=&flag&arr=1&arr=2&arr=3&&sp%20ace=ok&temperature=21.5")
	for _, tc := range []struct {
		key  string
		want any
	}{
		// The docs' FORMTLM keys ($.id_item is JSONPath in the docs' example;
		// a form field name is the key as written).
		{"id_item", "1"},
		{"item1", "101"},
		{"$.id_item", nil},
		{"name", "two words"},
		{"pct", "100%"},
		{"utf", "été"},
		{"bad", "%zz%4"},
		{"empty", ""},
		{"flag", ""},
		{"arr", []any{"1", "2", "3"}},
		{"sp ace", "ok"},
		{"temperature", "21.5"},
	} {
		got, err := keyedtest.Get(t, c, body, nil, tc.key)
		if tc.want == nil {
			if !errors.Is(err, keyed.ErrNotFound) {
				t.Errorf("Get(%q) = %#v, %v; want ErrNotFound", tc.key, got, err)
			}
			continue
		}
		if err != nil || !keyedtest.Equal(got, tc.want) {
			t.Errorf("Get(%q) = %#v, %v; want %#v", tc.key, got, err, tc.want)
		}
	}
}

func TestWrite(t *testing.T) {
	for _, tc := range []struct {
		name, start string
		writes      [][2]any
		want        string
	}{
		{"docs FORMCMD into an empty form", "", [][2]any{{"id_item", json.Number("2")}, {"item1", json.Number("101")}}, "id_item=2&item1=101"},
		{"a written field moves to the end, others keep their order", "a=1&b=2&c=3", [][2]any{{"a", "x"}}, "b=2&c=3&a=x"},
		{"repeated field replaced by an array", "arr=1&arr=2&z=0", [][2]any{{"arr", []any{json.Number("7"), "8"}}}, "z=0&arr=7&arr=8"},
		{"Ruby's encode_www_form escaping", "", [][2]any{{"q", "openc3 cosmos*-._~!&=é"}}, "q=openc3+cosmos*-._%7E%21%26%3D%C3%A9"},
		{"nil writes the name alone", "", [][2]any{{"flag", nil}}, "flag"},
		{"booleans and floats as text", "", [][2]any{{"b", true}, {"f", json.Number("1.5")}}, "b=true&f=1.5"},
		{"NUL-named leftovers dropped, as COSMOS does", "%00junk=1&a=1", [][2]any{{"b", "2"}}, "a=1&b=2"},
		{"untouched fields re-encoded", "x=a%20b&y=~", [][2]any{{"z", "1"}}, "x=a+b&y=%7E&z=1"},
	} {
		c := codec(t)
		d, err := c.Parse([]byte(tc.start), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.writes {
			if err := d.Set(keyedtest.Compile(t, c, "", w[0].(string)), w[1]); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
		}
		out, _ := d.Bytes(nil)
		if string(out) != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, out, tc.want)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	c := codec(t)
	tmpl, _ := c.Template()
	keyedtest.RoundTrip(t, c, tmpl, []keyedtest.Write{
		{Key: "id_item", Val: json.Number("2"), Want: "2"},
		{Key: "text", Val: "a b&c=d%e+f", Want: "a b&c=d%e+f"},
		{Key: "list", Val: []any{"x y", json.Number("3")}, Want: []any{"x y", "3"}},
		{Key: "é", Val: "\x00\xff", Want: "\x00\xff"},
	})
}

func TestLimitsAndErrors(t *testing.T) {
	c := codec(t)
	if _, err := c.Parse([]byte(strings.Repeat("a=1&", 10001)), nil); err == nil || !strings.Contains(err.Error(), "more than 10000 fields") {
		t.Errorf("field cap: %v", err)
	}
	if _, err := c.Parse([]byte(strings.Repeat("&", 1<<20)), nil); err != nil {
		t.Errorf("empty segments count as fields: %v", err)
	}
	if _, err := c.Compile(""); err == nil {
		t.Error("empty field name compiled")
	}
	d, _ := c.Parse(nil, nil)
	if err := d.Set(keyedtest.Compile(t, c, "", "a"), map[string]any{"k": func() {}}); err == nil {
		t.Error("writing an unencodable value succeeded")
	}
	if _, err := keyed.Lookup("form_accessor.rb", []string{"x"}, nil); err == nil {
		t.Error("FormAccessor with an argument succeeded")
	}
}

func FuzzFormParse(f *testing.F) {
	f.Add([]byte("id_item=1&item1=101&arr=1&arr=2"))
	f.Add([]byte("a=%zz&b=%4&+=+&&=&c"))
	c := codec(f)
	keys := []string{"id_item", "arr", "a", " ", "c"}
	f.Fuzz(func(t *testing.T, body []byte) {
		keyedtest.FuzzBody(t, c, body, nil, keys, func(string) bool { return true })
	})
}
