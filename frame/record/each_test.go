package record

import (
	"bytes"
	"errors"
	"testing"
)

func TestEach(t *testing.T) {
	var full bytes.Buffer
	w := NewWriter(&full)
	w.Write(Meta{"target": "T"}, []byte("ab"))
	w.Write(nil, []byte("cd"))
	w.Write(nil, []byte("ef"))
	w.Flush()
	stop := errors.New("stop")
	cases := []struct {
		name    string
		in      []byte
		stopAt  string // fn returns stop for this record
		want    string // records handed to fn, concatenated
		wantErr error
	}{
		{name: "clean end", in: full.Bytes(), want: "abcdef"},
		{name: "empty stream", in: nil, want: ""},
		{name: "fn error stops", in: full.Bytes(), stopAt: "cd", want: "abcd", wantErr: stop},
		{name: "truncated stream", in: full.Bytes()[:full.Len()-1], want: "abcd", wantErr: ErrTruncated},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []byte
			err := Each(NewReader(bytes.NewReader(c.in)), func(r *Record) error {
				got = append(got, r.Data...)
				if string(r.Data) == c.stopAt {
					return stop
				}
				return nil
			})
			if string(got) != c.want {
				t.Errorf("fn saw %q, want %q", got, c.want)
			}
			if c.wantErr == nil && err != nil || c.wantErr != nil && !errors.Is(err, c.wantErr) {
				t.Errorf("err = %v, want %v", err, c.wantErr)
			}
		})
	}
}
