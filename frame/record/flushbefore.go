package record

import (
	"io"
	"syscall"
	"time"
)

// FlushBefore wraps r so that w is flushed before a read of r that would
// block. Wrapped under a bufio.Reader this flushes exactly when the stage
// is about to wait for more input, so a live link shows each record as soon
// as it is complete, while a bulk stream writes in large blocks.
//
// When r is a file descriptor (stdin, a socket) a zero-timeout poll says
// whether the read would block; a read that will not (more input waiting,
// a regular file, end of input) goes ahead without the flush. Otherwise w
// is flushed before every read. The poll is what lets c3decode's workers
// keep their batches whole on a busy pipe: each needless flush there cuts a
// batch short.
func FlushBefore(r io.Reader, w interface{ Flush() error }) io.Reader {
	return FlushBeforeLinger(r, w, 0)
}

// FlushBeforeLinger is FlushBefore that, when a read would block, first
// waits up to linger for input to arrive, and flushes only if none does.
// A producer that writes in bursts (cat, c3frame: a pipe refilled every
// few tens of microseconds) then causes no flush between bursts, while a
// quiet live link is flushed linger later than it would be. c3decode's
// workers use it: there a flush hands a partial batch over to be written
// while the read side is held.
func FlushBeforeLinger(r io.Reader, w interface{ Flush() error }, linger time.Duration) io.Reader {
	f := &flushingReader{r: r, w: w}
	if sc, ok := r.(syscall.Conn); ok {
		if rc, err := sc.SyscallConn(); err == nil {
			f.rc = rc
			f.poll = func(fd uintptr) { f.ready = readable(fd, 0) || linger > 0 && readable(fd, linger) }
		}
	}
	return f
}

type flushingReader struct {
	r     io.Reader
	w     interface{ Flush() error }
	rc    syscall.RawConn // nil: flush before every read
	poll  func(fd uintptr)
	ready bool
}

func (f *flushingReader) Read(p []byte) (int, error) {
	f.ready = false
	if f.rc != nil && f.rc.Control(f.poll) != nil {
		f.ready = false
	}
	if !f.ready {
		if err := f.w.Flush(); err != nil {
			return 0, err
		}
	}
	return f.r.Read(p)
}
