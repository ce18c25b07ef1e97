package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestNoRecordHeldBack runs the real binary on a pipe that stays open: each
// record must come out before the next one goes in (DESIGN §3 latency rule),
// for verify and add alike.
func TestNoRecordHeldBack(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "c3crc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	// "123456789" with its CRC-16/IBM-3740 appended, as a record.
	rec := []byte("\x00\x00\x00\x0b123456789\x29\xb1")
	for _, c := range []struct {
		args []string
		want []byte
	}{
		{[]string{"verify", "nil", "true", "ERROR", "-16", "16"}, []byte("\x00\x00\x00\x09123456789")},
		{[]string{"add", "nil", "false", "ERROR", "-16", "16"}, []byte("\x00\x00\x00\x0d123456789\x29\xb1\x00\x00")}, // CRC-16/IBM-3740 of data+CRC is 0
	} {
		cmd := exec.Command(bin, c.args...)
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			if _, err := in.Write(rec); err != nil {
				t.Fatal(err)
			}
			got := make([]byte, len(c.want))
			done := make(chan error, 1)
			go func() { _, err := io.ReadFull(out, got); done <- err }()
			select {
			case err := <-done:
				if err != nil || !bytes.Equal(got, c.want) {
					t.Fatalf("%v record %d: %q %v, want %q", c.args, i, got, err, c.want)
				}
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("%v: record %d held back while stdin stays open", c.args, i)
			}
		}
		in.Close()
		if err := cmd.Wait(); err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
	}
}
