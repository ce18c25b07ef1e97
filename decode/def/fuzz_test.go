package def

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// tightERBLimits lowers the ERB bounds so that each fuzz input stays fast
// (the bounds themselves are what is being exercised); it returns the
// restore function.
func tightERBLimits() func() {
	out, iters := maxERBOutput, maxERBIterations
	maxERBOutput, maxERBIterations = 1<<18, 1<<12
	return func() { maxERBOutput, maxERBIterations = out, iters }
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

// FuzzERB runs arbitrary templates: output or an error naming a line,
// bounded output, no panic or hang.
func FuzzERB(f *testing.F) {
	defer tightERBLimits()()
	fuzzSeeds(f)
	for _, s := range []string{
		"<%= 1 + 2 %>", "<% x = 3 %><%= x ** 2 %>", "<% 3.times do |i| -%>\n<%= i %>\n<% end -%>",
		"<% if a %>x<% elsif b %>y<% else %>z<% end %>", "<%= '%05.1f' % 3.14159 %>", "<%# c %><%% %>",
		"<%= render \"_p.txt\", locals: {a: [1, 2], b: {c: 'd'}} %>", "<%= (1..4).to_a[2] %>",
	} {
		f.Add(s)
	}
	partials := map[string]string{"_p.txt": "P <%= a %>\n", "_q.txt": "<%= render '_q.txt' %>"}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		partial := func(name string) (*erbFile, error) {
			if p, ok := partials[name]; ok {
				return parseERB(name, p)
			}
			return nil, errors.New("no such partial")
		}
		lines, err := expandERB("f.txt", src, map[string]any{"target_name": "TGT", "a": true, "b": int64(2)}, partial)
		if err != nil {
			var de *Error
			if !errors.As(err, &de) || de.Line < 1 || de.Keyword != "ERB" {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		total := 0
		for _, l := range lines {
			total += len(l.text) + 1
			if l.line < 1 || l.file == "" || strings.Contains(l.text, "\n") {
				t.Fatalf("bad output line %+v", l)
			}
		}
		if total > maxERBOutput+1 {
			t.Fatalf("output %d bytes exceeds the bound", total)
		}
	})
}
