package cbor

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/keyed"
)

// dump renders a decoded value deterministically (maps in their order).
func dump(v any) string {
	switch t := v.(type) {
	case *keyed.Object:
		var b strings.Builder
		b.WriteString("{")
		for i := 0; i < t.Len(); i++ {
			k, x := t.At(i)
			fmt.Fprintf(&b, "%q:%s,", k, dump(x))
		}
		return b.String() + "}"
	case []any:
		var b strings.Builder
		b.WriteString("[")
		for _, x := range t {
			b.WriteString(dump(x) + ",")
		}
		return b.String() + "]"
	}
	return fmt.Sprintf("%T(%v)", v, v)
}

// TestDecode covers the shapes and the limits set for untrusted input.
func TestDecode(t *testing.T) {
	for _, c := range []struct{ hex, want string }{
		{"a2616101616282f5f6", `{"a":int64(1),"b":[bool(true),<nil>(<nil>),],}`},
		{"bf61619f0102ff6162c249010000000000000000ff", `{"a":[int64(1),int64(2),],"b":json.Number(18446744073709551616),}`},
		{"83fb400c000000000000f93c00fa3fc00000", `[float64(3.5),float64(1),float64(1.5),]`},
		{"1bffffffffffffffff3bffffffffffffffff", ``}, // two items
		{"821bffffffffffffffff3b7fffffffffffffff", `[uint64(18446744073709551615),int64(-9223372036854775808),]`},
		{"a3016178420102c11a5f5e1000", ``}, // odd number of items: not well formed
		{"a201617820420102", `{"1":string(x),"-1":[]uint8([1 2]),}`},
		{"d9d9f7a0", `{}`}, // self-described CBOR
		{"5a7fffffff00", ``},
		{"", ``},
		{"0102", ``},
	} {
		b, _ := hex.DecodeString(c.hex)
		v, err := Decode(b)
		got := ""
		if err == nil {
			got = dump(v)
		}
		if got != c.want {
			t.Errorf("%s: got %s (%v), want %s", c.hex, got, err, c.want)
		}
	}
	deep := bytes.Repeat([]byte{0x81}, MaxNesting+1)
	deep = append(deep, 0)
	if _, err := Decode(deep); err == nil || !strings.Contains(err.Error(), "exceeded max nested level") {
		t.Errorf("nesting: %v", err)
	}
	long := append([]byte{0x9a, 0, 1, 0, 1}, bytes.Repeat([]byte{0}, 65537)...)
	if _, err := Decode(long); err == nil || !strings.Contains(err.Error(), "exceeded max number of elements") {
		t.Errorf("array size: %v", err)
	}
}

// TestEncodeRoundTrip: what Decode gives, Encode writes back to the same
// bytes for canonical input (definite lengths, integers, float64).
func TestEncodeRoundTrip(t *testing.T) {
	for _, h := range []string{"a2616101616282f5f6", "a3626964026161fb400c00000000000063726177420102", "c249010000000000000000", "3903e7"} {
		b, _ := hex.DecodeString(h)
		v, err := Decode(b)
		if err != nil {
			t.Fatal(h, err)
		}
		out, err := Encode(nil, v)
		if err != nil || hex.EncodeToString(out) != h {
			t.Errorf("%s -> %x %v", h, out, err)
		}
	}
}

// FuzzDecode: untrusted bodies decode or fail without panicking, within
// the limits; what decodes re-encodes to bytes that decode to the same.
func FuzzDecode(f *testing.F) {
	for _, h := range []string{"a2616101616282f5f6", "bf61619f0102ff6162c249010000000000000000ff", "d9d9f7a0", "5f4101ff", "7f6161ff"} {
		b, _ := hex.DecodeString(h)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := Decode(b)
		if err != nil {
			return
		}
		out, err := Encode(nil, v)
		if err != nil {
			t.Fatalf("%x decoded but does not encode: %v", b, err)
		}
		v2, err := Decode(out)
		if err != nil {
			t.Fatalf("%x -> %x does not decode: %v", b, out, err)
		}
		if dump(v) != dump(v2) {
			t.Fatalf("%x -> %x: %s != %s", b, out, dump(v), dump(v2))
		}
	})
}
