package cliutil

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/c3kit/c3kit/internal/editdist"
	"github.com/urfave/cli/v2"
)

// Subcommand names as people paste them. A COSMOS user types the class or
// file name they know (LENGTH, LengthProtocol, length_protocol.rb,
// openc3/interfaces/protocols/length_protocol.py, TcpipClientInterface);
// all of them name the same c3kit subcommand. Anything else is a usage
// error (exit 2) that lists the known names and the nearest ones, never
// urfave/cli's "No help topic" (exit 3). `c3frame help length` works as
// git's habit expects.

const metaKey = "cliutil.commands"

// commandSet is what SetCommands records on an app.
type commandSet struct {
	noun    string            // "protocol", "interface", "subcommand"
	aliases map[string]string // canonical spelling -> "cmd" or "readcmd|writecmd"
}

// SetCommands names what an app's subcommands are (for the error line) and
// adds COSMOS spellings the automatic rules do not cover (see Canonical):
// alias -> command, or "read|write" for a COSMOS class that is both
// directions (CrcProtocol: verify, or add with --write).
func SetCommands(app *cli.App, noun string, aliases map[string]string) {
	if app.Metadata == nil {
		app.Metadata = map[string]any{}
	}
	cs := commandSet{noun: noun, aliases: map[string]string{}}
	for k, v := range aliases {
		cs.aliases[Canonical(k)] = v
	}
	app.Metadata[metaKey] = cs
}

// Canonical reduces a pasted name to the form subcommands are matched in:
// the last path element without .rb/.py, lower case, without _ - and
// spaces, without a Protocol/Interface suffix, with COSMOS's "tcpip"
// spelled "tcp". LengthProtocol, LENGTH and length_protocol.rb all give
// "length"; tcpip_client_interface.rb and tcp-client give "tcpclient".
func Canonical(name string) string {
	s := path.Base(strings.ReplaceAll(name, `\`, "/"))
	s = strings.TrimSuffix(strings.TrimSuffix(s, ".rb"), ".py")
	s = strings.ToLower(s)
	s = strings.NewReplacer("_", "", "-", "", " ", "").Replace(s)
	for _, suffix := range []string{"protocol", "interface"} {
		if t := strings.TrimSuffix(s, suffix); t != "" {
			s = t
		}
	}
	if strings.HasPrefix(s, "tcpip") {
		s = "tcp" + s[len("tcpip"):]
	}
	return s
}

// ResolveCommand rewrites argv so the subcommand is spelled as the app
// knows it: a COSMOS spelling becomes the command, `help NAME` becomes
// `NAME --help`. An unknown name is a usage error naming the known ones
// and the nearest. Apps without subcommands are left alone.
func ResolveCommand(app *cli.App, argv []string) ([]string, error) {
	if len(app.Commands) == 0 {
		return argv, nil
	}
	i := 1
	for i < len(argv) && isFlag(argv[i]) {
		i++
	}
	if i >= len(argv) || argv[i] == "--" {
		return argv, nil
	}
	out := append([]string(nil), argv...)
	if out[i] == "help" {
		if i+1 >= len(out) {
			return append(out[:i], "--help"), nil
		}
		// c3frame help length -> c3frame length --help
		name, err := resolveName(app, out[i+1], &out)
		if err != nil {
			return nil, err
		}
		return append(out[:i], name, "--help"), nil
	}
	name, err := resolveName(app, out[i], &out)
	if err != nil {
		return nil, err
	}
	out[i] = name
	return out, nil
}

// resolveName finds the command for name. A "read|write" alias picks the
// write command when argv holds -w/--write, and drops that flag.
func resolveName(app *cli.App, name string, argv *[]string) (string, error) {
	if app.Command(name) != nil {
		return name, nil
	}
	cs, _ := app.Metadata[metaKey].(commandSet)
	want := Canonical(name)
	target := cs.aliases[want]
	if target == "" {
		for _, c := range app.Commands {
			if !c.Hidden && Canonical(c.Name) == want {
				target = c.Name
			}
		}
	}
	if read, write, ok := strings.Cut(target, "|"); ok {
		target = read
		for k, a := range *argv {
			if a == "--write" || a == "-w" {
				target = write
				*argv = append((*argv)[:k:k], (*argv)[k+1:]...)
				break
			}
		}
	}
	if target != "" && app.Command(target) != nil {
		return target, nil
	}
	return "", unknownCommand(app, cs.noun, name)
}

// unknownCommand is the usage error for a name nothing matches.
func unknownCommand(app *cli.App, noun, name string) error {
	if noun == "" {
		noun = "subcommand"
	}
	var known []string
	for _, c := range app.Commands {
		if !c.Hidden {
			known = append(known, c.Name)
		}
	}
	sort.Strings(known)
	msg := fmt.Sprintf("unknown %s %q; known: %s", noun, clip(name), strings.Join(known, ", "))
	if near := nearest(name, known); len(near) > 0 {
		msg += "; did you mean " + strings.Join(near, " or ") + "?"
	}
	return Usagef("%s", msg)
}

// nearest returns the known names a typo most likely meant: those the
// name's canonical form begins (tcp -> tcp-client, tcp-server), else those
// at the smallest edit distance, if it is small for the name's length.
func nearest(name string, known []string) []string {
	want := Canonical(name)
	if want == "" {
		return nil
	}
	var prefixed []string
	for _, k := range known {
		if strings.HasPrefix(Canonical(k), want) {
			prefixed = append(prefixed, k)
		}
	}
	if len(prefixed) > 0 {
		return prefixed
	}
	best, out := max(2, len(want)/3)+1, []string(nil)
	for _, k := range known {
		d := editdist.Distance(want, Canonical(k))
		switch {
		case d < best:
			best, out = d, []string{k}
		case d == best && out != nil:
			out = append(out, k)
		}
	}
	return out
}
