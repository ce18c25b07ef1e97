package record

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FuzzReader: arbitrary bytes never panic, never allocate past the caps, and
// whatever parses re-encodes to a stream that parses to the same records,
// meta included (through both the hand-written and the fxamacker paths).
func FuzzReader(f *testing.F) {
	f.Add([]byte("\x00\x00\x00\x05hello"))
	f.Add([]byte{0x80, 0, 0, 1, 0xa0, 0, 0, 0, 0})
	f.Add([]byte{0x7f, 0xff, 0xff, 0xff})
	m, _ := Meta{"target": "INST", "extra": map[string]any{"A": uint64(1)}}.Encode()
	f.Add(append(append([]byte{0x80, 0, 0, byte(len(m))}, m...), 0, 0, 0, 1, 'x'))
	f.Fuzz(func(t *testing.T, in []byte) {
		// Small reads (bufio partly filled, frames split across fills)
		// give the same records, offsets and error as one big one.
		whole := readTrace(bytes.NewReader(in))
		if len(in) > 0 {
			if small := readTrace(&shortReader{in, 1 + int(in[0]%13)}); small != whole {
				t.Fatalf("read in %d-byte pieces:\n%s\nwhole:\n%s", 1+in[0]%13, small, whole)
			}
		}
		r := NewReader(bytes.NewReader(in))
		r.SetMaxLen(1 << 16)
		var recs []rec
		for {
			x, err := r.Read()
			if err != nil {
				var fe *FormatError
				if err != io.EOF && !errors.Is(err, ErrTruncated) && !errors.As(err, &fe) {
					t.Fatalf("unexpected error type %T: %v", err, err)
				}
				break
			}
			recs = append(recs, rec{x.Meta, append([]byte{}, x.Data...)})
		}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		for _, x := range recs {
			if err := w.Write(x.Meta, x.Data); err != nil {
				t.Fatalf("re-encode: %v", err)
			}
		}
		w.Flush()
		again, err := readAll(t, NewReader(&buf))
		if err != nil || len(again) != len(recs) {
			t.Fatalf("round trip: %v, %d vs %d records", err, len(again), len(recs))
		}
		for i := range recs {
			if !bytes.Equal(again[i].Data, recs[i].Data) {
				t.Fatalf("record %d data differs", i)
			}
			// Meta survives re-encoding (NaN payloads aside: every NaN
			// encodes as f9 7e00).
			want := recs[i].Meta
			if len(want) == 0 {
				want = nil // an empty meta frame is not written again
			}
			if diff := cmp.Diff(want, again[i].Meta, cmpopts.EquateNaNs(), bigInts); diff != "" {
				t.Fatalf("record %d meta differs after re-encoding:\n%s", i, diff)
			}
		}
	})
}

// readTrace reads every record of src and describes them: meta, data,
// offset, then the error that ended the stream.
func readTrace(src io.Reader) string {
	r := NewReader(src)
	r.SetMaxLen(1 << 16)
	var b strings.Builder
	for {
		x, err := r.Read()
		if err != nil {
			fmt.Fprintf(&b, "end %v\n", err)
			return b.String()
		}
		fmt.Fprintf(&b, "at %d meta %v data %X\n", r.Offset(), x.Meta, x.Data)
	}
}

// shortReader returns at most n bytes per Read.
type shortReader struct {
	b []byte
	n int
}

func (s *shortReader) Read(p []byte) (int, error) {
	if len(s.b) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), s.n)], s.b)
	s.b = s.b[k:]
	return k, nil
}
