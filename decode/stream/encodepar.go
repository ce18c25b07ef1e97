package stream

import (
	"io"

	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
)

// A parallel encode: the reader splits the input into lines (a callback
// loop, jsonform.Lines) and batches them, workers (each
// with its own Encoder and hazard check) build the packets, and the writer
// reports, counts and writes them in input order, so output, reports and
// counters are those of one goroutine. The reader runs ahead of a writer
// that stops at a bad line (--on-error fail) by at most the batches in
// flight; nothing after the stop is written or reported.

// encLine is one input line of a batch.
type encLine struct {
	lineNo  int
	text    [2]int              // in encBatch.text
	tooLong *jsonform.LineError // the reader refused the line
	built   builtLine           // by a worker; data in encBatch.out
	data    [2]int
}

type encBatch struct {
	lines []encLine
	text  []byte
	out   []byte
	end   error // io.EOF or the read error after the lines; nil: more follow
	// metas are the lines' scratch meta maps, by index, kept from use to
	// use of the batch (a line's meta is read by the writer after build)
	metas []record.Meta
	done  chan struct{}
}

type encParallel struct {
	free, work, order chan *encBatch
	quit              chan struct{}
	cur               *encBatch
}

func encodeParallel(in io.Reader, w *record.Writer, cfg *EncodeConfig) (EncodeStats, error) {
	n := cfg.Jobs*2 + 2
	pe := &encParallel{
		free:  make(chan *encBatch, n),
		work:  make(chan *encBatch, n),
		order: make(chan *encBatch, n),
		quit:  make(chan struct{}),
	}
	for range n {
		pe.free <- &encBatch{done: make(chan struct{}, 1)}
	}
	wopts := cfg.Engine
	wopts.Warn, wopts.Unusable = nil, nil // told once, by Encode's Prepare
	for range cfg.Jobs {
		enc := engine.NewEncoder(wopts)
		if err := prepareAll(cfg.Set, cfg.Kind, enc.Prepare); err != nil {
			return EncodeStats{}, err
		}
		go pe.build(&builder{enc: enc, cfg: cfg, hz: newHazardCheck(cfg)})
	}
	cfg.Flush.set(pe.handOver)
	go pe.read(in, cfg)
	return pe.write(&encodeOut{cfg: cfg, w: w})
}

func (pe *encParallel) read(in io.Reader, cfg *EncodeConfig) {
	defer close(pe.work)
	if pe.cur = pe.get(); pe.cur == nil {
		return
	}
	add := func(l encLine, t []byte) error {
		b := pe.cur
		if b == nil {
			return errStopped
		}
		start := len(b.text)
		b.text = append(b.text, t...)
		l.text = [2]int{start, len(b.text)}
		b.lines = append(b.lines, l)
		if len(b.lines) >= batchRecords || len(b.text) >= batchBytes {
			pe.send()
			if pe.cur = pe.get(); pe.cur == nil {
				return errStopped
			}
		}
		return nil
	}
	ls := jsonform.Lines{Max: jsonform.LineCap(cfg.Engine.MaxRecord), TooLong: func(le *jsonform.LineError) error {
		return add(encLine{tooLong: le}, nil)
	}}
	err := ls.Read(in, func(lineNo int, t []byte) error {
		if t[0] == '#' {
			return nil
		}
		return add(encLine{lineNo: lineNo}, t)
	})
	if pe.cur == nil {
		return
	}
	if err == nil {
		err = io.EOF
	}
	pe.cur.end = err
	pe.send()
}

// handOver is the reader's Flush before it blocks: the lines read so far
// go to the workers now rather than when the batch fills.
func (pe *encParallel) handOver() error {
	if pe.cur == nil {
		return errStopped
	}
	if len(pe.cur.lines) == 0 {
		return nil
	}
	pe.send()
	if pe.cur = pe.get(); pe.cur == nil {
		return errStopped
	}
	return nil
}

func (pe *encParallel) send() {
	pe.work <- pe.cur
	pe.order <- pe.cur
	pe.cur = nil
}

func (pe *encParallel) get() *encBatch {
	select {
	case b := <-pe.free:
		b.lines, b.text, b.end = b.lines[:0], b.text[:0], nil
		return b
	case <-pe.quit:
		return nil
	}
}

func (pe *encParallel) build(bd *builder) {
	for b := range pe.work {
		b.out = b.out[:0]
		for i := range b.lines {
			l := &b.lines[i]
			if l.tooLong != nil {
				continue
			}
			for len(b.metas) <= i {
				b.metas = append(b.metas, record.Meta{})
			}
			l.built = bd.build(l.lineNo, b.text[l.text[0]:l.text[1]], b.metas[i])
			start := len(b.out)
			b.out = append(b.out, l.built.data...)
			l.data = [2]int{start, len(b.out)}
		}
		b.done <- struct{}{}
	}
}

// write is the writer: batches in input order, flushing w whenever it
// would wait.
func (pe *encParallel) write(o *encodeOut) (EncodeStats, error) {
	defer close(pe.quit)
	for {
		var b *encBatch
		select {
		case b = <-pe.order:
		default:
			if err := o.w.Flush(); err != nil {
				return o.st, err
			}
			b = <-pe.order
		}
		select {
		case <-b.done:
		default:
			if err := o.w.Flush(); err != nil {
				return o.st, err
			}
			<-b.done
		}
		for i := range b.lines {
			l := &b.lines[i]
			var err error
			if l.tooLong != nil {
				err = o.tooLong(l.tooLong)
			} else {
				l.built.data = b.out[l.data[0]:l.data[1]]
				err = o.put(l.lineNo, &l.built)
			}
			if err != nil {
				return o.st, err
			}
		}
		if b.end != nil {
			if b.end == io.EOF {
				return o.st, nil
			}
			return o.st, b.end
		}
		pe.free <- b
	}
}
