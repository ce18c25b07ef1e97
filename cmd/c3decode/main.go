// Command c3decode turns records into decoded packets: JSON lines by
// default (DESIGN.md §4), CSV or a table for humans, or the records
// themselves with their identified target/packet meta (--identify). With
// --hex it needs no definitions and prints each record's bytes and meta.
package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/decode/stream"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

func main() {
	a := app()
	os.Exit(cliutil.Run(a, os.Args, os.Stderr))
}

func app() *cli.App {
	return &cli.App{
		Name:  "c3decode",
		Usage: "records in, decoded packets out (JSON lines)",
		UsageText: "c3decode -d targets/INST [--raw|--formatted] [--limits] [--items A,B] [--packet T.P] [--ignore T P] [--csv|--table|--identify]\n" +
			"c3decode --hex [--in raw]",
		Flags: flags(),
		Action: func(c *cli.Context) error {
			if c.Bool("hex") {
				return hexMode(c)
			}
			return decodeMode(c)
		},
	}
}

func flags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "definitions", Aliases: []string{"d"}, Usage: "a target folder, a targets/ folder, or definition files (with --target); repeatable"},
		&cli.StringFlag{Name: "target", Usage: "target name for single definition files (COSMOS's plugin.txt TARGET folder-name target-name)"},
		&cli.BoolFlag{Name: "raw", Usage: "raw values (no conversions or states)"},
		&cli.BoolFlag{Name: "formatted", Usage: "COSMOS formatted strings: FORMAT_STRING and UNITS applied"},
		&cli.BoolFlag{Name: "limits", Usage: `add each item's limits state ("limits" object; CSV/table columns)`},
		&cli.StringFlag{Name: "limits-set", Value: "DEFAULT", Usage: "limits set to check against"},
		&cli.StringFlag{Name: "items", Usage: "print only these items, in this order (comma-separated)"},
		&cli.BoolFlag{Name: "all", Usage: "include hidden items (HIDDEN, structure items)"},
		&cli.StringSliceFlag{Name: "packet", Usage: "pass only this packet: TARGET PACKET, TARGET.PACKET or TARGET; repeatable"},
		&cli.StringSliceFlag{Name: "ignore", Usage: "drop this packet (COSMOS Ignore Packet protocol): TARGET PACKET or TARGET.PACKET; repeatable"},
		&cli.BoolFlag{Name: "csv", Usage: "CSV: one header per packet type, written when the type first appears"},
		&cli.BoolFlag{Name: "table", Usage: "an aligned block per packet, for humans"},
		&cli.BoolFlag{Name: "identify", Usage: "pass records through unchanged with target/packet meta set"},
		&cli.BoolFlag{Name: "cmd", Usage: "the records are commands, not telemetry"},
		&cli.BoolFlag{Name: "lenient", Usage: "conversions that cannot run here (GENERIC outside the subset, custom classes) give a warning and the raw value"},
		&cli.BoolFlag{Name: "verbose", Usage: "report definition warnings and server-only keywords (once each)"},
		&cli.BoolFlag{Name: "stats", Usage: "print counters to stderr at exit"},
		&cli.BoolFlag{Name: "hex", Usage: "print each record as {time,target,packet,stored,extra,hex}; no definitions needed"},
		&cli.StringFlag{Name: "in", Value: "records", Usage: "input form: records or raw"},
		&cli.StringFlag{Name: "out", Value: "records", Usage: "--identify output form: records or raw"},
		&cli.IntFlag{Name: "jobs", Value: runtime.GOMAXPROCS(0), DefaultText: "GOMAXPROCS", Usage: "decode on this many cores; the output is the same for any number (1: in one goroutine, as before)"},
		cliutil.MaxRecordFlag(),
	}
}

// hexMode is the definition-free --hex form (unchanged since the
// foundation).
func hexMode(c *cli.Context) error {
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	r, err := reader(c, out)
	if err != nil {
		return err
	}
	diag := cliutil.NewDiag(c, os.Stderr)
	bad := 0
	_, err = jsonform.WriteHex(r, out, func(msg string, isBad bool) {
		if isBad {
			bad++
		}
		diag.Printf("%s", msg)
	})
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err == nil && bad > 0 {
		err = badTimeError(int64(bad))
	}
	return err
}

func decodeMode(c *cli.Context) error {
	cfg, err := decodeConfig(c)
	if err != nil {
		return err
	}
	diag := cliutil.NewDiag(c, os.Stderr)
	cfg.Report = func(msg string) { diag.Printf("%s", msg) }
	var st stream.Stats
	if c.Bool("identify") {
		r, w, err := cliutil.OpenIO(c, os.Stdin, os.Stdout)
		if err != nil {
			return err
		}
		st, err = stream.Identify(r, w, cfg)
		if ferr := w.Flush(); err == nil {
			err = ferr
		}
		printStats(c, diag, st)
		if err == nil && st.BadTime > 0 {
			err = badTimeError(st.BadTime)
		}
		return err
	}
	if c.String("out") != "records" {
		return cliutil.Usagef("--out applies to --identify only")
	}
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	cfg.Flush = &stream.Flusher{}
	r, err := reader(c, cfg.Flush)
	if err != nil {
		return err
	}
	st, err = stream.Decode(r, out, cfg)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	printStats(c, diag, st)
	if err == nil && st.BadTime > 0 {
		err = badTimeError(st.BadTime)
	}
	return err
}

// badTimeError ends a run in which records with a time before 1970 were
// reported: exit 1 (DESIGN §3), the records themselves were still printed.
func badTimeError(n int64) error {
	return cli.Exit(fmt.Sprintf("records with a time before 1970: %d", n), 1)
}

func printStats(c *cli.Context, diag *cliutil.Diag, st stream.Stats) {
	if c.Bool("stats") {
		diag.Stats("records", st.Records, "bytes", st.Bytes, "packets", st.Packets, "unknown", st.Unknown,
			"ignored", st.Ignored, "filtered", st.Filtered, "item_errors", st.Errors)
	}
}

// handOverLinger is how long the reader waits for more input before
// flushing when --jobs > 1.
const handOverLinger = 100 * time.Microsecond

// reader opens stdin in the --in form; out is flushed before each blocking
// read (DESIGN §3).
func reader(c *cli.Context, out interface{ Flush() error }) (*record.Reader, error) {
	max, err := cliutil.MaxRecord(c)
	if err != nil {
		return nil, err
	}
	// With workers, a flush hands the batch read so far over while the read
	// side is held: a producer's short pauses between bursts must not cause
	// one (a live link's packet is shown at most handOverLinger later).
	var linger time.Duration
	if c.Int("jobs") > 1 {
		linger = handOverLinger
	}
	in := record.FlushBeforeLinger(os.Stdin, out, linger)
	var r *record.Reader
	switch c.String("in") {
	case "records":
		r = record.NewReader(in)
	case "raw":
		r = record.NewRawReader(in)
	default:
		return nil, cliutil.Usagef("--in must be records or raw")
	}
	r.SetMaxLen(max)
	return r, nil
}
