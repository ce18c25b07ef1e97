package encrypt

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzOpen feeds arbitrary records to the decrypt path: no panic, only the
// two documented errors, and whatever it seals it opens again.
func FuzzOpen(f *testing.F) {
	f.Add(unhex(f, vectorSealed))
	f.Add([]byte{})
	f.Add(make([]byte, Overhead))
	c := testCodec(f)
	f.Fuzz(func(t *testing.T, rec []byte) {
		out, err := c.Open(nil, rec)
		var se *ShortError
		if err != nil && !errors.Is(err, ErrAuth) && !errors.As(err, &se) {
			t.Fatalf("unexpected error %v", err)
		}
		if err == nil && len(rec) > 0 && len(out) != len(rec)-Overhead {
			t.Fatalf("opened %d bytes from a %d-byte record", len(out), len(rec))
		}
		s, err := c.Seal(nil, rec)
		if err != nil {
			t.Fatal(err)
		}
		back, err := c.Open(nil, s)
		if err != nil || !bytes.Equal(back, rec) {
			t.Fatalf("round trip: %v", err)
		}
	})
}
