package record

import (
	"os"
	"testing"
	"time"
)

// TestFlushBeforeOnPipe: on a file descriptor the flush comes only before
// a read that would block: none while input is waiting, one before the
// read that waits, and that read still returns what arrives later.
func TestFlushBeforeOnPipe(t *testing.T) {
	pr, pw := testPipe(t)
	fc := &flushCounter{}
	r := FlushBefore(pr, fc)
	buf := make([]byte, 4)

	pw.Write([]byte("abcdefgh"))
	for i := 0; i < 2; i++ {
		if n, err := r.Read(buf); n != 4 || err != nil {
			t.Fatalf("read %d: %d, %v", i, n, err)
		}
	}
	if fc.n != 0 {
		t.Fatalf("flushed %d times with input waiting; want 0", fc.n)
	}

	go func() {
		time.Sleep(20 * time.Millisecond)
		pw.Write([]byte("ijkl"))
	}()
	if n, err := r.Read(buf); n != 4 || err != nil || string(buf) != "ijkl" {
		t.Fatalf("blocking read: %d %q, %v", n, buf[:n], err)
	}
	if fc.n != 1 {
		t.Fatalf("flushed %d times before a read that waited; want 1", fc.n)
	}

	pw.Close()
	if n, err := r.Read(buf); n != 0 || err == nil {
		t.Fatalf("read at end: %d, %v; want 0, EOF", n, err)
	}
	if fc.n != 1 {
		t.Fatalf("flushed before the read of the end of input (%d); it does not block", fc.n)
	}
}

// TestFlushBeforeLinger: with a linger, input that arrives within it is
// read without a flush; a read that still finds nothing flushes first.
func TestFlushBeforeLinger(t *testing.T) {
	pr, pw := testPipe(t)
	fc := &flushCounter{}
	r := FlushBeforeLinger(pr, fc, 500*time.Millisecond)
	buf := make([]byte, 4)

	go func() {
		time.Sleep(20 * time.Millisecond) // well inside the linger
		pw.Write([]byte("abcd"))
	}()
	if n, err := r.Read(buf); n != 4 || err != nil {
		t.Fatalf("read: %d, %v", n, err)
	}
	if fc.n != 0 {
		t.Fatalf("flushed %d times for input that came within the linger; want 0", fc.n)
	}

	r = FlushBeforeLinger(pr, fc, 10*time.Millisecond)
	go func() {
		time.Sleep(200 * time.Millisecond) // well after it
		pw.Write([]byte("efgh"))
	}()
	if n, err := r.Read(buf); n != 4 || err != nil || string(buf) != "efgh" {
		t.Fatalf("read: %d %q, %v", n, buf[:n], err)
	}
	if fc.n != 1 {
		t.Fatalf("flushed %d times for a read that waited past the linger; want 1", fc.n)
	}
}

// testPipe is an os.Pipe closed at the end of the test.
func testPipe(t *testing.T) (*os.File, *os.File) {
	t.Helper()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pr.Close(); pw.Close() })
	return pr, pw
}
