package gems

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/c3kit/c3kit/decode/keyed"
	fg "github.com/c3kit/c3kit/frame/gems"
)

func lookup(t testing.TB, template string) keyed.Codec {
	t.Helper()
	var tpl []byte
	if template != "" {
		tpl = []byte(template)
	}
	c, err := keyed.Lookup("gems_accessor.rb", nil, tpl)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func get(t *testing.T, c keyed.Codec, d keyed.Doc, k string) (any, error) {
	t.Helper()
	ck, err := c.Compile(k)
	if err != nil {
		t.Fatalf("Compile(%s): %v", k, err)
	}
	return d.Get(ck)
}

const getR = "|GEMS|14|0000000215|3|tok|1410819037.100000000|System/Device1|GET-R|SUCCESS|all&c fine|5|Volt&bage:double=3.5|Count:int=-7|On:bool=true|Arr:long[3]=1,2,3|Set:set_type[2]=a:int=1;b:string=x&d;,a:int=2;b:string=y;|END"

func TestReadKeys(t *testing.T) {
	if err := fg.CheckLength([]byte(getR)); err != nil {
		t.Fatal(err)
	}
	c := lookup(t, "")
	d, err := c.Parse([]byte(getR), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key  string
		want any
	}{
		{"VERSION", "14"}, {"LENGTH", "0000000215"}, {"TRANSACTION_ID", "3"}, {"TOKEN", "tok"},
		{"TIMESTAMP", "1410819037.100000000"}, {"TARGET", "System/Device1"}, {"TYPE", "GET-R"},
		{"RESULT", "SUCCESS"}, {"DESCRIPTION", "all, fine"}, {"COUNT", json.Number("5")},
		{"FIELD_2", "all, fine"}, {"FIELD_4", "Volt|age:double=3.5"},
		{"Volt|age", json.Number("3.5")}, {"Count", json.Number("-7")}, {"On", true},
		{"Arr", []any{json.Number("1"), json.Number("2"), json.Number("3")}},
		{"Set", []any{map[string]any{"a": json.Number("1"), "b": "x;"}, map[string]any{"a": json.Number("2"), "b": "y"}}},
		{"Volt|age:double", json.Number("3.5")},
	} {
		got, err := get(t, c, d, tc.key)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Get(%s) = %#v, %v; want %#v", tc.key, got, err, tc.want)
		}
	}
	for _, k := range []string{"Missing", "FIELD_99"} {
		if _, err := get(t, c, d, k); !errors.Is(err, keyed.ErrNotFound) {
			t.Errorf("Get(%s) error %v, want ErrNotFound", k, err)
		}
	}
	ping, _ := c.Parse([]byte("|GEMS|14|0000000035|1||0|S|PING|END"), nil)
	if _, err := get(t, c, ping, "RESULT"); fmt.Sprint(err) != "key not found: RESULT (a PING message is not a response)" {
		t.Errorf("RESULT of a request: %v", err)
	}
}

func TestBadValuesAndKeys(t *testing.T) {
	c := lookup(t, "")
	d, _ := c.Parse([]byte("|GEMS|14|0000000000|1||0|S|SET|2|N:int=abc|B:bool=maybe|END"), nil)
	for k, want := range map[string]string{"N": `parameter N: "abc" is not an int`, "B": `parameter B: "maybe" is not a bool`} {
		if _, err := get(t, c, d, k); fmt.Sprint(err) != want {
			t.Errorf("Get(%s) = %v, want %s", k, err, want)
		}
	}
	for _, k := range []string{"", "FIELD_0", "FIELD_x"} {
		if _, err := c.Compile(k); err == nil {
			t.Errorf("Compile(%q) accepted", k)
		}
	}
	if _, err := c.Parse([]byte("hello"), nil); err == nil {
		t.Error("Parse accepted a non-GEMS body")
	}
	if _, err := keyed.Lookup("GemsAccessor", []string{"x"}, nil); err == nil {
		t.Error("GemsAccessor accepted an argument")
	}
}

func TestWriteIntoTemplate(t *testing.T) {
	c := lookup(t, "|GEMS|14|||||System/Device1|SET|1|Volt:double=0|END")
	tpl, _ := c.Template()
	d, err := c.Parse(tpl, nil)
	if err != nil {
		t.Fatal(err)
	}
	set := func(k string, v any) {
		ck, err := c.Compile(k)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Set(ck, v); err != nil {
			t.Fatalf("Set(%s): %v", k, err)
		}
	}
	set("TOKEN", "tok")
	set("Volt", json.Number("3.25")) // keeps its place and type
	set("Mode;x:string", "a|b,c")    // new, escaped, count goes up
	set("Flags:int", []any{1, 2})    // array
	set("On", true)                  // type from the value
	set("Set", []any{map[string]any{"b": "y", "a": json.Number("1")}})
	b, err := d.Bytes(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "|GEMS|14|0000000156||tok||System/Device1|SET|5|Volt:double=3.25|Mode&dx:string=a&bb&cc|Flags:int[2]=1,2|On:bool=true|Set:set_type[1]=a:int=1;b:string=y;|END"
	if string(b) != want {
		t.Fatalf("wrote\n%s\nwant\n%s", b, want)
	}
	if err := fg.CheckLength(b); err != nil {
		t.Fatal(err)
	}
	// and it reads back
	d2, _ := c.Parse(b, nil)
	if v, _ := get(t, c, d2, "Mode;x"); v != "a|b,c" {
		t.Errorf("read back %v", v)
	}
}

func TestDefaultTemplate(t *testing.T) {
	c := lookup(t, "")
	tpl, _ := c.Template()
	if _, err := c.Parse(tpl, nil); err != nil {
		t.Fatalf("default template %q does not parse: %v", tpl, err)
	}
}
