package main

import "github.com/urfave/cli/v2"

func udpCommand() *cli.Command    { return &cli.Command{Name: "udp"} }
func serialCommand() *cli.Command { return &cli.Command{Name: "serial"} }
func fileCommand() *cli.Command   { return &cli.Command{Name: "file"} }
