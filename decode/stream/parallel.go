package stream

import (
	"bufio"
	"errors"
	"io"
	"sync"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/frame/record"
)

// A parallel decode runs jobs workers, each of which, in turn:
//   - reads a batch of records while holding the read side (one worker at
//     a time), doing all the per-stream work that depends on order:
//     identification, --packet and --ignore, the meta checks and warnings
//     told once, and each packet's RECEIVED_COUNT. What the read side would
//     have reported waits beside the record it belongs to;
//   - decodes the batch with its own engine.Decoder into the batch's
//     output buffer, alongside the other workers;
//   - waits for the batch's turn (batches are written in reading order),
//     then writes CSV headers when a packet type first appears, writes the
//     records, reports and counts as the sequential loop does, and
//     flushes.
// So output, reports and counts are those of the sequential loop byte for
// byte. A batch stays with one worker from reading to writing: its input
// and output stay in that core's cache, where a separate reader and writer
// goroutine cost a third more CPU per packet moving them between cores.
// Memory is bounded by one batch per worker.

// A batch of 128 records keeps a 400-byte packet's input and JSON output
// (some 170 KiB) within a core's L2: with c3frame sharing the two cores,
// 128 measured 497k HEALTH_STATUS pkt/s against 465k at 256 and 427k at
// 32 (medians of 7, interleaved), and the same on 20-item packets.
const (
	batchRecords = 128
	batchBytes   = 128 << 10
)

// errStopped ends a read once the decode has finished or failed.
var errStopped = errors.New("decode stopped")

// slot is one record of a batch.
type slot struct {
	meta         record.Meta
	pkt          *def.Packet // nil: UNKNOWN
	target, name string
	data         [2]int   // the record's bytes in batch.data
	count        uint64   // its RECEIVED_COUNT
	procs        [2]int   // its processor results in batch.procs
	msgs         []string // what the read side told before it
	seq          Stats    // the read side's counters after reading it
	inOrder      bool     // decoded at its turn (engine.Decoder.InOrder)
	out          [2]int   // its output in batch.out
	derr         error
}

// batch is a run of records in reading order.
type batch struct {
	turn  uint64 // its place in the output
	slots []slot
	data  []byte
	procs []engine.Value // the slots' processor results, run in reading order
	out   []byte
	tail  []string // what the read side told after the last slot
	end   error    // io.EOF or a read error after the slots; nil: more follow
	seq   Stats    // the read side's counters at end
}

// worker is one decoding goroutine's state.
type worker struct {
	dec *engine.Decoder
	out outputter
	b   batch
}

type parallel struct {
	// The read side: held by one worker at a time.
	rmu     sync.Mutex
	r       *record.Reader
	rp      *pipeline
	cur     *worker // the worker reading now (for handOver)
	turns   uint64  // batches begun
	ended   bool    // the input has ended (or failed); no more batches
	pending []string
	counts  map[*def.Packet]uint64
	inOrder map[*def.Packet]bool
	// procs runs the packets' PROCESSORs in reading order: their state
	// spans the stream, as RECEIVED_COUNT's does.
	procs    *engine.Decoder
	hasProcs map[*def.Packet]bool

	// The write side: used by the worker whose turn it is.
	wmu     sync.Mutex
	wake    *sync.Cond
	written uint64 // batches written: the turn now
	stopped bool   // the decode is over: result and err are set
	w       *bufio.Writer
	wp      *pipeline
	heads   *csvHeads
	head    []byte
	seq     *inOrder
	last    Stats // the read side's counters after the last record written
	result  Stats
	err     error
	done    chan struct{}
}

