// Command c3decode turns records into decoded packets (JSON lines). With
// --hex it needs no definitions and prints each record's bytes and meta.
package main

import (
	"bufio"
	"os"

	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

func main() { os.Exit(cliutil.Run(app(), os.Args, os.Stderr)) }

func app() *cli.App {
	return &cli.App{
		Name:      "c3decode",
		Usage:     "records in, decoded packets out (JSON lines)",
		UsageText: "c3decode --hex [--in raw]",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "hex", Usage: "print each record as {time,target,packet,stored,extra,hex}; no definitions needed"},
			&cli.StringFlag{Name: "in", Value: "records", Usage: "input form: records or raw"},
		},
		Action: func(c *cli.Context) error {
			if !c.Bool("hex") {
				return cliutil.Usagef("give --hex (packet definitions with -d are not built yet)")
			}
			out := bufio.NewWriterSize(os.Stdout, 64<<10)
			in := record.FlushBefore(os.Stdin, out)
			var r *record.Reader
			switch c.String("in") {
			case "records":
				r = record.NewReader(in)
			case "raw":
				r = record.NewRawReader(in)
			default:
				return cliutil.Usagef("--in must be records or raw")
			}
			_, err := jsonform.WriteHex(r, out)
			if ferr := out.Flush(); err == nil {
				err = ferr
			}
			return err
		},
	}
}
