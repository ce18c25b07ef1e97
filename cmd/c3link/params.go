package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
	"github.com/c3kit/c3kit/plugin"
	"github.com/urfave/cli/v2"
)

// bindCOSMOS maps the positional parameters onto flags like
// cliutil.BindPositionals, and additionally records a nil/None positional
// for the parameters where COSMOS gives nil a meaning of its own (a nil
// port disables that direction; a nil timeout means no timeout): the flag is
// set to the literal "nil".
func bindCOSMOS(c *cli.Context, names []string, nilMeans map[string]bool) error {
	if args := c.Args().Slice(); len(args) > len(names) {
		if err := protocolWords(c, args, len(names)); err != nil {
			return err
		}
	}
	if err := cliutil.BindPositionals(c, names...); err != nil {
		return err
	}
	for i, v := range c.Args().Slice() {
		if i >= len(names) {
			break // a trailing nil protocol type
		}
		if cliutil.IsNil(v) && nilMeans[names[i]] {
			if err := c.Set(names[i], "nil"); err != nil {
				return err
			}
		}
	}
	return nil
}

// protocolWords explains a pasted INTERFACE line whose inline protocol
// (LENGTH 32 16 7 ...) follows the interface's own parameters: that part
// is a c3frame stage, which the error names.
func protocolWords(c *cli.Context, args []string, n int) error {
	word := args[n]
	stage, ok := plugin.FrameStage(word)
	if !ok {
		return nil // BindPositionals reports the extra arguments
	}
	rest := strings.Join(args[n+1:], " ")
	if stage == "" {
		return cliutil.Usagef("too many arguments: %s is COSMOS's %s protocol, which takes c3frame stages and c3link's response flags: let `c3link plugin` build the pipeline", word, strings.ToUpper(word))
	}
	return cliutil.Usagef("too many arguments: %q starts a protocol; pipe through `c3frame %s %s` instead (or let `c3link plugin` build the pipeline)",
		strings.Join(args[n:], " "), stage, rest)
}

