package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/urfave/cli/v2"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// TestUsageGolden pins each subcommand's usage line and flags (names,
// defaults, help) so a change to the command line shows up in review;
// `go test ./cmd/c3link -update` rewrites the files.
func TestUsageGolden(t *testing.T) {
	for _, cmd := range app().Commands {
		t.Run(cmd.Name, func(t *testing.T) {
			var b strings.Builder
			fmt.Fprintf(&b, "%s: %s\n%s\n\n%s\n\n", cmd.Name, cmd.Usage, cmd.UsageText, cmd.Description)
			for _, f := range cmd.Flags {
				def := ""
				if d, ok := f.(cli.DocGenerationFlag); ok && d.TakesValue() {
					def = " (default " + d.GetDefaultText() + ")"
				}
				usage := ""
				if d, ok := f.(cli.DocGenerationFlag); ok {
					usage = d.GetUsage()
				}
				fmt.Fprintf(&b, "--%s%s\n    %s\n", strings.Join(f.Names(), ", -"), def, usage)
			}
			path := filepath.Join("testdata", cmd.Name+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), b.String()); diff != "" {
				t.Fatalf("usage of %s changed (-golden +now); run with -update if intended:\n%s", cmd.Name, diff)
			}
		})
	}
}
