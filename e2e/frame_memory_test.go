package e2e

import (
	"bytes"
	"io"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFrameMemoryCap (issue 7 fault 7): on hostile input much larger than
// the cap (no terminator at all; lengths that keep it waiting for big
// packets), every deframer's peak RSS stays within about twice
// --max-record plus a small constant, and the error quotes the cap that
// is in force.
func TestFrameMemoryCap(t *testing.T) {
	if testing.Short() {
		t.Skip("pipes 128 MiB per case")
	}
	const capMiB = 32
	const input = 128 << 20
	for _, tc := range []struct {
		args []string
		fill byte
	}{
		{[]string{"slip"}, 0x01},
		{[]string{"terminated", "0x0A", "0x0A"}, 0x01},
		{[]string{"cobs"}, 0x01},
		// 0x01010101: a 16 MiB packet after another, always waiting.
		{[]string{"length", "0", "32", "0"}, 0x01},
		{[]string{"preidentified"}, 0x01},
	} {
		args := append(append([]string{}, tc.args...), "--in", "raw", "--out", "raw", "--max-record", "32MiB")
		cmd := exec.Command(filepath.Join(binDir, "c3frame"), args...)
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = io.Discard, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		block := bytes.Repeat([]byte{tc.fill}, 64<<10)
		for n := 0; n < input; n += len(block) {
			if _, err := in.Write(block); err != nil {
				t.Fatal(err)
			}
		}
		in.Close()
		err = cmd.Wait()
		if err != nil {
			t.Fatalf("%v: %v: %s", tc.args, err, stderr.String())
		}
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss >> 10 // KiB -> MiB
		if limit := int64(2*capMiB + 24); rss > limit {
			t.Errorf("%v: peak RSS %d MiB over %d MiB (2 x --max-record %d MiB + 24)", tc.args, rss, limit, capMiB)
		}
		if bytes.Contains(stderr.Bytes(), []byte("134217728")) || bytes.Contains(stderr.Bytes(), []byte("67108864")) {
			t.Errorf("%v: stderr quotes a cap nobody set: %s", tc.args, stderr.String())
		}
		t.Logf("%v: peak RSS %d MiB; %s", tc.args, rss, bytes.SplitN(stderr.Bytes(), []byte("\n"), 2)[0])
	}
}
