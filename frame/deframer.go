package frame

import (
	"bytes"
	"fmt"
	"io"

	"github.com/c3kit/c3kit/frame/record"
)

// Options are the stage-level settings shared by every protocol.
type Options struct {
	AllowEmpty AllowEmpty
	// FailFast restores COSMOS's behaviour of stopping at the first fault
	// (--on-error fail). Otherwise a fault is reported once and the
	// Deframer resynchronises.
	FailFast bool
	// Report receives one-line diagnostics (faults, discarded garbage,
	// a truncated final packet). Nil discards them.
	Report func(msg string)
	// Explain, when set, receives one line per packet saying where it
	// started and how its length was found (--explain).
	Explain func(msg string)
}

// Stats are the counters behind --stats.
type Stats struct {
	Records      int64 // input records (chunks or packets)
	BytesIn      int64 // input data bytes
	Packets      int64 // output records
	BytesOut     int64 // output data bytes
	Discarded    int64 // input bytes dropped (garbage, faults, truncation)
	Resyncs      int64 // faults recovered from
	EmptyDropped int64 // empty records dropped (allow empty data false/nil)
	Errors       int64 // write direction: packets that could not be framed
}

// StreamError is a fault that stops the stream (--on-error fail, or a
// truncated final packet with FailFast).
type StreamError struct {
	Offset int64
	Msg    string
}

func (e *StreamError) Error() string { return fmt.Sprintf("%s at stream offset %d", e.Msg, e.Offset) }

// Emit receives each packet with its meta; pkt is valid only during the call.
type Emit func(meta record.Meta, pkt []byte) error

// Deframer turns a byte stream, fed as chunks, into packets.
type Deframer struct {
	split   Splitter
	scan    Scanner // nil unless the splitter can skip garbage cheaply
	maxBuf  int     // the buffer ReadRaw never needs to grow beyond
	sync    []byte
	discard int
	ann     Annotator
	app     MetaAppender // set with encEmit by SetEmitEncoded
	encEmit EmitEncoded
	metaBuf []byte // app's output, reused
	exp     Explainer
	opt     Options

	buf       []byte // bytes not yet part of a packet (owned)
	off       int64  // stream offset of the first byte not yet consumed
	synced    bool   // the sync pattern is at the start of the pending bytes
	resyncing bool   // a fault was reported; stay quiet until the next good packet
	dropAt    int64  // where the current run of skipped garbage started
	dropN     int64  // length of that run
	skipLeft  int64  // bytes still to drop of a refused whole packet (Fault.Whole)
	moved     int64  // bytes keep has moved (the tests check it stays small)
	stats     Stats
}

// NewDeframer returns a Deframer for protocol p.
func NewDeframer(p Protocol, o Options) *Deframer {
	d := &Deframer{split: p, sync: p.SyncPattern(), discard: p.DiscardLeading(), opt: o}
	d.ann, _ = p.(Annotator)
	if d.sync == nil {
		d.scan, _ = p.(Scanner)
	}
	d.maxBuf = DefaultMaxLen
	if c, ok := p.(Capped); ok && c.MaxFrame() > 0 {
		d.maxBuf = c.MaxFrame()
	}
	// Room for a whole frame at the cap plus the read that completes it.
	d.maxBuf += 2 * readSize
	if o.Explain != nil {
		d.exp, _ = p.(Explainer)
	}
	return d
}

// SetEmitEncoded sends packets whose meta the protocol can encode itself
// (MetaAppender) to fn instead of the Emit given to Feed, Run or ReadRaw:
// a record writer's WriteEncoded then writes them without a meta map.
func (d *Deframer) SetEmitEncoded(fn EmitEncoded) {
	d.app, _ = d.ann.(MetaAppender)
	d.encEmit = fn
	if fn == nil {
		d.app = nil
	}
}

// Stats returns the counters so far.
func (d *Deframer) Stats() Stats { return d.stats }

// Feed adds one chunk (an input record) with its meta. Every packet the
// chunk completes is passed to emit with this chunk's meta (DESIGN §1).
func (d *Deframer) Feed(chunk []byte, meta record.Meta, emit Emit) error {
	d.stats.Records++
	d.stats.BytesIn += int64(len(chunk))
	if len(chunk) == 0 {
		// COSMOS hands an empty read to the next protocol only when Allow
		// Empty Data says so; otherwise it is a STOP.
		if d.opt.AllowEmpty.Allows() {
			return d.out(meta, chunk, emit)
		}
		d.stats.EmptyDropped++
		return nil
	}
	if len(d.buf) == 0 {
		// Nothing pending: cut packets straight out of the caller's chunk
		// and keep only the unfinished tail.
		rest, err := d.process(chunk, meta, emit)
		d.buf = append(d.buf[:0], rest...)
		return err
	}
	if cap(d.buf)-len(d.buf) < len(chunk) {
		d.grow(len(chunk))
	}
	d.buf = append(d.buf, chunk...)
	rest, err := d.process(d.buf, meta, emit)
	d.keep(rest)
	return err
}

