package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
	"github.com/urfave/cli/v2"
)

// lifecycleHelp is the rule every subcommand's --help states (DESIGN.md §3).
const lifecycleHelp = `End of stdin means "no more commands", never "stop reading". A link that reads
keeps reading after stdin ends (</dev/null, cron, systemd, nohup, ssh -n, CI) until the link
closes for good (--dont-reconnect), --count or --duration is reached, SIGINT/SIGTERM arrives,
or --linger expires (a deadline after stdin ends, not an idle timer). What stdin gave is
written first (within --drain-timeout). A write-only link stops once it is written.`

// commonFlags are the interface modifiers and lifecycle flags every
// subcommand shares.
func commonFlags() []cli.Flag {
	return append(append(cliutil.IOFlags(),
		&cli.StringFlag{Name: "name", Usage: "interface name put in extra.LINK", DefaultText: "the subcommand"},
		&cli.StringFlag{Name: "reconnect-delay", Value: "5", Usage: "RECONNECT_DELAY: seconds (or a Go duration) between reconnect attempts"},
		&cli.BoolFlag{Name: "dont-reconnect", Usage: "DONT_RECONNECT: stop when the link is lost"},
		&cli.IntFlag{Name: "queue", Value: link.DefaultQueueLen, Usage: "stdin records that may wait while the link is down; when full, stdin is not read (back-pressure)"},
		&cli.Int64Flag{Name: "queue-bytes", Value: link.DefaultQueueBytes, Usage: "bytes the waiting stdin records may hold; when reached, stdin is not read"},
		&cli.StringFlag{Name: "drain-timeout", Value: "10", Usage: "when c3link stops (SIGINT/SIGTERM, --duration, --linger, stdin EOF on a link that does not read): how long to keep trying to write what is queued"},
		&cli.Int64Flag{Name: "count", Usage: "exit after this many records read from the link"},
		&cli.StringFlag{Name: "duration", Usage: "exit after this long (seconds or a Go duration)"},
		&cli.StringFlag{Name: "linger", Value: "nil", Usage: "stop reading this long after stdin ends: a deadline, not an idle timer (0: as soon as what stdin gave is written); nil: read until the link closes for good"},
		&cli.BoolFlag{Name: "read-only", Usage: "do not read stdin; only read the link"},
		&cli.BoolFlag{Name: "write-only", Usage: "only write stdin to the link; link reads are discarded"},
		&cli.BoolFlag{Name: "stats", Usage: "print counters to stderr at exit"},
		cliutil.StatsEveryFlag(),
		&cli.StringFlag{Name: "log-stream", Usage: "LOG_STREAM: folder for raw logs of both directions (files named by UTC start time)"},
		&cli.StringFlag{Name: "log-cycle-time", Value: "600", Usage: "LOG_STREAM cycle time (seconds or a Go duration); nil: cycle at --log-cycle-hour/--log-cycle-minute (UTC)"},
		&cli.Int64Flag{Name: "log-cycle-size", Value: link.DefaultLogCycleSize, Usage: "LOG_STREAM cycle size in bytes"},
		&cli.StringFlag{Name: "log-cycle-hour", Value: "nil", Usage: "LOG_STREAM cycle hour (0..23, UTC): with cycle time nil, cycle daily at this hour and --log-cycle-minute; nil: hourly"},
		&cli.StringFlag{Name: "log-cycle-minute", Value: "nil", Usage: "LOG_STREAM cycle minute (0..59): with cycle time nil, the minute of the daily or hourly cycle; nil (and hour nil): cycle by size only"},
		&cli.StringSliceFlag{Name: "periodic-cmd", Usage: `PERIODIC_CMD: "[LOG|DONT_LOG] SECONDS DATA", DATA as 0xHEX or @FILE (its bytes); written while connected; LOG reports each write on stderr; repeatable`},
		&cli.StringSliceFlag{Name: "connect-cmd", Usage: `CONNECT_CMD: "[LOG|DONT_LOG] DATA", DATA as 0xHEX or @FILE; written on every connect, before queued records; LOG reports each write on stderr; repeatable, in order`},
		&cli.StringFlag{Name: "resend-window", Usage: "tcp-client, serial: after a break, write again the stdin records written this long before it (seconds or a Go duration; duplicates are possible, loss of those is not). Without it the records of the last second are only named on stderr"},
		&cli.IntFlag{Name: "read-size", Value: link.DefaultReadSize, Usage: "largest single read from a stream link (one record)"},
	), paceFlags()...)
}

