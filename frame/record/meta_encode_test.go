package record

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"testing"
)

// TestMetaEncodeMatchesFxamacker: for every value type meta holds, the
// hand-written encoder's bytes equal encMode.Marshal's (golden files depend
// on them), and types it does not know fall back to the same bytes too.
func TestMetaEncodeMatchesFxamacker(t *testing.T) {
	long := strings.Repeat("k", 300)
	cases := []struct {
		name string
		m    Meta
		fast bool // the hand-written path handles it (no fallback)
	}{
		{"empty", Meta{}, true},
		{"nil", nil, true},
		{"well-known keys", benchMeta(), true},
		{"well-known subset", Meta{KeyTarget: "T", KeyTime: uint64(5)}, true},
		{"well-known and another key", Meta{KeyTarget: "T", KeyTime: uint64(5), "a": 1, KeyStored: true}, true},
		{"well-known, unsupported value", Meta{KeyPacket: "P", KeyExtra: map[string]any{"X": float32(2)}}, false},
		{"key order length first", Meta{"bb": 1, "a": 2, "ccc": 3, "ab": 4, "": 5, "B": 6, "é": 7}, true},
		{"many keys (SortFunc path)", func() Meta {
			m := Meta{}
			for i := 0; i < 40; i++ {
				m[strings.Repeat("x", i%7)+string(rune('a'+i))] = uint64(i)
			}
			return m
		}(), true},
		{"uint boundaries", Meta{"a": uint64(0), "b": uint64(23), "c": uint64(24), "d": uint64(255), "e": uint64(256),
			"f": uint64(65535), "g": uint64(65536), "h": uint64(math.MaxUint32), "i": uint64(math.MaxUint32 + 1), "j": uint64(math.MaxUint64)}, true},
		{"int64 boundaries", Meta{"a": int64(-1), "b": int64(-24), "c": int64(-25), "d": int64(-256), "e": int64(-257),
			"f": int64(math.MinInt64), "g": int64(math.MaxInt64), "h": int64(5)}, true},
		{"small int kinds", Meta{"a": -3, "b": int8(-128), "c": int16(-300), "d": int32(-70000), "e": uint8(200),
			"f": uint16(60000), "g": uint32(1 << 31), "h": uint(7), "i": math.MinInt}, true},
		{"floats", Meta{"a": 0.0, "b": math.Copysign(0, -1), "c": 1.5, "d": math.NaN(), "e": math.Inf(1), "f": math.Inf(-1),
			"g": math.SmallestNonzeroFloat64, "h": math.MaxFloat64, "i": 0.1, "j": math.Float64frombits(0x7ff0000000000001)}, true},
		{"strings", Meta{"a": "", "b": "INST", "c": long, "d": "\xff\xfe not utf-8", "e": strings.Repeat("z", 70000)}, true},
		{"bools and nil", Meta{"a": true, "b": false, "c": nil}, true},
		{"bytes", Meta{"a": []byte{}, "b": []byte(nil), "c": []byte{1, 2, 3}, "d": bytes.Repeat([]byte{9}, 300)}, true},
		{"nested", Meta{"extra": map[string]any{"LINK": "tcp", "zz": map[string]any{"b": []any{uint64(1), "x", nil, []any{}}, "a": Meta{"q": true}}},
			"arr": []any(nil), "map": map[string]any(nil), "emptymap": map[string]any{}}, true},
		{"long key", Meta{long: 1, "x": 2}, true},
		{"fallback float32", Meta{"a": float32(1.5), "b": "s"}, false},
		{"fallback []string", Meta{"extra": map[string]any{"H": []string{"a", "b"}}}, false},
		{"fallback map[string]string", Meta{"a": map[string]string{"b": "c", "a": "d"}}, false},
		{"fallback named int", Meta{"a": myInt(-5)}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want, err := encMode.Marshal(map[string]any(c.m))
			if err != nil {
				t.Fatal(err)
			}
			var e metaEncoder
			fast, ok := e.appendMeta([]byte("prefix"), c.m)
			if ok != c.fast {
				t.Fatalf("hand-written path taken = %v, want %v", ok, c.fast)
			}
			if ok && !bytes.Equal(fast[6:], want) {
				t.Fatalf("hand-written encoding\n got %x\nwant %x", fast[6:], want)
			}
			if !ok && string(fast) != "prefix" {
				t.Fatalf("failed hand-written path left bytes behind: %q", fast)
			}
			got, err := c.m.Encode()
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("Encode = %x, %v; want %x", got, err, want)
			}
			if len(e.pairs) != 0 {
				t.Fatalf("scratch stack not empty after encoding: %d", len(e.pairs))
			}
		})
	}
}

type myInt int

