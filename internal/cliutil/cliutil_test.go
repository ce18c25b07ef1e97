package cliutil

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/urfave/cli/v2"
)

func TestReorder(t *testing.T) {
	flags := testFlags()
	cases := []struct {
		in, want []string
		err      string
	}{
		{in: []string{"64", "16", "--in", "raw"}, want: []string{"--in", "raw", "--", "64", "16"}},
		{in: []string{"-32", "--stats", "32"}, want: []string{"--stats", "--", "-32", "32"}},
		{in: []string{"--bit-offset", "-8", "x"}, want: []string{"--bit-offset", "-8", "--", "x"}},
		{in: []string{"--in=raw", "a", "--", "--stats"}, want: []string{"--in=raw", "--", "a", "--stats"}},
		{in: []string{"-0x10", "-.5"}, want: []string{"--", "-0x10", "-.5"}},
		// A boolean flag takes a pasted true/false as its value, in any case.
		{in: []string{"--strip", "true", "ERROR"}, want: []string{"--strip=true", "--", "ERROR"}},
		{in: []string{"--stats", "FALSE", "x"}, want: []string{"--stats=false", "--", "x"}},
		{in: []string{"--stats", "nil"}, want: []string{"--stats", "--", "nil"}},
		{in: []string{"--stats=true", "true"}, want: []string{"--stats=true", "--", "true"}},
		// Unknown flags are left for urfave/cli to reject; they take nothing.
		{in: []string{"--bogus", "x"}, want: []string{"--bogus", "--", "x"}},
		// A value flag never swallows "--", another flag, or nothing.
		{in: []string{"-d", "--"}, err: "flag -d needs a value, but -- follows it"},
		{in: []string{"-d", "--stats"}, err: "flag -d needs a value, but --stats follows it"},
		{in: []string{"x", "--in"}, err: "flag --in needs a value"},
		{in: []string{"-d", "--bogus"}, want: []string{"-d", "--bogus", "--"}},
	}
	for _, c := range cases {
		got, err := Reorder(c.in, flags)
		if c.err != "" {
			var ue *UsageError
			if err == nil || err.Error() != c.err || !errors.As(err, &ue) {
				t.Errorf("Reorder(%q): error %v, want usage error %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Reorder(%q): %v", c.in, err)
			continue
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("Reorder(%q): %s", c.in, diff)
		}
	}
}

func testFlags() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "bit-offset"}, &cli.BoolFlag{Name: "stats"}, &cli.StringFlag{Name: "in"},
		&cli.BoolFlag{Name: "strip"}, &cli.StringSliceFlag{Name: "definitions", Aliases: []string{"d"}},
	}
}

func TestValues(t *testing.T) {
	for _, s := range []string{"nil", "None", "NULL", ""} {
		if !IsNil(s) {
			t.Errorf("IsNil(%q) false", s)
		}
	}
	if b, err := ParseHexBytes("0x1ACFFC1D"); err != nil || !bytes.Equal(b, []byte{0x1a, 0xcf, 0xfc, 0x1d}) {
		t.Errorf("hex: %x %v", b, err)
	}
	if b, _ := ParseHexBytes("0xABC"); !bytes.Equal(b, []byte{0x0a, 0xbc}) {
		t.Errorf("odd hex: %x", b)
	}
	if _, err := ParseHexBytes("1234"); err == nil {
		t.Error("hex without 0x accepted")
	}
	if v, _ := ParseInt("-0x20"); v != -32 {
		t.Errorf("ParseInt: %d", v)
	}
	if v, _ := ParseUint("0xFFFFFFFFFFFFFFFF"); v != ^uint64(0) {
		t.Errorf("ParseUint: %x", v)
	}
	if b, err := ParseBool("TRUE"); !b || err != nil {
		t.Error("TRUE")
	}
	if _, err := ParseBool("maybe"); err == nil {
		t.Error("maybe accepted")
	}
	if l, _ := ParseEndian("little_endian"); !l {
		t.Error("endian")
	}
}

