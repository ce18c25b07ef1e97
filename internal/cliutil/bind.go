package cliutil

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// BindPositionals maps COSMOS positional parameters onto named flags, in
// order, so `c3frame length 64 16 11` and `--bit-offset 64 --bit-size 16
// --value-offset 11` mean the same. A nil/None positional keeps the flag's
// default. Giving a parameter both ways, or too many positionals, is a usage
// error.
func BindPositionals(c *cli.Context, names ...string) error {
	args := c.Args().Slice()
	// Trailing nil/None words past the last parameter mean "default" too:
	// a plugin.txt line's nil protocol type (`... 10.0 nil nil`) pastes.
	for len(args) > len(names) && IsNil(args[len(args)-1]) && args[len(args)-1] != "" {
		args = args[:len(args)-1]
	}
	if len(args) > len(names) {
		return Usagef("too many arguments: %d given, at most %d (%v)", len(args), len(names), names)
	}
	for i, v := range args {
		if IsNil(v) {
			continue
		}
		name := names[i]
		if c.IsSet(name) {
			return Usagef("%s given both as positional argument %d and as --%s", name, i+1, name)
		}
		if err := c.Set(name, v); err != nil {
			return Usagef("positional argument %d (%s): invalid value %q", i+1, name, v)
		}
	}
	return nil
}

// PositionalUsage writes optional COSMOS positionals the way every c3kit
// usage line does: upper case, nested ("[BIT_OFFSET [BIT_SIZE]] ").
func PositionalUsage(names []string) string {
	if len(names) == 0 {
		return ""
	}
	var b strings.Builder
	for _, n := range names {
		b.WriteString("[" + strings.ToUpper(strings.ReplaceAll(n, "-", "_")) + " ")
	}
	b.WriteString(strings.Repeat("]", len(names)))
	return strings.Replace(b.String(), " ]", "]", 1) + " "
}
