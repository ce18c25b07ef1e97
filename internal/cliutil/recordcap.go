package cliutil

import (
	"github.com/c3kit/c3kit/frame/record"
	"github.com/urfave/cli/v2"
)

// RecordCap is --max-record in bytes for library options (def.Options,
// engine.EncodeOptions) that take a plain int. The stage validates the flag
// once with MaxRecord, which reports a bad value as a usage error; here a
// value MaxRecord would refuse falls back to the default.
func RecordCap(c *cli.Context) int {
	n, err := MaxRecord(c)
	if err != nil {
		return record.DefaultMaxLen
	}
	return n
}
