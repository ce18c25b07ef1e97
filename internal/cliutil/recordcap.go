package cliutil

import (
	"strconv"

	"github.com/c3kit/c3kit/frame/record"
	"github.com/urfave/cli/v2"
)

// RecordCap is the stage's record cap in bytes: the value of the shared
// --max-record flag when the binary has it and it is set, else
// record.DefaultMaxLen. It reads the flag by name and accepts the flag
// types a size may come as, so library packages get one plain int.
func RecordCap(c *cli.Context) int {
	var n int64
	switch v := c.Value("max-record").(type) {
	case int:
		n = int64(v)
	case int64:
		n = v
	case uint64:
		n = int64(v)
	case uint:
		n = int64(v)
	case string:
		n, _ = strconv.ParseInt(v, 0, 64)
	}
	if n <= 0 {
		return record.DefaultMaxLen
	}
	return int(n)
}
