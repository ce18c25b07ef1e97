package link

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// COSMOS LOG_STREAM defaults.
const (
	DefaultLogCycleTime = 10 * time.Minute
	DefaultLogCycleSize = 50_000_000
)

// NoClock is a LogCycle Hour or Minute given as nil.
const NoClock = -1

// LogCycle says when LOG_STREAM starts new files: COSMOS's Cycle Time,
// Cycle Size, Cycle Hour and Cycle Minute.
type LogCycle struct {
	// Time: a file is cycled once it is this old. 0 is COSMOS's nil: cycle
	// at a wall-clock time (UTC) instead, daily at Hour:Minute, or hourly
	// at Minute when Hour is NoClock; with Minute NoClock too, only Size
	// cycles.
	Time   time.Duration
	Size   int64 // bytes per file (0: DefaultLogCycleSize)
	Hour   int   // 0..23 or NoClock; used only when Time is 0
	Minute int   // 0..59 or NoClock; used only when Time is 0
}

// StreamLog is COSMOS's LOG_STREAM: every byte read from and written to the
// link, exactly as it crossed the link (no headers), in two files per cycle
// named after the UTC time the cycle started:
// DIR/20261121T093000.123456789Z_NAME_read.bin and ..._write.bin. A file is
// cycled as LogCycle says, by size or time, whichever comes first; a record
// is never split across files. Writes are buffered and flushed every
// second, so logging adds no syscall per record; that same tick closes a
// file whose cycle time has come even when no more bytes arrive.
type StreamLog struct {
	Dir   string
	Name  string
	Cycle LogCycle

	now   func() time.Time // time.Now; the tests' clock
	mu    sync.Mutex
	read  logFile
	write logFile
	err   error
	stop  chan struct{}
	done  chan struct{}
}

type logFile struct {
	suffix  string
	f       *os.File
	bw      *bufio.Writer
	size    int64
	cycleAt time.Time // when this file is due to be cycled (zero: by size only)
}

// OpenStreamLog checks that dir is writable and starts the flusher.
func OpenStreamLog(dir, name string, cycle LogCycle) (*StreamLog, error) {
	return openStreamLog(dir, name, cycle, time.Now, true)
}

// openStreamLog is OpenStreamLog with the clock given; without the flusher
// goroutine (the tests call flushDue themselves) nothing runs on real time.
func openStreamLog(dir, name string, cycle LogCycle, now func() time.Time, flusher bool) (*StreamLog, error) {
	if cycle.Size <= 0 {
		cycle.Size = DefaultLogCycleSize
	}
	if cycle.Time < 0 {
		return nil, fmt.Errorf("log stream cycle time %v is negative", cycle.Time)
	}
	if cycle.Time == 0 && (cycle.Hour < NoClock || cycle.Hour > 23 || cycle.Minute < NoClock || cycle.Minute > 59 ||
		cycle.Hour != NoClock && cycle.Minute == NoClock) {
		return nil, fmt.Errorf("log stream cycle hour %d, minute %d: want hour 0..23 or nil with minute 0..59, or both nil", cycle.Hour, cycle.Minute)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("log stream folder: %w", err)
	}
	l := &StreamLog{Dir: dir, Name: name, Cycle: cycle, now: now,
		read: logFile{suffix: "read"}, write: logFile{suffix: "write"},
		stop: make(chan struct{}), done: make(chan struct{})}
	if flusher {
		go l.flusher()
	} else {
		close(l.done)
	}
	return l, nil
}

// Read logs bytes read from the link.
func (l *StreamLog) Read(b []byte) { l.add(&l.read, b) }

// Write logs bytes written to the link.
func (l *StreamLog) Write(b []byte) { l.add(&l.write, b) }

func (l *StreamLog) add(lf *logFile, b []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil || len(b) == 0 {
		return
	}
	now := l.now()
	if lf.f != nil && (lf.size+int64(len(b)) > l.Cycle.Size || lf.due(now)) {
		l.setErr(lf.close())
	}
	if lf.f == nil {
		name := fmt.Sprintf("%s_%s_%s.bin", now.UTC().Format("20060102T150405.000000000Z"), l.Name, lf.suffix)
		f, err := os.OpenFile(filepath.Join(l.Dir, name), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			l.setErr(err)
			return
		}
		lf.f, lf.bw, lf.size, lf.cycleAt = f, bufio.NewWriterSize(f, 64<<10), 0, l.Cycle.next(now)
	}
	_, err := lf.bw.Write(b)
	l.setErr(err)
	lf.size += int64(len(b))
}

// due reports whether the file's cycle time has come.
func (lf *logFile) due(now time.Time) bool {
	return !lf.cycleAt.IsZero() && !now.Before(lf.cycleAt)
}

// next is when a file opened at now is due to be cycled (zero: never by
// time).
func (c LogCycle) next(now time.Time) time.Time {
	if c.Time > 0 {
		return now.Add(c.Time)
	}
	if c.Minute == NoClock {
		return time.Time{}
	}
	t := now.UTC()
	if c.Hour == NoClock {
		at := t.Truncate(time.Hour).Add(time.Duration(c.Minute) * time.Minute)
		if !at.After(t) {
			at = at.Add(time.Hour)
		}
		return at
	}
	at := time.Date(t.Year(), t.Month(), t.Day(), c.Hour, c.Minute, 0, 0, time.UTC)
	if !at.After(t) {
		at = at.AddDate(0, 0, 1)
	}
	return at
}

func (l *StreamLog) setErr(err error) {
	if err != nil && l.err == nil {
		l.err = fmt.Errorf("log stream: %w", err)
	}
}

func (lf *logFile) close() error {
	if lf.f == nil {
		return nil
	}
	err := lf.bw.Flush()
	if cerr := lf.f.Close(); err == nil {
		err = cerr
	}
	lf.f, lf.bw = nil, nil
	return err
}

func (l *StreamLog) flusher() {
	defer close(l.done)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			l.flushDue()
		case <-l.stop:
			return
		}
	}
}

// flushDue flushes both files and closes any whose cycle time has come, so
// a quiet link's file is complete on disk at its cycle time; the next byte
// opens a new one.
func (l *StreamLog) flushDue() {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for _, lf := range []*logFile{&l.read, &l.write} {
		switch {
		case lf.f == nil:
		case lf.due(now):
			l.setErr(lf.close())
		default:
			l.setErr(lf.bw.Flush())
		}
	}
}

// Close flushes and closes both files and returns the first error.
func (l *StreamLog) Close() error {
	close(l.stop)
	<-l.done
	l.mu.Lock()
	defer l.mu.Unlock()
	l.setErr(l.read.close())
	l.setErr(l.write.close())
	return l.err
}