func decodeParallel(r *record.Reader, w *bufio.Writer, p *pipeline, dec *engine.Decoder, cfg DecodeConfig) (Stats, error) {
	pd := &parallel{
		r: r, rp: p,
		counts:   map[*def.Packet]uint64{},
		inOrder:  map[*def.Packet]bool{},
		hasProcs: map[*def.Packet]bool{},
		w:        w,
		wp:       &pipeline{cfg: p.cfg},
		heads:    newHeads(dec, cfg.Format),
		seq:      &inOrder{dec: dec, out: newOutputter(dec, cfg.Format)},
		done:     make(chan struct{}),
	}
	pd.wake = sync.NewCond(&pd.wmu)
	for _, t := range cfg.Set.Targets {
		for _, pkt := range t.Packets(cfg.Kind) {
			if dec.InOrder(pkt) {
				pd.inOrder[pkt] = true
			}
		}
	}
	// The read side's reports wait beside their records; they are told at
	// the records' turn.
	readerCfg := *p.cfg
	readerCfg.Report = func(msg string) { pd.pending = append(pd.pending, msg) }
	p.cfg = &readerCfg

	wopts := cfg.Engine
	wopts.Warn, wopts.Unusable = nil, nil // told once, by dec's Prepare
	workers := make([]*worker, cfg.Jobs)
	for i := range workers {
		wdec := engine.NewDecoder(wopts)
		if err := prepareAll(cfg.Set, cfg.Kind, wdec.Prepare); err != nil {
			return p.stats, err
		}
		workers[i] = &worker{dec: wdec, out: newOutputter(wdec, cfg.Format)}
	}
	pd.procs = engine.NewDecoder(wopts)
	for _, t := range cfg.Set.Targets {
		for _, pkt := range t.Packets(cfg.Kind) {
			if pd.procs.HasProcessors(pkt) {
				pd.hasProcs[pkt] = true
			}
		}
	}
	cfg.Flush.set(pd.handOver)
	for _, wk := range workers {
		go pd.run(wk)
	}
	// A worker may stay blocked reading a live link after the decode has
	// failed; the result does not wait for it.
	<-pd.done
	return pd.result, pd.err
}

// run is a worker: batches until the input ends or the decode stops.
func (pd *parallel) run(wk *worker) {
	for {
		pd.rmu.Lock()
		if pd.ended || pd.isStopped() {
			pd.rmu.Unlock()
			return
		}
		pd.begin(wk)
		pd.fill(wk)
		pd.rmu.Unlock()
		if !pd.process(wk) {
			return
		}
	}
}

// begin gives wk's batch the next turn (read side held).
func (pd *parallel) begin(wk *worker) {
	b := &wk.b
	b.turn = pd.turns
	pd.turns++
	b.slots, b.data, b.procs, b.tail, b.end = b.slots[:0], b.data[:0], b.procs[:0], nil, nil
	pd.cur = wk
}

// fill reads records into wk's batch until it is full or the input ends
// (read side held).
func (pd *parallel) fill(wk *worker) {
	b := &wk.b // handOver may write it and begin it again, in place
	for {
		rec, pkt, err := pd.rp.next(pd.r)
		if err == errStopped {
			pd.ended = true // the result is set already
			return
		}
		if err != nil {
			pd.ended = true
			b.end, b.seq, b.tail = err, pd.rp.stats, pd.takePending()
			return
		}
		var count uint64
		if pkt != nil {
			count = pd.counts[pkt] + 1
			pd.counts[pkt] = count
		}
		var procs [2]int
		if pd.hasProcs[pkt] {
			procs[0] = len(b.procs)
			b.procs = append(b.procs, pd.procs.Process(pkt, rec, count)...)
			procs[1] = len(b.procs)
		}
		start := len(b.data)
		b.data = append(b.data, rec.Data...)
		b.slots = append(b.slots, slot{meta: rec.Meta, pkt: pkt, target: pd.rp.target, name: pd.rp.name,
			data: [2]int{start, len(b.data)}, count: count, procs: procs, msgs: pd.takePending(), seq: pd.rp.stats,
			inOrder: pd.inOrder[pkt]})
		if len(b.slots) >= batchRecords || len(b.data) >= batchBytes {
			b.tail = pd.takePending()
			return
		}
	}
}

// handOver is the read side's Flush before it blocks: the reading worker
// decodes and writes what it has read so far, and flushes, before the read
// waits for more.
func (pd *parallel) handOver() error {
	wk := pd.cur
	if wk == nil || pd.isStopped() {
		return errStopped
	}
	if len(wk.b.slots) == 0 && len(pd.pending) == 0 {
		return nil
	}
	wk.b.tail = pd.takePending()
	if !pd.process(wk) {
		return errStopped
	}
	pd.begin(wk)
	return nil
}

