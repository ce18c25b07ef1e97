package record

import (
	"bytes"
	"errors"
	"io"
	"math/rand"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type rec struct {
	Meta Meta
	Data []byte
}

func readAll(t testing.TB, r *Reader) ([]rec, error) {
	var out []rec
	for {
		x, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, rec{x.Meta, append([]byte{}, x.Data...)})
	}
}

func TestPlainProducer(t *testing.T) {
	// DESIGN.md §1: printf '\0\0\0\5hello' is a valid one-record stream.
	got, err := readAll(t, NewReader(bytes.NewReader([]byte("\x00\x00\x00\x05hello"))))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || string(got[0].Data) != "hello" || got[0].Meta != nil {
		t.Fatalf("got %+v", got)
	}
}

func TestRoundTrip(t *testing.T) {
	ts := time.Date(2026, 11, 21, 8, 41, 41, 152144000, time.UTC)
	m := Meta{KeyTarget: "INST", KeyPacket: "HS", KeyStored: true,
		KeyExtra: map[string]any{"PEER": "127.0.0.1:1", "VCID": uint64(2)}, "unknown_key": "kept"}
	m.SetTime(ts)
	in := []rec{{nil, []byte("a")}, {m, []byte{}}, {nil, bytes.Repeat([]byte{0xAB}, 100000)}, {Meta{"x": int64(-1)}, []byte("z")}}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, r := range in {
		if err := w.Write(r.Meta, r.Data); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	got, err := readAll(t, NewReader(&buf))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Fatal(diff)
	}
	if tt, ok := got[1].Meta.Time(); !ok || !tt.Equal(ts) {
		t.Fatalf("time %v", tt)
	}
	if got[1].Meta.Target() != "INST" || !got[1].Meta.Stored() || got[1].Meta.Extra()["PEER"] != "127.0.0.1:1" {
		t.Fatalf("accessors: %+v", got[1].Meta)
	}
}