// linkSetup is what a subcommand hands to runLink.
type linkSetup struct {
	link      link.Link
	canWrite  bool // the link has a write direction (write port not nil)
	canRead   bool // the link has a read direction
	defName   string
	readSize  int // overrides --read-size (file interface: File Read Size)
	extraNote func(*cliutil.Diag)
	// rejectFails: records the link rejected (ErrRecord) make the exit
	// status 1 at the end, as DESIGN.md §3 asks of a rejected input record.
	rejectFails bool
}

// runLink builds the pump configuration from the common flags and runs it
// until stdin ends, a signal, --duration, --count or a lost link.
func runLink(c *cli.Context, s linkSetup) error {
	diag := cliutil.NewDiag(c, os.Stderr)
	cfg := link.Config{
		Name:       s.defName,
		Reconnect:  !c.Bool("dont-reconnect"),
		QueueLen:   c.Int("queue"),
		QueueBytes: c.Int64("queue-bytes"),
		MaxReads:   c.Int64("count"),
		ReadSize:   c.Int("read-size"),
		Notify:     func(f string, a ...any) { diag.Printf(f, a...) },
	}
	if s.readSize > 0 {
		if c.IsSet("read-size") {
			return cliutil.Usagef("--read-size does not apply to %s (a datagram is one record; the file interface has FILE_READ_SIZE)", s.defName)
		}
		cfg.ReadSize = s.readSize
	}
	if n := c.String("name"); n != "" {
		cfg.Name = n
	}
	if cfg.QueueLen < 1 || cfg.QueueBytes < 1 {
		return cliutil.Usagef("--queue and --queue-bytes must be at least 1")
	}
	if cfg.ReadSize < 1 || cfg.ReadSize > 64<<20 {
		return cliutil.Usagef("--read-size must be 1 .. %d", 64<<20)
	}
	var err error
	if cfg.ReconnectDelay, err = flagSeconds(c, "reconnect-delay", false); err != nil {
		return err
	}
	if cfg.DrainTimeout, err = flagSeconds(c, "drain-timeout", false); err != nil {
		return err
	}
	if cfg.Linger, err = flagSeconds(c, "linger", true); err != nil {
		return err
	}
	if cfg.Linger == 0 && c.IsSet("linger") && !cliutil.IsNil(c.String("linger")) {
		cfg.Linger = time.Nanosecond // --linger 0: the deadline is the end of stdin
	}
	if c.IsSet("resend-window") {
		if _, ok := s.link.(link.UnconfirmedWrites); !ok {
			return cliutil.Usagef("--resend-window applies to tcp-client and serial (a link to one peer over a stream)")
		}
		if cfg.ResendWindow, err = flagSeconds(c, "resend-window", false); err != nil {
			return err
		}
		if cfg.ResendWindow <= 0 {
			return cliutil.Usagef("--resend-window must be more than 0")
		}
	}
	if cfg.ReconnectDelay <= 0 {
		return cliutil.Usagef("--reconnect-delay must be more than 0")
	}
	if c.Bool("read-only") && c.Bool("write-only") {
		return cliutil.Usagef("--read-only and --write-only exclude each other")
	}
	if c.Bool("write-only") && !s.canWrite {
		return cliutil.Usagef("--write-only, but the link's write direction is nil")
	}
	if c.Bool("read-only") && !s.canRead {
		return cliutil.Usagef("--read-only, but the link's read direction is nil")
	}
	cfg.WriteOnly = c.Bool("write-only") || !s.canRead
	for _, p := range c.StringSlice("periodic-cmd") {
		pc, err := parsePeriodic(p)
		if err != nil {
			return err
		}
		if !s.canWrite {
			return cliutil.Usagef("--periodic-cmd needs the link's write direction")
		}
		cfg.Periodic = append(cfg.Periodic, pc)
	}
	for _, p := range c.StringSlice("connect-cmd") {
		cc, err := parseConnect(p)
		if err != nil {
			return err
		}
		if !s.canWrite {
			return cliutil.Usagef("--connect-cmd needs the link's write direction")
		}
		cfg.Connect = append(cfg.Connect, cc)
	}

	if cfg.Pace, err = paceConfig(c); err != nil {
		return err
	}

	var in *record.Reader
	out, err := cliutil.NewRecordWriter(c.String("out"), os.Stdout)
	if err != nil {
		return err
	}
	cfg.NoMeta = c.String("out") == "raw"
	statsEvery, err := cliutil.StatsInterval(c)
	if err != nil {
		return err
	}
	if s.canWrite && !c.Bool("read-only") {
		// stdin is read on its own goroutine; stdout is flushed by its one
		// writer goroutine, so no FlushBefore here.
		switch c.String("in") {
		case "records", "":
			in = record.NewReader(os.Stdin)
		case "raw":
			in = record.NewRawReader(os.Stdin)
		default:
			return cliutil.Usagef("--in must be records or raw, not %q", c.String("in"))
		}
		max, err := cliutil.MaxRecord(c)
		if err != nil {
			return err
		}
		in.SetMaxLen(max)
	}
	cycle, err := logCycle(c)
	if err != nil {
		return err
	}
	if dir := c.String("log-stream"); dir == "" {
		for _, f := range []string{"log-cycle-time", "log-cycle-size", "log-cycle-hour", "log-cycle-minute"} {
			if c.IsSet(f) {
				return cliutil.Usagef("--%s needs --log-stream", f)
			}
		}
	} else {
		if cfg.StreamLog, err = link.OpenStreamLog(dir, cfg.Name, cycle); err != nil {
			return err
		}
	}

	ctx, cancel := signalContext()
	defer cancel()
	if c.IsSet("duration") {
		d, err := flagSeconds(c, "duration", false)
		if err != nil {
			return err
		}
		var cancelT context.CancelFunc
		ctx, cancelT = context.WithTimeout(ctx, d)
		defer cancelT()
	}
	stopStats := func() {}
	cfg.Live = func(snapshot func() link.Stats) {
		stopStats = diag.StatsEvery(statsEvery, func() []any { return statsLine(snapshot()) })
	}
	st, err := runPump(ctx, s.link, in, out, cfg)
	stopStats()
	if c.Bool("stats") {
		diag.Stats(statsLine(st)...)
		if st.Responses+st.Timeouts+st.Unexpected+st.DelayDropped > 0 {
			diag.Stats("responses", st.Responses, "response_timeouts", st.Timeouts,
				"unexpected_lines", st.Unexpected, "initial_delay_dropped_bytes", st.DelayDropped)
		}
	}
	if err == nil && s.rejectFails && st.Dropped > 0 {
		err = fmt.Errorf("%d records rejected (reported above)", st.Dropped)
	}
	return err
}

