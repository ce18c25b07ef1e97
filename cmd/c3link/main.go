// Command c3link is the COSMOS Interface as a full-duplex filter: what it
// reads from the link becomes records on stdout, and records on stdin are
// written to the link. One subcommand per COSMOS interface; the positional
// parameters paste from a plugin.txt INTERFACE line.
package main

import (
	"os"
	"runtime"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

func main() {
	// c3link moves bytes between descriptors. With more than one P every
	// record handed from a link reader to the one stdout writer wakes another
	// thread (a futex round trip); with one P it is a goroutine switch, which
	// measured faster and lower in latency (scripts/bench.d/link.sh). Blocking
	// system calls still get threads of their own. GOMAXPROCS overrides.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	a := app()
	cliutil.SetCommands(a, "interface", nil) // TcpipClientInterface, udp_interface.rb, ... name their subcommand
	os.Exit(cliutil.Run(a, os.Args, os.Stderr))
}

func app() *cli.App {
	return &cli.App{
		Name:        "c3link",
		Usage:       "COSMOS interfaces as a full-duplex filter: link reads -> records on stdout, records on stdin -> link",
		Description: lifecycleHelp,
		Commands: specificFirst([]*cli.Command{
			tcpClientCommand(),
			tcpServerCommand(),
			udpCommand(),
			serialCommand(),
			fileCommand(),
			httpClientCommand(), httpServerCommand(), mqttCommand(), mqttStreamCommand(),
			pluginCommand(),
		}),
	}
}
