package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

// rejectedError ends a run in which input lines were reported and skipped:
// one closing stderr line, exit 1 (DESIGN §3).
func rejectedError(n int) error {
	lines := "lines"
	if n == 1 {
		lines = "line"
	}
	return cli.Exit(fmt.Sprintf("%d input %s rejected", n, lines), 1)
}
