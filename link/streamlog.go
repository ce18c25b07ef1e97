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

// StreamLog is COSMOS's LOG_STREAM: every byte read from and written to the
// link, exactly as it crossed the link (no headers), in two files per cycle
// named after the UTC time the cycle started:
// DIR/20261121T093000.123456789Z_NAME_read.bin and ..._write.bin. A file is
// cycled after CycleTime or CycleSize bytes, whichever comes first. Writes
// are buffered and flushed every second, so logging adds no syscall per
// record.
type StreamLog struct {
	Dir       string
	Name      string
	CycleTime time.Duration
	CycleSize int64

	mu    sync.Mutex
	read  logFile
	write logFile
	err   error
	stop  chan struct{}
	done  chan struct{}
}

type logFile struct {
	suffix string
	f      *os.File
	bw     *bufio.Writer
	size   int64
	opened time.Time
}

// OpenStreamLog checks that dir is writable and starts the flusher.
func OpenStreamLog(dir, name string, cycleTime time.Duration, cycleSize int64) (*StreamLog, error) {
	if cycleTime <= 0 {
		cycleTime = DefaultLogCycleTime
	}
	if cycleSize <= 0 {
		cycleSize = DefaultLogCycleSize
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("log stream folder: %w", err)
	}
	l := &StreamLog{Dir: dir, Name: name, CycleTime: cycleTime, CycleSize: cycleSize,
		read: logFile{suffix: "read"}, write: logFile{suffix: "write"},
		stop: make(chan struct{}), done: make(chan struct{})}
	go l.flusher()
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
	now := time.Now()
	if lf.f != nil && (lf.size+int64(len(b)) > l.CycleSize || now.Sub(lf.opened) >= l.CycleTime) {
		l.setErr(lf.close())
	}
	if lf.f == nil {
		name := fmt.Sprintf("%s_%s_%s.bin", now.UTC().Format("20060102T150405.000000000Z"), l.Name, lf.suffix)
		f, err := os.OpenFile(filepath.Join(l.Dir, name), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			l.setErr(err)
			return
		}
		lf.f, lf.bw, lf.size, lf.opened = f, bufio.NewWriterSize(f, 64<<10), 0, now
	}
	_, err := lf.bw.Write(b)
	l.setErr(err)
	lf.size += int64(len(b))
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
			l.mu.Lock()
			for _, lf := range []*logFile{&l.read, &l.write} {
				if lf.bw != nil {
					l.setErr(lf.bw.Flush())
				}
			}
			l.mu.Unlock()
		case <-l.stop:
			return
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
