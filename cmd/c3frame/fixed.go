package main

import (
	"fmt"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/fixed"
	"github.com/c3kit/c3kit/frame"
	"github.com/urfave/cli/v2"
)

// fixedProtocol is COSMOS Fixed: it needs packet definitions to identify
// each packet and take its defined length (decode/fixed).
func fixedProtocol(discardFlag, syncFlag, fillFlag cli.Flag) protocol {
	return protocol{
		name:        "fixed",
		usage:       "COSMOS Fixed: identify each packet from its first bytes with the definitions (-d), then take its defined length",
		positionals: []string{"min-id-size", "discard", "sync", "telemetry", "fill", "unknown-raise", "allow-empty"},
		flags: []cli.Flag{
			&cli.IntFlag{Name: "min-id-size", Usage: "bytes needed to identify any packet (all ID items lie within them), sync pattern and discarded bytes included (required)"},
			discardFlag, syncFlag,
			&cli.BoolFlag{Name: "telemetry", Value: true, Usage: "identify telemetry packets (false: commands)"},
			fillFlag,
			&cli.BoolFlag{Name: "unknown-raise", Usage: "an unidentified packet stops the stream, exit 1 (COSMOS unknown raise)"},
			&cli.StringSliceFlag{Name: "definitions", Aliases: []string{"d"}, Usage: "packet definitions: a target folder, a targets/ folder, or files with --target (required)"},
			&cli.StringFlag{Name: "target", Usage: "target name for single definition files"},
			&cli.StringSliceFlag{Name: "targets", Usage: "identify against these targets only, in this order (COSMOS: the interface's targets)"},
		},
		build: func(c *cli.Context) (frame.Protocol, error) {
			bp, err := burstParams(c)
			if err != nil {
				return nil, err
			}
			if !c.IsSet("min-id-size") || len(c.StringSlice("definitions")) == 0 {
				return nil, fmt.Errorf("the minimum ID size (first positional or --min-id-size) and definitions (-d) are required")
			}
			set, err := def.Load(c.StringSlice("definitions"), def.Options{Target: c.String("target")})
			if err != nil {
				return nil, definitionError{err}
			}
			return fixed.New(fixed.Params{MinIDSize: c.Int("min-id-size"), BurstParams: bp, Telemetry: c.Bool("telemetry"),
				UnknownRaise: c.Bool("unknown-raise"), Set: set, Targets: c.StringSlice("targets")})
		},
	}
}

// definitionError marks a bad definition file: a fatal error (exit 1), not
// a usage error, since the command line itself was fine.
type definitionError struct{ err error }

func (e definitionError) Error() string { return e.err.Error() }
func (e definitionError) Unwrap() error { return e.err }
