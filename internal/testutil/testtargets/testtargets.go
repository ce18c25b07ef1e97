// Package testtargets loads the repository's test targets
// (testdata/targets) for package tests, from any package folder.
package testtargets

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
)

// Dir is the repository's testdata/targets folder, relative to the working
// directory (a test's package folder) when it can be, so the paths that
// definitions and their errors carry read as they did with a literal
// "../../testdata/targets".
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "targets")
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, dir); err == nil {
			return rel
		}
	}
	return dir
}

// KeyedDir is testdata/keyed-targets: the targets whose packets have no ID
// items and so match every buffer, as in COSMOS (Template and HTTP
// responses are named by the link that reads them). They stay out of Dir,
// which tests load whole to identify records from their bytes.
func KeyedDir() string { return filepath.Join(filepath.Dir(Dir()), "keyed-targets") }

// Load loads the named targets (folders under Dir, else under KeyedDir),
// or every target of Dir when none is named, failing t on an error.
func Load(t testing.TB, names ...string) *def.Set {
	t.Helper()
	paths := []string{Dir()}
	if len(names) > 0 {
		paths = paths[:0]
		for _, n := range names {
			p := filepath.Join(Dir(), n)
			if _, err := os.Stat(p); err != nil {
				p = filepath.Join(KeyedDir(), n)
			}
			paths = append(paths, p)
		}
	}
	set, err := def.Load(paths, def.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}
