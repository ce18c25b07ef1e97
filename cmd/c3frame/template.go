package main

import (
	"fmt"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/tplproto"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

// templateCommand is the packet side of COSMOS's Template protocol
// (TEMPLATE WRITE_TERM READ_TERM ...). Its response pacing parameters
// belong to c3link, the stage that sees both directions.
func templateCommand(sio stdio) *cli.Command {
	return &cli.Command{
		Name:  "template",
		Usage: "COSMOS Template protocol (SCPI): --write turns commands into CMD_TEMPLATE text; read turns tagged responses into RSP_PACKET packets (needs -d)",
		UsageText: "c3frame template WRITE_TERM READ_TERM -d TARGET_DIR [--write] [flags]\n" +
			"   e.g. c3encode -d targets/TEMPLATED < cmds.txt | c3frame template 0xA 0xA -d targets/TEMPLATED --write \\\n" +
			"          | c3link tcp-client host 5025 5025 5.0 nil --response-term 0xA --response-timeout 5.0 \\\n" +
			"          | c3frame template 0xA 0xA -d targets/TEMPLATED | c3decode -d targets/TEMPLATED\n" +
			"   The Template protocol's IGNORE_LINES, INITIAL_READ_DELAY, RESPONSE_LINES, RESPONSE_TIMEOUT, POLLING and\n" +
			"   RAISE are c3link's --ignore-lines, --initial-read-delay, --response-lines, --response-timeout,\n" +
			"   --response-polling and --raise; STRIP is c3link's --strip-term.",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "write-term", Usage: "write termination characters, hex, appended to each command (required with --write)"},
			&cli.StringFlag{Name: "read-term", Usage: "read termination characters, hex: removed from the end of a response that still has them"},
			&cli.StringSliceFlag{Name: "definitions", Aliases: []string{"d"}, Usage: "packet definitions: a target folder, a targets/ folder, or files with --target (required)"},
			&cli.StringFlag{Name: "target", Usage: "target name for single definition files"},
			&cli.BoolFlag{Name: "write", Aliases: []string{"w"}, Usage: "write direction: Template-protocol commands in, command text out"},
			&cli.BoolFlag{Name: "stats", Usage: "print counters to stderr at exit"},
		}, cliutil.IOFlags()...),
		Action: func(c *cli.Context) error { return runTemplate(c, sio) },
	}
}

func runTemplate(c *cli.Context, sio stdio) error {
	if c.NArg() > 2 {
		return cliutil.Usagef("c3frame template takes WRITE_TERM and READ_TERM; the Template protocol's other parameters are c3link's (--ignore-lines, --initial-read-delay, --response-lines, --strip-term, --response-timeout, --response-polling, --raise)")
	}
	if err := cliutil.BindPositionals(c, "write-term", "read-term"); err != nil {
		return err
	}
	writing := c.Bool("write")
	wt, err := hexParam(c, "write-term", writing)
	if err != nil {
		return cliutil.Usagef("%v", err)
	}
	rt, err := hexParam(c, "read-term", false)
	if err != nil {
		return cliutil.Usagef("%v", err)
	}
	if len(c.StringSlice("definitions")) == 0 {
		return cliutil.Usagef("the Template protocol reads CMD_TEMPLATE, RSP_TEMPLATE and RSP_PACKET from the definitions: give -d TARGET_DIR")
	}
	set, err := def.Load(c.StringSlice("definitions"), def.Options{Target: c.String("target")})
	if err != nil {
		return definitionError{err}
	}
	proto := tplproto.New(set)
	diag := cliutil.NewDiag(c, sio.err)
	rd, w, err := cliutil.OpenIO(c, sio.in, sio.out)
	if err != nil {
		return err
	}
	var n, rejected, converted int64
	err = record.Each(rd, func(rec *record.Record) error {
		n++
		if writing {
			text, meta, err := proto.Command(rec.Meta, rec.Data)
			if err != nil {
				rejected++
				diag.Printf("record %d: %v; skipped", n, err)
				return nil
			}
			converted++
			return w.WriteParts(meta, text, wt)
		}
		line := rec.Data
		if len(rt) > 0 && len(line) >= len(rt) && string(line[len(line)-len(rt):]) == string(rt) {
			line = line[:len(line)-len(rt)]
		}
		pkt, ok, err := proto.Response(rec.Meta, line)
		switch {
		case err != nil:
			rejected++
			diag.Printf("record %d: %v; dropped", n, err)
			return nil
		case !ok:
			return w.Write(rec.Meta, rec.Data) // not a response: passes on
		}
		converted++
		return w.Write(rec.Meta, pkt)
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if c.Bool("stats") {
		diag.Stats("records_in", n, "converted", converted, "rejected", rejected)
	}
	if err == nil && rejected > 0 {
		err = fmt.Errorf("%d record(s) rejected", rejected)
	}
	return err
}
