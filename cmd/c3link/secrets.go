package main

import (
	"bufio"
	"os"
	"strings"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
	"github.com/urfave/cli/v2"
)

// tlsFlags are COSMOS's TLS options (CA_FILE, CERT, KEY, KEYFILE_PASSWORD)
// as flags, shared by http-client and the MQTT links. Passwords come from a
// file or an environment variable only, never from the command line (where
// ps shows them), as COSMOS takes them from a SECRET.
func tlsFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "ca-file", Usage: "CA_FILE: PEM file of the CA certificates to trust (default: the system's)"},
		&cli.StringFlag{Name: "cert", Usage: "CERT: PEM client certificate file (with --key) for TLS client authentication"},
		&cli.StringFlag{Name: "key", Usage: "KEY: PEM private key file of --cert"},
		&cli.StringFlag{Name: "keyfile-password-file", Usage: "KEYFILE_PASSWORD: file whose first line is the password of an encrypted --key"},
		&cli.StringFlag{Name: "keyfile-password-env", Usage: "KEYFILE_PASSWORD: environment variable holding the password of an encrypted --key"},
		&cli.BoolFlag{Name: "insecure-skip-verify", Usage: "TEST RIGS ONLY: accept any server certificate (no CA check, no name check)"},
	}
}

func tlsFiles(c *cli.Context) (link.TLSFiles, error) {
	f := link.TLSFiles{
		CAFile:             c.String("ca-file"),
		CertFile:           c.String("cert"),
		KeyFile:            c.String("key"),
		InsecureSkipVerify: c.Bool("insecure-skip-verify"),
	}
	if (f.CertFile == "") != (f.KeyFile == "") {
		return f, cliutil.Usagef("--cert and --key go together")
	}
	var err error
	f.KeyPassword, _, err = secret(c, "keyfile-password-file", "keyfile-password-env")
	return f, err
}

// secret reads a password from the file named by --FILEFLAG (first line) or
// the environment variable named by --ENVFLAG; given says whether either
// flag was used. Errors never contain the password.
func secret(c *cli.Context, fileFlag, envFlag string) (value string, given bool, err error) {
	file, env := c.String(fileFlag), c.String(envFlag)
	switch {
	case file != "" && env != "":
		return "", true, cliutil.Usagef("--%s and --%s exclude each other", fileFlag, envFlag)
	case file != "":
		fh, err := os.Open(file)
		if err != nil {
			return "", true, cliutil.Usagef("--%s: %v", fileFlag, err)
		}
		defer fh.Close()
		line, err := bufio.NewReader(fh).ReadString('\n')
		if err != nil && line == "" {
			return "", true, cliutil.Usagef("--%s %s is empty: put the password on its first line", fileFlag, file)
		}
		return strings.TrimRight(line, "\r\n"), true, nil
	case env != "":
		v, ok := os.LookupEnv(env)
		if !ok || v == "" {
			return "", true, cliutil.Usagef("--%s: environment variable %s is not set", envFlag, env)
		}
		return v, true, nil
	}
	return "", false, nil
}
