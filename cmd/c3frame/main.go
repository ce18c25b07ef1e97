// Command c3frame runs the COSMOS packet delineation protocols as a Unix
// filter: chunks in, one record per packet out; with --write, packets in,
// framed bytes out. See docs/c3frame-guide.md.
package main

import (
	"os"

	"github.com/c3kit/c3kit/internal/cliutil"
)

func main() {
	os.Exit(cliutil.Run(app(stdio{os.Stdin, os.Stdout, os.Stderr}), os.Args, os.Stderr))
}
