package cliutil

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a real pseudo-terminal pair (no mock): the follower side is
// a terminal as a user's shell would give a stage.
func openPTY(t *testing.T) (leader, follower *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

// TestNewRecordWriterRefusesTerminal (issue 8 item 7): binary records are
// never written to a terminal (as gzip refuses), raw output and pipes are.
func TestNewRecordWriterRefusesTerminal(t *testing.T) {
	_, tty := openPTY(t)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	cases := []struct {
		out  string
		w    io.Writer
		want string // "" no error
	}{
		{"records", tty, "refusing to write binary records to a terminal; pipe into c3decode --hex to read them, or redirect to a file"},
		{"", tty, "refusing to write binary records to a terminal; pipe into c3decode --hex to read them, or redirect to a file"},
		{"raw", tty, ""},
		{"records", pw, ""},
		{"records", &bytes.Buffer{}, ""},
		{"json", pw, `--out must be records or raw, not "json"`},
	}
	for _, c := range cases {
		_, err := NewRecordWriter(c.out, c.w)
		got := ""
		if err != nil {
			got = err.Error()
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Errorf("%q to %T: %v is not a usage error (exit 2)", c.out, c.w, err)
			}
		}
		if got != c.want {
			t.Errorf("%q to %T: error %q, want %q", c.out, c.w, got, c.want)
		}
	}
}

func TestParseSeconds(t *testing.T) {
	cases := []struct {
		in    string
		nilOK bool
		want  time.Duration
		err   string
	}{
		{"10.0", false, 10 * time.Second, ""},
		{"0.25", false, 250 * time.Millisecond, ""},
		{"1m30s", false, 90 * time.Second, ""},
		{"nil", true, 0, ""},
		{"nil", false, 0, "--x needs a value"},
		{"-1", false, 0, `--x: "-1" is out of range`},
		{"soon", false, 0, `--x: "soon" is not a number of seconds or a duration`},
	}
	for _, c := range cases {
		d, err := ParseSeconds("x", c.in, c.nilOK)
		if (err == nil) != (c.err == "") || err != nil && err.Error() != c.err || d != c.want {
			t.Errorf("ParseSeconds(%q, %v) = %v, %v; want %v, %q", c.in, c.nilOK, d, err, c.want, c.err)
		}
	}
}

// lockedBuffer is a bytes.Buffer safe for the ticker goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func TestStatsEvery(t *testing.T) {
	var buf lockedBuffer
	d := &Diag{W: &buf, Prefix: "c3x"}
	n := 0
	stop := d.StatsEvery(40*time.Millisecond, func() []any { n++; return []any{"records", n} })
	time.Sleep(300 * time.Millisecond)
	stop()
	stop() // twice is harmless
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) < 3 || lines[0] != "c3x: stats: records=1" || lines[1] != "c3x: stats: records=2" {
		t.Fatalf("lines %q", lines)
	}
	after := buf.String()
	time.Sleep(100 * time.Millisecond)
	if buf.String() != after {
		t.Fatal("printed after stop")
	}
	if stop := d.StatsEvery(0, nil); stop == nil {
		t.Fatal("no stop for interval 0")
	}
}
