package main

import (
	"fmt"
	"os"

	"github.com/c3kit/c3kit/frame/crc/crcproto"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

const positionalUsage = "[WRITE_ITEM [STRIP [BAD_STRATEGY [BIT_OFFSET [BIT_SIZE [ENDIANNESS [POLY SEED XOR REFLECT]]]]]]] [flags]"

// stage is crcproto.Verifier or crcproto.Adder.
type stage interface {
	Validate() error
	Run(*record.Reader, *record.Writer) (crcproto.Stats, error)
}

// stageAction parses the protocol flags, builds the stage, and runs it from
// stdin to stdout, reporting bad records and --stats on stderr.
func stageAction(build func(c *cli.Context, p *protocol, report func(*crcproto.Bad)) stage) cli.ActionFunc {
	return func(c *cli.Context) error {
		p, err := parseProtocol(c)
		if err != nil {
			return err
		}
		d := cliutil.NewDiag(c, os.Stderr)
		s := build(c, p, func(b *crcproto.Bad) { d.Printf("%v", b) })
		if err := s.Validate(); err != nil {
			return cliutil.Usagef("%v", err)
		}
		r, w, err := cliutil.OpenIO(c, os.Stdin, os.Stdout)
		if err != nil {
			return err
		}
		st, err := s.Run(r, w)
		printStats(c, d, st)
		if err == nil && st.Rejected > 0 {
			// Each was reported; go on, then say so in the exit status.
			return fmt.Errorf("%d record(s) could not get a CRC", st.Rejected)
		}
		return err
	}
}

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "check the CRC of each record (COSMOS CRC protocol, read side)",
		UsageText: "c3crc verify " + positionalUsage + "\n   e.g. c3crc verify nil true ERROR -32 32 BIG_ENDIAN 0x04C11DB7 0xFFFFFFFF true false",
		Flags:     protocolFlags(),
		Action: stageAction(func(c *cli.Context, p *protocol, report func(*crcproto.Bad)) stage {
			return &crcproto.Verifier{Table: p.table, Field: p.field, Strip: c.Bool("strip"), Strategy: p.strategy, Report: report}
		}),
	}
}

func addCommand() *cli.Command {
	return &cli.Command{
		Name:      "add",
		Usage:     "append a CRC to each record, or fill one in place (COSMOS CRC protocol, write side)",
		UsageText: "c3crc add " + positionalUsage + "\n   e.g. c3crc add nil false ERROR -16 16 LITTLE_ENDIAN",
		Flags: append(protocolFlags(), &cli.BoolFlag{Name: "in-place",
			Usage: "without definitions: write the CRC of the bytes before --bit-offset into the record at --bit-offset, instead of appending it"},
			&cli.StringSliceFlag{Name: "definitions", Aliases: []string{"d"}, Usage: "packet definitions (a target folder, a targets/ folder, or files with --target): WRITE_ITEM is looked up in each record's packet, as COSMOS does"},
			&cli.StringFlag{Name: "target", Usage: "target name for single definition files"},
			&cli.BoolFlag{Name: "tlm", Usage: "with -d: the records are telemetry packets, not commands"}),
		Action: stageAction(func(c *cli.Context, p *protocol, report func(*crcproto.Bad)) stage {
			return &crcproto.Adder{Table: p.table, Field: p.field, Strategy: p.strategy, Report: report,
				InPlace: c.Bool("in-place"), Item: p.item}
		}),
	}
}
