package main

import (
	"net"
	"strconv"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
	"github.com/urfave/cli/v2"
)

func udpCommand() *cli.Command {
	params := []string{"host", "write-dest-port", "read-port", "write-src-port", "interface-address", "ttl", "write-timeout", "read-timeout"}
	return &cli.Command{
		Name:        "udp",
		Description: lifecycleHelp,
		Usage:       "COSMOS UDP Interface: one datagram per record, unicast, broadcast or multicast",
		UsageText: "c3link udp HOST WRITE_DEST_PORT READ_PORT [WRITE_SRC_PORT [INTERFACE_ADDRESS [TTL [WRITE_TIMEOUT [READ_TIMEOUT]]]]] [flags]\n" +
			"   e.g. c3link udp 127.0.0.1 8080 8081 8082 nil 128 10.0 nil; read port 0 picks a free port and prints it",
		Flags: append(commonFlags(),
			&cli.StringFlag{Name: "host", Usage: "target host or IPv4 address; a multicast group is joined, a broadcast address works"},
			&cli.StringFlag{Name: "write-dest-port", Usage: "port on the target to send commands to; nil: read only"},
			&cli.StringFlag{Name: "read-port", Usage: "local port telemetry arrives on; nil: write only"},
			&cli.StringFlag{Name: "write-src-port", Value: "nil", Usage: "local port to send from (equal to the read port: one socket); nil: any"},
			&cli.StringFlag{Name: "interface-address", Value: "nil", Usage: "multicast: local interface address to join on and send through"},
			&cli.StringFlag{Name: "ttl", Value: strconv.Itoa(link.DefaultTTL), Usage: "time to live of sent datagrams (multicast TTL for a group)"},
			&cli.StringFlag{Name: "write-timeout", Value: "10.0", Usage: "seconds to wait for a send"},
			&cli.StringFlag{Name: "read-timeout", Value: "nil", Usage: "seconds without a datagram before the socket is reopened; nil: block"},
			&cli.StringFlag{Name: "bind-address", Value: "0.0.0.0", Usage: "address the read socket binds to (COSMOS's 0.0.0.0)"},
		),
		Action: linkAction(params, buildUDP),
	}
}

func buildUDP(c *cli.Context) (linkSetup, error) {
	u := &link.UDP{Host: c.String("host"), BindAddress: c.String("bind-address")}
	if u.Host == "" || cliutil.IsNil(u.Host) {
		return linkSetup{}, cliutil.Usagef("give the host")
	}
	if !c.IsSet("write-dest-port") || !c.IsSet("read-port") {
		return linkSetup{}, cliutil.Usagef("give the write dest port and the read port (nil disables one)")
	}
	var canWrite, canRead bool
	var err error
	if u.WriteDestPort, canWrite, err = parsePort("write-dest-port", c.String("write-dest-port"), false); err != nil {
		return linkSetup{}, err
	}
	if u.ReadPort, canRead, err = parsePort("read-port", c.String("read-port"), true); err != nil {
		return linkSetup{}, err
	}
	if !canRead && !canWrite {
		return linkSetup{}, cliutil.Usagef("write dest port and read port are both nil")
	}
	if u.WriteSrcPort, _, err = parsePort("write-src-port", c.String("write-src-port"), false); err != nil {
		return linkSetup{}, err
	}
	if ia := c.String("interface-address"); !cliutil.IsNil(ia) {
		if ip := net.ParseIP(ia); ip == nil || ip.To4() == nil {
			return linkSetup{}, cliutil.Usagef("--interface-address %q is not an IPv4 address", ia)
		}
		u.InterfaceAddress = ia
	}
	if ip := net.ParseIP(u.BindAddress); ip == nil || ip.To4() == nil {
		return linkSetup{}, cliutil.Usagef("--bind-address %q is not an IPv4 address", u.BindAddress)
	}
	if ttl := c.String("ttl"); !cliutil.IsNil(ttl) {
		v, err := strconv.Atoi(ttl)
		if err != nil || v < 1 || v > 255 {
			return linkSetup{}, cliutil.Usagef("--ttl %q must be 1..255", ttl)
		}
		u.TTL = v
	}
	if u.WriteTimeout, err = flagSeconds(c, "write-timeout", true); err != nil {
		return linkSetup{}, err
	}
	if u.ReadTimeout, err = flagSeconds(c, "read-timeout", true); err != nil {
		return linkSetup{}, err
	}
	if u.ReadPort == 0 {
		say := notify(c)
		u.Bound = func(a net.Addr) { say("listening on %s", a) }
	}
	return linkSetup{link: u, canWrite: canWrite, canRead: canRead, defName: "udp", readSize: 65536}, nil
}