func TestMetaMergeLaterWins(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	// Two meta frames before one data frame: written by hand via WriteParts with empty data would emit data, so build frames manually.
	m1, _ := Meta{"target": "A", "packet": "P"}.Encode()
	m2, _ := Meta{"target": "B"}.Encode()
	hdr := func(word uint32) []byte {
		return []byte{byte(word >> 24), byte(word >> 16), byte(word >> 8), byte(word)}
	}
	buf.Write(hdr(metaBit | uint32(len(m1))))
	buf.Write(m1)
	buf.Write(hdr(metaBit | uint32(len(m2))))
	buf.Write(m2)
	buf.Write(hdr(2))
	buf.WriteString("hi")
	buf.Write(hdr(1))
	buf.WriteString("x")
	_ = w
	got, err := readAll(t, NewReader(&buf))
	if err != nil {
		t.Fatal(err)
	}
	want := []rec{{Meta{"target": "B", "packet": "P"}, []byte("hi")}, {nil, []byte("x")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatal(diff)
	}
}

func TestTruncation(t *testing.T) {
	var full bytes.Buffer
	w := NewWriter(&full)
	w.Write(Meta{"target": "T"}, []byte("abcdef"))
	w.Write(nil, []byte("ghij"))
	w.Flush()
	b := full.Bytes()
	// Every cut except at a frame boundary after a data frame must report truncation,
	// after returning every complete record.
	for cut := 0; cut <= len(b); cut++ {
		got, err := readAll(t, NewReader(bytes.NewReader(b[:cut])))
		complete := cut == 0 || cut == len(b) || cut == len(b)-8
		if complete && err != nil {
			t.Fatalf("cut %d: unexpected %v", cut, err)
		}
		if !complete && !errors.Is(err, ErrTruncated) {
			t.Fatalf("cut %d: want ErrTruncated, got %v (records %d)", cut, err, len(got))
		}
		if cut >= len(b)-8 && len(got) < 1 {
			t.Fatalf("cut %d: lost the complete first record", cut)
		}
	}
}

func TestLengthCap(t *testing.T) {
	r := NewReader(bytes.NewReader([]byte{0x7f, 0xff, 0xff, 0xff, 1, 2, 3}))
	_, err := r.Read()
	var fe *FormatError
	if !errors.As(err, &fe) || fe.Offset != 0 {
		t.Fatalf("want FormatError at 0, got %v", err)
	}
	r = NewReader(bytes.NewReader([]byte{0, 0, 0, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))
	r.SetMaxLen(4)
	if _, err := r.Read(); !errors.As(err, &fe) {
		t.Fatalf("SetMaxLen not applied: %v", err)
	}
}

func TestBadMeta(t *testing.T) {
	r := NewReader(bytes.NewReader([]byte{0x80, 0, 0, 1, 0x01, 0, 0, 0, 0}))
	_, err := r.Read()
	var fe *FormatError
	if !errors.As(err, &fe) {
		t.Fatalf("want FormatError for non-map meta, got %v", err)
	}
}

// oneByteReader returns a byte per Read, like a slow pipe.
type oneByteReader struct{ b []byte }

func (o *oneByteReader) Read(p []byte) (int, error) {
	if len(o.b) == 0 {
		return 0, io.EOF
	}
	p[0] = o.b[0]
	o.b = o.b[1:]
	return 1, nil
}

func TestChunkBoundaries(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var buf bytes.Buffer
	w := NewWriter(&buf)
	var want []rec
	for i := 0; i < 50; i++ {
		d := make([]byte, rng.Intn(300))
		rng.Read(d)
		var m Meta
		if i%3 == 0 {
			m = Meta{"packet": "P", "n": uint64(i)}
		}
		want = append(want, rec{m, d})
		w.Write(m, d)
	}
	w.Flush()
	got, err := readAll(t, NewReader(&oneByteReader{buf.Bytes()}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatal(diff)
	}
}

func TestRawReaderWriter(t *testing.T) {
	src := bytes.Repeat([]byte("0123456789"), 20000)
	r := NewRawReader(bytes.NewReader(src))
	var out bytes.Buffer
	w := NewRawWriter(&out)
	for {
		x, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(x.Data) > DefaultChunk {
			t.Fatalf("chunk %d over %d", len(x.Data), DefaultChunk)
		}
		w.Write(Meta{"dropped": true}, x.Data)
	}
	w.Flush()
	if !bytes.Equal(out.Bytes(), src) {
		t.Fatal("raw round trip differs")
	}
}

// flushCounter records when FlushBefore flushes.
type flushCounter struct{ n int }

func (f *flushCounter) Flush() error { f.n++; return nil }

func TestFlushBefore(t *testing.T) {
	fc := &flushCounter{}
	r := NewReader(FlushBefore(&oneByteReader{[]byte("\x00\x00\x00\x01a")}, fc))
	if _, err := r.Read(); err != nil {
		t.Fatal(err)
	}
	if fc.n == 0 {
		t.Fatal("writer never flushed before a blocking read")
	}
}

func BenchmarkReadWrite64(b *testing.B) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	d := make([]byte, 64)
	for i := 0; i < 10000; i++ {
		w.Write(nil, d)
	}
	w.Flush()
	src := buf.Bytes()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r := NewReader(bytes.NewReader(src))
		ow := NewWriter(io.Discard)
		for {
			x, err := r.Read()
			if err != nil {
				break
			}
			ow.Write(x.Meta, x.Data)
		}
		ow.Flush()
	}
}

// TestRepeatedMetaShared: a repeated meta frame is decoded once, and a
// second meta frame for one record never changes the cached map.
func TestRepeatedMetaShared(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	m := Meta{"target": "T", "extra": map[string]any{"VCID": uint64(1)}}
	for i := 0; i < 3; i++ {
		w.Write(m, []byte{byte(i)})
	}
	w.Flush()
	second, _ := Meta{"packet": "P"}.Encode()
	buf.Write([]byte{0x80, 0, 0, byte(len(second))})
	buf.Write(second)
	enc, _ := m.Encode()
	buf.Write([]byte{0x80, 0, 0, byte(len(enc))})
	buf.Write(enc)
	buf.Write([]byte{0, 0, 0, 1, 9})
	w.Write(m, []byte{10})
	w.Flush()
	got, err := readAll(t, NewReader(&buf))
	if err != nil {
		t.Fatal(err)
	}
	want := []rec{{m, []byte{0}}, {m, []byte{1}}, {m, []byte{2}},
		{Meta{"target": "T", "packet": "P", "extra": map[string]any{"VCID": uint64(1)}}, []byte{9}}, {m, []byte{10}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatal(diff)
	}
}

func BenchmarkReadRepeatedMeta(b *testing.B) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	m := Meta{"target": "INST", "extra": map[string]any{"PEER": "127.0.0.1:5000", "LINK": "tcp"}}
	m.SetTime(time.Unix(1700000000, 0))
	for i := 0; i < 1000; i++ {
		w.Write(m, make([]byte, 64))
	}
	w.Flush()
	src := buf.Bytes()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := NewReader(bytes.NewReader(src))
		for {
			if _, err := r.Read(); err != nil {
				break
			}
		}
	}
}
