package e2e

import (
	"bufio"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// TestDecodeMemoryBounded (issue 13): c3decode with two workers holds one
// batch per worker, whatever the length of the stream: on 1 GiB of
// HEALTH_STATUS records (the benchmark target modelled on COSMOS's INST2)
// its peak RSS stays under 32 MiB.
func TestDecodeMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("pipes 1 GiB")
	}
	const defs = "../testdata/bench-targets/PERF"
	enc := exec.Command(filepath.Join(binDir, "c3encode"), "--tlm", "--out", "raw", "-d", defs)
	enc.Stdin = strings.NewReader("PERF HEALTH_STATUS with CCSDSLENGTH 390, TIMESEC 1795250501, TEMP1 21.5, TEMP2 -3.25, " +
		"ARY2 [1.5, 2.25], COLLECT_TYPE SPECIAL, ASCIICMD \"NOOP\", BLOCKTEST 0xDEADBEEF001122334455\n")
	pkt, err := enc.Output()
	if err != nil || len(pkt) != 397 {
		t.Fatalf("c3encode: %d bytes, %v", len(pkt), err)
	}

	cmd := exec.Command(filepath.Join(binDir, "c3decode"), "--jobs", "2", "-d", defs)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriterSize(in, 1<<20)
	w := record.NewWriter(bw)
	var n int64
	for n = 0; n*int64(len(pkt)+5) < 1<<30; n++ {
		pkt[5] = byte(n) // the sequence count changes from packet to packet
		if err := w.Write(nil, pkt); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	bw.Flush()
	in.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("c3decode: %v: %s", err, stderr.String())
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
	t.Logf("%d packets, peak RSS %d MiB", n, rss>>10)
	if rss > 32<<10 {
		t.Errorf("peak RSS %d MiB over 32 MiB on 1 GiB of records", rss>>10)
	}
}
