package stream

import (
	"bufio"
	"errors"
	"io"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/frame/record"
)

// A parallel decode has three parts, so that its output, reports and
// counts are those of the sequential loop byte for byte:
//   - the reader (one goroutine) reads records in order and does all the
//     per-stream work that depends on order: identification, --packet and
//     --ignore, the meta checks and warnings told once, and each packet's
//     RECEIVED_COUNT. It copies records into batches and queues what it
//     would have reported beside the record it belongs to;
//   - workers, each with its own engine.Decoder, format a batch's records
//     into the batch's output buffer;
//   - the writer (the calling goroutine) takes the batches in reading
//     order, writes CSV headers when a packet type first appears, writes
//     the records, and reports and counts as the sequential loop does.
//
// Batches are recycled through a free list, so memory stays bounded by
// jobs*2+2 batches of at most batchRecords records / batchBytes bytes.

const (
	batchRecords = 256
	batchBytes   = 128 << 10
)

// errStopped ends the reader when the writer has given up.
var errStopped = errors.New("decode stopped")

// slot is one record of a batch.
type slot struct {
	meta         record.Meta
	pkt          *def.Packet // nil: UNKNOWN
	target, name string
	data         [2]int   // the record's bytes in batch.data
	count        uint64   // its RECEIVED_COUNT
	msgs         []string // what the reader told before it
	seq          Stats    // the reader's counters after reading it
	inOrder      bool     // decoded by the writer (engine.Decoder.InOrder)
	out          [2]int   // its output in batch.out
	derr         error
}

// batch is a run of records in reading order.
type batch struct {
	slots []slot
	data  []byte
	out   []byte
	tail  []string // what the reader told after the last slot
	end   error    // io.EOF or a read error after the slots; nil: more follow
	seq   Stats    // the reader's counters at end
	done  chan struct{}
}

type parallel struct {
	free, work, order chan *batch
	quit              chan struct{}
	cur               *batch
	pending           []string
	counts            map[*def.Packet]uint64
	inOrder           map[*def.Packet]bool
}

func decodeParallel(r *record.Reader, w *bufio.Writer, p *pipeline, dec *engine.Decoder, cfg DecodeConfig) (Stats, error) {
	n := cfg.Jobs*2 + 2
	pd := &parallel{
		free:    make(chan *batch, n),
		work:    make(chan *batch, n),
		order:   make(chan *batch, n),
		quit:    make(chan struct{}),
		counts:  map[*def.Packet]uint64{},
		inOrder: map[*def.Packet]bool{},
	}
	for _, t := range cfg.Set.Targets {
		for _, pkt := range t.Packets(cfg.Kind) {
			if dec.InOrder(pkt) {
				pd.inOrder[pkt] = true
			}
		}
	}
	for range n {
		pd.free <- &batch{done: make(chan struct{}, 1)}
	}
	// The reader's reports wait beside their records; the writer tells them.
	writer := &pipeline{cfg: p.cfg}
	readerCfg := *p.cfg
	readerCfg.Report = func(msg string) { pd.pending = append(pd.pending, msg) }
	p.cfg = &readerCfg

	wopts := cfg.Engine
	wopts.Warn, wopts.Unusable = nil, nil // told once, by dec's Prepare
	for range cfg.Jobs {
		wdec := engine.NewDecoder(wopts)
		if err := prepareAll(cfg.Set, cfg.Kind, wdec.Prepare); err != nil {
			return p.stats, err
		}
		go work(pd.work, wdec, newOutputter(wdec, cfg.Format))
	}
	cfg.Flush.set(pd.handOver)
	go pd.read(r, p)
	return pd.write(w, writer, newHeads(dec, cfg.Format), &inOrder{dec: dec, out: newOutputter(dec, cfg.Format)})
}

// read is the reader goroutine.
func (pd *parallel) read(r *record.Reader, p *pipeline) {
	defer close(pd.work)
	if pd.cur = pd.get(); pd.cur == nil {
		return
	}
	for {
		rec, pkt, err := p.next(r)
		if err != nil {
			if err == errStopped || pd.cur == nil {
				return
			}
			pd.cur.end, pd.cur.seq = err, p.stats
			pd.send()
			return
		}
		b := pd.cur
		var count uint64
		if pkt != nil {
			count = pd.counts[pkt] + 1
			pd.counts[pkt] = count
		}
		start := len(b.data)
		b.data = append(b.data, rec.Data...)
		b.slots = append(b.slots, slot{meta: rec.Meta, pkt: pkt, target: p.target, name: p.name,
			data: [2]int{start, len(b.data)}, count: count, msgs: pd.takePending(), seq: p.stats,
			inOrder: pd.inOrder[pkt]})
		if len(b.slots) >= batchRecords || len(b.data) >= batchBytes {
			pd.send()
			if pd.cur = pd.get(); pd.cur == nil {
				return
			}
		}
	}
}

