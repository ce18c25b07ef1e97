package main

import (
	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/crc"
	"github.com/c3kit/c3kit/frame/crc/crcproto"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

// cosmosParams are the COSMOS CRC protocol's parameters in COSMOS order; a
// pasted plugin.txt line binds onto them positionally.
var cosmosParams = []string{"write-item", "strip", "on-error", "bit-offset", "bit-size", "endianness", "poly", "seed", "xor", "reflect"}

// protocolFlags are the flags verify and add share.
func protocolFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "write-item", Value: "nil", Usage: "COSMOS write_item_name: add writes the CRC into this item of each packet, found with the definitions (-d); verify ignores it"},
		&cli.BoolFlag{Name: "strip", Usage: "COSMOS strip_crc: verify cuts the CRC out of each record (add ignores it, as COSMOS does)"},
		&cli.StringFlag{Name: "on-error", Aliases: []string{"bad-strategy"}, Value: "ERROR", Usage: "COSMOS bad_strategy, for a bad or too-short record: ERROR (report, pass on with extra.CRC_OK=false), DISCONNECT (report, exit 1), DROP (report, leave out)"},
		&cli.IntFlag{Name: "bit-offset", Value: -32, Usage: "bit offset of the CRC, a multiple of 8; negative counts from the end (with --preset and no offset: minus the field size)"},
		&cli.IntFlag{Name: "bit-size", Value: 32, Usage: "bit size of the CRC field: 8, 16, 32 or 64 (with --preset: 8..64 in steps of 8; no size: the preset's width)"},
		&cli.StringFlag{Name: "endianness", Value: "BIG_ENDIAN", Usage: "BIG_ENDIAN or LITTLE_ENDIAN"},
		&cli.StringFlag{Name: "poly", Usage: "COSMOS poly (give poly, seed, xor and reflect together, or none for COSMOS's defaults for the bit size)"},
		&cli.StringFlag{Name: "seed", Usage: "COSMOS seed: the register's start value"},
		&cli.BoolFlag{Name: "xor", Usage: "COSMOS xor: complement the result"},
		&cli.BoolFlag{Name: "reflect", Usage: "COSMOS reflect: reflect input bytes and the result"},
		&cli.StringFlag{Name: "preset", Usage: "a named CRC (c3crc presets) or a model 'width=16 poly=0x1021 init=0xffff refin=false refout=false xorout=0'; replaces poly/seed/xor/reflect"},
		&cli.BoolFlag{Name: "cosmos-le64", Usage: "a 64-bit LITTLE_ENDIAN CRC in COSMOS's appended layout: two little-endian 32-bit words, high word first"},
		&cli.BoolFlag{Name: "stats", Usage: "print counters to stderr at exit"},
	}, cliutil.IOFlags()...)
}

// protocol is what verify and add build from their flags.
type protocol struct {
	table    *crc.Table
	field    crcproto.Field
	strategy crcproto.Strategy
	item     crcproto.ItemFinder // add's write item, from the definitions
}

// parseProtocol binds the pasted positionals and turns the flags into a CRC
// table, a field and a strategy. Every problem is a usage error.
func parseProtocol(c *cli.Context) (*protocol, error) {
	if err := cliutil.BindPositionals(c, cosmosParams...); err != nil {
		return nil, err
	}
	strategy, err := crcproto.ParseStrategy(c.String("on-error"))
	if err != nil {
		return nil, cliutil.Usagef("%v", err)
	}
	little, err := cliutil.ParseEndian(c.String("endianness"))
	if err != nil {
		return nil, cliutil.Usagef("--endianness: %v", err)
	}
	params, err := crcParams(c)
	if err != nil {
		return nil, err
	}
	f := crcproto.Field{
		BitOffset:    c.Int("bit-offset"),
		BitSize:      c.Int("bit-size"),
		LittleEndian: little,
		CosmosLE64:   c.Bool("cosmos-le64"),
	}
	if c.IsSet("preset") {
		if !c.IsSet("bit-size") {
			f.BitSize = params.Bytes() * 8
		}
		if !c.IsSet("bit-offset") {
			f.BitOffset = -f.BitSize
		}
	}
	if err := f.Validate(params.Width); err != nil {
		return nil, cliutil.Usagef("%v", err)
	}
	item, err := writeItem(c)
	if err != nil {
		return nil, err
	}
	return &protocol{table: crc.New(params), field: f, strategy: strategy, item: item}, nil
}

