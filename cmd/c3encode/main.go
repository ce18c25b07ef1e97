// Command c3encode turns packet values into records: JSON lines of the form
// c3decode prints (DESIGN.md §4) or COSMOS command strings
// ("INST COLLECT with TYPE NORMAL, DURATION 5.0"), detected per line.
// Commands by default; --tlm builds telemetry packets. With --hex it turns
// c3decode --hex lines back into the records they describe.
package main

import (
	"os"
	"runtime"
	"strings"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/decode/stream"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

func main() { os.Exit(cliutil.Run(app(), os.Args, os.Stderr)) }

func app() *cli.App {
	return &cli.App{
		Name:  "c3encode",
		Usage: "packet values in, records out",
		UsageText: "c3encode -d targets/INST [--tlm] [--raw] [--out raw] [--on-error skip|fail] < lines\n" +
			"c3encode --hex [--out raw] [--on-error skip|fail]",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "definitions", Aliases: []string{"d"}, Usage: "a target folder, a targets/ folder, or definition files (with --target); repeatable"},
			&cli.StringFlag{Name: "target", Usage: "target name for single definition files"},
			&cli.BoolFlag{Name: "tlm", Usage: "build telemetry packets, not commands"},
			&cli.BoolFlag{Name: "raw", Usage: "values are raw: no write conversions (COSMOS cmd_raw)"},
			&cli.BoolFlag{Name: "no-range-check", Usage: "do not check given values against their MIN/MAX (COSMOS cmd_no_range_check); they must still fit"},
			&cli.BoolFlag{Name: "refuse-hazardous", Usage: "refuse HAZARDOUS commands and hazardous states (a bad line: reported, skipped, exit 1); without it each is one stderr line"},
			&cli.BoolFlag{Name: "lenient", Usage: "write conversions that cannot run here give a warning and write the value unconverted"},
			&cli.BoolFlag{Name: "verbose", Usage: "report definition warnings and server-only keywords (once each)"},
			&cli.BoolFlag{Name: "stats", Usage: "print counters to stderr at exit"},
			&cli.BoolFlag{Name: "hex", Usage: "read c3decode --hex JSON lines"},
			&cli.StringFlag{Name: "out", Value: "records", Usage: "output form: records or raw"},
			&cli.StringFlag{Name: "on-error", Value: "skip", Usage: "a bad line: skip (one stderr line, go on) or fail (exit 1)"},
			&cli.IntFlag{Name: "jobs", Value: runtime.GOMAXPROCS(0), DefaultText: "GOMAXPROCS", Usage: "build packets on this many cores; the output is the same for any number (1: in one goroutine, as before)"},
			cliutil.MaxRecordFlag(),
		},
		Action: run,
	}
}

func run(c *cli.Context) error {
	softMemoryLimit(cliutil.RecordCap(c))
	w, err := cliutil.NewRecordWriter(c.String("out"), os.Stdout)
	if err != nil {
		return err
	}
	max, err := cliutil.MaxRecord(c)
	if err != nil {
		return err
	}
	w.SetMaxLen(max) // never emit a record the next stage must refuse
	fail := c.String("on-error") == "fail"
	if !fail && c.String("on-error") != "skip" {
		return cliutil.Usagef("--on-error must be skip or fail")
	}
	if c.Args().Len() > 0 {
		return cliutil.Usagef("unexpected argument %q (input lines come on stdin)", c.Args().First())
	}
	diag := cliutil.NewDiag(c, os.Stderr)
	rejected := 0
	onBad := func(e *jsonform.LineError) error {
		rejected++
		if fail {
			return e
		}
		if strings.HasSuffix(e.Error(), "skipped to its end") {
			diag.Printf("%v", e)
		} else {
			diag.Printf("%v; skipped", e)
		}
		return nil
	}
	if c.Bool("hex") {
		_, err = jsonform.ReadHex(record.FlushBefore(os.Stdin, w), w, cliutil.RecordCap(c), onBad)
	} else {
		err = encodeMode(c, diag, w, onBad)
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err == nil && rejected > 0 {
		// grep's and cp's convention: go on, then say so in the exit status
		err = rejectedError(rejected)
	}
	return err
}

func encodeMode(c *cli.Context, diag *cliutil.Diag, w *record.Writer, onBad func(*jsonform.LineError) error) error {
	if c.Int("jobs") < 1 {
		return cliutil.Usagef("--jobs must be 1 or more")
	}
	if len(c.StringSlice("definitions")) == 0 {
		return cliutil.Usagef("give definitions with -d (a target folder, a targets/ folder or files with --target), or --hex")
	}
	opts := def.Options{Target: c.String("target"), MaxRecord: cliutil.RecordCap(c)}
	if c.Bool("verbose") {
		opts.Verbose = func(file string, line int, msg string) { diag.Printf("%s:%d: %s", file, line, msg) }
	}
	set, err := def.Load(c.StringSlice("definitions"), opts)
	if err != nil {
		return err
	}
	cfg := stream.EncodeConfig{Set: set, Kind: def.Command, OnBad: onBad,
		Engine:          engine.EncodeOptions{Set: set, Raw: c.Bool("raw"), Lenient: c.Bool("lenient"), NoRangeCheck: c.Bool("no-range-check"), MaxRecord: cliutil.RecordCap(c)},
		RefuseHazardous: c.Bool("refuse-hazardous"),
		Hazard:          func(lineNo int, msg string) { diag.Printf("line %d: warning: %s", lineNo, msg) }}
	if c.Bool("tlm") {
		cfg.Kind = def.Telemetry
	}
	if c.Bool("lenient") || c.Bool("verbose") {
		cfg.Engine.Warn = func(msg string) { diag.Printf("warning: %s", msg) }
	}
	cfg.Engine.Unusable = func(msg string) { diag.Printf("warning: %s", msg) }
	cfg.Jobs, cfg.Flush = c.Int("jobs"), &stream.Flusher{}
	st, err := stream.Encode(record.FlushBefore(os.Stdin, cfg.Flush), w, cfg)
	if c.Bool("stats") {
		diag.Stats("lines", st.Lines, "packets", st.Packets, "bad_lines", st.Bad, "bytes", st.Bytes)
	}
	return err
}
