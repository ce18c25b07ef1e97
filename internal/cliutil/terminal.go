package cliutil

import (
	"io"
	"os"

	"github.com/c3kit/c3kit/frame/record"
	"golang.org/x/term"
)

// NewRecordWriter is the one place a stage's --out becomes a writer:
// records (the c3kit stream) or raw (payloads back to back). Records are
// binary: like gzip, it refuses to write them to a terminal, with a hint.
func NewRecordWriter(out string, stdout io.Writer) (*record.Writer, error) {
	switch out {
	case "records", "":
		if IsTerminal(stdout) {
			return nil, Usagef("refusing to write binary records to a terminal; pipe into c3decode --hex to read them, or redirect to a file")
		}
		return record.NewWriter(stdout), nil
	case "raw":
		return record.NewRawWriter(stdout), nil
	}
	return nil, Usagef("--out must be records or raw, not %q", out)
}

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