// handOver is the reader's Flush before it blocks: the records read so far
// go to the workers now rather than when the batch fills.
func (pd *parallel) handOver() error {
	if pd.cur == nil {
		return errStopped
	}
	if len(pd.cur.slots) == 0 && len(pd.pending) == 0 {
		return nil
	}
	pd.send()
	if pd.cur = pd.get(); pd.cur == nil {
		return errStopped
	}
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

// send queues the current batch for the workers and the writer.
func (pd *parallel) send() {
	b := pd.cur
	b.tail = pd.takePending()
	pd.work <- b
	pd.order <- b
	pd.cur = nil
}

// get takes an empty batch (nil once the writer has given up).
func (pd *parallel) get() *batch {
	select {
	case b := <-pd.free:
		b.slots, b.data, b.tail, b.end = b.slots[:0], b.data[:0], nil, nil
		return b
	case <-pd.quit:
		return nil
	}
}

// work formats batches with its own decoder.
func work(in <-chan *batch, dec *engine.Decoder, out outputter) {
	var rec record.Record
	for b := range in {
		b.out = b.out[:0]
		for i := range b.slots {
			s := &b.slots[i]
			if s.inOrder {
				continue
			}
			rec.Meta, rec.Data = s.meta, b.data[s.data[0]:s.data[1]]
			if s.pkt != nil {
				dec.SetReceivedCount(s.pkt, s.count)
			}
			start := len(b.out)
			b.out, s.derr = out.appendRecord(b.out, s.pkt, &rec)
			s.out = [2]int{start, len(b.out)}
		}
		b.done <- struct{}{}
	}
}

// write is the writer: batches in reading order. It flushes w whenever it
// would wait, so a live stream shows each packet as soon as it is decoded.
func (pd *parallel) write(w *bufio.Writer, wp *pipeline, heads *csvHeads, seq *inOrder) (Stats, error) {
	merged := func(seq Stats) Stats {
		seq.Packets, seq.Errors = wp.stats.Packets, wp.stats.Errors
		return seq
	}
	fail := func(seq Stats, err error) (Stats, error) {
		close(pd.quit)
		return merged(seq), err
	}
	var head []byte
	var last Stats // the reader's counters after the last batch written
	for {
		var b *batch
		select {
		case b = <-pd.order:
		default:
			if err := w.Flush(); err != nil {
				return fail(last, err)
			}
			b = <-pd.order
		}
		select {
		case <-b.done:
		default:
			if err := w.Flush(); err != nil {
				return fail(last, err)
			}
			<-b.done
		}
		for i := range b.slots {
			s := &b.slots[i]
			for _, m := range s.msgs {
				wp.report(m)
			}
			if heads != nil {
				var err error
				if head, err = heads.appendHeader(head[:0], s.pkt); err != nil {
					return fail(s.seq, err)
				}
				if _, err := w.Write(head); err != nil {
					return fail(s.seq, err)
				}
			}
			out := b.out[s.out[0]:s.out[1]]
			if s.inOrder {
				out, s.derr = seq.decode(b, s)
			}
			if _, err := w.Write(out); err != nil {
				return fail(s.seq, err)
			}
			if err := wp.settle(s.derr, s.seq.Records, s.target, s.name); err != nil {
				return fail(s.seq, err)
			}
		}
		for _, m := range b.tail {
			wp.report(m)
		}
		if b.end != nil {
			close(pd.quit)
			if b.end != io.EOF {
				return merged(b.seq), b.end
			}
			_, err := wp.end()
			return merged(b.seq), err
		}
		if len(b.slots) > 0 {
			last = b.slots[len(b.slots)-1].seq
		}
		pd.free <- b
	}
}

// inOrder decodes, in the writer, the records whose output depends on the
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
	var err error
	o.line, err = o.out.appendRecord(o.line[:0], s.pkt, &o.rec)
	return o.line, err
}
