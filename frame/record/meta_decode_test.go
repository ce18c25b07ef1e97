package record

import (
	"bytes"
	"encoding/hex"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// exactFloats makes cmp tell 0 from -0 and compare NaNs by their bits:
// the fast decoder must yield exactly decMode's values.
// bigInts compares the big.Int decMode makes of a negative integer past int64.
var (
	exactFloats = cmp.Comparer(func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) })
	bigInts     = cmp.Comparer(func(a, b big.Int) bool { return a.Cmp(&b) == 0 })
)

// TestMetaDecode: the hand-written decoder either yields decMode's value
// or gives up; DecodeMeta's result (value or error) is decMode's either way.
func TestMetaDecode(t *testing.T) {
	nest := func(levels int) string { // levels nested maps {"a":{"a":...{}}}
		return strings.Repeat("a16161", levels-1) + "a0"
	}
	cases := []struct {
		name string
		hex  string
		fast bool // the hand-written path decodes it
		bad  bool // decMode rejects it
	}{
		{"empty map", "a0", true, false},
		{"well-known keys", "", true, false}, // filled in from benchMeta below
		{"uint heads", "a561610061621761631818616419010061651a00010000", true, false},
		{"uint64 max", "a161611bffffffffffffffff", true, false},
		{"negative ints", "a3616120616238186163 3b7fffffffffffffff", true, false},
		{"negative past int64 (big.Int)", "a161613b8000000000000000", false, false},
		{"non-shortest head accepted", "a16161180a", true, false},
		{"text bytes bool null", "a6 6161 40 6162 43010203 6163 f5 6164 f4 6165 f6 6166 64494e5354", true, false},
		{"floats", "a561 61f93c00 6162f98000 6163fa3fc00000 6164fb3ff8000000000000 6165f97c00", true, false},
		{"float16 subnormal and max", "a26161f90001 6162f97bff", true, false},
		{"float16 NaN", "a16161f97e00", false, false},
		{"float32 NaN", "a16161fa7fc00000", false, false},
		{"float64 NaN", "a16161fb7ff8000000000001", true, false},
		{"array and nested map", "a26161 83 01 20 a1 6162 f4 6163 80", true, false},
		{"undefined", "a16161f7", false, false},
		{"simple value", "a16161f0", false, false},
		{"one-byte simple", "a16161f820", false, false},
		{"tag", "a16161c11a5f5e1000", false, false},
		{"indefinite map", "bf6161 01 ff", false, false},
		{"indefinite text", "a1 6161 7f 6161 6162 ff", false, false},
		{"top level null", "f6", false, false},
		{"top level uint", "01", false, true},
		{"int key", "a10102", false, true},
		{"bytes key", "a1416101", false, true},
		{"nested int key", "a16161a10102", false, true},
		{"duplicate key", "a2616101616102", false, true},
		{"nested duplicate key", "a16178a2616101616102", false, true},
		{"invalid utf-8 key", "a161ff01", false, true},
		{"invalid utf-8 value", "a1616161ff", false, true},
		{"trailing byte", "a0 00", false, true},
		{"truncated", "a2616101", false, true},
		{"truncated head", "a161611a0000", false, true},
		{"length past end", "a161617a7fffffff", false, true},
		{"huge map count", "bb7fffffffffffffff", false, true},
		{"16 levels (decMode's limit)", nest(16), true, false},
		{"17 levels", nest(17), false, true},
		{"reserved additional info", "a16161fc", false, true},
		{"empty input", "", false, true},
	}
	wk, _ := benchMeta().Encode()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := c.hex
			if c.name == "well-known keys" {
				h = hex.EncodeToString(wk)
			}
			in, err := hex.DecodeString(strings.ReplaceAll(h, " ", ""))
			if err != nil {
				t.Fatal(err)
			}
			want, wantErr := decodeMetaFxamacker(in)
			if (wantErr != nil) != c.bad {
				t.Fatalf("decMode error = %v, want error %v", wantErr, c.bad)
			}
			d := metaDecoder{intern: new(internTable)}
			for pass := 0; pass < 2; pass++ { // the second pass hits the intern table
				got, ok := d.decode(in)
				if ok != c.fast {
					t.Fatalf("fast path = %v, want %v", ok, c.fast)
				}
				if ok {
					if diff := cmp.Diff(want, got, exactFloats); diff != "" {
						t.Fatalf("fast path differs from decMode:\n%s", diff)
					}
				}
			}
			got, err := DecodeMeta(in)
			if (err != nil) != c.bad || (err != nil && err.Error() != wantErr.Error()) {
				t.Fatalf("DecodeMeta error = %v, want %v", err, wantErr)
			}
			if diff := cmp.Diff(want, got, exactFloats, bigInts); diff != "" {
				t.Fatalf("DecodeMeta differs from decMode:\n%s", diff)
			}
		})
	}
}

