package cliutil

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"
)

// Exit codes (DESIGN.md §3).
const (
	ExitOK    = 0
	ExitFatal = 1
	ExitUsage = 2
)

// UsageError marks a bad command line (exit 2).
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef returns a UsageError with a formatted message.
func Usagef(format string, a ...any) error {
	return &UsageError{fmt.Errorf(format, a...)}
}

// Run runs app on argv with flags allowed after positionals, prints any
// error as one line on stderr prefixed with the binary and subcommand, and
// returns the exit status.
func Run(app *cli.App, argv []string, stderr io.Writer) int {
	prepareApp(app)
	if len(argv) == 3 && argv[1] == "--generate-docs" {
		// make docs / make install: man page, docs/ reference, completion.
		if err := GenerateDocs(app, argv[2], os.Stdout); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", app.Name, err)
			return ExitUsage
		}
		return ExitOK
	}
	growPipes()
	app.Writer = os.Stderr // help goes to stderr: stdout carries data only
	app.ErrWriter = stderr
	app.HideHelpCommand = true
	app.ExitErrHandler = func(*cli.Context, error) {} // we decide the exit code
	app.OnUsageError = func(c *cli.Context, err error, _ bool) error { return &UsageError{err} }
	for _, cmd := range app.Commands {
		cmd.OnUsageError = app.OnUsageError
		// Without this a first positional "h" or "help" (a host name for
		// c3link tcp-client) would be taken as a request for help.
		cmd.HideHelpCommand = true
	}
	args, err := ResolveCommand(app, argv)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %s\n", app.Name, err)
		return ExitUsage
	}
	prefix := app.Name
	completing := args[len(args)-1] == "--generate-bash-completion"
	if completing {
		// urfave/cli looks for the request as the last argument; the
		// candidates go to stdout.
		app.Writer = os.Stdout
	} else if i := SplitCommand(args, app); i > 0 {
		cmd := app.Command(args[i])
		prefix += " " + cmd.Name
		if !cmd.SkipFlagParsing {
			flags := append(append([]cli.Flag(nil), cmd.Flags...), app.Flags...)
			var rest []string
			rest, err = Reorder(args[i+1:], flags)
			args = append(args[:i+1], rest...)
		}
	} else if len(app.Commands) == 0 && len(args) > 1 {
		// A binary without subcommands (c3decode): its positionals may sit
		// among its flags too (--ignore INST HEALTH_STATUS).
		var rest []string
		rest, err = Reorder(args[1:], app.Flags)
		args = append(args[:1], rest...)
	}
	if err == nil {
		err = app.Run(args)
	}
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, syscall.EPIPE) {
		return ExitOK // downstream went away: exit quietly
	}
	msg := strings.TrimSpace(err.Error())
	if nl := strings.IndexByte(msg, '\n'); nl >= 0 {
		msg = msg[:nl]
	}
	fmt.Fprintf(stderr, "%s: %s\n", prefix, msg)
	var ue *UsageError
	if errors.As(err, &ue) || strings.Contains(msg, "flag provided but not defined") {
		return ExitUsage
	}
	var ec cli.ExitCoder
	if errors.As(err, &ec) && ec.ExitCode() != 0 {
		return ec.ExitCode()
	}
	return ExitFatal
}
