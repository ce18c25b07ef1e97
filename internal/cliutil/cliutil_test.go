package cliutil

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/urfave/cli/v2"
)

func TestReorder(t *testing.T) {
	flags := []cli.Flag{&cli.IntFlag{Name: "bit-offset"}, &cli.BoolFlag{Name: "stats"}, &cli.StringFlag{Name: "in"}}
	cases := []struct{ in, want []string }{
		{[]string{"64", "16", "--in", "raw"}, []string{"--in", "raw", "--", "64", "16"}},
		{[]string{"-32", "--stats", "32"}, []string{"--stats", "--", "-32", "32"}},
		{[]string{"--bit-offset", "-8", "x"}, []string{"--bit-offset", "-8", "--", "x"}},
		{[]string{"--in=raw", "a", "--", "--stats"}, []string{"--in=raw", "--", "a", "--stats"}},
		{[]string{"-0x10", "-.5"}, []string{"--", "-0x10", "-.5"}},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, Reorder(c.in, flags)); diff != "" {
			t.Errorf("Reorder(%q): %s", c.in, diff)
		}
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
