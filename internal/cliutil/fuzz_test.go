package cliutil

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FuzzReorder feeds random argv (NUL-separated) to the argument reorderer.
// Invariants: no panic; on success the positionals come out after the first
// "--" in their original order, every flag argument is kept (a boolean one
// may gain "=true"/"=false" from the word it took), and reordering the
// result again changes nothing.
func FuzzReorder(f *testing.F) {
	for _, s := range []string{
		"64\x0016\x00--in\x00raw", "--strip\x00true\x00ERROR", "-d\x00--", "-d\x00--stats",
		"--in=raw\x00a\x00--\x00--stats", "-32\x00--stats\x00FALSE", "--bogus\x00x\x00-\x00--in",
	} {
		f.Add(s)
	}
	flags := testFlags()
	kinds := flagKinds(flags)
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\x00")
		if len(args) > 64 {
			args = args[:64]
		}
		out, err := Reorder(args, flags)
		if err != nil {
			return
		}
		sep := -1
		for i, a := range out {
			if a == "--" {
				sep = i
				break
			}
		}
		if sep < 0 {
			t.Fatalf("no -- in %q", out)
		}
		// Every argument comes out once: positionals after "--" in their
		// order, flags before it, a boolean's true/false merged into it.
		var fl, pos []string
		for i := 0; i < len(args); i++ {
			a := args[i]
			if a == "--" {
				pos = append(pos, args[i+1:]...)
				break
			}
			if !isFlag(a) {
				pos = append(pos, a)
				continue
			}
			merged := strings.Contains(a, "=")
			switch kinds[flagName(a)] {
			case flagValue:
				if !merged {
					i++
					fl = append(fl, a, args[i])
					continue
				}
			case flagBool:
				if !merged && i+1 < len(args) && isBoolWord(args[i+1]) {
					i++
					a += "=" + strings.ToLower(args[i])
				}
			}
			fl = append(fl, a)
		}
		if !cmp.Equal(fl, out[:sep], cmpopts.EquateEmpty()) || !cmp.Equal(pos, out[sep+1:], cmpopts.EquateEmpty()) {
			t.Fatalf("%q -> %q, want flags %q positionals %q", args, out, fl, pos)
		}
		again, err := Reorder(out, flags)
		if err != nil {
			t.Fatalf("second pass of %q: %v", out, err)
		}
		if diff := cmp.Diff(out, again); diff != "" {
			t.Fatalf("not idempotent on %q: %s", out, diff)
		}
	})
}
