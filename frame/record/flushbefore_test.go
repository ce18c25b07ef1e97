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
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
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
