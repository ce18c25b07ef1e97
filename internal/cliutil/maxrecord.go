package cliutil

import (
	"strconv"
	"strings"

	"github.com/c3kit/c3kit/frame/record"
	"github.com/urfave/cli/v2"
)

// MaxRecordName is the memory cap's flag, one name on every stage of every
// binary. It is c3kit's own limit on one record (and, for c3frame, on one
// frame as it sits in the stream), separate from COSMOS's --max-length,
// which limits a protocol's length field.
const MaxRecordName = "max-record"

// maxRecordLimit is the largest data frame the record stream can carry.
const maxRecordLimit = 1<<31 - 1

// MaxRecordFlag returns the --max-record flag.
func MaxRecordFlag() cli.Flag {
	return &cli.StringFlag{Name: MaxRecordName, Value: "64MiB",
		Usage: "memory cap: largest record (and frame) in bytes, a number or with KiB/MiB/GiB; bigger ones are refused, so a corrupt length never makes a stage allocate more"}
}

// MaxRecord returns --max-record in bytes (the 64 MiB default when the
// command has no such flag). A bad value is a usage error.
func MaxRecord(c *cli.Context) (int, error) {
	s := c.String(MaxRecordName)
	if s == "" {
		return record.DefaultMaxLen, nil
	}
	n, ok := parseSize(s)
	if !ok || n < 1 || n > maxRecordLimit {
		return 0, Usagef("--%s: %q is not a size from 1 to %d bytes (a number, or with KiB, MiB or GiB)", MaxRecordName, s, maxRecordLimit)
	}
	return int(n), nil
}

// parseSize reads 1048576, 0x100000, 1024KiB, 1MiB, 1M, 1GiB.
func parseSize(s string) (int64, bool) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseInt(strings.ReplaceAll(t, "_", ""), 0, 64)
	if err != nil || v < 0 || v > (1<<40)/mult {
		return 0, false
	}
	return v * mult, true
}
