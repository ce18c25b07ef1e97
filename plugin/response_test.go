package plugin

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// stages builds INTERFACE I (target T mapped) with the given protocol
// lines and returns its stages as text, and its notes.
func stages(t *testing.T, iface string, lines ...string) ([]string, []string, error) {
	t.Helper()
	text := "TARGET T\nINTERFACE I " + iface + "\n MAP_TARGET T\n"
	for _, l := range lines {
		text += " " + l + "\n"
	}
	p, err := Parse("p.txt", text, nil)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := p.Build("I", Options{TargetsDir: "t"})
	if err != nil {
		return nil, nil, err
	}
	var got []string
	for _, st := range pl.Stages {
		got = append(got, strings.Join(st, " "))
	}
	return got, pl.Notes, nil
}

const tcp = "tcpip_client_interface.rb h 5025 5025 5.0 nil"

// TestResponseProtocols pins how TEMPLATE, CmdResponseProtocol,
// GemsProtocol, the encryption protocol and the CCSDS protocols map, one
// row per parameter that changes the pipeline.
func TestResponseProtocols(t *testing.T) {
	cases := []struct {
		name  string
		iface string
		lines []string
		want  []string
		notes []string
	}{
		{"demo TEMPLATED inline", tcp + " TEMPLATE 0xA 0xA", nil, []string{
			"c3encode -d t/T",
			"c3frame template 0xA 0xA -d t/T --write",
			"c3link tcp-client h 5025 5025 5.0 nil --name I --response-term 0xA",
			"c3frame template 0xA 0xA -d t/T",
			"c3decode -d t/T",
		}, nil},
		{"TEMPLATE all 13 parameters", tcp + " TEMPLATE 0xA 0xD0A 2 1.5 3 false 0 nil false 2.0 0.05 true nil", nil, []string{
			"c3encode -d t/T",
			"c3frame template 0xA 0xD0A -d t/T --write",
			"c3link tcp-client h 5025 5025 5.0 nil --name I --response-term 0xD0A --ignore-lines 2 --initial-read-delay 1.5 --response-lines 3 --strip-term false --response-timeout 2.0 --response-polling 0.05 --raise",
			"c3frame template 0xA 0xD0A -d t/T",
			"c3decode -d t/T",
		}, nil},
		{"TEMPLATE nil parameters keep c3link's defaults", tcp, []string{"PROTOCOL READ_WRITE TemplateProtocol 0xA 0xA nil nil nil true nil nil nil nil nil false"}, []string{
			"c3encode -d t/T",
			"c3frame template 0xA 0xA -d t/T --write",
			"c3link tcp-client h 5025 5025 5.0 nil --name I --response-term 0xA",
			"c3frame template 0xA 0xA -d t/T",
			"c3decode -d t/T",
		}, nil},
		{"TEMPLATE allow empty is a note", tcp, []string{"PROTOCOL READ_WRITE template_protocol.rb 0xA 0xA 0 nil 1 true 0 nil false 5.0 0.02 false true"}, []string{
			"c3encode -d t/T",
			"c3frame template 0xA 0xA -d t/T --write",
			"c3link tcp-client h 5025 5025 5.0 nil --name I --response-term 0xA --ignore-lines 0 --response-lines 1 --response-timeout 5.0 --response-polling 0.02",
			"c3frame template 0xA 0xA -d t/T",
			"c3decode -d t/T",
		}, []string{"p.txt:4: PROTOCOL READ_WRITE template_protocol.rb: ALLOW_EMPTY_DATA true: c3link passes every response on as read; not used"}},
		{"CmdResponse with Terminated: c3link splits the responses", tcp, []string{
			"PROTOCOL READ_WRITE TerminatedProtocol 0x0A 0x0A",
			"PROTOCOL READ_WRITE CmdResponseProtocol 5.0 0.02 false",
		}, []string{
			"c3encode -d t/T",
			"c3frame terminated 0x0A 0x0A --write",
			"c3link tcp-client h 5025 5025 5.0 nil --name I --response-term 0x0A --response-timeout 5.0 --response-polling 0.02",
			"c3decode -d t/T",
		}, nil},
		{"CmdResponse raise, Terminated keeping its termination", tcp + " TERMINATED 0x0D0A 0x0D0A false 0", []string{
			"PROTOCOL READ_WRITE openc3/interfaces/protocols/cmd_response_protocol.py 1.0 nil True",
		}, []string{
			"c3encode -d t/T",
			"c3frame terminated 0x0D0A 0x0D0A false 0 --write",
			"c3link tcp-client h 5025 5025 5.0 nil --name I --response-term 0x0D0A --strip-term false --response-timeout 1.0 --raise",
			"c3decode -d t/T",
		}, nil},
		{"CmdResponse without Terminated", "udp_interface.rb h 1 2", []string{"PROTOCOL READ_WRITE CmdResponseProtocol"}, []string{
			"c3encode -d t/T",
			"c3link udp h 1 2 --name I",
			"c3decode -d t/T",
		}, []string{"p.txt:4: CmdResponseProtocol: no TerminatedProtocol to delimit responses: c3link takes each read as one response"}},
		{"GEMS: Terminated and Gems are c3frame gems, paced on |END", "tcpip_client_interface.rb gems 8080 8080 10.0 nil nil", []string{
			"PROTOCOL READ TerminatedProtocol 0x7C454E44 0x7C454E44 false 0 0x7C47454D53 false",
			"PROTOCOL READ_WRITE CmdResponseProtocol 5.0 0.2 true",
			"PROTOCOL READ_WRITE GemsProtocol",
		}, []string{
			"c3encode -d t/T",
			"c3frame gems --write",
			"c3link tcp-client gems 8080 8080 10.0 nil --name I --response-term 0x7C454E44 --strip-term false --response-timeout 5.0 --response-polling 0.2 --raise",
			"c3frame gems",
			"c3decode -d t/T",
		}, nil},
		{"GEMS without pacing", tcp, []string{
			"PROTOCOL READ_WRITE TerminatedProtocol 0x7c454e44 0x7c454e44 false 0 0x7C47454D53 false",
			"PROTOCOL READ_WRITE gems_protocol.rb",
		}, []string{
			"c3encode -d t/T",
			"c3frame gems --write",
			"c3link tcp-client h 5025 5025 5.0 nil --name I",
			"c3frame gems",
			"c3decode -d t/T",
		}, nil},
		{"GEMS reading only: the Terminated write side stays", tcp, []string{
			"PROTOCOL READ_WRITE TerminatedProtocol 0x7C454E44 0x7C454E44 false 0 0x7C47454D53 false",
			"PROTOCOL READ GemsProtocol",
		}, []string{
			"c3encode -d t/T",
			"c3frame terminated 0x7C454E44 0x7C454E44 false 0 0x7C47454D53 false --write",
			"c3link tcp-client h 5025 5025 5.0 nil --name I",
			"c3frame gems",
			"c3decode -d t/T",
		}, nil},
		{"demo EXAMPLE: LENGTH and encryption", "tcpip_client_interface.rb h 9999 9999 10.0 nil LENGTH 0 32 4 1 BIG_ENDIAN 4 nil nil true", []string{
			"PROTOCOL READ_WRITE encryption_protocol.rb 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
		}, []string{
			"c3encode -d t/T",
			"c3frame encryption 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F --write",
			"c3frame length 0 32 4 1 BIG_ENDIAN 4 nil nil true --write",
			"c3link tcp-client h 9999 9999 10.0 nil --name I",
			"c3frame length 0 32 4 1 BIG_ENDIAN 4 nil nil true",
			"c3frame encryption 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
			"c3decode -d t/T",
		}, nil},
		{"CCSDS downlink and uplink", "udp_interface.rb h 6000 5000", []string{
			"PROTOCOL READ CcsdsTmtfProtocol 0x1AB 1115 true 0 0x1ACFFC1D true true",
			"PROTOCOL WRITE CcsdsCltuProtocol",
			"PROTOCOL WRITE ccsds_tctf_protocol.rb true true 1 0x1AB 0",
		}, []string{
			"c3encode -d t/T",
			"c3frame tctf true true 1 0x1AB 0 --write",
			"c3frame cltu --write",
			"c3link udp h 6000 5000 --name I",
			"c3frame tmtf 0x1AB 1115 true 0 0x1ACFFC1D true true",
			"c3decode -d t/T",
		}, nil},
		{"AOS", "udp_interface.rb h nil 5000", []string{"PROTOCOL READ openc3/interfaces/protocols/ccsds_aos_protocol.py 0x1B 1115"}, []string{
			"c3link udp h nil 5000 --name I",
			"c3frame aos 0x1B 1115",
			"c3decode -d t/T",
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, notes, err := stages(t, c.iface, c.lines...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("stages (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(c.notes, notes); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestResponseProtocolErrors(t *testing.T) {
	cases := []struct {
		name, iface string
		lines       []string
		want        string
	}{
		{"TEMPLATE without terminations", tcp + " TEMPLATE 0xA", nil,
			"p.txt:2: I inline protocol TEMPLATE: TEMPLATE needs WRITE_TERMINATION_CHARACTERS and READ_TERMINATION_CHARACTERS (TEMPLATE 0xA 0xA)"},
		{"TEMPLATE sync pattern", tcp + " TEMPLATE 0xA 0xA 0 nil 1 true 0 0x1ACF", nil,
			"p.txt:2: I inline protocol TEMPLATE: SYNC_PATTERN 0x1ACF: c3link splits responses at the read termination and has no sync pattern"},
		{"TEMPLATE discard", tcp + " TEMPLATE 0xA 0xA 0 nil 1 true 2", nil,
			"p.txt:2: I inline protocol TEMPLATE: DISCARD_LEADING_BYTES 2: c3link splits responses at the read termination and discards nothing"},
		{"TEMPLATE bad strip", tcp + " TEMPLATE 0xA 0xA 0 nil 1 maybe", nil,
			`p.txt:2: I inline protocol TEMPLATE: STRIP_READ_TERMINATION "maybe" is not true or false`},
		{"TEMPLATE too many", tcp + " TEMPLATE 0xA 0xA 0 nil 1 true 0 nil false 5.0 0.02 false nil x", nil,
			"p.txt:2: I inline protocol TEMPLATE: TEMPLATE takes at most 13 parameters, 14 given"},
		{"two pacers", tcp + " TEMPLATE 0xA 0xA", []string{"PROTOCOL READ_WRITE CmdResponseProtocol"},
			"p.txt:4: I PROTOCOL READ_WRITE CmdResponseProtocol: TEMPLATE already paces commands (line 2); COSMOS would wait for two responses, c3link waits for one"},
		{"CmdResponse bad raise", tcp, []string{"PROTOCOL READ_WRITE CmdResponseProtocol 5.0 0.02 sometimes"},
			`p.txt:4: I PROTOCOL READ_WRITE CmdResponseProtocol: RAISE_EXCEPTIONS "sometimes" is not true or false`},
		{"CmdResponse with a sync pattern", tcp, []string{"PROTOCOL READ_WRITE TerminatedProtocol 0xA 0xA true 0 0x55", "PROTOCOL READ_WRITE CmdResponseProtocol"},
			"p.txt:4: I PROTOCOL READ_WRITE TerminatedProtocol: SYNC_PATTERN 0x55 under CmdResponseProtocol: c3link splits responses at --response-term and has no sync pattern"},
		{"CmdResponse with two terminations", tcp, []string{"PROTOCOL READ TerminatedProtocol 0xA 0xA", "PROTOCOL READ TerminatedProtocol 0xD 0xD", "PROTOCOL READ_WRITE CmdResponseProtocol"},
			"p.txt:5: I PROTOCOL READ TerminatedProtocol: a second TerminatedProtocol under CmdResponseProtocol; c3link splits responses at one termination (line 4's)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := stages(t, c.iface, c.lines...)
			if err == nil || err.Error() != c.want {
				t.Errorf("got  %v\nwant %s", err, c.want)
			}
		})
	}
}

// TestTemplateNeedsTarget: the Template protocol reads its templates from
// the definitions, so an interface with no mapped target cannot use it.
func TestTemplateNeedsTarget(t *testing.T) {
	p, err := Parse("p.txt", "INTERFACE I "+tcp+" TEMPLATE 0xA 0xA\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Build("I", Options{})
	want := "p.txt:1: I inline protocol TEMPLATE: TEMPLATE builds RSP_PACKET telemetry from the definitions; map a target (MAP_TARGET)"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}
