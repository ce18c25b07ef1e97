package main

import (
	"os"
	"strings"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/decode/stream"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

// decodeConfig turns the flags into a stream.DecodeConfig and loads the
// definitions.
func decodeConfig(c *cli.Context) (stream.DecodeConfig, error) {
	var cfg stream.DecodeConfig
	exclusive := 0
	for _, f := range []string{"csv", "table", "identify"} {
		if c.Bool(f) {
			exclusive++
		}
	}
	if exclusive > 1 {
		return cfg, cliutil.Usagef("--csv, --table and --identify exclude each other")
	}
	if c.Bool("raw") && c.Bool("formatted") {
		return cfg, cliutil.Usagef("--raw and --formatted exclude each other")
	}
	if len(c.StringSlice("definitions")) == 0 {
		return cfg, cliutil.Usagef("give definitions with -d (a target folder, a targets/ folder or files with --target), or --hex")
	}
	diag := cliutil.NewDiag(c, os.Stderr)
	set, err := loadDefinitions(c, diag)
	if err != nil {
		return cfg, err
	}
	cfg.Set = set
	if c.Bool("cmd") {
		cfg.Kind = def.Command
	}
	switch {
	case c.Bool("csv"):
		cfg.Format = stream.CSV
	case c.Bool("table"):
		cfg.Format = stream.Table
	}
	o := engine.Options{Set: set, All: c.Bool("all"), Limits: c.Bool("limits"), LimitsSet: strings.ToUpper(c.String("limits-set")), Lenient: c.Bool("lenient")}
	switch {
	case c.Bool("raw"):
		o.Mode = engine.Raw
	case c.Bool("formatted"):
		o.Mode = engine.Formatted
	}
	if s := c.String("items"); s != "" {
		for _, n := range strings.Split(s, ",") {
			if n = strings.TrimSpace(n); n != "" {
				o.Items = append(o.Items, strings.ToUpper(n))
			}
		}
	}
	if c.Bool("lenient") || c.Bool("verbose") {
		o.Warn = func(msg string) { diag.Printf("warning: %s", msg) }
	}
	o.Unusable = func(msg string) { diag.Printf("warning: %s", msg) }
	cfg.Engine = o
	if cfg.Jobs = c.Int("jobs"); cfg.Jobs < 1 {
		return cfg, cliutil.Usagef("--jobs must be 1 or more")
	}
	// --ignore INST HEALTH_STATUS: the packet word arrives as a positional.
	pos := c.Args().Slice()
	if cfg.Packets, pos, err = packetNames(c.StringSlice("packet"), pos, "packet"); err != nil {
		return cfg, err
	}
	if err := stream.CheckPacketNames(set, cfg.Kind, cfg.Packets); err != nil {
		return cfg, cliutil.Usagef("--packet: %v", err)
	}
	if cfg.Ignore, pos, err = packetNames(c.StringSlice("ignore"), pos, "ignore"); err != nil {
		return cfg, err
	}
	if len(pos) > 0 {
		return cfg, cliutil.Usagef("unexpected argument %q", pos[0])
	}
	return cfg, nil
}

// packetNames parses --packet/--ignore values; a value naming only a
// target takes the next positional argument as its packet.
func packetNames(vals, pos []string, flag string) ([]stream.PacketName, []string, error) {
	var out []stream.PacketName
	for _, v := range vals {
		n, err := stream.ParsePacketName(v)
		if err != nil {
			return nil, pos, cliutil.Usagef("--%s: %v", flag, err)
		}
		if n.Packet == "" && len(pos) > 0 {
			n.Packet = strings.ToUpper(pos[0])
			pos = pos[1:]
		}
		out = append(out, n)
	}
	return out, pos, nil
}

// loadDefinitions loads -d paths; --verbose reports what COSMOS would log.
func loadDefinitions(c *cli.Context, diag *cliutil.Diag) (*def.Set, error) {
	opts := def.Options{Target: c.String("target"), MaxRecord: cliutil.RecordCap(c)}
	if c.Bool("verbose") {
		opts.Verbose = func(file string, line int, msg string) {
			if line > 0 {
				diag.Printf("%s:%d: %s", file, line, msg)
			} else {
				diag.Printf("%s: %s", file, msg)
			}
		}
	}
	return def.Load(c.StringSlice("definitions"), opts)
}
