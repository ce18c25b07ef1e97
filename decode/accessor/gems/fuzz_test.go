package gems

import (
	"testing"

	"github.com/c3kit/c3kit/decode/keyed"
)

// FuzzGet parses any body and reads every kind of key: no panic, only
// errors.
func FuzzGet(f *testing.F) {
	f.Add([]byte(getR), "Set")
	f.Add([]byte("|GEMS|14|0000000035|1||0|S|PING|END"), "RESULT")
	c, _ := keyed.Lookup("GemsAccessor", nil, nil)
	f.Fuzz(func(t *testing.T, body []byte, k string) {
		d, err := c.Parse(body, nil)
		if err != nil {
			return
		}
		for _, key := range []string{k, "COUNT", "RESULT", "FIELD_1", "TYPE"} {
			ck, err := c.Compile(key)
			if err != nil {
				continue
			}
			if v, err := d.Get(ck); err == nil {
				_ = d.Set(ck, v)
			}
		}
		if _, err := d.Bytes(nil); err != nil {
			t.Fatal(err)
		}
	})
}
