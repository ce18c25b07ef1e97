package def

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/ruby"
)

// tightERBLimits lowers the ERB bounds so that each fuzz input stays fast
// (the bounds themselves are what is being exercised); it returns the
// restore function.
func tightERBLimits() func() {
	return ruby.SetLimits(1<<18, 1<<12)
}

// fuzzSeeds are the real target files plus a few awkward snippets.
func fuzzSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(targetsDir, "*", "cmd_tlm", "*.txt"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		tlmHead + "ITEM A 0 8 UINT\n STATE X ANY\n",
		cmdHead + "PARAMETER P 0 8 UINT MIN MAX 0\n GENERIC_WRITE_CONVERSION_START\n value\n",
		"TELEMETRY TGT P BIG_ENDIAN \"a\" +\n \"b\" \\\n 'c' &\n",
		"<% (1..3).each do |i| %>\nTELEMETRY TGT P<%= i %> BIG_ENDIAN\n<% end %>",
		"<%= render '_x.txt' %>",
	} {
		f.Add(s)
	}
}

// FuzzParse feeds arbitrary definition text to the loader: it must return
// a model or a *def.Error naming a line, never panic or hang, and a loaded
// model must identify arbitrary bytes without trouble.
func FuzzParse(f *testing.F) {
	defer tightERBLimits()()
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<16 {
			return
		}
		s, err := LoadText("f.txt", text, Options{Target: "TGT", OverlapWarnings: true})
		if err != nil {
			var de *Error
			if !errors.As(err, &de) || de.File == "" {
				t.Fatalf("error without a file: %v", err)
			}
			return
		}
		for _, tg := range s.Targets {
			for _, p := range append(append([]*Packet{}, tg.Commands...), tg.Telemetry...) {
				if p.DefinedLength > record.DefaultMaxLen {
					t.Fatalf("packet %s of %d bytes loaded past the record cap", p.Name, p.DefinedLength)
				}
				if p.DefinedLength*8 < p.DefinedLengthBits || len(p.Sorted) > len(p.Items) {
					t.Fatalf("inconsistent packet %s: %+v", p.Name, p)
				}
				for _, it := range p.Items {
					if p.Item(it.Name) != it {
						t.Fatalf("item %s of %s not found by name", it.Name, p.Name)
					}
				}
			}
		}
		buf := []byte(text)
		if len(buf) > 64 {
			buf = buf[:64]
		}
		s.Identify(buf, Telemetry)
		s.Identify(buf, Command)
	})
}
