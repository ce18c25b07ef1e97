// Package cliutil holds the command-line conventions every c3kit binary
// shares (DESIGN.md §3): flags before or after positionals, paste-compatible
// COSMOS values, exit codes, and the record I/O every stage opens. It writes
// only to the writers it is given; the mains own stdout, stderr and exit.
package cliutil

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// Reorder returns args with every flag (and its value) moved ahead of the
// positional arguments, which follow a "--". Go's flag package, used by
// urfave/cli, stops at the first positional; COSMOS users paste a plugin.txt
// line and then add flags, so we must accept both orders. A negative number
// is always a positional (COSMOS bit offsets such as -32), and an explicit
// "--" ends flags.
func Reorder(args []string, flags []cli.Flag) []string {
	takes := map[string]bool{}
	for _, f := range flags {
		tv := true
		if d, ok := f.(cli.DocGenerationFlag); ok {
			tv = d.TakesValue()
		}
		for _, n := range f.Names() {
			takes[n] = tv
		}
	}
	var fl, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !isFlag(a) {
			pos = append(pos, a)
			continue
		}
		fl = append(fl, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if takes[name] && i+1 < len(args) {
			i++
			fl = append(fl, args[i])
		}
	}
	out := make([]string, 0, len(args)+1)
	out = append(out, fl...)
	out = append(out, "--")
	return append(out, pos...)
}

func isFlag(a string) bool {
	if len(a) < 2 || a[0] != '-' {
		return false
	}
	// "-32", "-1.5", "-0x10": numbers, never flags.
	c := a[1]
	return !(c >= '0' && c <= '9' || c == '.')
}

// SplitCommand finds the subcommand in argv (after the program name and any
// global flags) and returns its index, or -1.
func SplitCommand(argv []string, app *cli.App) int {
	for i := 1; i < len(argv); i++ {
		if argv[i] == "--" {
			return -1
		}
		if !isFlag(argv[i]) {
			if app.Command(argv[i]) != nil {
				return i
			}
			return -1
		}
	}
	return -1
}
