package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

// stdio is where a run reads and writes; main passes the process's own, the
// tests their buffers.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

func app(io stdio) *cli.App {
	a := &cli.App{
		Name:  "c3frame",
		Usage: "COSMOS packet delineation protocols: chunks in, one record per packet out; --write frames packets",
	}
	// LENGTH, LengthProtocol, length_protocol.rb, ... name their subcommand;
	// the Enterprise CCSDS classes carry a Ccsds prefix the rules keep.
	cliutil.SetCommands(a, "protocol", map[string]string{
		"CcsdsTmtfProtocol": "tmtf", "CcsdsTctfProtocol": "tctf", "CcsdsCltuProtocol": "cltu", "CcsdsAosProtocol": "aos",
	})
	for _, p := range protocols() {
		p := p
		flags := append(append([]cli.Flag{}, p.flags...), commonFlags()...)
		a.Commands = append(a.Commands, &cli.Command{
			Name:      p.name,
			Usage:     p.usage,
			UsageText: "c3frame " + p.name + " " + cliutil.PositionalUsage(p.positionals) + "[flags]",
			Flags:     flags,
			Action: func(c *cli.Context) error {
				if p.action != nil {
					return p.action(c, p, io)
				}
				return run(c, p, io)
			},
		})
	}
	a.Commands = append(a.Commands, encryptionCommand(io), templateCommand(io))
	return a
}

func commonFlags() []cli.Flag {
	return append(cliutil.IOFlags(),
		&cli.BoolFlag{Name: "write", Aliases: []string{"w"}, Usage: "write direction: packets in, framed data out"},
		&cli.BoolFlag{Name: "allow-empty", Usage: "COSMOS allow empty data: pass empty records on; without it (COSMOS nil) they are dropped, c3frame being the last protocol of its chain"},
		&cli.StringFlag{Name: "on-error", Value: "resync", Usage: "resync: report a fault once and resynchronise (reading; exit 0) or report and skip a packet that cannot be framed (--write; exit 1 at the end); fail: stop at the first fault (COSMOS), exit 1"},
		&cli.BoolFlag{Name: "stats", Usage: "print counters to stderr at exit"},
		&cli.BoolFlag{Name: "explain", Usage: "print, per packet, where it started and how its length was found (stderr)"},
		&cli.BoolFlag{Name: "progress", Usage: "draw a progress bar on stderr when it is a terminal"},
	)
}

func run(c *cli.Context, p protocol, sio stdio) error {
	if err := cliutil.BindPositionals(c, p.positionals...); err != nil {
		return err
	}
	for _, f := range p.flags {
		if sf, ok := f.(*cli.StringFlag); ok && sf.Name == "max-length" && sf.Hidden && c.IsSet("max-length") {
			return cliutil.Usagef("--max-length is COSMOS's length field limit (length, preidentified); %s has no length field: the cap on a packet is --max-record", p.name)
		}
	}
	proto, err := p.build(c)
	var defErr definitionError
	if errors.As(err, &defErr) {
		return err
	}
	if err != nil {
		return cliutil.Usagef("%v", err)
	}
	diag := cliutil.NewDiag(c, sio.err)
	opt := frame.Options{Report: func(m string) { diag.Printf("%s", m) }}
	switch c.String("on-error") {
	case "resync":
	case "fail":
		opt.FailFast = true
	default:
		return cliutil.Usagef("--on-error must be resync or fail, not %q", c.String("on-error"))
	}
	if r, ok := proto.(interface{ UnknownRaise() bool }); ok && r.UnknownRaise() {
		opt.FailFast = true // COSMOS Fixed's unknown raise
	}
	if c.IsSet("allow-empty") {
		opt.AllowEmpty = frame.AllowEmptyFalse
		if c.Bool("allow-empty") {
			opt.AllowEmpty = frame.AllowEmptyTrue
		}
	}
	if c.Bool("explain") {
		opt.Explain = opt.Report
	}

	stdin := sio.in
	var statsFn func() frame.Stats
	if c.Bool("progress") {
		if bar := newProgress(sio.in, sio.err, func() frame.Stats { return statsFn() }); bar != nil {
			stdin = bar.wrap(sio.in)
			defer bar.finish()
		}
	}
	rd, w, err := cliutil.OpenIO(c, stdin, sio.out)
	if err != nil {
		return err
	}

	var rejected int64
	if c.Bool("write") {
		enc := frame.NewEncoder(proto, opt)
		statsFn = enc.Stats
		err = enc.Run(rd, w)
		rejected = enc.Stats().Errors
	} else {
		d := frame.NewDeframer(proto, opt)
		statsFn = d.Stats
		emit := func(m record.Meta, pkt []byte) error { return w.Write(m, pkt) }
		d.SetEmitEncoded(w.WriteEncoded) // meta the protocol encodes itself (preidentified)
		if c.String("in") == "raw" {
			// Read straight into the deframer's buffer; the writer is
			// still flushed before every blocking read.
			err = d.ReadRaw(record.FlushBefore(stdin, w), emit)
		} else {
			err = d.Run(rd, emit)
		}
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if c.Bool("stats") {
		s := statsFn()
		diag.Stats("records_in", s.Records, "bytes_in", s.BytesIn, "packets", s.Packets, "bytes_out", s.BytesOut,
			"bytes_discarded", s.Discarded, "resyncs", s.Resyncs, "empty_dropped", s.EmptyDropped, "frame_errors", s.Errors)
	}
	if err == nil && rejected > 0 {
		// Each was reported; like grep and cp, go on, then say so in the
		// exit status (resyncs while reading are data conditions: exit 0).
		return fmt.Errorf("%d record(s) could not be framed and were skipped", rejected)
	}
	return err
}
