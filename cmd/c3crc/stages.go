package main

import (
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
			Usage: "write the CRC of the bytes before --bit-offset into the record at --bit-offset (as a COSMOS write item does), instead of appending it"}),
		Action: stageAction(func(c *cli.Context, p *protocol, report func(*crcproto.Bad)) stage {
			return &crcproto.Adder{Table: p.table, Field: p.field, Strategy: p.strategy, Report: report,
				InPlace: c.Bool("in-place") || !cliutil.IsNil(c.String("write-item"))}
		}),
	}
}
