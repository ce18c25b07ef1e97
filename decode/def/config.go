package def

import "github.com/c3kit/c3kit/internal/ruby"

// ConfigLine is one logical line of any COSMOS configuration file
// (format.md): a keyword and its parameters after line continuation (&)
// and string concatenation (+, \), with quotes removed. plugin.txt is read
// with the same rules as the definition files.
type ConfigLine struct {
	Keyword string   // upper-cased
	Params  []string // quotes removed
	Quoted  []bool   // whether Params[i] was quoted
	Raw     string   // the whole joined line
	File    string
	Line    int
}

// ConfigLines splits template output into logical lines, skipping blank
// and comment lines.
func ConfigLines(lines []ruby.Line) []ConfigLine {
	src := make([]srcLine, len(lines))
	for i, l := range lines {
		src[i] = srcLine{l.Text, l.File, l.Line}
	}
	var out []ConfigLine
	for _, st := range joinLines(src) {
		if st.keyword == "" {
			continue
		}
		out = append(out, ConfigLine{Keyword: st.keyword, Params: st.params, Quoted: st.quoted, Raw: st.raw, File: st.file, Line: st.line})
	}
	return out
}
