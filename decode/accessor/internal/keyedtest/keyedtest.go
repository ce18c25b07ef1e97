// Package keyedtest holds what the key-based accessor tests share: building
// a codec by its COSMOS class name, compiling keys, a write-then-read round
// trip, and the fuzz body every accessor's Parse/Get path runs. It is
// imported by _test.go files only.
package keyedtest

import (
	"errors"
	"testing"

	"github.com/c3kit/c3kit/decode/keyed"
)

// Codec looks the class up in the registry, as the engine does.
func Codec(t testing.TB, class string, args []string, template []byte) keyed.Codec {
	t.Helper()
	c, err := keyed.Lookup(class, args, template)
	if err != nil {
		t.Fatalf("Lookup(%s %v): %v", class, args, err)
	}
	return c
}

// Compile compiles a key, through CompileItem when the codec has it.
func Compile(t testing.TB, c keyed.Codec, name, key string) keyed.Key {
	t.Helper()
	var k keyed.Key
	var err error
	if ic, ok := c.(keyed.ItemCompiler); ok && name != "" {
		k, err = ic.CompileItem(name, key)
	} else {
		k, err = c.Compile(key)
	}
	if err != nil {
		t.Fatalf("compile %s %q: %v", name, key, err)
	}
	return k
}

// Get parses body and reads one key.
func Get(t testing.TB, c keyed.Codec, body []byte, extra map[string]any, key string) (any, error) {
	t.Helper()
	d, err := c.Parse(body, extra)
	if err != nil {
		return nil, err
	}
	return d.Get(Compile(t, c, "", key))
}

// Write is one Set of a round trip.
type Write struct {
	Name, Key string // Name only for codecs with CompileItem (HTTP)
	Val       any
	Want      any // what reading it back gives
}

// RoundTrip parses start, writes every value, serialises, parses the
// result and reads every value back. It returns the bytes written and the
// extra map Bytes filled.
func RoundTrip(t testing.TB, c keyed.Codec, start []byte, writes []Write) ([]byte, map[string]any) {
	t.Helper()
	d, err := c.Parse(start, nil)
	if err != nil {
		t.Fatalf("Parse(start): %v", err)
	}
	keys := make([]keyed.Key, len(writes))
	for i, w := range writes {
		keys[i] = Compile(t, c, w.Name, w.Key)
		if err := d.Set(keys[i], w.Val); err != nil {
			t.Fatalf("Set(%s %q, %v): %v", w.Name, w.Key, w.Val, err)
		}
	}
	extra := map[string]any{}
	out, err := d.Bytes(extra)
	if err != nil {
		t.Fatalf("Bytes: %v", err)
	}
	back, err := c.Parse(out, extra)
	if err != nil {
		t.Fatalf("Parse(written %q): %v", out, err)
	}
	for i, w := range writes {
		got, err := back.Get(keys[i])
		if err != nil {
			t.Fatalf("Get(%s %q) after write: %v", w.Name, w.Key, err)
		}
		if !Equal(got, w.Want) {
			t.Errorf("%s %q: wrote %#v, read back %#v, want %#v", w.Name, w.Key, w.Val, got, w.Want)
		}
	}
	return out, extra
}

// Equal compares keyed values (json.Number by its text).
func Equal(a, b any) bool {
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if !Equal(v, y[k]) {
				return false
			}
		}
		return true
	}
	return a == b
}

// MaxFuzzInput bounds a fuzz input, so a run measures parsing, not size.
const MaxFuzzInput = 64 << 10

// FuzzBody is the body of every accessor's fuzz target: parse the input
// (an error is fine, a panic is not), read every key (a miss must match
// keyed.ErrNotFound or be a plain error, never a panic), then write each
// key and check that what was written parses again, and that each key
// written alone reads back as written wherever readBack says the key reads
// its own writes.
func FuzzBody(t *testing.T, c keyed.Codec, body []byte, extra map[string]any, keys []string, readBack func(key string) bool) {
	if len(body) > MaxFuzzInput {
		return
	}
	d, err := c.Parse(body, extra)
	if err != nil {
		if err.Error() == "" {
			t.Fatal("empty error message")
		}
		return
	}
	compiled := make([]keyed.Key, len(keys))
	for i, k := range keys {
		compiled[i] = Compile(t, c, "", k)
		if _, err := d.Get(compiled[i]); err != nil && err.Error() == "" {
			t.Fatal("empty error message")
		}
	}
	wrote := map[int]bool{}
	for i := range keys {
		if err := d.Set(compiled[i], "v1"); err == nil {
			wrote[i] = true
		} else if !errors.Is(err, keyed.ErrNotFound) && err.Error() == "" {
			t.Fatal("empty error message")
		}
	}
	out, err := d.Bytes(map[string]any{})
	if err != nil {
		return
	}
	if _, err := c.Parse(out, extra); err != nil {
		t.Fatalf("written document does not parse again: %v\ninput %q\nwritten %q", err, body, out)
	}
	// Each key alone: a later key may rightly overwrite an earlier one
	// (text written to //td replaces the <a> inside it), so what one write
	// must read back is checked on a document written with it alone.
	for i, k := range keys {
		if !wrote[i] || !readBack(k) {
			continue
		}
		d, err := c.Parse(body, extra)
		if err != nil {
			t.Fatalf("input parsed once, then not: %v", err)
		}
		if err := d.Set(compiled[i], "v1"); err != nil {
			t.Fatalf("key %q: written once, then not: %v", k, err)
		}
		out, err := d.Bytes(map[string]any{})
		if err != nil {
			continue
		}
		back, err := c.Parse(out, extra)
		if err != nil {
			t.Fatalf("key %q: written document does not parse again: %v\ninput %q\nwritten %q", k, err, body, out)
		}
		got, err := back.Get(compiled[i])
		if err != nil || got != "v1" {
			t.Fatalf("key %q: wrote \"v1\", read back %#v, %v\ninput %q\nwritten %q", k, got, err, body, out)
		}
	}
}
