package ruby

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzERB runs arbitrary templates: output or an error naming a line,
// bounded output, no panic or hang. Seeds: the repository's target files
// and plugin.txt files plus awkward snippets.
func FuzzERB(f *testing.F) {
	defer SetLimits(1<<18, 1<<12)()
	var files []string
	for _, g := range []string{"../../testdata/targets/*/cmd_tlm/*.txt", "../../plugin/testdata/*/plugin.txt"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
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
		partial := func(name string) (*Template, error) {
			if p, ok := partials[name]; ok {
				return ParseERB(name, p)
			}
			return nil, errors.New("no such partial")
		}
		lines, err := Expand("f.txt", src, Env{Globals: map[string]any{"target_name": "TGT", "a": true, "b": int64(2)}, Partial: partial})
		if err != nil {
			var re *Error
			if !errors.As(err, &re) || re.Line < 1 || re.Keyword != "ERB" {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		total := 0
		for _, l := range lines {
			total += len(l.Text) + 1
			if l.Line < 1 || l.File == "" || strings.Contains(l.Text, "\n") {
				t.Fatalf("bad output line %+v", l)
			}
		}
		if out, _ := Limits(); total > out+1 {
			t.Fatalf("output %d bytes exceeds the bound", total)
		}
	})
}