// keep moves the unfinished tail rest (a suffix of d.buf's backing array)
// to the front of d.buf. Nothing moves while a large packet is still
// arriving, so buffering it costs one copy per byte, not one per chunk.
func (d *Deframer) keep(rest []byte) {
	full := d.buf[:cap(d.buf)]
	if len(rest) > 0 && &rest[0] == &full[0] {
		d.buf = full[:len(rest)]
		return
	}
	d.moved += int64(len(rest))
	d.buf = full[:copy(full, rest)]
}

// grow makes room for k more bytes. It doubles, but jumps straight to the
// cap (plus a read) once half of it is passed, and never goes further
// unless a splitter really holds more: the old buffer is garbage the moment
// the new one exists, and each step of slack near the cap counts twice in
// peak RSS. The buffers before the last one sum to less than it, so peak
// memory stays about twice the cap.
func (d *Deframer) grow(k int) {
	n := max(2*cap(d.buf), len(d.buf)+k)
	if n > d.maxBuf/2 {
		n = max(d.maxBuf, len(d.buf)+k)
	}
	nb := make([]byte, len(d.buf), n)
	copy(nb, d.buf)
	d.buf = nb
}

// readSize is the free space ReadRaw asks the kernel to fill per read.
const readSize = 64 << 10

// ReadRaw reads a raw byte stream from r until EOF, reading straight into
// the Deframer's buffer (no chunk copy), then calls Close. Packets carry no
// meta.
func (d *Deframer) ReadRaw(r io.Reader, emit Emit) error {
	if cap(d.buf) < 4*readSize {
		d.buf = make([]byte, len(d.buf), 4*readSize)
	}
	for {
		if cap(d.buf)-len(d.buf) < readSize {
			d.grow(readSize)
		}
		n, err := r.Read(d.buf[len(d.buf):cap(d.buf)])
		if n > 0 {
			d.stats.Records++
			d.stats.BytesIn += int64(n)
			rest, perr := d.process(d.buf[:len(d.buf)+n], nil, emit)
			d.keep(rest)
			if perr != nil {
				return perr
			}
		}
		if err == io.EOF {
			return d.Close()
		}
		if err != nil {
			return err
		}
	}
}

// Run feeds every record of r, then calls Close.
func (d *Deframer) Run(r *record.Reader, emit Emit) error {
	err := record.Each(r, func(rec *record.Record) error {
		return d.Feed(rec.Data, rec.Meta, emit)
	})
	if err != nil {
		return err
	}
	return d.Close()
}

// Close ends the stream: bytes still pending are a truncated final packet
// (or unsynchronised garbage) and are reported as lost. With FailFast a
// truncated packet is an error.
func (d *Deframer) Close() error {
	pending := len(d.buf)
	d.buf = d.buf[:0]
	d.skipLeft = 0 // the refused packet was reported when it began
	if d.sync != nil && !d.synced {
		if pending > 0 {
			d.skip(pending)
		}
		if d.dropN > 0 && !d.resyncing {
			d.report(fmt.Sprintf("discarded %d bytes at stream offset %d: no sync pattern before end of input", d.dropN, d.dropAt))
		}
		d.dropN = 0
		return nil
	}
	if pending == 0 {
		return nil
	}
	at := d.off
	d.off += int64(pending)
	d.stats.Discarded += int64(pending)
	msg := fmt.Sprintf("truncated packet: %d bytes lost at end of input", pending)
	if d.opt.FailFast {
		return &StreamError{at, msg}
	}
	d.report(fmt.Sprintf("%s at stream offset %d", msg, at))
	return nil
}