func (pd *parallel) takePending() []string {
	if len(pd.pending) == 0 {
		return nil
	}
	m := pd.pending
	pd.pending = nil
	return m
}

func (pd *parallel) isStopped() bool {
	pd.wmu.Lock()
	defer pd.wmu.Unlock()
	return pd.stopped
}

// process decodes wk's batch, waits for its turn and writes it. False: the
// decode is over.
func (pd *parallel) process(wk *worker) bool {
	b := &wk.b
	b.out = b.out[:0]
	var rec record.Record
	for i := range b.slots {
		s := &b.slots[i]
		if s.inOrder {
			continue
		}
		rec.Meta, rec.Data = s.meta, b.data[s.data[0]:s.data[1]]
		if s.pkt != nil {
			wk.dec.SetReceivedCount(s.pkt, s.count)
			if s.procs[1] > s.procs[0] {
				wk.dec.SetProcessed(s.pkt, b.procs[s.procs[0]:s.procs[1]])
			}
		}
		start := len(b.out)
		b.out, s.derr = wk.out.appendRecord(b.out, s.pkt, &rec)
		s.out = [2]int{start, len(b.out)}
	}

	pd.wmu.Lock()
	for pd.written != b.turn && !pd.stopped {
		pd.wake.Wait()
	}
	if pd.stopped {
		pd.wmu.Unlock()
		return false
	}
	pd.wmu.Unlock()

	// This batch's turn: no other worker writes until written moves on.
	over := pd.write(b)
	pd.wmu.Lock()
	pd.written++
	if over {
		pd.stopped = true
		close(pd.done)
	}
	pd.wake.Broadcast()
	pd.wmu.Unlock()
	return !over
}

// write writes batch b at its turn, as the sequential loop would have, and
// flushes so a live stream shows each packet once it is decoded. True: the
// decode is over (pd.result and pd.err are set).
func (pd *parallel) write(b *batch) bool {
	wp, w := pd.wp, pd.w
	merged := func(seq Stats) Stats {
		seq.Packets, seq.Errors = wp.stats.Packets, wp.stats.Errors
		return seq
	}
	fail := func(seq Stats, err error) bool {
		pd.result, pd.err = merged(seq), err
		return true
	}
	for i := range b.slots {
		s := &b.slots[i]
		for _, m := range s.msgs {
			wp.report(m)
		}
		if pd.heads != nil {
			var err error
			if pd.head, err = pd.heads.appendHeader(pd.head[:0], s.pkt); err != nil {
				return fail(s.seq, err)
			}
			if _, err := w.Write(pd.head); err != nil {
				return fail(s.seq, err)
			}
		}
		out := b.out[s.out[0]:s.out[1]]
		if s.inOrder {
			out, s.derr = pd.seq.decode(b, s)
		}
		if _, err := w.Write(out); err != nil {
			return fail(s.seq, err)
		}
		if err := wp.settle(s.derr, s.seq.Records, s.target, s.name); err != nil {
			return fail(s.seq, err)
		}
		pd.last = s.seq
	}
	for _, m := range b.tail {
		wp.report(m)
	}
	if b.end != nil {
		if b.end != io.EOF {
			return fail(b.seq, b.end)
		}
		_, err := wp.end()
		return fail(b.seq, err)
	}
	if err := w.Flush(); err != nil {
		return fail(pd.last, err)
	}
	return false
}

// inOrder decodes, at their turn, the records whose output depends on the
// records before them.
type inOrder struct {
	dec  *engine.Decoder
	out  outputter
	line []byte
	rec  record.Record
}

func (o *inOrder) decode(b *batch, s *slot) ([]byte, error) {
	o.rec.Meta, o.rec.Data = s.meta, b.data[s.data[0]:s.data[1]]
	o.dec.SetReceivedCount(s.pkt, s.count)
	if s.procs[1] > s.procs[0] {
		o.dec.SetProcessed(s.pkt, b.procs[s.procs[0]:s.procs[1]])
	}
	var err error
	o.line, err = o.out.appendRecord(o.line[:0], s.pkt, &o.rec)
	return o.line, err
}
