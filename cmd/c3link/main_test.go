package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/urfave/cli/v2"
	"go.bug.st/serial"
)

// build runs c3link's command line up to the point where the pump would
// start and returns what the flags built.
func build(t *testing.T, args ...string) (linkSetup, string, int) {
	t.Helper()
	var got linkSetup
	runLinkFn = func(_ *cli.Context, s linkSetup) error { got = s; return nil }
	defer func() { runLinkFn = runLink }()
	var stderr bytes.Buffer
	rc := cliutil.Run(app(), append([]string{"c3link"}, args...), &stderr)
	return got, stderr.String(), rc
}

var ignoreFuncs = cmpopts.IgnoreFields(link.TCPServer{}, "Bound")
var ignoreUDPFuncs = cmpopts.IgnoreFields(link.UDP{}, "Bound")

// TestPositionalsAndFlags: every COSMOS parameter pastes from plugin.txt, has
// a named flag meaning the same, and nil/None disables what COSMOS says.
func TestPositionalsAndFlags(t *testing.T) {
	s10 := 10 * time.Second
	cases := []struct {
		args   []string
		want   link.Link
		rw     [2]bool // canWrite, canRead
		defLen int     // readSize override
	}{
		{[]string{"tcp-client", "host.docker.internal", "8080", "8081", "10.0", "nil"},
			&link.TCPClient{Host: "host.docker.internal", WritePort: 8080, ReadPort: 8081, WriteTimeout: s10, ConnectTimeout: 5 * time.Second}, [2]bool{true, true}, 0},
		{[]string{"tcp-client", "--host", "host1", "--write-port", "8080", "--read-timeout", "2.5", "--connect-timeout", "1m"},
			&link.TCPClient{Host: "host1", WritePort: 8080, ReadPort: 8080, WriteTimeout: s10, ReadTimeout: 2500 * time.Millisecond, ConnectTimeout: time.Minute}, [2]bool{true, true}, 0},
		{[]string{"tcp-client", "host1", "None", "8081", "nil", "10"},
			&link.TCPClient{Host: "host1", WritePort: link.NoPort, ReadPort: 8081, ReadTimeout: s10, ConnectTimeout: 5 * time.Second}, [2]bool{false, true}, 0},
		{[]string{"tcp-client", "host1", "8080", "nil"},
			&link.TCPClient{Host: "host1", WritePort: 8080, ReadPort: link.NoPort, WriteTimeout: s10, ConnectTimeout: 5 * time.Second}, [2]bool{true, false}, 0},
		{[]string{"tcp-server", "8080", "8081", "10.0", "nil"},
			&link.TCPServer{ListenAddress: "127.0.0.1", WritePort: 8080, ReadPort: 8081, WriteTimeout: s10, ClientQueue: 256, StallTimeout: 200 * time.Millisecond}, [2]bool{true, true}, 0},
		{[]string{"tcp-server", "8080", "--all-addresses", "--client-queue", "9", "--broadcast"},
			&link.TCPServer{ListenAddress: "0.0.0.0", WritePort: 8080, ReadPort: 8080, WriteTimeout: s10, ClientQueue: 9, StallTimeout: 200 * time.Millisecond, Broadcast: true}, [2]bool{true, true}, 0},
		{[]string{"tcp-server", "8080", "--stall-timeout", "1.5", "--max-clients", "3"},
			&link.TCPServer{ListenAddress: "127.0.0.1", WritePort: 8080, ReadPort: 8080, WriteTimeout: s10, ClientQueue: 256, StallTimeout: 1500 * time.Millisecond, MaxClients: 3}, [2]bool{true, true}, 0},
		{[]string{"tcp-server", "8080", "8080", "10.0", "nil", "--listen-address", "192.168.1.2"},
			&link.TCPServer{ListenAddress: "192.168.1.2", WritePort: 8080, ReadPort: 8080, WriteTimeout: s10, ClientQueue: 256, StallTimeout: 200 * time.Millisecond}, [2]bool{true, true}, 0},
		{[]string{"udp", "host.docker.internal", "8080", "8081", "8082", "nil", "128", "10.0", "nil"},
			&link.UDP{Host: "host.docker.internal", WriteDestPort: 8080, ReadPort: 8081, WriteSrcPort: 8082, TTL: 128, WriteTimeout: s10, BindAddress: "0.0.0.0"}, [2]bool{true, true}, 65536},
		{[]string{"udp", "239.1.2.3", "8080", "8080", "nil", "127.0.0.1", "4", "nil", "3"},
			&link.UDP{Host: "239.1.2.3", WriteDestPort: 8080, ReadPort: 8080, WriteSrcPort: link.NoPort, InterfaceAddress: "127.0.0.1", TTL: 4, ReadTimeout: 3 * time.Second, BindAddress: "0.0.0.0"}, [2]bool{true, true}, 65536},
		{[]string{"udp", "host1", "nil", "0", "--bind-address", "127.0.0.1"},
			&link.UDP{Host: "host1", WriteDestPort: link.NoPort, ReadPort: 0, WriteSrcPort: link.NoPort, TTL: 128, WriteTimeout: s10, BindAddress: "127.0.0.1"}, [2]bool{false, true}, 65536},
		{[]string{"serial", "COM1", "COM1", "9600", "NONE", "1", "10.0", "nil"},
			&link.Serial{WritePort: "COM1", ReadPort: "COM1", Baud: 9600, Parity: serial.NoParity, StopBits: serial.OneStopBit, DataBits: 8, WriteTimeout: s10}, [2]bool{true, true}, 0},
		{[]string{"serial", "/dev/ttyS1", "/dev/ttyS1", "38400", "ODD", "2", "10.0", "5", "--flow-control", "RTSCTS", "--data-bits", "7"},
			&link.Serial{WritePort: "/dev/ttyS1", ReadPort: "/dev/ttyS1", Baud: 38400, Parity: serial.OddParity, StopBits: serial.TwoStopBits, DataBits: 7, RTSCTS: true, WriteTimeout: s10, ReadTimeout: 5 * time.Second}, [2]bool{true, true}, 0},
		{[]string{"serial", "nil", "/dev/ttyUSB0", "19200", "even", "1", "nil", "nil"},
			&link.Serial{ReadPort: "/dev/ttyUSB0", Baud: 19200, Parity: serial.EvenParity, StopBits: serial.OneStopBit, DataBits: 8}, [2]bool{false, true}, 0},
		{[]string{"file", "nil", "/dropbox", "/archive", "65536", "true", "--throttle", "5", "--discard-file-header-bytes", "128"},
			&link.File{ReadFolder: "/dropbox", ArchiveFolder: "/archive", ReadSize: 65536, Stored: true, Label: "command", Extension: ".bin", PollInterval: time.Second, Throttle: 5 * time.Second, DiscardHeader: 128}, [2]bool{false, true}, 65536},
		{[]string{"file", "/archive", "/dropbox/", "/archive", "1024", "false", "--label", "data", "--extension", ".dat", "--polling", "--recursive", "--poll-interval", "0.2"},
			&link.File{WriteFolder: "/archive", ReadFolder: "/dropbox/", ArchiveFolder: "/archive", ReadSize: 1024, Label: "data", Extension: ".dat", Polling: true, Recursive: true, PollInterval: 200 * time.Millisecond}, [2]bool{true, true}, 1024},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			got, stderr, rc := build(t, tc.args...)
			if rc != 0 {
				t.Fatalf("rc %d: %s", rc, stderr)
			}
			if diff := cmp.Diff(tc.want, got.link, ignoreFuncs, ignoreUDPFuncs); diff != "" {
				t.Fatalf("link (-want +got):\n%s", diff)
			}
			if got.canWrite != tc.rw[0] || got.canRead != tc.rw[1] || got.readSize != tc.defLen {
				t.Fatalf("canWrite %v canRead %v readSize %d", got.canWrite, got.canRead, got.readSize)
			}
			if got.defName != tc.args[0] {
				t.Fatalf("default name %q", got.defName)
			}
		})
	}
}

