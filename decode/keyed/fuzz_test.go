package keyed

import (
	"bytes"
	"testing"
)

// FuzzParseJSON: any bytes parse or fail without panicking, within the
// depth limit; what parses writes back to text that parses to the same
// text again.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5,"x"],"b":{"c":null}}`, `[true,false]`, `"\ud83d\ude00"`, `NaN`, `{"a":1,"a":2}`, `[[[[`, `1e400`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := ParseJSON(b)
		if err != nil {
			return
		}
		out, err := AppendJSON(nil, v)
		if err != nil {
			return // a string that is not UTF-8 cannot be written as JSON
		}
		v2, err := ParseJSON(out)
		if err != nil {
			t.Fatalf("%q -> %q does not parse: %v", b, out, err)
		}
		out2, _ := AppendJSON(nil, v2)
		if !bytes.Equal(out, out2) {
			t.Fatalf("%q -> %q -> %q", b, out, out2)
		}
	})
}