// process cuts every packet out of win and returns the unfinished tail.
func (d *Deframer) process(win []byte, meta record.Meta, emit Emit) ([]byte, error) {
	if d.skipLeft > 0 {
		k := int(min(d.skipLeft, int64(len(win))))
		d.drop(k)
		d.skipLeft -= int64(k)
		win = win[k:]
		if d.skipLeft > 0 {
			return win, nil
		}
		d.resyncing = false // the next fault is news again
	}
	for {
		if d.sync != nil && !d.synced {
			i := bytes.Index(win, d.sync)
			if i < 0 {
				// Keep what could be the start of a sync pattern split
				// across chunks.
				if keep := len(d.sync) - 1; len(win) > keep {
					d.skip(len(win) - keep)
					win = win[len(win)-keep:]
				}
				return win, nil
			}
			if i > 0 {
				d.skip(i)
				win = win[i:]
			}
			if d.dropN > 0 && !d.resyncing {
				d.report(fmt.Sprintf("discarded %d bytes of garbage at stream offset %d before the sync pattern at %d", d.dropN, d.dropAt, d.off))
			}
			d.dropN = 0
			d.synced = true
		}
		if d.resyncing && d.scan != nil && len(win) > 0 {
			// Already reported: skip the rest of the garbage in bulk.
			if k := d.scan.Scan(win); k > 0 {
				d.drop(k)
				win = win[k:]
			}
		}
		if len(win) == 0 {
			return win, nil
		}
		n, pkt, err := d.split.Split(win)
		if err != nil {
			f, ok := err.(*Fault) // not errors.As: this runs per byte of garbage
			if !ok {
				return win, err
			}
			if err := d.fault(f); err != nil {
				return win, err
			}
			k := max(f.Skip, 1) // always progress, whatever the splitter says
			if k > len(win) {
				if f.Whole {
					d.skipLeft = int64(k - len(win))
				}
				k = len(win)
			}
			d.drop(k)
			win = win[k:]
			d.synced = false
			if d.skipLeft > 0 {
				return win, nil
			}
			if f.Whole {
				d.resyncing = false
			}
			continue
		}
		if n <= 0 || n > len(win) {
			return win, nil
		}
		start := d.off
		raw := win[:n]
		win = win[n:]
		d.off += int64(n)
		d.synced = false
		d.resyncing = false
		if err := d.deliver(start, raw, pkt, meta, emit); err != nil {
			return win, err
		}
	}
}

// drop counts k bytes dropped at a fault.
func (d *Deframer) drop(k int) {
	d.stats.Discarded += int64(k)
	d.off += int64(k)
}

// skip drops k bytes found while searching for the sync pattern.
func (d *Deframer) skip(k int) {
	if d.dropN == 0 {
		d.dropAt = d.off
	}
	d.dropN += int64(k)
	d.stats.Discarded += int64(k)
	d.off += int64(k)
	d.split.Reset()
}

func (d *Deframer) fault(f *Fault) error {
	if d.opt.FailFast {
		return &StreamError{d.off, f.Msg}
	}
	if f.Whole {
		// A real packet too big to keep: each one is news.
		d.stats.Resyncs++
		d.report(fmt.Sprintf("%s at stream offset %d; skipped", f.Msg, d.off))
		return nil
	}
	if !d.resyncing {
		d.stats.Resyncs++
		d.report(fmt.Sprintf("%s at stream offset %d; resyncing", f.Msg, d.off))
		d.resyncing = true
	}
	return nil
}

func (d *Deframer) deliver(start int64, raw, pkt []byte, meta record.Meta, emit Emit) error {
	if d.discard > 0 {
		pkt = pkt[min(d.discard, len(pkt)):]
	}
	var enc []byte
	if d.app != nil {
		if b, ok := d.app.AppendMeta(d.metaBuf[:0], meta); ok {
			d.metaBuf, enc = b, b
		}
	}
	if d.ann != nil && enc == nil {
		meta = d.ann.Annotate(meta)
	}
	if d.opt.Explain != nil {
		detail := fmt.Sprintf("%d bytes", len(raw))
		if d.exp != nil {
			detail = d.exp.Explain(raw)
		}
		if d.discard > 0 {
			detail += fmt.Sprintf("; discard %d leading bytes -> %d-byte packet", d.discard, len(pkt))
		}
		if len(pkt) == 0 && !d.opt.AllowEmpty.Allows() {
			detail += "; empty, dropped (allow empty data " + d.opt.AllowEmpty.String() + ")"
		}
		d.opt.Explain(fmt.Sprintf("packet %d at stream offset %d: %s", d.stats.Packets+d.stats.EmptyDropped+1, start, detail))
	}
	if len(pkt) == 0 && !d.opt.AllowEmpty.Allows() {
		d.stats.EmptyDropped++
		return nil
	}
	if enc != nil {
		d.stats.Packets++
		d.stats.BytesOut += int64(len(pkt))
		return d.encEmit(enc, pkt)
	}
	return d.out(meta, pkt, emit)
}

func (d *Deframer) out(meta record.Meta, pkt []byte, emit Emit) error {
	d.stats.Packets++
	d.stats.BytesOut += int64(len(pkt))
	return emit(meta, pkt)
}

func (d *Deframer) report(msg string) {
	if d.opt.Report != nil {
		d.opt.Report(msg)
	}
}