// statsLine is the --stats (and --stats-every) line: name, value pairs.
func statsLine(st link.Stats) []any {
	return []any{"read_records", st.ReadRecords, "read_bytes", st.ReadBytes,
		"write_records", st.WriteRecords, "write_bytes", st.WriteBytes,
		"dropped", st.Dropped, "unwritten", st.Unwritten,
		"connects", st.Connects, "reconnects", st.Reconnects,
		"queue_depth", st.QueueDepth, "queue_max", st.QueueMax,
		"in_flight", st.InFlight, "resent", st.Resent}
}

// signalContext is cancelled by the first SIGINT or SIGTERM (c3link then
// writes what is queued, within --drain-timeout, and exits 0). A second
// signal kills the process the default way.
func signalContext() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	// A reader that goes away must give us EPIPE, not kill us: then the
	// pump stops the link cleanly and the exit is quiet (status 0).
	signal.Ignore(syscall.SIGPIPE)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-ch:
			signal.Reset(os.Interrupt, syscall.SIGTERM)
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, func() { signal.Stop(ch); cancel() }
}

// notify returns a printer for one-off lines such as the bound port.
func notify(c *cli.Context) func(string, ...any) {
	d := cliutil.NewDiag(c, os.Stderr)
	return func(f string, a ...any) { d.Printf(f, a...) }
}

// cosmosNil names the parameters where a pasted nil/None means something of
// its own: a nil port or topic disables that direction, a nil timeout
// means none.
var cosmosNil = map[string]bool{"write-port": true, "read-port": true, "write-dest-port": true, "write-timeout": true, "read-timeout": true, "write-topic": true, "read-topic": true}

// linkAction is a subcommand's action: positionals onto flags, flags into a
// link, then the pump.
func linkAction(params []string, build func(*cli.Context) (linkSetup, error)) cli.ActionFunc {
	return func(c *cli.Context) error {
		if err := bindCOSMOS(c, params, cosmosNil); err != nil {
			return err
		}
		s, err := build(c)
		if err != nil {
			return err
		}
		return runLinkFn(c, s)
	}
}

// runLinkFn is runLink and runPump is link.Run; the tests replace them to
// see what the flags built.
var (
	runLinkFn = runLink
	runPump   = link.Run
)
