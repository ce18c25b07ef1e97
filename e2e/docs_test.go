package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDocsCurrent fails when docs/<binary>.md no longer matches what the
// binary's own flag definitions generate (run `make docs`).
func TestDocsCurrent(t *testing.T) {
	bins, _ := filepath.Glob("../cmd/*")
	if len(bins) == 0 {
		t.Fatal("no binaries under cmd/")
	}
	for _, b := range bins {
		name := filepath.Base(b)
		out, err := exec.Command(filepath.Join(binDir, name), "--generate-docs", "markdown").Output()
		if err != nil {
			t.Fatalf("%s --generate-docs markdown: %v", name, err)
		}
		want, err := os.ReadFile(filepath.Join("..", "docs", name+".md"))
		if err != nil {
			t.Errorf("docs/%s.md: %v (run make docs)", name, err)
			continue
		}
		if diff := cmp.Diff(string(want), string(out)); diff != "" {
			t.Errorf("docs/%s.md is stale; run make docs:\n%s", name, diff)
		}
	}
}
