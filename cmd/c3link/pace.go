package main

import (
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
	"github.com/urfave/cli/v2"
)

// paceFlags are COSMOS CmdResponseProtocol's parameters (response timeout,
// polling period, raise exceptions) and the read side of the deprecated
// TemplateProtocol (read termination, ignore lines, response lines, strip,
// initial read delay). Pacing applies to stdin records whose
// extra.RESPONSE names a response packet; others flow at full speed.
func paceFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "response-timeout", Value: "5.0", Usage: "CmdResponse: seconds to wait for the response to a command with extra.RESPONSE before sending the next one"},
		&cli.StringFlag{Name: "response-polling", Value: "0.02", Usage: "CmdResponse polling period: accepted as pasted; c3link is woken by the response itself and never polls"},
		&cli.BoolFlag{Name: "raise", Usage: "CmdResponse raise exceptions: a response timeout or a line read with no command awaiting it ends c3link (exit 1)"},
		&cli.StringFlag{Name: "response-term", Usage: "read termination characters, hex (0x0A): split reads into lines; a response is --response-lines lines (default: one read is one response)"},
		&cli.IntFlag{Name: "response-lines", Value: 1, Usage: "Template: lines that make up a response"},
		&cli.IntFlag{Name: "ignore-lines", Usage: "Template: lines dropped before each response"},
		&cli.BoolFlag{Name: "strip-term", Value: true, Usage: "Template: strip the read termination characters from each response"},
		&cli.StringFlag{Name: "initial-read-delay", Value: "nil", Usage: "Template: after each connect, drop whatever arrives within this many seconds (banners, prompts)"},
	}
}

// paceConfig reads the pacing flags.
func paceConfig(c *cli.Context) (link.PaceConfig, error) {
	var pc link.PaceConfig
	var err error
	if pc.Timeout, err = flagSeconds(c, "response-timeout", false); err != nil {
		return pc, err
	}
	if pc.Timeout <= 0 {
		return pc, cliutil.Usagef("--response-timeout must be more than 0")
	}
	if _, err = flagSeconds(c, "response-polling", true); err != nil {
		return pc, err
	}
	if pc.InitialReadDelay, err = flagSeconds(c, "initial-read-delay", true); err != nil {
		return pc, err
	}
	if s := c.String("response-term"); s != "" && !cliutil.IsNil(s) {
		if pc.Term, err = cliutil.ParseHexBytes(s); err != nil || len(pc.Term) == 0 {
			return pc, cliutil.Usagef("--response-term %q: want hex bytes such as 0x0A", s)
		}
	}
	pc.Lines, pc.IgnoreLines = c.Int("response-lines"), c.Int("ignore-lines")
	if pc.Lines < 1 || pc.IgnoreLines < 0 {
		return pc, cliutil.Usagef("--response-lines must be at least 1 and --ignore-lines at least 0")
	}
	if pc.Term == nil && (c.IsSet("response-lines") || c.IsSet("ignore-lines") || c.IsSet("strip-term")) {
		return pc, cliutil.Usagef("--response-lines, --ignore-lines and --strip-term count lines: give --response-term too")
	}
	pc.Strip, pc.Raise = c.Bool("strip-term"), c.Bool("raise")
	return pc, nil
}
