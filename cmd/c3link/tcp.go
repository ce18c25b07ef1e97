package main

import (
	"net"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
	"github.com/urfave/cli/v2"
)

func tcpClientCommand() *cli.Command {
	params := []string{"host", "write-port", "read-port", "write-timeout", "read-timeout"}
	return &cli.Command{
		Name:        "tcp-client",
		Description: lifecycleHelp,
		Usage:       "COSMOS TCP/IP Client Interface: connect to a target",
		UsageText:   "c3link tcp-client HOST WRITE_PORT [READ_PORT [WRITE_TIMEOUT [READ_TIMEOUT]]] [flags]\n   e.g. c3link tcp-client localhost 8080 8081 10.0 nil",
		Flags: append(commonFlags(),
			&cli.StringFlag{Name: "host", Usage: "machine to connect to"},
			&cli.StringFlag{Name: "write-port", Usage: "port to write commands to; nil: read only"},
			&cli.StringFlag{Name: "read-port", Usage: "port to read telemetry from; nil: write only", DefaultText: "the write port"},
			&cli.StringFlag{Name: "write-timeout", Value: "10.0", Usage: "seconds to wait for a write before the link counts as lost"},
			&cli.StringFlag{Name: "read-timeout", Value: "nil", Usage: "seconds without data before the link counts as lost; nil: block"},
			&cli.StringFlag{Name: "connect-timeout", Value: "5", Usage: "seconds to wait for one connection attempt"},
		),
		Action: linkAction(params, buildTCPClient),
	}
}

func tcpServerCommand() *cli.Command {
	params := []string{"write-port", "read-port", "write-timeout", "read-timeout"}
	return &cli.Command{
		Name:        "tcp-server",
		Description: lifecycleHelp,
		Usage:       "COSMOS TCP/IP Server Interface: serve any number of clients",
		UsageText: "c3link tcp-server WRITE_PORT [READ_PORT [WRITE_TIMEOUT [READ_TIMEOUT]]] [--listen-address ADDR | --all-addresses] [flags]\n" +
			"   port 0 picks a free port and prints it on stderr",
		Flags: append(commonFlags(),
			&cli.StringFlag{Name: "write-port", Usage: "port whose clients get the records from stdin; nil: read only"},
			&cli.StringFlag{Name: "read-port", Usage: "port whose clients' data becomes records; nil: write only", DefaultText: "the write port"},
			&cli.StringFlag{Name: "write-timeout", Value: "10.0", Usage: "seconds one client may take to accept a write before it is dropped"},
			&cli.StringFlag{Name: "read-timeout", Value: "nil", Usage: "seconds without data before a client is dropped; nil: no limit"},
			&cli.StringFlag{Name: "listen-address", Value: "127.0.0.1", Usage: "LISTEN_ADDRESS: address to accept connections on (COSMOS defaults to 0.0.0.0; c3link to loopback)"},
			&cli.BoolFlag{Name: "all-addresses", Usage: "listen on every address (0.0.0.0), as COSMOS does by default"},
			&cli.IntFlag{Name: "client-queue", Value: link.DefaultClientQueue, Usage: "records that may wait for one client; a client whose queue is full is dropped at once, so the others never wait on it"},
			&cli.StringFlag{Name: "stall-timeout", Value: "0.2", Usage: "a client whose queue is full and that has taken nothing for this long (seconds) is stuck: it is dropped, so the others never wait on it longer"},
			&cli.IntFlag{Name: "max-clients", Usage: "clients served at once (0: no limit); a connection beyond it is refused with one stderr line"},
			&cli.BoolFlag{Name: "broadcast", Usage: "ignore extra.PEER: every record goes to every client"},
		),
		Action: linkAction(params, buildTCPServer),
	}
}

func buildTCPClient(c *cli.Context) (linkSetup, error) {
	t := &link.TCPClient{Host: c.String("host")}
	if t.Host == "" || cliutil.IsNil(t.Host) {
		return linkSetup{}, cliutil.Usagef("give the host to connect to")
	}
	wp, rp, canWrite, canRead, err := portPair(c, "write-port", "read-port", false)
	if err != nil {
		return linkSetup{}, err
	}
	t.WritePort, t.ReadPort = wp, rp
	if t.WriteTimeout, err = flagSeconds(c, "write-timeout", true); err != nil {
		return linkSetup{}, err
	}
	if t.ReadTimeout, err = flagSeconds(c, "read-timeout", true); err != nil {
		return linkSetup{}, err
	}
	if t.ConnectTimeout, err = flagSeconds(c, "connect-timeout", false); err != nil {
		return linkSetup{}, err
	}
	return linkSetup{link: t, canWrite: canWrite, canRead: canRead, defName: "tcp-client"}, nil
}

func buildTCPServer(c *cli.Context) (linkSetup, error) {
	wp, rp, canWrite, canRead, err := portPair(c, "write-port", "read-port", true)
	if err != nil {
		return linkSetup{}, err
	}
	t := &link.TCPServer{ListenAddress: c.String("listen-address"), ClientQueue: c.Int("client-queue"), Broadcast: c.Bool("broadcast")}
	if c.Bool("all-addresses") {
		if c.IsSet("listen-address") {
			return linkSetup{}, cliutil.Usagef("--all-addresses and --listen-address exclude each other")
		}
		t.ListenAddress = "0.0.0.0"
	}
	if net.ParseIP(t.ListenAddress) == nil && t.ListenAddress != "localhost" {
		return linkSetup{}, cliutil.Usagef("--listen-address %q is not an IP address", t.ListenAddress)
	}
	if t.ClientQueue < 1 {
		return linkSetup{}, cliutil.Usagef("--client-queue must be at least 1")
	}
	if t.StallTimeout, err = flagSeconds(c, "stall-timeout", false); err != nil {
		return linkSetup{}, err
	}
	if t.StallTimeout <= 0 {
		return linkSetup{}, cliutil.Usagef("--stall-timeout must be more than 0")
	}
	if t.MaxClients = c.Int("max-clients"); t.MaxClients < 0 {
		return linkSetup{}, cliutil.Usagef("--max-clients must be 0 (no limit) or more")
	}
	t.WritePort, t.ReadPort = wp, rp
	if t.WriteTimeout, err = flagSeconds(c, "write-timeout", true); err != nil {
		return linkSetup{}, err
	}
	if t.ReadTimeout, err = flagSeconds(c, "read-timeout", true); err != nil {
		return linkSetup{}, err
	}
	say := notify(c)
	t.Bound = func(role string, a net.Addr) {
		say("listening on %s (%s)", a, role)
	}
	return linkSetup{link: t, canWrite: canWrite, canRead: canRead, defName: "tcp-server"}, nil
}
