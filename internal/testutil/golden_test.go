package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that keeps failures instead of failing the test.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; panic(r) }
func (r *recorder) Fatal(...any)          { r.failed = true; panic(r) }

// golden runs Golden on a recorder and says whether it failed.
func golden(t *testing.T, path string, got []byte) (failed bool) {
	r := &recorder{TB: t}
	defer func() {
		if p := recover(); p != nil && p != r {
			panic(p)
		}
		failed = r.failed
	}()
	Golden(r, path, got)
	return r.failed
}

func TestGolden(t *testing.T) {
	defer func(u bool) { *update = u }(*update)
	*update = false // the checks below need both modes, whatever the run asked for
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "x.golden")
	if !golden(t, path, []byte("a\n")) {
		t.Error("a missing golden file passed")
	}
	*update = true
	failed := golden(t, path, []byte("a\n"))
	*update = false
	if failed {
		t.Fatal("-update failed")
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "a\n" {
		t.Fatalf("-update wrote %q, %v", b, err)
	}
	if golden(t, path, []byte("a\n")) {
		t.Error("equal output failed")
	}
	if !golden(t, path, []byte("b\n")) {
		t.Error("different output passed")
	}
}
