package e2e

import (
	"bufio"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// c3encode's peak RSS stays within about twice the 64 MiB record cap plus
// a constant on hostile lines (issue 7, fault 7: a 140 MB hex line peaked
// at 549 MB). The lines are streamed in, so the test itself holds none.
func TestEncodeMemoryBounded(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name     string
		args     []string
		lines    func(w *bufio.Writer)
		wantErr  string
		limitMiB int64
	}{
		{"140 MB hex line, refused", []string{"--hex"}, func(w *bufio.Writer) {
			w.WriteString(`{"hex":"`)
			writeRepeat(w, 'a', 140_000_000)
			w.WriteString("\"}\n{\"hex\":\"01\"}\n")
		}, "line 1: longer than 134221824 bytes", 2*64 + 32},
		{"50 MB value in a command string", []string{"-d", "../testdata/targets/INST"}, func(w *bufio.Writer) {
			w.WriteString("INST ASCIICMD with ASCII '")
			writeRepeat(w, 'A', 50_000_000)
			w.WriteString("'\n")
			// the line, the parsed text and the value are live at once: ~4x
			// the value, well under the 549 MB a long line used to cost
		}, "(50000000 bytes) does not fit", 2*64 + 96},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(filepath.Join(binDir, "c3encode"), tt.args...)
			in, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr strings.Builder
			cmd.Stderr, cmd.Stdout = &stderr, io.Discard
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			w := bufio.NewWriterSize(in, 1<<20)
			tt.lines(w)
			w.Flush()
			in.Close()
			err = cmd.Wait()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				t.Errorf("exit: %v, want status 1", err)
			}
			if !strings.Contains(stderr.String(), tt.wantErr) || len(stderr.String()) > 1000 {
				t.Errorf("stderr %.1000q", stderr.String())
			}
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
			if limit := tt.limitMiB * mib / 1024; rss > limit {
				t.Errorf("peak RSS %d MiB, want at most %d MiB", rss/1024, tt.limitMiB)
			}
			t.Logf("peak RSS %d MiB", rss/1024)
		})
	}
}

func writeRepeat(w *bufio.Writer, c byte, n int) {
	chunk := []byte(strings.Repeat(string(c), 1<<16))
	for n > 0 {
		k := min(n, len(chunk))
		w.Write(chunk[:k])
		n -= k
	}
}
