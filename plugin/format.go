package plugin

import (
	"fmt"
	"strings"
)

// Format writes the pipeline as shell text, one stage per line, ready to
// paste: a comment naming the plugin.txt line, the notes, then the stages
// joined by "|" (a router's loop closes through a fifo).
func (pl *Pipeline) Format() string {
	var b strings.Builder
	l := pl.Link
	fmt.Fprintf(&b, "# %s %s (%s:%d): %s\n", l.Keyword, l.Name, l.File, l.Line, l.Class)
	for _, n := range pl.Notes {
		fmt.Fprintf(&b, "# note: %s\n", n)
	}
	fifo := ""
	if pl.Loop {
		fifo = shellQuote(l.Name + ".fifo")
		fmt.Fprintf(&b, "mkfifo %s\n", fifo)
	}
	for i, st := range pl.Stages {
		if i > 0 {
			b.WriteString("  | ")
		}
		words := make([]string, len(st))
		for j, w := range st {
			words[j] = shellQuote(w)
		}
		b.WriteString(strings.Join(words, " "))
		if pl.Loop && i == 0 {
			b.WriteString(" <" + fifo)
		}
		if pl.Loop && i == len(pl.Stages)-1 {
			b.WriteString(" >" + fifo)
		}
		if i < len(pl.Stages)-1 {
			b.WriteString(" \\")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// shellQuote leaves plain words alone and single-quotes the rest.
func shellQuote(s string) string {
	if s == "" {
		return "''"
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r)) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}
