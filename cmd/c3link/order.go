package main

import "github.com/urfave/cli/v2"

// specificFirst lists each subcommand's own flags (the interface's
// parameters and options) before the modifiers and lifecycle flags every
// subcommand shares, so --help starts with what is particular to it.
func specificFirst(cmds []*cli.Command) []*cli.Command {
	shared := map[string]bool{}
	for _, f := range commonFlags() {
		shared[f.Names()[0]] = true
	}
	for _, c := range cmds {
		var own, common []cli.Flag
		for _, f := range c.Flags {
			if shared[f.Names()[0]] {
				common = append(common, f)
			} else {
				own = append(own, f)
			}
		}
		c.Flags = append(own, common...)
	}
	return cmds
}
