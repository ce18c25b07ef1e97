// Command c3crc is the COSMOS CRC protocol as a record stage: `verify`
// checks (and strips) a CRC in each record, `add` appends one or fills one
// in place; `sum` checksums files like cksum and `presets` lists the named
// CRCs. The protocol lives in frame/crc/crcproto, the CRC in frame/crc.
package main

import (
	"os"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

func main() { os.Exit(cliutil.Run(app(), os.Args, os.Stderr)) }

// cosmosNames: COSMOS's CRC protocol (CrcProtocol, crc_protocol.rb, ...) is
// both directions; pasted, it verifies, or adds with --write.
var cosmosNames = map[string]string{"CrcProtocol": "verify|add"}

func app() *cli.App {
	a := &cli.App{
		Name:  "c3crc",
		Usage: "verify, strip or add CRCs on records (COSMOS CRC protocol); checksum files",
		Commands: []*cli.Command{
			verifyCommand(),
			addCommand(),
			sumCommand(),
			presetsCommand(),
		},
	}
	cliutil.SetCommands(a, "subcommand", cosmosNames)
	return a
}