// FuzzMetaDecode: on arbitrary bytes, and on the encoding of a meta built
// from them, the fast decoder agrees with decMode or gives up, and never
// accepts what decMode rejects.
func FuzzMetaDecode(f *testing.F) {
	for _, s := range []string{"a0", "a16161f97e00", "a2616101616102", "a16161c11a5f5e1000", "bf6161 01 ff"} {
		b, _ := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
		f.Add(b)
	}
	wk, _ := benchMeta().Encode()
	f.Add(wk)
	f.Add(bytes.Repeat([]byte{0xa1, 0x61, 0x61}, 18))
	f.Fuzz(func(t *testing.T, in []byte) {
		d := metaDecoder{intern: new(internTable)}
		checkMetaDecode(t, &d, in)
		g := &metaGen{b: in}
		enc, err := encMode.Marshal(g.mapValue(0))
		if err != nil {
			t.Fatal(err)
		}
		checkMetaDecode(t, &d, enc)
	})
}

func checkMetaDecode(t *testing.T, d *metaDecoder, in []byte) {
	want, wantErr := decodeMetaFxamacker(in)
	// What the Reader uses: rejects exactly what decMode rejects, with its message.
	if _, err := d.decodeMeta(in); (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
		t.Fatalf("%x: decodeMeta error %v, decMode error %v", in, err, wantErr)
	}
	got, ok := d.decode(in)
	if !ok {
		return
	}
	if wantErr != nil {
		t.Fatalf("%x: fast path accepted what decMode rejects (%v): %#v", in, wantErr, got)
	}
	if diff := cmp.Diff(want, got, exactFloats); diff != "" {
		t.Fatalf("%x: fast path differs from decMode:\n%s", in, diff)
	}
}

// TestReaderIntern: the reader shares repeated strings between records and
// keeps them correct while thousands of new names evict each other.
func TestReaderIntern(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	const n = 8 << internBits
	for i := 0; i < n; i++ {
		w.Write(Meta{KeyTarget: "INST", KeyPacket: strings.Repeat("P", i%70) + string(rune('A'+i%26)) + hex.EncodeToString([]byte{byte(i >> 8), byte(i)})}, []byte{1})
	}
	w.Flush()
	r := NewReader(&buf)
	for i := 0; i < n; i++ {
		x, err := r.Read()
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Repeat("P", i%70) + string(rune('A'+i%26)) + hex.EncodeToString([]byte{byte(i >> 8), byte(i)})
		if x.Meta.Target() != "INST" || x.Meta.Packet() != want {
			t.Fatalf("record %d: meta %v, want packet %q", i, x.Meta, want)
		}
	}
	if e := r.dec.intern.slot([]byte("INST")); e.s != "INST" || e.v != "INST" {
		t.Fatal("a repeated name was not interned")
	}
}

// TestReaderDistinctMetaAllocs: a five-key meta that differs from the last
// costs the map, the nested map and the boxed time, not a dozen more
// (fxamacker's reflection took 26).
func TestReaderDistinctMetaAllocs(t *testing.T) {
	const n = 200
	r := NewReader(bytes.NewReader(distinctMetaStream(n)))
	r.Read() // warm the buffers and intern table
	allocs := testing.AllocsPerRun(n-2, func() {
		if _, err := r.Read(); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 6 {
		t.Fatalf("%v allocations per record with distinct meta, want at most 6", allocs)
	}
}
