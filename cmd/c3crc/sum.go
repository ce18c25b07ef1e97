package main

import (
	"fmt"
	"os"

	"github.com/c3kit/c3kit/frame/crc"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

func sumCommand() *cli.Command {
	return &cli.Command{
		Name:      "sum",
		Usage:     "print CRC, byte count and name of each file, like cksum (streams; any size)",
		UsageText: "c3crc sum [--preset NAME|MODEL] [FILE|-]...",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "preset", Value: "CRC-32/ISO-HDLC", Usage: "the CRC (c3crc presets), or a model 'width=... poly=... init=... refin=... refout=... xorout=...'"},
		},
		Action: func(c *cli.Context) error {
			p, err := crc.Resolve(c.String("preset"))
			if err != nil {
				return cliutil.Usagef("--preset: %v", err)
			}
			t := crc.New(p)
			names := c.Args().Slice()
			if len(names) == 0 {
				names = []string{"-"}
			}
			d := cliutil.NewDiag(c, os.Stderr)
			failed := 0
			for _, name := range names {
				sum, n, err := sumFile(t, name)
				if err != nil {
					d.Printf("%s: %v", name, err)
					failed++
					continue
				}
				if _, err := fmt.Fprintf(os.Stdout, "%0*x %d %s\n", (p.Width+3)/4, sum, n, name); err != nil {
					return err
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d files could not be read", failed, len(names))
			}
			return nil
		},
	}
}

// sumFile checksums one file, or stdin for "-".
func sumFile(t *crc.Table, name string) (uint64, int64, error) {
	if name == "-" {
		return t.SumReader(os.Stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sum, n, err := t.SumReader(f)
	if err != nil {
		err = fmt.Errorf("read error after %d bytes: %w", n, err)
	}
	return sum, n, err
}
