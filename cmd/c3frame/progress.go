package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/c3kit/c3kit/frame"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress draws a byte-count bar with packets/s on stderr. It exists only
// when stderr is a terminal: progressbar draws as soon as it is created.
type progress struct {
	bar   *progressbar.ProgressBar
	stats func() frame.Stats
	start time.Time
	last  time.Time
}

// newProgress returns nil when stderr is not a terminal. The bar has a
// total (and so an ETA) when stdin is a regular file.
func newProgress(in io.Reader, errw io.Writer, stats func() frame.Stats) *progress {
	stderr, ok := errw.(*os.File)
	if !ok || !term.IsTerminal(int(stderr.Fd())) {
		return nil
	}
	total := int64(-1)
	if f, ok := in.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			total = fi.Size()
		}
	}
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(total > 0),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar, stats: stats, start: time.Now()}
}

func (p *progress) wrap(r io.Reader) io.Reader { return &countingReader{r: r, p: p} }

func (p *progress) add(n int) {
	_ = p.bar.Add64(int64(n))
	if now := time.Now(); now.Sub(p.last) > 200*time.Millisecond {
		p.last = now
		pk := p.stats().Packets
		p.bar.Describe(fmt.Sprintf("%d packets, %.0f/s", pk, float64(pk)/now.Sub(p.start).Seconds()))
	}
}

func (p *progress) finish() { _ = p.bar.Finish() }

type countingReader struct {
	r io.Reader
	p *progress
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	if n > 0 {
		c.p.add(n)
	}
	return n, err
}
