package cliutil

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"
)

// StatsEveryFlag is --stats-every: the --stats line, printed periodically
// by a long-running stage (a live link) as well as at exit.
func StatsEveryFlag() cli.Flag {
	return &cli.StringFlag{Name: "stats-every", Usage: "also print the --stats line every DURATION while running (seconds or a Go duration)"}
}

// StatsInterval reads --stats-every (0 when not given).
func StatsInterval(c *cli.Context) (time.Duration, error) {
	if !c.IsSet("stats-every") {
		return 0, nil
	}
	d, err := ParseSeconds("stats-every", c.String("stats-every"), false)
	if err == nil && d <= 0 {
		err = Usagef("--stats-every must be more than 0")
	}
	return d, err
}

// ParseSeconds reads a COSMOS time value: seconds ("10.0") or a Go
// duration ("250ms"); nil/None gives 0 when nilOK.
func ParseSeconds(name, s string, nilOK bool) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if IsNil(s) {
		if nilOK {
			return 0, nil
		}
		return 0, Usagef("--%s needs a value", name)
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 0 || f > 1e9 {
			return 0, Usagef("--%s: %q is out of range", name, s)
		}
		return time.Duration(f * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, Usagef("--%s: %q is not a number of seconds or a duration", name, s)
	}
	return d, nil
}

// StatsEvery prints the stats line of snapshot() every interval until the
// returned stop is called (interval 0: never). snapshot must be safe to call
// while the stage runs.
func (d *Diag) StatsEvery(interval time.Duration, snapshot func() []any) (stop func()) {
	if interval <= 0 {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				d.Stats(snapshot()...)
			case <-done:
				return
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done); wg.Wait() }) }
}
