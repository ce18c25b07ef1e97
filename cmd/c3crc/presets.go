package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/c3kit/c3kit/frame/crc"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

func presetsCommand() *cli.Command {
	return &cli.Command{
		Name:      "presets",
		Usage:     "list the named CRCs: name, RevEng model, check value of \"123456789\", aliases",
		UsageText: "c3crc presets",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return cliutil.Usagef("presets takes no arguments")
			}
			w := bufio.NewWriter(os.Stdout)
			for _, p := range crc.Presets() {
				aliases := ""
				if len(p.Aliases) > 0 {
					aliases = " aliases=" + strings.Join(p.Aliases, ",")
				}
				fmt.Fprintf(w, "%-24s %s check=%s%s\n", p.Name, p.Params, p.Hex(p.Check), aliases)
			}
			return w.Flush()
		},
	}
}
