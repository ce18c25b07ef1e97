package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/frame/crc"
	"github.com/c3kit/c3kit/frame/crc/crcproto"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/urfave/cli/v2"
)

// parse runs the verify flags over args the way the binary does and returns
// what parseProtocol built.
func parse(t *testing.T, args ...string) (*protocol, bool, string, int) {
	t.Helper()
	var got *protocol
	var strip bool
	cmd := &cli.Command{Name: "verify", Flags: protocolFlags(), Action: func(c *cli.Context) error {
		p, err := parseProtocol(c)
		got, strip = p, c.Bool("strip")
		return err
	}}
	var stderr bytes.Buffer
	rc := cliutil.Run(&cli.App{Name: "c3crc", Commands: []*cli.Command{cmd}}, append([]string{"c3crc", "verify"}, args...), &stderr)
	return got, strip, stderr.String(), rc
}

func preset(name string) crc.Params { return crc.MustPreset(name).Params }

// TestParseProtocol: every parameter, positional or flag, reaches the
// table, field and strategy.
func TestParseProtocol(t *testing.T) {
	cases := []struct {
		args     []string
		params   crc.Params
		field    crcproto.Field
		strategy crcproto.Strategy
		strip    bool
	}{
		{nil, preset("CRC-32"), crcproto.Field{BitOffset: -32, BitSize: 32}, crcproto.Error, false},
		{[]string{"nil", "true", "DISCONNECT", "-16", "16"}, preset("CRC-16/IBM-3740"), crcproto.Field{BitOffset: -16, BitSize: 16}, crcproto.Disconnect, true},
		{[]string{"None", "True", "drop", "nil", "16", "LITTLE_ENDIAN"}, preset("CRC-16/IBM-3740"), crcproto.Field{BitOffset: -32, BitSize: 16, LittleEndian: true}, crcproto.Drop, true},
		{[]string{"nil", "false", "ERROR", "-64", "64", "LITTLE_ENDIAN", "--cosmos-le64"}, preset("CRC-64/XZ"), crcproto.Field{BitOffset: -64, BitSize: 64, LittleEndian: true, CosmosLE64: true}, crcproto.Error, false},
		{[]string{"nil", "nil", "nil", "8", "8"}, preset("CRC-8/DVB-S2"), crcproto.Field{BitOffset: 8, BitSize: 8}, crcproto.Error, false},
		{[]string{"nil", "true", "ERROR", "-32", "32", "BIG_ENDIAN", "0x04C11DB7", "0xFFFFFFFF", "true", "false"}, preset("CRC-32/BZIP2"), crcproto.Field{BitOffset: -32, BitSize: 32}, crcproto.Error, true},
		{[]string{"--poly", "0x8005", "--seed", "0", "--xor=false", "--reflect", "--bit-size", "16", "--bit-offset", "0"}, preset("CRC-16/ARC"), crcproto.Field{BitOffset: 0, BitSize: 16}, crcproto.Error, false},
		{[]string{"--preset", "x-25"}, preset("CRC-16/IBM-SDLC"), crcproto.Field{BitOffset: -16, BitSize: 16}, crcproto.Error, false},
		{[]string{"--preset", "CRC-12/UMTS", "--endianness", "little_endian"}, preset("CRC-12/UMTS"), crcproto.Field{BitOffset: -16, BitSize: 16, LittleEndian: true}, crcproto.Error, false},
		{[]string{"nil", "nil", "nil", "-64", "--preset", "CRC-24/OPENPGP"}, preset("CRC-24/OPENPGP"), crcproto.Field{BitOffset: -64, BitSize: 24}, crcproto.Error, false},
		{[]string{"--preset", "CRC-16/MODBUS", "--bit-size", "32", "--strip"}, preset("CRC-16/MODBUS"), crcproto.Field{BitOffset: -32, BitSize: 32}, crcproto.Error, true},
		{[]string{"--preset", "width=40 poly=0x0004820009 init=0 refin=false refout=false xorout=0xffffffffff"}, preset("CRC-40/GSM"), crcproto.Field{BitOffset: -40, BitSize: 40}, crcproto.Error, false},
	}
	for _, c := range cases {
		p, strip, stderr, rc := parse(t, c.args...)
		if rc != 0 {
			t.Errorf("%q: rc %d: %s", c.args, rc, stderr)
			continue
		}
		if p.table.Params() != c.params || p.field != c.field || p.strategy != c.strategy || strip != c.strip {
			t.Errorf("%q: got %v %+v %v strip=%v", c.args, p.table.Params(), p.field, p.strategy, strip)
		}
	}
}

func TestParseProtocolErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"nil", "maybe"}, "strip"},
		{[]string{"nil", "false", "PANIC"}, "bad strategy"},
		{[]string{"nil", "false", "ERROR", "-33"}, "multiple of 8"},
		{[]string{"nil", "false", "ERROR", "-32", "24"}, "bit size must be 8, 16, 32 or 64"},
		{[]string{"nil", "false", "ERROR", "-32", "32", "SIDEWAYS"}, "SIDEWAYS"},
		{[]string{"nil", "false", "ERROR", "-32", "32", "BIG_ENDIAN", "0x04C11DB7", "0xFFFFFFFF", "true"}, "together"},
		{[]string{"nil", "false", "ERROR", "-32", "32", "BIG_ENDIAN", "0xG", "0", "true", "true"}, "poly"},
		{[]string{"nil", "false", "ERROR", "-32", "32", "BIG_ENDIAN", "1", "-1", "true", "true"}, "seed"},
		{[]string{"nil", "false", "ERROR", "-32", "16", "BIG_ENDIAN", "0x1021F", "0", "true", "true"}, "does not fit"},
		{[]string{"--preset", "nope"}, "unknown CRC preset"},
		{[]string{"--preset", "width=8 poly=7"}, "model lacks"},
		{[]string{"--preset", "CRC-32", "--seed", "0"}, "replaces"},
		{[]string{"--preset", "CRC-32", "--bit-size", "16"}, "does not fit"},
		{[]string{"--cosmos-le64"}, "COSMOS 64-bit layout"},
	} {
		_, _, stderr, rc := parse(t, c.args...)
		if rc != cliutil.ExitUsage || !strings.Contains(stderr, c.msg) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: rc %d, stderr %q; want usage error with %q", c.args, rc, stderr, c.msg)
		}
	}
}
