package encrypt

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

const testKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

// sealedVector was computed outside Go (Python's cryptography package, i.e.
// OpenSSL, which COSMOS's Ruby protocol uses): key testKeyHex, IV
// cafebabefacedbaddecaf888, no additional data, laid out IV|tag|ciphertext.
const (
	vectorPlain  = "0801c0000005" + "48454c4c4f21" // a CCSDS header + "HELLO!"
	vectorSealed = "cafebabefacedbaddecaf888" + "fc9ce2a9b82ecd7a87155c504b301093" + "82a26026aa7f075e0a4712fc"
)

func testCodec(t testing.TB) *Codec {
	t.Helper()
	k, err := ParseKey(testKeyHex)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(k)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenIndependentVector(t *testing.T) {
	got, err := testCodec(t).Open(nil, unhex(t, vectorSealed))
	if err != nil {
		t.Fatal(err)
	}
	if want := unhex(t, vectorPlain); !bytes.Equal(got, want) {
		t.Fatalf("Open = %x, want %x", got, want)
	}
}

func TestSealLayoutWithFixedIV(t *testing.T) {
	c := testCodec(t)
	c.rand = bytes.NewReader(unhex(t, "cafebabefacedbaddecaf888"))
	got, err := c.Seal(nil, unhex(t, vectorPlain))
	if err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString(got) != vectorSealed {
		t.Fatalf("Seal = %x, want %s", got, vectorSealed)
	}
}

func TestSealFreshIVEachRecord(t *testing.T) {
	c := testCodec(t)
	a, _ := c.Seal(nil, []byte("same"))
	b, _ := c.Seal(nil, []byte("same"))
	if bytes.Equal(a[:IVSize], b[:IVSize]) {
		t.Fatal("two records sealed with the same IV")
	}
	if len(a) != Overhead+4 {
		t.Fatalf("sealed length %d, want %d", len(a), Overhead+4)
	}
}

func TestRoundTripSizes(t *testing.T) {
	c := testCodec(t)
	for _, n := range []int{1, 15, 16, 17, 1000, 65536} {
		p := bytes.Repeat([]byte{byte(n)}, n)
		s, err := c.Seal([]byte("prefix"), p)
		if err != nil {
			t.Fatal(err)
		}
		if string(s[:6]) != "prefix" {
			t.Fatalf("Seal did not append to dst")
		}
		o, err := c.Open(nil, s[6:])
		if err != nil || !bytes.Equal(o, p) {
			t.Fatalf("n=%d: round trip failed: %v", n, err)
		}
	}
}

func TestOpenRejects(t *testing.T) {
	good := unhex(&testing.T{}, vectorSealed)
	flip := func(i int) []byte { b := append([]byte(nil), good...); b[i] ^= 1; return b }
	otherKey := strings.Repeat("ab", 32)
	for _, tc := range []struct {
		name   string
		rec    []byte
		key    string
		short  bool
		authed bool
	}{
		{"IV changed", flip(0), testKeyHex, false, true},
		{"tag changed", flip(IVSize + 3), testKeyHex, false, true},
		{"ciphertext changed", flip(len(good) - 1), testKeyHex, false, true},
		{"truncated ciphertext", good[:len(good)-1], testKeyHex, false, true},
		{"only IV and tag", good[:Overhead], testKeyHex, false, true},
		{"shorter than IV and tag", good[:Overhead-1], testKeyHex, true, false},
		{"one byte", good[:1], testKeyHex, true, false},
		{"wrong key", good, otherKey, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, _ := ParseKey(tc.key)
			c, _ := New(k)
			_, err := c.Open(nil, tc.rec)
			var se *ShortError
			if tc.short != errors.As(err, &se) || tc.authed != errors.Is(err, ErrAuth) {
				t.Fatalf("Open error = %v", err)
			}
		})
	}
}

func TestEmptyPassesBothWays(t *testing.T) {
	c := testCodec(t)
	if s, err := c.Seal(nil, nil); err != nil || len(s) != 0 {
		t.Fatalf("Seal(empty) = %x, %v", s, err)
	}
	if o, err := c.Open(nil, nil); err != nil || len(o) != 0 {
		t.Fatalf("Open(empty) = %x, %v", o, err)
	}
}

func TestParseKey(t *testing.T) {
	for _, tc := range []struct {
		in, err string
	}{
		{testKeyHex, ""},
		{"0x" + testKeyHex, ""},
		{"  " + strings.ToUpper(testKeyHex) + "\n", ""},
		{testKeyHex[:62], "the key must be 64 hex digits (a 32-byte AES-256 key), got 62 characters"},
		{"zz" + testKeyHex[2:], "the key must be hex digits only (0-9, a-f)"},
	} {
		_, err := ParseKey(tc.in)
		got := ""
		if err != nil {
			got = err.Error()
			if strings.Contains(got, tc.in[2:10]) {
				t.Errorf("error quotes the key: %s", got)
			}
		}
		if got != tc.err {
			t.Errorf("ParseKey(%q) error %q, want %q", tc.in, got, tc.err)
		}
	}
}

func BenchmarkOpen1K(b *testing.B) {
	c := testCodec(b)
	s, _ := c.Seal(nil, make([]byte, 1024))
	var out []byte
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		out, _ = c.Open(out[:0], s)
	}
}

func BenchmarkSeal1K(b *testing.B) {
	c := testCodec(b)
	p := make([]byte, 1024)
	var out []byte
	b.SetBytes(int64(len(p)))
	b.ReportAllocs()
	for b.Loop() {
		out, _ = c.Seal(out[:0], p)
	}
}
