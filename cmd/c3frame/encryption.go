package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/c3kit/c3kit/frame/encrypt"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

// keyEnv is read when no key is given on the command line, so the key need
// not appear in ps or in shell history.
const keyEnv = "C3KIT_ENCRYPTION_KEY"

// encryptionCommand is COSMOS's demo encryption protocol
// (encryption_protocol.rb KEY [ALLOW_EMPTY_DATA]). It works on whole
// records, so it stacks after a delineation stage on read and before one on
// write, in COSMOS's protocol order.
func encryptionCommand(sio stdio) *cli.Command {
	return &cli.Command{
		Name:  "encryption",
		Usage: "COSMOS demo encryption protocol: AES-256-GCM per record ([12-byte IV][16-byte tag][ciphertext]); read decrypts, --write encrypts",
		UsageText: "c3frame encryption [KEY] [ALLOW_EMPTY] [flags]\n" +
			"   e.g. c3frame length 0 32 4 1 BIG_ENDIAN 4 nil nil true --in raw | c3frame encryption --key-file example.key\n" +
			"   The key is 64 hex digits: the KEY positional (as pasted from plugin.txt), --key-file FILE, or $" + keyEnv + ".",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "key", Usage: "the 64-hex-digit AES-256 key (visible in ps: prefer --key-file or $" + keyEnv + ")"},
			&cli.StringFlag{Name: "key-file", Usage: "read the key from this file (hex digits; surrounding whitespace ignored)"},
			&cli.BoolFlag{Name: "write", Aliases: []string{"w"}, Usage: "write direction: encrypt each record with a fresh random IV"},
			&cli.BoolFlag{Name: "allow-empty", Usage: "COSMOS allow empty data: pass empty records on (default: dropped)"},
			&cli.StringFlag{Name: "on-error", Value: "drop", Usage: "drop: report a record that fails to decrypt, drop it and go on (exit 1 at the end); fail: stop at the first one, exit 1 (COSMOS disconnects)"},
			&cli.BoolFlag{Name: "stats", Usage: "print counters to stderr at exit"},
		}, cliutil.IOFlags()...),
		Action: func(c *cli.Context) error { return runEncryption(c, sio) },
	}
}

func runEncryption(c *cli.Context, sio stdio) error {
	if err := cliutil.BindPositionals(c, "key", "allow-empty"); err != nil {
		return err
	}
	key, err := encryptionKey(c)
	if err != nil {
		return err
	}
	codec, err := encrypt.New(key)
	if err != nil {
		return cliutil.Usagef("%v", err)
	}
	diag := cliutil.NewDiag(c, sio.err)
	st := &encrypt.Stage{Codec: codec, Write: c.Bool("write"), AllowEmpty: c.Bool("allow-empty"),
		Report: func(e *encrypt.RejectError) { diag.Printf("%v; dropped", e) }}
	switch c.String("on-error") {
	case "drop", "resync":
	case "fail":
		st.FailFast = true
	default:
		return cliutil.Usagef("--on-error must be drop or fail, not %q", c.String("on-error"))
	}
	rd, w, err := cliutil.OpenIO(c, sio.in, sio.out)
	if err != nil {
		return err
	}
	err = st.Run(rd, w)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	s := st.Stats()
	if c.Bool("stats") {
		diag.Stats("records_in", s.Records, "bytes_in", s.BytesIn, "bytes_out", s.BytesOut, "empty", s.Empty, "rejected", s.Rejected)
	}
	var rej *encrypt.RejectError
	if errors.As(err, &rej) {
		return fmt.Errorf("%v; stopping (--on-error fail)", rej)
	}
	if err == nil && s.Rejected > 0 {
		return fmt.Errorf("%d record(s) failed to decrypt and were dropped", s.Rejected)
	}
	return err
}

// encryptionKey takes the key from exactly one of the positional/--key,
// --key-file or the environment.
func encryptionKey(c *cli.Context) ([]byte, error) {
	src, text := "", ""
	n := 0
	if s := c.String("key"); s != "" && !cliutil.IsNil(s) {
		src, text, n = "the KEY argument", s, n+1
	}
	if f := c.String("key-file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, cliutil.Usagef("--key-file: %v", err)
		}
		src, text, n = "--key-file "+f, string(b), n+1
	}
	if n > 1 {
		return nil, cliutil.Usagef("give the key once: as KEY, --key or --key-file")
	}
	if n == 0 {
		v, ok := os.LookupEnv(keyEnv)
		if !ok || strings.TrimSpace(v) == "" {
			return nil, cliutil.Usagef("no key: give KEY (64 hex digits), --key-file FILE, or set $%s", keyEnv)
		}
		src, text = "$"+keyEnv, v
	}
	k, err := encrypt.ParseKey(text)
	if err != nil {
		return nil, cliutil.Usagef("%s: %v", src, err)
	}
	return k, nil
}
