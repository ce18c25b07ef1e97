// Package cliutil holds the command-line conventions every c3kit binary
// shares (DESIGN.md §3): flags before or after positionals, paste-compatible
// COSMOS values, exit codes, and the record I/O every stage opens. It writes
// only to the writers it is given; the mains own stdout, stderr and exit.
package cliutil

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// flagKind says how a flag consumes the arguments after it.
type flagKind int

const (
	flagUnknown flagKind = iota // not defined here: left for urfave/cli to reject
	flagBool                    // takes no value, but may be followed by true/false
	flagValue                   // takes the next argument as its value
)

func flagKinds(flags []cli.Flag) map[string]flagKind {
	kinds := map[string]flagKind{}
	for _, f := range flags {
		k := flagValue
		if _, ok := f.(*cli.BoolFlag); ok {
			k = flagBool
		} else if d, ok := f.(cli.DocGenerationFlag); ok && !d.TakesValue() {
			k = flagBool
		}
		for _, n := range f.Names() {
			kinds[n] = k
		}
	}
	return kinds
}

// Reorder returns args with every flag (and its value) moved ahead of the
// positional arguments, which follow a "--". Go's flag package, used by
// urfave/cli, stops at the first positional; COSMOS users paste a plugin.txt
// line and then add flags, so we must accept both orders. A negative number
// is always a positional (COSMOS bit offsets such as -32), and an explicit
// "--" ends flags.
//
// Two rules keep a flag from ever taking the wrong argument, which would
// silently change what a stage does to the data:
//   - a boolean flag followed by true or false (any case) takes it as its
//     value (`--strip true` is `--strip=true`), so the word cannot become a
//     positional (c3crc add's WRITE_ITEM);
//   - a flag that takes a value is refused when nothing follows it or when
//     the next argument is "--" or another defined flag, rather than
//     swallowing it (`c3decode -d --`).
func Reorder(args []string, flags []cli.Flag) ([]string, error) {
	kinds := flagKinds(flags)
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
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			fl = append(fl, a)
			continue
		}
		switch kinds[name] {
		case flagBool:
			if i+1 < len(args) && isBoolWord(args[i+1]) {
				i++
				a += "=" + strings.ToLower(args[i])
			}
			fl = append(fl, a)
		case flagValue:
			if i+1 >= len(args) {
				return nil, Usagef("flag %s needs a value", a)
			}
			if next := args[i+1]; next == "--" || isFlag(next) && kinds[flagName(next)] != flagUnknown {
				return nil, Usagef("flag %s needs a value, but %s follows it", a, next)
			}
			i++
			fl = append(fl, a, args[i])
		default:
			fl = append(fl, a)
		}
	}
	out := make([]string, 0, len(args)+1)
	out = append(out, fl...)
	out = append(out, "--")
	return append(out, pos...), nil
}

// flagName is the name of a flag argument, without dashes or "=value".
func flagName(a string) string {
	name := strings.TrimLeft(a, "-")
	if i := strings.IndexByte(name, '='); i >= 0 {
		name = name[:i]
	}
	return name
}

func isBoolWord(s string) bool {
	return strings.EqualFold(s, "true") || strings.EqualFold(s, "false")
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
