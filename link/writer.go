package link

import (
	"errors"
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
			if drainMode == nil { // draining: take only what is already queued
				select {
				case o, ok := <-queue:
					if !ok {
						queue = nil
						reportDrained()
						continue
					}
					pending, seq = o, seq+1
				default:
					reportDrained()
					select {
					case o, ok := <-queue:
						if !ok {
							queue = nil
							continue
						}
						pending, seq = o, seq+1
					case <-p.quit:
						return
					}
				}
			} else {
				select {
				case o, ok := <-queue:
					if !ok {
						queue = nil
						reportDrained()
						continue
					}
					pending, seq = o, seq+1
				case o := <-p.periodic:
					pending = o
				case <-drainMode:
					drainMode = nil
					continue
				case <-p.quit:
					return
				}
			}
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
			p.cfg.Notify("stdin record %d (%d bytes) not written: %v", seq, len(pending.data), err)
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