// TestRunPositionalsAndExitCodes drives a real urfave app the way the mains do.
func TestRunPositionalsAndExitCodes(t *testing.T) {
	var got string
	app := &cli.App{Name: "c3x", Commands: []*cli.Command{{
		Name:  "length",
		Flags: []cli.Flag{&cli.IntFlag{Name: "bit-offset"}, &cli.IntFlag{Name: "bit-size", Value: 16}, &cli.BoolFlag{Name: "fill"}},
		Action: func(c *cli.Context) error {
			if err := BindPositionals(c, "bit-offset", "bit-size", "fill"); err != nil {
				return err
			}
			got = strings.Join([]string{c.String("bit-offset"), c.String("bit-size"), c.String("fill")}, ",")
			return nil
		},
	}}}
	var stderr bytes.Buffer
	if rc := Run(app, []string{"c3x", "length", "-32", "nil", "TRUE"}, &stderr); rc != 0 || got != "-32,16,true" {
		t.Fatalf("rc %d got %q stderr %q", rc, got, stderr.String())
	}
	if rc := Run(app, []string{"c3x", "length", "0x40", "--bit-size", "8"}, &stderr); rc != 0 || got != "64,8,false" {
		t.Fatalf("hex positional + trailing flag: rc %d got %q %s", rc, got, stderr.String())
	}
	stderr.Reset()
	if rc := Run(app, []string{"c3x", "length", "1", "2", "true", "4"}, &stderr); rc != ExitUsage {
		t.Fatalf("too many args: rc %d", rc)
	}
	if !strings.HasPrefix(stderr.String(), "c3x length: too many arguments") || strings.Count(stderr.String(), "\n") != 1 {
		t.Fatalf("diagnostic: %q", stderr.String())
	}
	stderr.Reset()
	if rc := Run(app, []string{"c3x", "length", "--nope"}, &stderr); rc != ExitUsage {
		t.Fatalf("unknown flag: rc %d (%s)", rc, stderr.String())
	}
	if rc := Run(app, []string{"c3x", "length", "8", "--bit-offset", "8"}, &stderr); rc != ExitUsage {
		t.Fatalf("given twice: rc %d", rc)
	}
}

// TestRunNoSubcommands: a binary without subcommands takes flags after its
// positionals too.
func TestRunNoSubcommands(t *testing.T) {
	var got []string
	app := &cli.App{Name: "c3y",
		Flags:  []cli.Flag{&cli.StringSliceFlag{Name: "ignore"}, &cli.BoolFlag{Name: "raw"}},
		Action: func(c *cli.Context) error { got = append(c.StringSlice("ignore"), c.Args().Slice()...); return nil }}
	var stderr bytes.Buffer
	if rc := Run(app, []string{"c3y", "--ignore", "INST", "HS", "--raw"}, &stderr); rc != 0 {
		t.Fatalf("rc %d: %s", rc, stderr.String())
	}
	if diff := cmp.Diff([]string{"INST", "HS"}, got); diff != "" {
		t.Fatal(diff)
	}
}

// TestRunHelpWordIsAPositional: "h" is a host name, not a help request.
func TestRunHelpWordIsAPositional(t *testing.T) {
	var got string
	app := &cli.App{Name: "c3z", Commands: []*cli.Command{{Name: "tcp-client",
		Action: func(c *cli.Context) error { got = c.Args().First(); return nil }}}}
	var stderr bytes.Buffer
	if rc := Run(app, []string{"c3z", "tcp-client", "h", "8080"}, &stderr); rc != 0 || got != "h" {
		t.Fatalf("rc %d got %q stderr %s", rc, got, stderr.String())
	}
}

// A plugin.txt line's trailing nil protocol type pastes; other extra words
// are still too many.
func TestTrailingNil(t *testing.T) {
	var got []string
	app := &cli.App{Name: "c3x", Commands: []*cli.Command{{
		Name:  "tcp",
		Flags: []cli.Flag{&cli.StringFlag{Name: "host"}, &cli.StringFlag{Name: "port"}},
		Action: func(c *cli.Context) error {
			if err := BindPositionals(c, "host", "port"); err != nil {
				return err
			}
			got = []string{c.String("host"), c.String("port")}
			return nil
		},
	}}}
	var stderr bytes.Buffer
	if rc := Run(app, []string{"c3x", "tcp", "h", "1", "nil", "None"}, &stderr); rc != 0 || strings.Join(got, ",") != "h,1" {
		t.Fatalf("rc %d got %q stderr %q", rc, got, stderr.String())
	}
	if rc := Run(app, []string{"c3x", "tcp", "h", "1", "nil", "x"}, &stderr); rc != ExitUsage {
		t.Fatalf("nil then a word: rc %d", rc)
	}
}
