package cliutil

import (
	"fmt"
	"io"
	"strings"

	"github.com/c3kit/c3kit/frame/record"
	"github.com/urfave/cli/v2"
)

// IOFlags are the --in/--out flags every record stage takes (DESIGN.md §1),
// with --max-record, the cap OpenIO applies to what it reads.
func IOFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "in", Value: "records", Usage: "input form: records (c3kit record stream) or raw (any byte stream, read as chunks)"},
		&cli.StringFlag{Name: "out", Value: "records", Usage: "output form: records, or raw (data payloads back to back, meta dropped)"},
		MaxRecordFlag(), // the memory cap goes wherever records are read
	}
}

// OpenIO builds the stage's record reader and writer from --in/--out. The
// reader flushes the writer before each blocking read, so live data is never
// held back.
func OpenIO(c *cli.Context, stdin io.Reader, stdout io.Writer) (*record.Reader, *record.Writer, error) {
	w, err := NewRecordWriter(c.String("out"), stdout)
	if err != nil {
		return nil, nil, err
	}
	max, err := MaxRecord(c)
	if err != nil {
		return nil, nil, err
	}
	in := record.FlushBefore(stdin, w)
	var r *record.Reader
	switch c.String("in") {
	case "records", "":
		r = record.NewReader(in)
	case "raw":
		r = record.NewRawReader(in)
	default:
		return nil, nil, Usagef("--in must be records or raw, not %q", c.String("in"))
	}
	r.SetMaxLen(max)
	return r, w, nil
}

// Diag writes one-line diagnostics prefixed with the binary and subcommand.
type Diag struct {
	W      io.Writer
	Prefix string
}

// NewDiag returns a Diag for the running subcommand.
func NewDiag(c *cli.Context, w io.Writer) *Diag {
	p := c.App.Name
	if c.Command != nil && c.Command.Name != "" && c.Command.Name != c.App.Name {
		p += " " + c.Command.Name
	}
	return &Diag{W: w, Prefix: p}
}

// Printf writes one diagnostic line.
func (d *Diag) Printf(format string, a ...any) {
	msg := strings.TrimRight(fmt.Sprintf(format, a...), "\n")
	fmt.Fprintf(d.W, "%s: %s\n", d.Prefix, strings.ReplaceAll(msg, "\n", " "))
}

// Stats writes the --stats line: pairs of name, value.
func (d *Diag) Stats(kv ...any) {
	var b strings.Builder
	b.WriteString("stats:")
	for i := 0; i+1 < len(kv); i += 2 {
		fmt.Fprintf(&b, " %v=%v", kv[i], kv[i+1])
	}
	d.Printf("%s", b.String())
}
