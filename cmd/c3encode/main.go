// Command c3encode turns packet values (JSON lines or COSMOS command
// strings) into records. With --hex it turns c3decode --hex lines back into
// the records they describe.
package main

import (
	"os"

	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

func main() { os.Exit(cliutil.Run(app(), os.Args, os.Stderr)) }

func app() *cli.App {
	return &cli.App{
		Name:      "c3encode",
		Usage:     "packet values in, records out",
		UsageText: "c3encode --hex [--out raw] [--on-error skip|fail]",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "hex", Usage: "read c3decode --hex JSON lines"},
			&cli.StringFlag{Name: "out", Value: "records", Usage: "output form: records or raw"},
			&cli.StringFlag{Name: "on-error", Value: "skip", Usage: "a bad line: skip (one stderr line, go on) or fail (exit 1)"},
		},
		Action: func(c *cli.Context) error {
			if !c.Bool("hex") {
				return cliutil.Usagef("give --hex (packet definitions with -d are not built yet)")
			}
			var w *record.Writer
			switch c.String("out") {
			case "records":
				w = record.NewWriter(os.Stdout)
			case "raw":
				w = record.NewRawWriter(os.Stdout)
			default:
				return cliutil.Usagef("--out must be records or raw")
			}
			fail := c.String("on-error") == "fail"
			if !fail && c.String("on-error") != "skip" {
				return cliutil.Usagef("--on-error must be skip or fail")
			}
			diag := cliutil.NewDiag(c, os.Stderr)
			_, err := jsonform.ReadHex(record.FlushBefore(os.Stdin, w), w, func(e *jsonform.LineError) error {
				if fail {
					return e
				}
				diag.Printf("%v; skipped", e)
				return nil
			})
			if ferr := w.Flush(); err == nil {
				err = ferr
			}
			return err
		},
	}
}
