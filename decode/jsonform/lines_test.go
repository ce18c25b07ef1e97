package jsonform

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// repeat is an endless reader of one byte.
type repeat byte

func (r repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func TestReadLines(t *testing.T) {
	stop := errors.New("stop")
	long := strings.Repeat("x", 200<<10) // beyond the 64 KiB buffer
	cases := []struct {
		name    string
		in      io.Reader
		stopAt  int    // fn returns stop at this line number
		want    string // "lineNo:line" handed to fn, ";"-separated
		wantErr string
	}{
		{name: "trimmed, blank lines counted", in: strings.NewReader("a\n\n  b \r\n\t\nc\n"), want: "1:a;3:b;5:c"},
		{name: "last line without newline", in: strings.NewReader("a\nb"), want: "1:a;2:b"},
		{name: "empty input", in: strings.NewReader(""), want: ""},
		{name: "long line whole", in: strings.NewReader("a\n" + long + "\nb\n"), want: "1:a;2:" + fmt.Sprint(len(long)) + ";3:b"},
		{name: "fn error stops", in: strings.NewReader("a\nb\nc\n"), stopAt: 2, want: "1:a;2:b", wantErr: "stop"},
		{name: "reader error after a line", in: io.MultiReader(strings.NewReader("a\nb"), iotest.ErrReader(errors.New("boom"))), want: "1:a;2:b", wantErr: "boom"},
		{name: "too long", in: io.MultiReader(strings.NewReader("a\n"), io.LimitReader(repeat('x'), int64(MaxLineLen)+1<<16)), want: "1:a",
			wantErr: fmt.Sprintf("line 2: longer than %d bytes (a 67108864-byte record in hex, the record cap); skipped to its end", MaxLineLen)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			err := ReadLines(c.in, func(n int, line []byte) error {
				s := string(line)
				if len(s) > 100 {
					s = fmt.Sprint(len(s))
				}
				got = append(got, fmt.Sprintf("%d:%s", n, s))
				if n == c.stopAt {
					return stop
				}
				return nil
			})
			if g := strings.Join(got, ";"); g != c.want {
				t.Errorf("fn saw %q, want %q", g, c.want)
			}
			if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || err.Error() != c.wantErr) {
				t.Errorf("err = %v, want %q", err, c.wantErr)
			}
			if c.name == "too long" {
				var le *LineError
				if !errors.As(err, &le) || le.Line != 2 {
					t.Errorf("err = %#v, want a *LineError for line 2", err)
				}
			}
		})
	}
}

// A line over the cap is reported with its number and skipped without
// being held: the lines after it are read, and memory stays near the cap
// (issue 7, fault 7).
func TestLinesTooLongGoesOn(t *testing.T) {
	const max = 100 << 10
	tests := []struct {
		name  string
		long  int64
		want  string
		notes string
	}{
		{"two buffers", 150 << 10, "1:a;3:b", "2"},
		{"many buffers", 10 << 20, "1:a;3:b", "2"},
		{"just past the cap", max + 1, "1:a;3:b", "2"},
		{"exactly the cap", max, "1:a;2:" + fmt.Sprint(max) + ";3:b", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := io.MultiReader(strings.NewReader("a\n"), io.LimitReader(repeat('x'), tt.long), strings.NewReader("\nb\n"))
			var got, notes []string
			ls := Lines{Max: max, TooLong: func(le *LineError) error {
				notes = append(notes, fmt.Sprint(le.Line))
				if want := fmt.Sprintf("line %d: longer than %d bytes (a %d-byte record in hex, the record cap); skipped to its end", le.Line, max, (max-4096)/2); le.Error() != want {
					t.Errorf("got %q, want %q", le, want)
				}
				return nil
			}}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			err := ls.Read(in, func(n int, line []byte) error {
				s := string(line)
				if len(s) > 100 {
					s = fmt.Sprint(len(s))
				}
				got = append(got, fmt.Sprintf("%d:%s", n, s))
				return nil
			})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if g := strings.Join(got, ";"); g != tt.want {
				t.Errorf("fn saw %q, want %q", g, tt.want)
			}
			if g := strings.Join(notes, ";"); g != tt.notes {
				t.Errorf("TooLong saw %q, want %q", g, tt.notes)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 3*max+256<<10 {
				t.Errorf("allocated %d bytes for a %d-byte cap", alloc, max)
			}
		})
	}
}
