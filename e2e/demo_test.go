package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestDemo runs `make demo`'s script with the freshly built binaries: it
// must finish quickly, decode every packet of the capture through the
// loopback target (flagging the corrupt CRCs), deliver every command to
// the target, and run exactly the pipeline the README shows.
func TestDemo(t *testing.T) {
	pipeline, err := os.ReadFile("../scripts/demo/pipeline.sh")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(readme, []byte("```sh\n"+string(pipeline)+"```\n")) {
		t.Error("README.md does not show scripts/demo/pipeline.sh verbatim in a ```sh block; paste it into \"Two commands on a fresh machine\"")
	}

	cmd := exec.Command("bash", "../scripts/demo.sh")
	cmd.Env = append(os.Environ(), "C3KIT_BIN="+binDir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("scripts/demo.sh: %v\nstderr:\n%s", err, stderr.String())
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("the demo took %v; it must stay under 30 s", d)
	}
	count := func(s, sub string) int { return strings.Count(s, sub) }
	out, errs := stdout.String(), stderr.String()
	for _, c := range []struct {
		what, in, sub string
		want          int
	}{
		{"telemetry packets through the link", out, `"LINK":"tcp-client"`, 12},
		{"packets flagged with a bad CRC", out, `"CRC_OK":false`, 3},
		{"commands the target got", out, `"LINK":"tcp-server"`, 3},
		{"SET_MODE decoded at the target", out, `"packet":"SET_MODE","time"`, 1},
		{"garbage reports", errs, "c3frame length: discarded ", 2},
		{"bad CRC reports", errs, "c3crc verify: record ", 3},
	} {
		if got := count(c.in, c.sub); got != c.want {
			t.Errorf("%s: %d (%q), want %d\nstdout:\n%s\nstderr:\n%s", c.what, got, c.sub, c.want, out, errs)
		}
	}
	if !strings.Contains(out, `"items":{"MODE":"SCIENCE"}`) {
		t.Errorf("the target did not get SET_MODE with MODE SCIENCE:\n%s", out)
	}
}
