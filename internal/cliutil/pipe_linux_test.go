package cliutil

import (
	"os"
	"testing"

	"golang.org/x/sys/unix"
)

// TestGrowPipes: stdin and stdout pipes come out at 1 MiB; a stdin that
// is not a pipe is left alone.
func TestGrowPipes(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	oldIn, oldOut := os.Stdin, os.Stdout
	defer func() { os.Stdin, os.Stdout = oldIn, oldOut }()
	f, err := os.CreateTemp(t.TempDir(), "in")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	os.Stdin, os.Stdout = f, w
	growPipes()
	if n, err := unix.FcntlInt(w.Fd(), unix.F_GETPIPE_SZ, 0); err != nil || n != pipeSize {
		t.Errorf("stdout pipe: %d bytes (%v), want %d", n, err, pipeSize)
	}
	r2, w2, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	defer w2.Close()
	os.Stdin, os.Stdout = r2, f
	growPipes()
	if n, err := unix.FcntlInt(r2.Fd(), unix.F_GETPIPE_SZ, 0); err != nil || n != pipeSize {
		t.Errorf("stdin pipe: %d bytes (%v), want %d", n, err, pipeSize)
	}
}
