package main

import (
	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/gems"
	"github.com/urfave/cli/v2"
)

// gemsProtocol is COSMOS's GEMS stack (TerminatedProtocol on "|END" with
// sync "|GEMS", then GemsProtocol) as one stage.
func gemsProtocol() protocol {
	return protocol{
		name:        "gems",
		usage:       "GEMS ASCII messages (|GEMS ... |END): read checks the 10-digit length; --write fills length, transaction id and timestamp",
		positionals: []string{"allow-empty"},
		flags: []cli.Flag{
			&cli.StringFlag{Name: "gems-version", Value: "14", Usage: "version written into an empty version field"},
			&cli.IntFlag{Name: "max-length", Usage: "largest message in bytes; a longer one is a fault (default 64 MiB)"},
		},
		build: func(c *cli.Context) (frame.Protocol, error) {
			p, err := gems.New(c.Int("max-length"))
			if err != nil {
				return nil, err
			}
			p.Version = c.String("gems-version")
			return p, nil
		},
	}
}