// TestWellKnownKeysCanonical: appendWellKnown writes wellKnownKeys in array
// order, so that order must be SortCanonical's.
func TestWellKnownKeysCanonical(t *testing.T) {
	for i := 1; i < len(wellKnownKeys); i++ {
		if !keyLess(wellKnownKeys[i-1], wellKnownKeys[i]) {
			t.Fatalf("wellKnownKeys not in canonical order at %q, %q", wellKnownKeys[i-1], wellKnownKeys[i])
		}
	}
}

// TestWriterMetaAllocs: writing a record with the usual meta allocates nothing.
func TestWriterMetaAllocs(t *testing.T) {
	w := NewWriter(discard{})
	m := benchMeta()
	d := make([]byte, 64)
	if n := testing.AllocsPerRun(1000, func() { w.Write(m, d) }); n != 0 {
		t.Fatalf("Write with meta: %v allocations per record, want 0", n)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// FuzzMetaEncode builds a meta from the fuzz bytes and checks the
// hand-written encoder against encMode.Marshal byte for byte.
func FuzzMetaEncode(f *testing.F) {
	f.Add([]byte("seed"))
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17})
	f.Add(bytes.Repeat([]byte{0xff, 0x7f, 0x10, 0x03}, 40))
	f.Fuzz(func(t *testing.T, in []byte) {
		g := &metaGen{b: in}
		m := Meta(g.mapValue(0))
		want, err := encMode.Marshal(map[string]any(m))
		if err != nil {
			t.Fatal(err)
		}
		var e metaEncoder
		got, ok := e.appendMeta(nil, m)
		if !ok {
			t.Fatalf("hand-written encoder refused %#v", m)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("meta %#v\n got %x\nwant %x", m, got, want)
		}
	})
}

// metaGen turns fuzz bytes into meta values of every type the hand-written
// encoder supports; it yields zeros once the bytes run out.
type metaGen struct{ b []byte }

func (g *metaGen) byte() byte {
	if len(g.b) == 0 {
		return 0
	}
	c := g.b[0]
	g.b = g.b[1:]
	return c
}

func (g *metaGen) uint64() uint64 {
	var x [8]byte
	n := copy(x[:], g.b)
	g.b = g.b[n:]
	v := binary.BigEndian.Uint64(x[:])
	return v >> (g.byte() % 64) // spread magnitudes over every head size
}

func (g *metaGen) str() string {
	n := int(g.byte())
	if n > 200 {
		n = 300 + n // a few two-byte heads
	}
	var sb strings.Builder
	for i := 0; i < n && len(g.b) > 0; i++ {
		sb.WriteByte(g.byte()%6 + 'a' - 1) // few letters: equal-length keys collide and sort bytewise ('`' included)
	}
	if n%5 == 4 {
		sb.WriteString("\xc3\xa9\xff") // non-ASCII and invalid UTF-8 bytes
	}
	return sb.String()
}

// key is often a well-known key, so whole metas of them occur (the
// appendWellKnown path).
func (g *metaGen) key() string {
	if c := g.byte(); c%2 == 0 {
		return wellKnownKeys[int(c/2)%len(wellKnownKeys)]
	}
	return g.str()
}

func (g *metaGen) mapValue(depth int) map[string]any {
	n := int(g.byte() % 8)
	if depth == 0 {
		n = int(g.byte()%8) + 1
	}
	m := make(map[string]any, n)
	for i := 0; i < n; i++ {
		m[g.key()] = g.value(depth + 1)
	}
	return m
}

func (g *metaGen) value(depth int) any {
	kind := g.byte() % 22
	if depth > 4 && kind >= 18 {
		kind = 0
	}
	switch kind {
	case 0:
		return nil
	case 1:
		return g.uint64()
	case 2:
		return -int64(g.uint64() >> 1)
	case 3:
		return int64(g.uint64())
	case 4:
		return int(int64(g.uint64()))
	case 5:
		return g.str()
	case 6:
		return g.byte()%2 == 0
	case 7:
		return math.Float64frombits(g.uint64() << (g.byte() % 64))
	case 8:
		return float64(int64(g.uint64())) / 1024
	case 9:
		return []byte(g.str())
	case 10:
		return []byte(nil)
	case 11:
		return int8(g.byte())
	case 12:
		return int16(g.uint64())
	case 13:
		return int32(g.uint64())
	case 14:
		return uint8(g.byte())
	case 15:
		return uint16(g.uint64())
	case 16:
		return uint32(g.uint64())
	case 17:
		return uint(g.uint64())
	case 18:
		return g.mapValue(depth)
	case 19:
		return Meta(g.mapValue(depth))
	case 20:
		a := make([]any, g.byte()%6)
		for i := range a {
			a[i] = g.value(depth + 1)
		}
		return a
	}
	if g.byte()%2 == 0 {
		return map[string]any(nil)
	}
	return []any(nil)
}