// parsePort parses a port parameter: nil/None disables the direction
// (link.NoPort).
func parsePort(name, s string, allowZero bool) (port int, enabled bool, err error) {
	if cliutil.IsNil(s) {
		return link.NoPort, false, nil
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || v < 0 || v > 65535 || v == 0 && !allowZero {
		lo := 1
		if allowZero {
			lo = 0
		}
		return 0, false, cliutil.Usagef("--%s: %q is not a port number (%d..65535)", name, s, lo)
	}
	return v, true, nil
}

// parseSeconds reads a COSMOS time in seconds ("10.0") or a Go duration
// ("1m30s"); nil/None (when allowed) means no limit (0).
func parseSeconds(name, s string, nilOK bool) (time.Duration, error) {
	return cliutil.ParseSeconds(name, s, nilOK)
}

func flagSeconds(c *cli.Context, name string, nilOK bool) (time.Duration, error) {
	return parseSeconds(name, c.String(name), nilOK)
}

// parsePeriodic reads --periodic-cmd "[LOG|DONT_LOG] SECONDS DATA".
func parsePeriodic(s string) (link.Periodic, error) {
	log, f := logWord(strings.Fields(s))
	if len(f) != 2 {
		return link.Periodic{}, cliutil.Usagef(`--periodic-cmd %q: want "[LOG|DONT_LOG] SECONDS DATA" (DATA 0xHEX or @FILE)`, s)
	}
	every, err := parseSeconds("periodic-cmd", f[0], false)
	if err != nil {
		return link.Periodic{}, err
	}
	if every <= 0 {
		return link.Periodic{}, cliutil.Usagef("--periodic-cmd %q: the interval must be more than 0", s)
	}
	data, err := parseData(f[1])
	if err != nil {
		return link.Periodic{}, cliutil.Usagef("--periodic-cmd %q: %v", s, err)
	}
	return link.Periodic{Every: every, Data: data, Log: log}, nil
}

// parseConnect reads --connect-cmd "[LOG|DONT_LOG] DATA".
func parseConnect(s string) (link.ConnectCmd, error) {
	log, f := logWord(strings.Fields(s))
	if len(f) != 1 {
		return link.ConnectCmd{}, cliutil.Usagef(`--connect-cmd %q: want "[LOG|DONT_LOG] DATA" (DATA 0xHEX or @FILE)`, s)
	}
	data, err := parseData(f[0])
	if err != nil {
		return link.ConnectCmd{}, cliutil.Usagef("--connect-cmd %q: %v", s, err)
	}
	return link.ConnectCmd{Data: data, Log: log}, nil
}

// logWord takes COSMOS's optional leading LOG/DONT_LOG off the fields of
// a PERIODIC_CMD or CONNECT_CMD option. Without it nothing is reported
// (DONT_LOG), so a command every second does not fill stderr.
func logWord(f []string) (log bool, rest []string) {
	if len(f) > 0 {
		switch strings.ToUpper(f[0]) {
		case "LOG":
			return true, f[1:]
		case "DONT_LOG":
			return false, f[1:]
		}
	}
	return false, f
}

// logCycle reads LOG_STREAM's four parameters: cycle time (nil: cycle at
// a wall-clock time), cycle size, cycle hour and cycle minute (nil or a
// number; they apply only when the cycle time is nil).
func logCycle(c *cli.Context) (link.LogCycle, error) {
	lc := link.LogCycle{Size: c.Int64("log-cycle-size")}
	if lc.Size < 1 {
		return lc, cliutil.Usagef("--log-cycle-size must be at least 1")
	}
	var err error
	if lc.Time, err = flagSeconds(c, "log-cycle-time", true); err != nil {
		return lc, err
	}
	if lc.Time == 0 && !cliutil.IsNil(c.String("log-cycle-time")) {
		return lc, cliutil.Usagef("--log-cycle-time must be more than 0 (nil: cycle at --log-cycle-hour/--log-cycle-minute)")
	}
	clock := func(name string, max int) (int, error) {
		s := strings.TrimSpace(c.String(name))
		if cliutil.IsNil(s) {
			return link.NoClock, nil
		}
		if lc.Time > 0 {
			return 0, cliutil.Usagef("--%s applies only when --log-cycle-time is nil", name)
		}
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 || v > max {
			return 0, cliutil.Usagef("--%s: %q is not nil or 0..%d", name, s, max)
		}
		return v, nil
	}
	if lc.Hour, err = clock("log-cycle-hour", 23); err != nil {
		return lc, err
	}
	if lc.Minute, err = clock("log-cycle-minute", 59); err != nil {
		return lc, err
	}
	if lc.Hour != link.NoClock && lc.Minute == link.NoClock {
		return lc, cliutil.Usagef("--log-cycle-hour needs --log-cycle-minute (COSMOS cycles daily at hour:minute)")
	}
	return lc, nil
}

// parseData reads 0xHEX or @FILE.
func parseData(s string) ([]byte, error) {
	if strings.HasPrefix(s, "@") {
		b, err := os.ReadFile(s[1:])
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", s[1:], err)
		}
		return b, nil
	}
	return cliutil.ParseHexBytes(s)
}

// portPair reads a write port and a read port parameter; an omitted read
// port is the write port (COSMOS's common case, one socket).
func portPair(c *cli.Context, writeName, readName string, allowZero bool) (wp, rp int, canWrite, canRead bool, err error) {
	if !c.IsSet(writeName) {
		return 0, 0, false, false, cliutil.Usagef("give the write port (and read port)")
	}
	if wp, canWrite, err = parsePort(writeName, c.String(writeName), allowZero); err != nil {
		return
	}
	rs := c.String(readName)
	if !c.IsSet(readName) {
		rs = c.String(writeName)
	}
	if rp, canRead, err = parsePort(readName, rs, allowZero); err != nil {
		return
	}
	if !canRead && !canWrite {
		err = cliutil.Usagef("write port and read port are both nil")
	}
	return
}
