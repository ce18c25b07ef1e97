package link

import (
	"errors"
	"fmt"
	"sync"

	"github.com/c3kit/c3kit/frame/record"
)

// writeLoop writes queued records to the link, one at a time, in order. A
// record whose write breaks the connection is kept and written first on the
// next connection (the old connection's partial copy died with it), so a
// reconnect never reorders or skips records; a record the link rejects on
// its own (ErrRecord) is reported and dropped. A new connection gets the
// CONNECT_CMD records before anything else, even a record kept from the
// connection before.
func (p *pump) writeLoop(haveStdin bool) {
	defer p.helpers.Done()
	var (
		pending   *outRec
		broken    Conn // the connection a write failed on: wait for another
		greeted   Conn // the connection that has had its connect commands
		queue     = p.queue
		drainMode = p.drain
		drainDone sync.Once
		seq       int64 // stdin record number, for diagnostics
	)
	reportDrained := func() { drainDone.Do(func() { close(p.drained) }) }
	if !haveStdin {
		queue = nil
	}
	// greet writes the connect commands to conn once; false when that
	// broke the connection (they are all written again on the next one).
	greet := func(conn Conn) bool {
		if conn == greeted || len(p.cfg.Connect) == 0 {
			return true
		}
		if err := p.writeConnect(conn); err != nil {
			broken = conn
			p.reportBroken(conn, err)
			return false
		}
		greeted = conn
		return true
	}
	for {
		if pending == nil {
			// A connection that came up while idle is greeted at once, not
			// when the next record happens to arrive.
			var connChanged <-chan struct{}
			if len(p.cfg.Connect) > 0 || p.fl != nil {
				conn, changed := p.current()
				if conn != nil && conn != broken {
					if !greet(conn) {
						continue
					}
					if p.fl != nil && p.fl.pendingAgain() && !p.writeAgain(conn) {
						broken = conn
						continue
					}
				}
				connChanged = changed
			}
			var o *outRec
			ok, fromQueue := true, true
			if drainMode == nil { // draining: take only what is already queued
				select {
				case o, ok = <-queue:
				default:
					reportDrained()
					select {
					case o, ok = <-queue:
					case <-connChanged:
						continue
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
				case <-connChanged:
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
		if !greet(conn) {
			continue // keep pending for the next connection
		}
		if p.fl != nil && p.fl.pendingAgain() && !p.writeAgain(conn) {
			broken = conn
			continue
		}
		// A command that expects a response is registered before it is
		// written (a fast device may answer before Write returns); the
		// next record waits until the response is read or times out.
		var awaiting *awaited
		if !pending.fixed {
			awaiting = p.pace.expect(pending.meta, seq)
		}
		own, err := true, error(nil)
		if pending.fixed {
			err = p.writeRecord(conn, pending.meta, pending.data, "periodic command", 0, pending.log)
		} else {
			own, err = p.writeStdin(conn, pending, seq)
		}
		if err != nil {
			if awaiting != nil {
				p.pace.cancel(awaiting)
			}
			broken = conn
			p.reportBroken(conn, err)
			continue // keep pending for the next connection
		}
		if own {
			p.release(pending)
		}
		pending = nil
		p.pending.Store(0)
		if awaiting != nil {
			p.pace.wait(awaiting, p.quit)
		}
	}
}

// writeConnect writes every CONNECT_CMD record to a new connection, in
// order. A record the link rejects is reported and skipped; any other error
// is returned: the connection is broken.
func (p *pump) writeConnect(conn Conn) error {
	for _, cc := range p.cfg.Connect {
		if err := p.writeRecord(conn, cc.Meta.Clone(), cc.Data, "connect command", 0, cc.Log); err != nil {
			return err
		}
	}
	return nil
}

// writeRecord writes one record and accounts for it: counted, logged and
// (log set) reported when written; reported and dropped when the link
// rejects it (ErrRecord). Any other error is returned: the connection is
// broken. what and seq (stdin records only) name the record.
func (p *pump) writeRecord(conn Conn, meta record.Meta, data []byte, what string, seq int64, log bool) error {
	_, err := p.writeCounted(conn, meta, data, what, seq, log)
	return err
}

// writeCounted is writeRecord that also says whether the record was
// written (false: the link rejected it).
func (p *pump) writeCounted(conn Conn, meta record.Meta, data []byte, what string, seq int64, log bool) (bool, error) {
	err := conn.Write(meta, data)
	switch {
	case err == nil:
		p.wrote(data)
		if log {
			p.cfg.Notify("%s written (%d bytes)", what, len(data))
		}
		return true, nil
	case errors.Is(err, ErrRecord):
		p.dropped.Add(1)
		if seq > 0 {
			what = fmt.Sprintf("%s %d", what, seq)
		}
		p.cfg.Notify("%s (%d bytes) not written: %v", what, len(data), err)
		return false, nil
	}
	return false, err
}

// writeStdin writes one stdin record and, on a link whose writes are
// unconfirmed, notes it as in flight (keeping it for a resend). It reports
// whether the pump still owns o (false: the in-flight record keeps it).
func (p *pump) writeStdin(conn Conn, o *outRec, seq int64) (own bool, err error) {
	if p.fl == nil {
		_, err = p.writeCounted(conn, o.meta, o.data, "stdin record", seq, o.log)
		return true, err
	}
	p.fl.wmu.Lock()
	defer p.fl.wmu.Unlock()
	ok, err := p.writeCounted(conn, o.meta, o.data, "stdin record", seq, o.log)
	if !ok {
		return true, err
	}
	if !p.fl.resend {
		p.fl.note(seq, nil)
		return true, nil
	}
	if o.budgeted { // written: it no longer holds back stdin
		p.budget.release(len(o.data))
		o.budgeted = false
	}
	p.fl.note(seq, o)
	return false, nil
}

// writeAgain writes the records in flight at the last break (resend
// window) to a new connection, in order; false when that broke it too.
func (p *pump) writeAgain(conn Conn) bool {
	again := p.fl.takeAgain()
	for i, s := range again {
		own, err := p.writeStdin(conn, s.o, s.seq)
		if err != nil {
			p.fl.putBack(again[i:])
			p.reportBroken(conn, err)
			return false
		}
		p.resent.Add(1)
		if own {
			p.release(s.o)
		}
	}
	return true
}

// reportBroken tells the loop that a write failed on conn (once is enough:
// the loop closes it).
func (p *pump) reportBroken(conn Conn, err error) {
	select {
	case p.failed <- writeFailure{conn, err}:
	default:
	}
}

// wrote counts one record written to the link and logs its bytes.
func (p *pump) wrote(data []byte) {
	p.written.Add(1)
	p.writtenBytes.Add(int64(len(data)))
	if p.cfg.StreamLog != nil {
		p.cfg.StreamLog.Write(data)
	}
}
