package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/plugin"
	"github.com/urfave/cli/v2"
)

func pluginCommand() *cli.Command {
	return &cli.Command{
		Name:  "plugin",
		Usage: "print, or --run, the c3kit pipeline of a plugin.txt INTERFACE or ROUTER",
		UsageText: "c3link plugin PLUGIN.TXT [INTERFACE_NAME] [VAR=VALUE...] [--run] [-- C3LINK_FLAGS...]\n" +
			"   e.g. c3link plugin plugin.txt INST_INT inst_port=9100 --run -- --linger 2\n" +
			"   VAR=VALUE sets a VARIABLE of the plugin; flags after -- go to every c3link stage",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "run", Usage: "run the pipeline (each stage a process, wired with pipes; no shell) instead of printing it; stdin feeds c3encode, stdout is c3decode's"},
		},
		Action: pluginAction,
	}
}

// pluginArgs splits the positionals: the file, an interface name,
// VAR=VALUE words, and from the first word that starts with "-" the
// c3link flags.
func pluginArgs(args []string) (file, name string, vars map[string]string, linkArgs []string, err error) {
	if len(args) == 0 {
		return "", "", nil, nil, cliutil.Usagef("give the plugin.txt to read")
	}
	file, vars = args[0], map[string]string{}
	for i, a := range args[1:] {
		switch {
		case strings.HasPrefix(a, "-"):
			return file, name, vars, args[i+1:], nil
		case strings.Contains(a, "="):
			k, v, _ := strings.Cut(a, "=")
			vars[k] = v
		case name != "":
			return "", "", nil, nil, cliutil.Usagef("one interface name at a time: %s and %s given (VARIABLEs are NAME=VALUE)", name, a)
		default:
			name = a
		}
	}
	return file, name, vars, nil, nil
}

func pluginAction(c *cli.Context) error {
	file, name, vars, linkArgs, err := pluginArgs(c.Args().Slice())
	if err != nil {
		return err
	}
	p, err := plugin.Read(file, vars)
	if err != nil {
		var pe *plugin.Error
		if errors.As(err, &pe) && pe.Line == 0 && len(vars) > 0 && strings.Contains(pe.Msg, "no VARIABLE") {
			return cliutil.Usagef("%v", err)
		}
		return err
	}
	targets := filepath.Join(p.Dir, "targets")
	if rel, err := filepath.Rel(".", targets); err == nil && !strings.HasPrefix(rel, "..") {
		targets = rel
	}
	opts := plugin.Options{TargetsDir: targets, LinkArgs: linkArgs, Has: hasSubcommandFlag, Encode: encodeCommand}
	names := []string{name}
	if name == "" {
		names = nil
		for _, l := range p.Links {
			names = append(names, l.Name)
		}
		if len(names) == 0 {
			return fmt.Errorf("%s has no INTERFACE or ROUTER", file)
		}
		if c.Bool("run") && len(names) > 1 {
			return cliutil.Usagef("%s has %d interfaces and routers (%s): name the one to run", file, len(names), strings.Join(names, ", "))
		}
	} else if p.Link(name) == nil {
		return cliutil.Usagef("%s has no INTERFACE or ROUTER %s (it has: %s)", file, name, linkList(p))
	}
	if c.Bool("run") {
		pl, err := p.Build(names[0], opts)
		if err != nil {
			return err
		}
		diag := cliutil.NewDiag(c, os.Stderr)
		for _, n := range pl.Notes {
			diag.Printf("%s", n)
		}
		return runPipeline(pl)
	}
	// Printing: every pipeline that builds; each one that does not is one
	// stderr line, and the exit status is 1.
	failed := 0
	diag := cliutil.NewDiag(c, os.Stderr)
	for i, n := range names {
		pl, err := p.Build(n, opts)
		if err != nil {
			if len(names) == 1 {
				return err
			}
			diag.Printf("%v", err)
			failed++
			continue
		}
		if i > 0 {
			fmt.Fprintln(os.Stdout)
		}
		fmt.Fprint(os.Stdout, pl.Format())
	}
	if failed > 0 {
		return fmt.Errorf("%d of the %d interfaces and routers have no c3kit pipeline (see above)", failed, len(names))
	}
	return nil
}

func linkList(p *plugin.Plugin) string {
	var n []string
	for _, l := range p.Links {
		n = append(n, l.Name)
	}
	return strings.Join(n, ", ")
}

// hasSubcommandFlag answers plugin.Options.Has from this binary's own
// subcommands, so a plugin never prints a stage c3link would refuse.
func hasSubcommandFlag(sub, flag string) bool {
	cmd := app().Command(sub)
	if cmd == nil {
		return false
	}
	if flag == "" {
		return true
	}
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n == flag {
				return true
			}
		}
	}
	return false
}

// stageBinary finds a c3kit binary beside this one first, then on PATH.
func stageBinary(name string) (string, error) {
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return exec.LookPath(name)
}

// encodeCommand runs the command stages on one COSMOS command string
// (CONNECT_CMD, PERIODIC_CMD) and returns the bytes written to the link.
func encodeCommand(stages []plugin.Stage, command string) ([]byte, error) {
	st := make([]plugin.Stage, len(stages))
	copy(st, stages)
	last := len(st) - 1
	// The one command must encode, or the option is an error.
	st[0] = append(append(plugin.Stage{}, st[0]...), "--on-error", "fail")
	st[last] = append(append(plugin.Stage{}, st[last]...), "--out", "raw")
	var out, errs bytes.Buffer
	pl := &plugin.Pipeline{Stages: st}
	err := pl.Run(context.Background(), plugin.RunConfig{Bin: stageBinary, Stdin: strings.NewReader(command + "\n"), Stdout: &out, Stderr: &errs})
	if err != nil || out.Len() == 0 {
		msg := strings.TrimSpace(errs.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg != "" {
			return nil, errors.New(msg)
		}
		if err != nil {
			return nil, err
		}
	}
	return out.Bytes(), nil
}

// runPipeline runs the stages. Ctrl-C reaches every stage from the
// terminal (they share our process group), so we only wait for them;
// SIGTERM and SIGHUP sent to us are passed on (plugin.RunConfig.Signals).
func runPipeline(pl *plugin.Pipeline) error {
	signal.Ignore(syscall.SIGPIPE)
	signal.Ignore(os.Interrupt)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(ch)
	err := pl.Run(context.Background(), plugin.RunConfig{
		Bin: stageBinary, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Signals: ch,
	})
	var se *plugin.StageError
	if errors.As(err, &se) {
		// The stage has said why on stderr; we add which stage it was.
		return cli.Exit(fmt.Sprintf("%v", err), se.Code)
	}
	return err
}