// TestBadParameters: one line, exit 2, for every kind of bad value.
func TestBadParameters(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"tcp-client", "host1"}, "give the write port"},
		{[]string{"tcp-client", "host1", "70000"}, "not a port number"},
		{[]string{"tcp-client", "host1", "0"}, "not a port number (1..65535)"},
		{[]string{"tcp-client", "host1", "8080", "8080", "-1"}, "out of range"},
		{[]string{"tcp-client", "host1", "8080", "--write-port", "8081"}, "given both"},
		{[]string{"tcp-server"}, "give the write port"},
		{[]string{"tcp-server", "nil", "nil"}, "both nil"},
		{[]string{"tcp-server", "1", "--all-addresses", "--listen-address", "1.2.3.4"}, "exclude each other"},
		{[]string{"tcp-server", "1", "--client-queue", "0"}, "client-queue must be at least 1"},
		{[]string{"udp", "host1", "1", "2", "3", "nil", "0"}, "must be 1..255"},
		{[]string{"udp", "host1", "1", "2", "--bind-address", "::1"}, "bind-address"},
		{[]string{"serial"}, "give the write port"},
		{[]string{"serial", "a", "a", "0"}, "baud 0"},
		{[]string{"serial", "a", "a", "9600", "SPACE"}, "NONE, EVEN or ODD"},
		{[]string{"file", "nil", "nil", "nil"}, "both nil"},
		{[]string{"file", "nil", "in", "arch", "0"}, "file-read-size 0"},
		{[]string{"file", "nil", "in", "arch", "10", "maybe"}, "stored"},
		{[]string{"file", "nil", "in", "arch", "--poll-interval", "0"}, "poll-interval must be more than 0"},
		{[]string{"file", "nil", "in", "arch", "--discard-file-header-bytes", "-1"}, "must not be negative"},
	}
	for _, tc := range cases {
		_, stderr, rc := build(t, tc.args...)
		if rc != cliutil.ExitUsage || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: rc %d, stderr %q, want exit 2 and %q", tc.args, rc, stderr, tc.want)
		}
	}
}

