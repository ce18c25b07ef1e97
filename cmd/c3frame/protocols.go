package main

import (
	"fmt"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

// protocol describes one subcommand: its COSMOS positional parameters (in
// COSMOS order, each also a named flag) and how to build the protocol.
type protocol struct {
	name, usage string
	positionals []string
	flags       []cli.Flag
	build       func(c *cli.Context) (frame.Protocol, error)
	action      func(c *cli.Context, p protocol, io stdio) error // instead of run (frame/ccsds)
}

// protocols returns the subcommands. Flag values are fresh on every call:
// urfave/cli keeps state in them.
func protocols() []protocol {
	// Flags shared by several protocols (COSMOS BurstProtocol's parameters).
	discardFlag := &cli.IntFlag{Name: "discard", Usage: "discard leading bytes: cut this many bytes (counting the sync pattern) from the start of each packet on read; put them back on write with --fill"}
	syncFlag := &cli.StringFlag{Name: "sync", Usage: "sync pattern, hex with or without 0x (0x1ACFFC1D, DEAD): searched for before each packet, kept unless discarded"}
	fillFlag := &cli.BoolFlag{Name: "fill", Usage: "fill fields on write (sync pattern; for length also the length field)"}
	// --max-length was the memory cap on the protocols without a length
	// field; it is refused there with a pointer to --max-record.
	movedFlag := &cli.StringFlag{Name: "max-length", Hidden: true}

	return append([]protocol{
		{
			name:        "burst",
			usage:       "COSMOS Burst: one packet per input chunk (record, or read of a raw stream)",
			positionals: []string{"discard", "sync", "fill", "allow-empty"},
			flags:       []cli.Flag{discardFlag, syncFlag, fillFlag, movedFlag},
			build: func(c *cli.Context) (frame.Protocol, error) {
				bp, err := burstParams(c)
				if err != nil {
					return nil, err
				}
				return frame.NewBurst(bp)
			},
		},
		{
			name:        "length",
			usage:       "COSMOS Length: a length field in every packet gives its length",
			positionals: []string{"bit-offset", "bit-size", "value-offset", "bytes-per-count", "endianness", "discard", "sync", "max-length", "fill", "allow-empty"},
			flags: []cli.Flag{
				&cli.IntFlag{Name: "bit-offset", Usage: "bit offset of the length field from the start of the packet, sync pattern included"},
				&cli.IntFlag{Name: "bit-size", Value: 16, Usage: "size of the length field in bits"},
				&cli.Int64Flag{Name: "value-offset", Usage: "added to field x bytes-per-count to give the total bytes, sync pattern and discarded bytes included (CCSDS: 7)"},
				&cli.IntFlag{Name: "bytes-per-count", Value: 1, Usage: "bytes per count of the length field"},
				&cli.StringFlag{Name: "endianness", Value: "BIG_ENDIAN", Usage: "BIG_ENDIAN or LITTLE_ENDIAN"},
				discardFlag, syncFlag,
				&cli.Int64Flag{Name: "max-length", Usage: "COSMOS max length: largest allowed value of the length field; a packet within it but over --max-record is skipped whole", DefaultText: "none"},
				fillFlag,
			},
			build: func(c *cli.Context) (frame.Protocol, error) {
				bp, err := burstParams(c)
				if err != nil {
					return nil, err
				}
				little, err := cliutil.ParseEndian(c.String("endianness"))
				if err != nil {
					return nil, err
				}
				return frame.NewLength(frame.LengthParams{
					BitOffset: c.Int("bit-offset"), BitSize: c.Int("bit-size"), ValueOffset: c.Int64("value-offset"),
					BytesPerCount: c.Int("bytes-per-count"), LittleEndian: little, MaxLength: c.Int64("max-length"),
					BurstParams: bp,
				})
			},
		},
		{
			name:        "terminated",
			usage:       "COSMOS Terminated: packets end with termination characters",
			positionals: []string{"write-term", "read-term", "strip", "discard", "sync", "fill", "allow-empty"},
			flags: []cli.Flag{
				&cli.StringFlag{Name: "write-term", Usage: "termination characters appended on write, hex (needed with --write; nil when only reading)"},
				&cli.StringFlag{Name: "read-term", Usage: "termination characters that end a packet on read, hex (needed to read; nil when only writing)"},
				&cli.BoolFlag{Name: "strip", Value: true, Usage: "strip the read termination characters"},
				discardFlag, syncFlag, fillFlag, movedFlag,
			},
			build: func(c *cli.Context) (frame.Protocol, error) {
				bp, err := burstParams(c)
				if err != nil {
					return nil, err
				}
				// A one-way stage needs only its own direction's terminator.
				wt, err := hexParam(c, "write-term", false)
				if err != nil {
					return nil, err
				}
				rt, err := hexParam(c, "read-term", false)
				if err != nil {
					return nil, err
				}
				if c.Bool("write") && wt == nil {
					return nil, fmt.Errorf("--write-term (the first positional) is required to write")
				}
				if !c.Bool("write") && rt == nil {
					return nil, fmt.Errorf("--read-term (the second positional) is required to read")
				}
				return frame.NewTerminated(frame.TerminatedParams{WriteTerm: wt, ReadTerm: rt, StripRead: c.Bool("strip"), BurstParams: bp})
			},
		},
		{
			name:        "slip",
			usage:       "COSMOS SLIP (RFC 1055): END-terminated frames with ESC escaping",
			positionals: []string{"start-char", "read-strip", "read-escape", "write-escape", "end-char", "esc-char", "escape-end-char", "escape-esc-char", "allow-empty"},
			flags: []cli.Flag{
				&cli.StringFlag{Name: "start-char", Usage: "character placed before each frame", DefaultText: "none"},
				&cli.BoolFlag{Name: "read-strip", Value: true, Usage: "strip the start and end characters on read"},
				&cli.BoolFlag{Name: "read-escape", Value: true, Usage: "undo escaping on read"},
				&cli.BoolFlag{Name: "write-escape", Value: true, Usage: "escape on write"},
				&cli.StringFlag{Name: "end-char", Value: "0xC0", Usage: "END character"},
				&cli.StringFlag{Name: "esc-char", Value: "0xDB", Usage: "ESC character"},
				&cli.StringFlag{Name: "escape-end-char", Value: "0xDC", Usage: "ESC_END: follows ESC in place of END"},
				&cli.StringFlag{Name: "escape-esc-char", Value: "0xDD", Usage: "ESC_ESC: follows ESC in place of ESC"},
				movedFlag,
			},
			build: func(c *cli.Context) (frame.Protocol, error) {
				p := frame.DefaultSlip()
				p.ReadStrip, p.ReadEscape, p.WriteEscape = c.Bool("read-strip"), c.Bool("read-escape"), c.Bool("write-escape")
				var err error
				if p.MaxLen, err = cliutil.MaxRecord(c); err != nil {
					return nil, err
				}
				if s := c.String("start-char"); !cliutil.IsNil(s) {
					b, err := charParam("start-char", s)
					if err != nil {
						return nil, err
					}
					p.Start = int(b)
				}
				for _, ch := range []struct {
					name string
					dst  *byte
				}{{"end-char", &p.End}, {"esc-char", &p.Esc}, {"escape-end-char", &p.EscEnd}, {"escape-esc-char", &p.EscEsc}} {
					b, err := charParam(ch.name, c.String(ch.name))
					if err != nil {
						return nil, err
					}
					*ch.dst = b
				}
				return frame.NewSlip(p)
			},
		},
		{
			name:        "cobs",
			usage:       "COSMOS COBS: Consistent Overhead Byte Stuffing, 0x00-delimited",
			positionals: []string{"allow-empty"},
			flags:       []cli.Flag{movedFlag},
			build: func(c *cli.Context) (frame.Protocol, error) {
				max, err := cliutil.MaxRecord(c)
				if err != nil {
					return nil, err
				}
				return frame.NewCobs(max)
			},
		},
		fixedProtocol(discardFlag, syncFlag, fillFlag),
		gemsProtocol(),
		{
			name:        "preidentified",
			usage:       "COSMOS Preidentified: header with time, target, packet, stored, extra (COSMOS routers, COSMOS 4 logs)",
			positionals: []string{"sync", "max-length", "mode", "allow-empty"},
			flags: []cli.Flag{
				&cli.StringFlag{Name: "sync", Usage: "sync pattern, hex; written before and discarded after each header"},
				&cli.Int64Flag{Name: "max-length", Usage: "COSMOS max length: largest allowed value of the extra and data length fields; a packet within it but over --max-record is skipped whole", DefaultText: "none"},
				&cli.IntFlag{Name: "mode", Value: 4, Usage: "the legacy third parameter: 4 (current layout, with flags and extra) or 2 (COSMOS <= 4.2 layout)"},
			},
			build: func(c *cli.Context) (frame.Protocol, error) {
				sync, err := hexParam(c, "sync", false)
				if err != nil {
					return nil, err
				}
				max, err := cliutil.MaxRecord(c)
				if err != nil {
					return nil, err
				}
				return frame.NewPreidentified(frame.PreidentifiedParams{Sync: sync, MaxLength: c.Int64("max-length"), Mode: c.Int("mode"), MaxLen: max})
			},
		},
	}, spaceProtocols()...)
}

func burstParams(c *cli.Context) (frame.BurstParams, error) {
	sync, err := hexParam(c, "sync", false)
	if err != nil {
		return frame.BurstParams{}, err
	}
	max, err := cliutil.MaxRecord(c)
	if err != nil {
		return frame.BurstParams{}, err
	}
	return frame.BurstParams{Discard: c.Int("discard"), Sync: sync, Fill: c.Bool("fill"), MaxLen: max}, nil
}

// hexParam parses a COSMOS hex-string parameter (0x... or bare hex digits,
// as COSMOS takes both); nil/None or unset gives nil.
func hexParam(c *cli.Context, name string, required bool) ([]byte, error) {
	s := c.String(name)
	if cliutil.IsNil(s) {
		if required {
			return nil, fmt.Errorf("--%s is required", name)
		}
		return nil, nil
	}
	b, err := cliutil.ParseHexPattern(s)
	if err != nil {
		return nil, fmt.Errorf("--%s: %v", name, err)
	}
	return b, nil
}

// charParam parses a COSMOS character parameter: an integer 0..255,
// usually given in hex (0xC0).
func charParam(name, s string) (byte, error) {
	v, err := cliutil.ParseUint(s)
	if err != nil || v > 0xFF {
		return 0, fmt.Errorf("--%s: %q is not a byte value (0x00..0xFF)", name, s)
	}
	return byte(v), nil
}
