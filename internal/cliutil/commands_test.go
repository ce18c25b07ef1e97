package cliutil

import (
	"bytes"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// testApp has subcommands like c3frame's and c3link's, recording which ran.
func testApp(ran *string) *cli.App {
	app := &cli.App{Name: "c3test"}
	for _, n := range []string{"burst", "length", "terminated", "tcp-client", "tcp-server", "verify", "add"} {
		n := n
		app.Commands = append(app.Commands, &cli.Command{Name: n, Action: func(c *cli.Context) error {
			*ran = n + " " + strings.Join(c.Args().Slice(), " ")
			return nil
		}})
	}
	SetCommands(app, "protocol", map[string]string{"CrcProtocol": "verify|add"})
	return app
}

// TestCommandSpellings (issue 8 item 4, issue 7 fault 11): every COSMOS
// spelling of a subcommand runs it; a typo is exit 2 with the known names
// and the nearest; `help NAME` shows that command's help.
func TestCommandSpellings(t *testing.T) {
	for _, tc := range []struct {
		argv []string
		ran  string
		rc   int
		err  string
	}{
		{[]string{"length", "32"}, "length 32", 0, ""},
		{[]string{"LENGTH", "32"}, "length 32", 0, ""},
		{[]string{"LengthProtocol", "32"}, "length 32", 0, ""},
		{[]string{"length_protocol.rb", "32"}, "length 32", 0, ""},
		{[]string{"openc3/interfaces/protocols/length_protocol.py", "32"}, "length 32", 0, ""},
		{[]string{"TerminatedProtocol"}, "terminated ", 0, ""},
		{[]string{"tcpip_client_interface.rb", "h", "1"}, "tcp-client h 1", 0, ""},
		{[]string{"TcpipServerInterface"}, "tcp-server ", 0, ""},
		{[]string{"CrcProtocol", "nil"}, "verify nil", 0, ""},
		{[]string{"CrcProtocol", "nil", "--write"}, "add nil", 0, ""},
		{[]string{"lenght"}, "", 2, `c3test: unknown protocol "lenght"; known: add, burst, length, tcp-client, tcp-server, terminated, verify; did you mean length?`},
		{[]string{"tcp"}, "", 2, `c3test: unknown protocol "tcp"; known: add, burst, length, tcp-client, tcp-server, terminated, verify; did you mean tcp-client or tcp-server?`},
		{[]string{"x"}, "", 2, `c3test: unknown protocol "x"; known: add, burst, length, tcp-client, tcp-server, terminated, verify`},
		{[]string{"help", "lenght"}, "", 2, `c3test: unknown protocol "lenght"; known: add, burst, length, tcp-client, tcp-server, terminated, verify; did you mean length?`},
	} {
		var ran string
		var stderr bytes.Buffer
		rc := Run(testApp(&ran), append([]string{"c3test"}, tc.argv...), &stderr)
		if rc != tc.rc || ran != tc.ran || strings.TrimSpace(stderr.String()) != tc.err {
			t.Errorf("%q: exit %d ran %q stderr %q; want exit %d ran %q stderr %q", tc.argv, rc, ran, stderr.String(), tc.rc, tc.ran, tc.err)
		}
	}
}

func TestHelpCommandRewrite(t *testing.T) {
	var ran string
	app := testApp(&ran)
	for in, want := range map[string]string{
		"c3test help length":    "c3test length --help",
		"c3test help":           "c3test --help",
		"c3test help LENGTH":    "c3test length --help",
		"c3test length help":    "c3test length help", // an argument, not a request
		"c3test --help":         "c3test --help",
		"c3test LengthProtocol": "c3test length",
	} {
		got, err := ResolveCommand(app, strings.Fields(in))
		if err != nil || strings.Join(got, " ") != want {
			t.Errorf("%s: %q %v, want %s", in, got, err, want)
		}
	}
}

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{
		"LENGTH": "length", "LengthProtocol": "length", "length_protocol.rb": "length",
		"openc3/interfaces/protocols/length_protocol.py": "length", "tcp-client": "tcpclient",
		"tcpip_client_interface.rb": "tcpclient", "TcpipClientInterface": "tcpclient",
		"Protocol": "protocol", "udp_interface.py": "udp",
	} {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}