func TestParseSecondsAndPeriodic(t *testing.T) {
	for in, want := range map[string]time.Duration{"10.0": 10 * time.Second, "0.5": 500 * time.Millisecond, "1m30s": 90 * time.Second, "250ms": 250 * time.Millisecond, "nil": 0} {
		if got, err := parseSeconds("x", in, true); err != nil || got != want {
			t.Errorf("parseSeconds(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"soon", "-1", "-5s"} {
		if _, err := parseSeconds("x", bad, true); err == nil {
			t.Errorf("parseSeconds(%q) accepted", bad)
		}
	}
	p, err := parsePeriodic("2.5 0xCAFE")
	if err != nil || p.Every != 2500*time.Millisecond || !bytes.Equal(p.Data, []byte{0xca, 0xfe}) {
		t.Fatalf("%+v %v", p, err)
	}
	for _, bad := range []string{"0 0xCAFE", "1 CAFE", "1", "1 @/no/such/file"} {
		if _, err := parsePeriodic(bad); err == nil {
			t.Errorf("parsePeriodic(%q) accepted", bad)
		}
	}
}

// TestPeriodicAndConnectOptions: PERIODIC_CMD and CONNECT_CMD take COSMOS's
// LOG/DONT_LOG word first, as in an OPTION line (any case, optional, DONT_LOG
// when left out), then the interval (periodic) and the data.
func TestPeriodicAndConnectOptions(t *testing.T) {
	file := t.TempDir() + "/cmd.bin"
	if err := os.WriteFile(file, []byte("ABORT"), 0o644); err != nil {
		t.Fatal(err)
	}
	periodic := []struct {
		in   string
		want link.Periodic
	}{
		{"2.5 0xCAFE", link.Periodic{Every: 2500 * time.Millisecond, Data: []byte{0xca, 0xfe}}},
		{"LOG 10.0 0xCAFE", link.Periodic{Every: 10 * time.Second, Data: []byte{0xca, 0xfe}, Log: true}},
		{"DONT_LOG 5.0 @" + file, link.Periodic{Every: 5 * time.Second, Data: []byte("ABORT")}},
		{"log 1s 0x01", link.Periodic{Every: time.Second, Data: []byte{1}, Log: true}},
	}
	for _, tc := range periodic {
		got, err := parsePeriodic(tc.in)
		if err != nil || !cmp.Equal(got, tc.want) {
			t.Errorf("parsePeriodic(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	connect := []struct {
		in   string
		want link.ConnectCmd
	}{
		{"0xCAFE", link.ConnectCmd{Data: []byte{0xca, 0xfe}}},
		{"LOG 0xCAFE", link.ConnectCmd{Data: []byte{0xca, 0xfe}, Log: true}},
		{"DONT_LOG @" + file, link.ConnectCmd{Data: []byte("ABORT")}},
	}
	for _, tc := range connect {
		got, err := parseConnect(tc.in)
		if err != nil || !cmp.Equal(got, tc.want) {
			t.Errorf("parseConnect(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "LOG", "LOG 0xCAFE 0xBEEF", "CAFE", "1 0xCAFE", "@/no/such/file", "MAYBE 0xCAFE"} {
		if _, err := parseConnect(bad); err == nil {
			t.Errorf("parseConnect(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"LOG 0xCAFE", "DONT_LOG", "LOG LOG 1 0xCAFE"} {
		if _, err := parsePeriodic(bad); err == nil {
			t.Errorf("parsePeriodic(%q) accepted", bad)
		}
	}
}

// cycleOf parses the LOG_STREAM flags the way runLink does.
func cycleOf(args ...string) (link.LogCycle, error) {
	var lc link.LogCycle
	var err error
	app := &cli.App{Flags: commonFlags(), Action: func(c *cli.Context) error { lc, err = logCycle(c); return nil }}
	if e := app.Run(append([]string{"c3link"}, args...)); e != nil {
		return lc, e
	}
	return lc, err
}

// TestLogCycleFlags: LOG_STREAM's Cycle Time, Cycle Size, Cycle Hour and
// Cycle Minute, nil where COSMOS allows it.
func TestLogCycleFlags(t *testing.T) {
	const size = link.DefaultLogCycleSize
	cases := []struct {
		args []string
		want link.LogCycle
	}{
		{nil, link.LogCycle{Time: 10 * time.Minute, Size: size, Hour: link.NoClock, Minute: link.NoClock}},
		{[]string{"--log-cycle-time", "60", "--log-cycle-size", "1000"}, link.LogCycle{Time: time.Minute, Size: 1000, Hour: link.NoClock, Minute: link.NoClock}},
		{[]string{"--log-cycle-time", "nil", "--log-cycle-hour", "3", "--log-cycle-minute", "0"}, link.LogCycle{Size: size, Hour: 3, Minute: 0}},
		{[]string{"--log-cycle-time", "None", "--log-cycle-hour", "nil", "--log-cycle-minute", "30"}, link.LogCycle{Size: size, Hour: link.NoClock, Minute: 30}},
		{[]string{"--log-cycle-time", "nil"}, link.LogCycle{Size: size, Hour: link.NoClock, Minute: link.NoClock}},
	}
	for _, tc := range cases {
		got, err := cycleOf(tc.args...)
		if err != nil || got != tc.want {
			t.Errorf("%q: %+v, %v; want %+v", tc.args, got, err, tc.want)
		}
	}
	bad := []struct {
		args []string
		want string
	}{
		{[]string{"--log-cycle-time", "0"}, "must be more than 0"},
		{[]string{"--log-cycle-hour", "3", "--log-cycle-minute", "0"}, "applies only when --log-cycle-time is nil"},
		{[]string{"--log-cycle-time", "nil", "--log-cycle-hour", "24", "--log-cycle-minute", "0"}, "not nil or 0..23"},
		{[]string{"--log-cycle-time", "nil", "--log-cycle-minute", "60"}, "not nil or 0..59"},
		{[]string{"--log-cycle-time", "nil", "--log-cycle-hour", "3"}, "needs --log-cycle-minute"},
		{[]string{"--log-cycle-size", "0"}, "at least 1"},
	}
	for _, tc := range bad {
		if _, err := cycleOf(tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.args, err, tc.want)
		}
	}
}
