package link

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestNoProgramsInLibrary: link/ is a library; benchmark programs live under
// scripts/ beside the other tools (issue 8 item 8), and the bench script
// builds them from there.
func TestNoProgramsInLibrary(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".go" {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.PackageClauseOnly)
		if err != nil {
			return err
		}
		if f.Name.Name == "main" {
			t.Errorf("%s is a program inside the link library; move it under scripts/", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../scripts/bench.d/link.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`go build -o \S+ (\./\S+)`).FindAllSubmatch(script, -1) {
		if _, err := os.Stat(filepath.Join("..", string(m[1]), "main.go")); err != nil {
			t.Errorf("scripts/bench.d/link.sh builds %s: %v", m[1], err)
		}
	}
}
