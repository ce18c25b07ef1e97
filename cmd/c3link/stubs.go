package main

import "github.com/urfave/cli/v2"


func serialCommand() *cli.Command { return &cli.Command{Name: "serial"} }
func fileCommand() *cli.Command   { return &cli.Command{Name: "file"} }