// writeItem finds COSMOS's write item (add only) in the definitions. A
// name without definitions is refused rather than guessed at: writing a
// CRC over the wrong bytes would corrupt every command silently.
func writeItem(c *cli.Context) (crcproto.ItemFinder, error) {
	name := c.String("write-item")
	if c.Command.Name != "add" || cliutil.IsNil(name) {
		if c.Command.Name == "add" && len(c.StringSlice("definitions")) > 0 {
			return nil, cliutil.Usagef("-d is for finding the write item: give its name as WRITE_ITEM (the first positional)")
		}
		return nil, nil
	}
	dirs := c.StringSlice("definitions")
	if len(dirs) == 0 {
		if c.Bool("in-place") {
			return nil, nil // the documented c3kit form: in place at --bit-offset
		}
		return nil, cliutil.Usagef("write item %s: give the definitions (-d TARGET_DIR) to find it in each packet, or --in-place to write the CRC at --bit-offset", name)
	}
	if c.Bool("in-place") {
		return nil, cliutil.Usagef("--in-place writes at --bit-offset; with -d the write item's own place is used: give one or the other")
	}
	set, err := def.Load(dirs, def.Options{Target: c.String("target")})
	if err != nil {
		return nil, err // a bad definition file: exit 1, located
	}
	kind := def.Command
	if c.Bool("tlm") {
		kind = def.Telemetry
	}
	item, err := crcproto.DefItem(set, kind, name)
	if err != nil {
		return nil, cliutil.Usagef("%v", err)
	}
	return item, nil
}

// crcParams picks the CRC: --preset, or COSMOS's defaults for --bit-size,
// or COSMOS's poly/seed/xor/reflect (all four or none, as COSMOS requires).
func crcParams(c *cli.Context) (crc.Params, error) {
	var given []string
	for _, n := range []string{"poly", "seed", "xor", "reflect"} {
		if c.IsSet(n) {
			given = append(given, n)
		}
	}
	if c.IsSet("preset") {
		if len(given) > 0 {
			return crc.Params{}, cliutil.Usagef("--preset replaces poly/seed/xor/reflect; %v given too", given)
		}
		p, err := crc.Resolve(c.String("preset"))
		if err != nil {
			return p, cliutil.Usagef("--preset: %v", err)
		}
		return p, nil
	}
	o := crc.CosmosOptions{Set: len(given) == 4, Xor: c.Bool("xor"), Reflect: c.Bool("reflect")}
	if len(given) != 0 && len(given) != 4 {
		return crc.Params{}, cliutil.Usagef("give poly, seed, xor and reflect together or not at all (COSMOS rule); only %v given", given)
	}
	bits := c.Int("bit-size")
	if o.Set {
		var err error
		if o.Poly, err = cliutil.ParseUint(c.String("poly")); err != nil {
			return crc.Params{}, cliutil.Usagef("--poly: %v", err)
		}
		if o.Seed, err = cliutil.ParseUint(c.String("seed")); err != nil {
			return crc.Params{}, cliutil.Usagef("--seed: %v", err)
		}
	}
	p, err := crc.Cosmos(bits, o)
	if err != nil {
		return p, cliutil.Usagef("%v", err)
	}
	return p, nil
}

// printStats writes the --stats line.
func printStats(c *cli.Context, d *cliutil.Diag, st crcproto.Stats) {
	if c.Bool("stats") {
		d.Stats("records", st.Records, "bytes", st.Bytes, "crc_failures", st.Failures,
			"short", st.Short, "empty", st.Empty, "dropped", st.Dropped)
	}
}
