package main

import (
	"fmt"
	"os"

	"strings"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
	"github.com/urfave/cli/v2"
	"go.bug.st/serial"
)

func serialCommand() *cli.Command {
	params := []string{"write-port", "read-port", "baud", "parity", "stop-bits", "write-timeout", "read-timeout"}
	return &cli.Command{
		Name:        "serial",
		Description: lifecycleHelp,
		Usage:       "COSMOS Serial Interface",
		UsageText: "c3link serial WRITE_PORT [READ_PORT BAUD PARITY STOP_BITS WRITE_TIMEOUT READ_TIMEOUT] [--flow-control RTSCTS] [--data-bits 7] [flags]\n" +
			"   e.g. c3link serial /dev/ttyS0 /dev/ttyS0 115200 NONE 1 10.0 nil;  c3link serial --list",
		Flags: append(commonFlags(),
			&cli.BoolFlag{Name: "list", Usage: "list the serial ports of this machine on stdout and exit"},
			&cli.StringFlag{Name: "write-port", Usage: "device to write commands to; nil: read only"},
			&cli.StringFlag{Name: "read-port", Usage: "device to read telemetry from; nil: write only", DefaultText: "the write port"},
			&cli.IntFlag{Name: "baud", Value: 9600, Usage: "baud rate"},
			&cli.StringFlag{Name: "parity", Value: "NONE", Usage: "NONE, EVEN or ODD"},
			&cli.IntFlag{Name: "stop-bits", Value: 1, Usage: "1 or 2"},
			&cli.StringFlag{Name: "write-timeout", Value: "10.0", Usage: "seconds a write may take before the link counts as lost"},
			&cli.StringFlag{Name: "read-timeout", Value: "nil", Usage: "seconds without data before the port is reopened; nil: block"},
			&cli.StringFlag{Name: "flow-control", Value: "NONE", Usage: "FLOW_CONTROL: NONE or RTSCTS"},
			&cli.IntFlag{Name: "data-bits", Value: 8, Usage: "DATA_BITS: 5, 6, 7 or 8"},
		),
		Action: func(c *cli.Context) error {
			if c.Bool("list") {
				ports, err := serial.GetPortsList()
				if err != nil {
					return fmt.Errorf("listing serial ports: %w", err)
				}
				_, err = fmt.Fprintln(os.Stdout, strings.Join(ports, "\n"))
				return err
			}
			return linkAction(params, buildSerial)(c)
		},
	}
}

func serialFromFlags(c *cli.Context) (*link.Serial, error) {
	s := &link.Serial{Baud: c.Int("baud"), DataBits: c.Int("data-bits")}
	if !c.IsSet("write-port") {
		return nil, cliutil.Usagef("give the write port (and read port) device")
	}
	if w := c.String("write-port"); !cliutil.IsNil(w) {
		s.WritePort = w
	}
	s.ReadPort = s.WritePort
	if c.IsSet("read-port") {
		s.ReadPort = ""
		if r := c.String("read-port"); !cliutil.IsNil(r) {
			s.ReadPort = r
		}
	}
	if s.WritePort == "" && s.ReadPort == "" {
		return nil, cliutil.Usagef("write port and read port are both nil")
	}
	if s.Baud <= 0 {
		return nil, cliutil.Usagef("--baud %d must be more than 0", s.Baud)
	}
	var err error
	if s.Parity, err = link.ParseParity(c.String("parity")); err != nil {
		return nil, cliutil.Usagef("%v", err)
	}
	switch c.Int("stop-bits") {
	case 1:
		s.StopBits = serial.OneStopBit
	case 2:
		s.StopBits = serial.TwoStopBits
	default:
		return nil, cliutil.Usagef("--stop-bits %d must be 1 or 2", c.Int("stop-bits"))
	}
	if s.DataBits < 5 || s.DataBits > 8 {
		return nil, cliutil.Usagef("--data-bits %d must be 5, 6, 7 or 8", s.DataBits)
	}
	switch strings.ToUpper(c.String("flow-control")) {
	case "NONE":
	case "RTSCTS":
		s.RTSCTS = true
	default:
		return nil, cliutil.Usagef("--flow-control %q must be NONE or RTSCTS", c.String("flow-control"))
	}
	if s.WriteTimeout, err = flagSeconds(c, "write-timeout", true); err != nil {
		return nil, err
	}
	if s.ReadTimeout, err = flagSeconds(c, "read-timeout", true); err != nil {
		return nil, err
	}
	return s, nil
}

func buildSerial(c *cli.Context) (linkSetup, error) {
	s, err := serialFromFlags(c)
	if err != nil {
		return linkSetup{}, err
	}
	return linkSetup{link: s, canWrite: s.WritePort != "", canRead: s.ReadPort != "", defName: "serial"}, nil
}
