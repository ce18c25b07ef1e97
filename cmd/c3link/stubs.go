package main

import "github.com/urfave/cli/v2"

func fileCommand() *cli.Command { return &cli.Command{Name: "file"} }
