package record

import (
	"bytes"
	"fmt"
	"testing"
)

// TestWriteEncoded: a record written with its meta pre-encoded is the
// record Write gives for that meta, whatever the writer's mode, cap and
// buffer state; and the same errors.
func TestWriteEncoded(t *testing.T) {
	meta := benchMeta()
	enc, err := meta.Encode()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		raw    bool
		max    int
		meta   Meta
		data   []byte
		before int // bytes already buffered, to force the slow path
	}{
		{name: "meta and data", meta: meta, data: []byte{1, 2, 3}},
		{name: "no meta", data: []byte{1}},
		{name: "empty data", meta: meta},
		{name: "buffer nearly full", meta: meta, data: make([]byte, 64), before: DefaultChunk - 70},
		{name: "data larger than the buffer", meta: meta, data: make([]byte, DefaultChunk+5)},
		{name: "under the cap", max: 8, meta: meta, data: make([]byte, 8)},
		{name: "over the cap", max: 8, meta: meta, data: make([]byte, 9)},
		{name: "raw", raw: true, meta: meta, data: []byte{1, 2}},
		{name: "raw over the cap", raw: true, max: 1, meta: meta, data: []byte{1, 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			run := func(write func(w *Writer) error) (string, error) {
				var out bytes.Buffer
				w := NewWriter(&out)
				if c.raw {
					w = NewRawWriter(&out)
				}
				w.SetMaxLen(c.max)
				if c.before > 0 {
					if err := w.Write(nil, make([]byte, c.before)); err != nil {
						t.Fatal(err)
					}
				}
				err := write(w)
				if ferr := w.Flush(); ferr != nil {
					t.Fatal(ferr)
				}
				return fmt.Sprintf("%X", out.Bytes()), err
			}
			want, wantErr := run(func(w *Writer) error { return w.Write(c.meta, c.data) })
			var m []byte
			if c.meta != nil {
				m = enc
			}
			got, gotErr := run(func(w *Writer) error { return w.WriteEncoded(m, c.data) })
			if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("WriteEncoded gave %s (%v), Write %s (%v)", got, gotErr, want, wantErr)
			}
		})
	}
}
