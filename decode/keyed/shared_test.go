package keyed

import "testing"

type countingCodec struct {
	name   string
	parses int
}

func (c *countingCodec) Name() string                  { return c.name }
func (c *countingCodec) Compile(k string) (Key, error) { return k, nil }
func (c *countingCodec) Template() ([]byte, error)     { return nil, nil }
func (c *countingCodec) Parse(b []byte, _ map[string]any) (Doc, error) {
	c.parses++
	return nil, nil
}

// TestShared: the same bytes parse once, whatever buffer holds them; new
// bytes parse again; the HTTP accessor, whose document depends on the
// record's meta, is never cached.
func TestShared(t *testing.T) {
	c := &countingCodec{name: "JsonAccessor"}
	s := Shared(c)
	buf := []byte(`{"a":1}`)
	s.Parse(buf, nil)
	s.Parse(append([]byte(nil), buf...), map[string]any{"X": 1})
	if c.parses != 1 {
		t.Errorf("%d parses of one body", c.parses)
	}
	buf[5] = '2' // the reader reused its buffer for the next record
	s.Parse(buf, nil)
	if c.parses != 2 {
		t.Errorf("%d parses after the bytes changed", c.parses)
	}
	h := &countingCodec{name: "HttpAccessor"}
	if Shared(h) != Codec(h) {
		t.Error("the HTTP accessor was wrapped")
	}
}

// TestIntern: equal bytes give the same string; long ones are not kept.
func TestIntern(t *testing.T) {
	a, b := Intern([]byte("item1")), Intern([]byte("item1"))
	if a != "item1" || b != "item1" {
		t.Fatal(a, b)
	}
	if n := testing.AllocsPerRun(100, func() { Intern([]byte("item1")) }); n != 0 {
		t.Errorf("%v allocations for an interned name", n)
	}
}
