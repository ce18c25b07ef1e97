package plugin

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestClassName(t *testing.T) {
	for in, want := range map[string]string{
		"tcpip_client_interface.rb":                      "tcpip_client",
		"openc3/interfaces/tcpip_client_interface.py":    "tcpip_client",
		"TcpipClientInterface":                           "tcpip_client",
		"LENGTH":                                         "length",
		"LengthProtocol":                                 "length",
		"length_protocol.rb":                             "length",
		"openc3/interfaces/protocols/length_protocol.py": "length",
		"CMD_RESPONSE":                                   "cmd_response",
		"CmdResponseProtocol":                            "cmd_response",
		"openc3/interfaces/protocols/crc_protocol.py":    "crc",
		"IgnorePacketProtocol":                           "ignore_packet",
		"openc3/interfaces/mqtt_stream_interface.py":     "mqtt_stream",
		`C:\plugins\lib\my_interface.rb`:                 "my",
	} {
		if got := className(in); got != want {
			t.Errorf("className(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOrder pins COSMOS's protocol order: inline first, then PROTOCOL
// lines; read stages as listed, write stages in reverse.
func TestOrder(t *testing.T) {
	p, err := Parse("p.txt", `TARGET INST
INTERFACE I tcpip_client_interface.rb h 1 1 10.0 nil BURST 4 0x1ACFFC1D
  MAP_TARGET INST
  PROTOCOL WRITE CrcProtocol A
  PROTOCOL READ_WRITE SlipProtocol
  PROTOCOL READ crc_protocol.rb B
`, nil)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := p.Build("I", Options{TargetsDir: "t"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range pl.Stages {
		got = append(got, strings.Join(st, " "))
	}
	want := []string{
		"c3encode -d t/INST",
		"c3frame slip --write",
		"c3crc add A",
		"c3frame burst 4 0x1ACFFC1D --write",
		"c3link tcp-client h 1 1 10.0 nil --name I",
		"c3frame burst 4 0x1ACFFC1D",
		"c3frame slip",
		"c3crc verify B",
		"c3decode -d t/INST",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

func TestDirections(t *testing.T) {
	cases := []struct{ line, first, last string }{
		{"tcpip_client_interface.rb h nil 8081 10.0 nil", "c3link", "c3decode"},
		{"tcpip_client_interface.rb h 8080 nil 10.0 nil", "c3encode", "c3link"},
		{"tcpip_server_interface.rb None 8081 10.0 nil", "c3link", "c3decode"},
		{"udp_interface.rb 127.0.0.1 8080 nil", "c3encode", "c3link"},
		{"file_interface.rb /out nil DELETE", "c3encode", "c3link"},
		{"serial_interface.rb nil /dev/ttyS0 9600 NONE 1 10.0 nil", "c3link", "c3decode"},
	}
	for _, c := range cases {
		p, err := Parse("p.txt", "INTERFACE I "+c.line+"\n", nil)
		if err != nil {
			t.Fatalf("%s: %v", c.line, err)
		}
		pl, err := p.Build("I", Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.line, err)
		}
		if f, l := pl.Stages[0][0], pl.Stages[len(pl.Stages)-1][0]; f != c.first || l != c.last {
			t.Errorf("%s: stages %s..%s, want %s..%s", c.line, f, l, c.first, c.last)
		}
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name, text string
		vars       map[string]string
		want       string
	}{
		{"unknown variable", "VARIABLE a 1\n", map[string]string{"b": "2"}, `p.txt: b="2": no VARIABLE b in the plugin (it has: a)`},
		{"erb", "VARIABLE a 1\nINTERFACE I tcpip_client_interface.rb <%= b %> 1 1 1 nil\n", nil, "p.txt:2: ERB: undefined local variable or method 'b' in <%= b %>"},
		{"interface without class", "INTERFACE I\n", nil, "p.txt:1: INTERFACE needs a name and an interface file name"},
		{"duplicate", "INTERFACE I udp_interface.rb h 1 2\nROUTER i udp_interface.rb h 1 2\n", nil, "p.txt:2: ROUTER i: the name is already used"},
		{"protocol in an optional slot", "INTERFACE I file_interface.rb nil /in /arch LENGTH 0 16\n", nil,
			"p.txt:1: INTERFACE I: file_interface.rb takes 5 parameters before its protocol, but LENGTH is parameter 4 (fill the ones before it with nil)"},
		{"protocol on udp", "INTERFACE I udp_interface.rb h 1 2 nil nil 128 10.0 nil BURST\n", nil,
			`p.txt:1: INTERFACE I: udp_interface.rb takes at most 8 parameters and no protocol; "BURST" and after are extra`},
		{"arguments after nil protocol", "INTERFACE I tcpip_client_interface.rb h 1 1 10.0 nil nil 4\n", nil,
			"p.txt:1: INTERFACE I: protocol arguments 4 follow a nil protocol type"},
		{"protocol type", "INTERFACE I tcpip_client_interface.rb h 1 1 10.0 nil\n PROTOCOL UP LengthProtocol\n", nil,
			`p.txt:2: PROTOCOL type "UP" must be READ, WRITE or READ_WRITE`},
		{"map without name", "INTERFACE I tcpip_client_interface.rb h 1 1 10.0 nil\n MAP_TARGET\n", nil, "p.txt:2: MAP_TARGET needs a target name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("p.txt", c.text, c.vars)
			if err == nil || err.Error() != c.want {
				t.Errorf("got  %v\nwant %s", err, c.want)
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	cases := []struct{ name, text, link, want string }{
		{"custom interface", "INTERFACE I my_interface.rb a b\n", "I",
			"p.txt:1: INTERFACE I: my_interface.rb is not an interface c3kit has (c3link has tcpip_client_interface, tcpip_server_interface, udp_interface, serial_interface, file_interface, http_client_interface, http_server_interface, mqtt_interface, mqtt_stream_interface); a custom Ruby or Python interface cannot run here"},
		{"override", "INTERFACE I tcpip_client_interface.rb h 1 1 10.0 nil\n PROTOCOL READ_WRITE OverrideProtocol\n", "I",
			"p.txt:2: I PROTOCOL READ_WRITE OverrideProtocol: c3kit has no stage for COSMOS's OVERRIDE protocol yet"},
		{"ignore on write", "INTERFACE I tcpip_client_interface.rb h 1 1 10.0 nil\n PROTOCOL WRITE IgnorePacketProtocol INST X\n", "I",
			"p.txt:2: I PROTOCOL WRITE IgnorePacketProtocol: dropping commands (IgnorePacketProtocol on WRITE) has no c3kit stage; leave them out of c3encode's input"},
		{"too few parameters", "INTERFACE I tcpip_client_interface.rb h 1\n", "I",
			"p.txt:1: INTERFACE I: tcpip_client_interface.rb needs at least 5 parameters, 2 given"},
		{"unknown keyword", "INTERFACE I tcpip_client_interface.rb h 1 1 10.0 nil\n MAP_TARGETS X\n", "I",
			"p.txt:2: MAP_TARGETS is not a keyword of INTERFACE (plugins.md)"},
		{"renamed targets", "TARGET A X\nTARGET B\nINTERFACE I tcpip_client_interface.rb h 1 1 10.0 nil\n MAP_TARGET X\n MAP_TARGET B\n", "I",
			"p.txt:3: INTERFACE I: target X is folder A renamed; c3decode renames one target at a time (--target), and 2 are mapped"},
		{"router of two", "INTERFACE I udp_interface.rb h 1 2\nINTERFACE J udp_interface.rb h 1 2\nROUTER R tcpip_server_interface.rb 1 1 10.0 nil\n ROUTE I\n ROUTE J\n", "R",
			"p.txt:3: ROUTER R routes 2 interfaces; c3kit bridges exactly one (one ROUTE line)"},
		{"connect cmd without encoder", "TARGET T\nINTERFACE I tcpip_client_interface.rb h 1 1 10.0 nil\n MAP_TARGET T\n OPTION CONNECT_CMD LOG \"T NOOP\"\n", "I",
			`p.txt:4: OPTION CONNECT_CMD "T NOOP": cannot encode commands here`},
		{"periodic cmd shape", "TARGET T\nINTERFACE I tcpip_client_interface.rb h 1 1 10.0 nil\n MAP_TARGET T\n OPTION PERIODIC_CMD LOG 1.0 T NOOP\n", "I",
			`p.txt:4: OPTION PERIODIC_CMD takes one command string (quote it: "INST ABORT")`},
		{"unknown link", "INTERFACE I udp_interface.rb h 1 2\n", "J", "p.txt: no INTERFACE or ROUTER J (have: I)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse("p.txt", c.text, nil)
			if err != nil {
				t.Fatal(err)
			}
			_, err = p.Build(c.link, Options{})
			var pe *Error
			if err == nil || err.Error() != c.want || !errors.As(err, &pe) {
				t.Errorf("got  %v\nwant %s", err, c.want)
			}
		})
	}
}

// TestPeriodicCmd checks what goes to c3link once a command is encoded.
func TestPeriodicCmd(t *testing.T) {
	p, err := Parse("p.txt", "TARGET T\nINTERFACE I tcpip_client_interface.rb h 1 1 10.0 nil SLIP\n MAP_CMD_TARGET T\n OPTION PERIODIC_CMD DONT_LOG 2.5 \"T NOOP\"\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	var seen [][]Stage
	pl, err := p.Build("I", Options{TargetsDir: "t", Encode: func(st []Stage, cmd string) ([]byte, error) {
		seen = append(seen, st)
		return []byte(cmd[:2]), nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	link := strings.Join(pl.Stages[2], " ")
	if want := "c3link tcp-client h 1 1 10.0 nil --name I --periodic-cmd DONT_LOG 2.5 0x5420"; link != want {
		t.Errorf("link stage %q\nwant %q", link, want)
	}
	if diff := cmp.Diff([][]Stage{{{"c3encode", "-d", "t/T"}, {"c3frame", "slip", "--write"}}}, seen); diff != "" {
		t.Errorf("encode stages: %s", diff)
	}
}

func TestFormatQuotes(t *testing.T) {
	pl := &Pipeline{Link: &Link{Where: Where{"p.txt", 3}, Keyword: "INTERFACE", Name: "I", Class: "x.rb"},
		Stages: []Stage{{"c3link", "x", "it's", "a b", ""}, {"c3decode", "--hex"}}}
	want := "# INTERFACE I (p.txt:3): x.rb\nc3link x 'it'\\''s' 'a b' '' \\\n  | c3decode --hex\n"
	if got := pl.Format(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
