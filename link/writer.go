package link

import (
	"errors"
	"fmt"
	"sync"
)

// writeLoop writes queued records to the link, one at a time, in order. A
// record whose write breaks the connection is kept and written first on the
// next connection (the old connection's partial copy died with it), so a
// reconnect never reorders or skips records; a record the link rejects on
// its own (ErrRecord) is reported and dropped.
func (p *pump) writeLoop(haveStdin bool) {
	defer p.helpers.Done()
	var (
		pending   *outRec
		broken    Conn // the connection a write failed on: wait for another
		queue     = p.queue
		drainMode = p.drain
		drainDone sync.Once
		seq       int64 // stdin record number, for diagnostics
	)
	reportDrained := func() { drainDone.Do(func() { close(p.drained) }) }
	if !haveStdin {
		queue = nil
	}
	for {
		if pending == nil {
			var o *outRec
			ok, fromQueue := true, true
			if drainMode == nil { // draining: take only what is already queued
				select {
				case o, ok = <-queue:
				default:
					reportDrained()
					select {
					case o, ok = <-queue:
					case <-p.quit:
						return
					}
				}
			} else {
				select {
				case o, ok = <-queue:
				case o = <-p.periodic:
					fromQueue = false
				case <-drainMode:
					drainMode = nil
					continue
				case <-p.quit:
					return
				}
			}
			if !ok { // stdin ended and everything before it is written
				queue = nil
				reportDrained()
				continue
			}
			if fromQueue {
				seq++
			}
			pending = o
			p.pending.Store(1)
		}

		conn, changed := p.current()
		if conn == nil || conn == broken {
			select {
			case <-changed:
				continue
			case <-p.quit:
				return
			}
		}
		err := conn.Write(pending.meta, pending.data)
		switch {
		case err == nil:
			p.written.Add(1)
			p.writtenBytes.Add(int64(len(pending.data)))
			if p.cfg.StreamLog != nil {
				p.cfg.StreamLog.Write(pending.data)
			}
		case errors.Is(err, ErrRecord):
			p.dropped.Add(1)
			what := fmt.Sprintf("stdin record %d", seq)
			if pending.fixed {
				what = "periodic record"
			}
			p.cfg.Notify("%s (%d bytes) not written: %v", what, len(pending.data), err)
		default:
			broken = conn
			select {
			case p.failed <- writeFailure{conn, err}:
			default:
			}
			continue // keep pending for the next connection
		}
		p.release(pending)
		pending = nil
		p.pending.Store(0)
	}
}
