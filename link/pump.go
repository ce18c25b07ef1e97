package link

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// COSMOS defaults the pump reproduces.
const (
	DefaultReconnectDelay = 5 * time.Second // RECONNECT_DELAY
	DefaultQueueLen       = 1024
	DefaultQueueBytes     = 64 << 20
	DefaultDrainTimeout   = 10 * time.Second
)

// Config is what the pump needs besides the link itself.
type Config struct {
	Name           string        // extra.LINK of every read
	ReadSize       int           // largest read (one record); default DefaultReadSize
	NoMeta         bool          // stdout drops meta (--out raw): reads carry none
	Reconnect      bool          // reopen the link when it fails (COSMOS default; DONT_RECONNECT clears it)
	ReconnectDelay time.Duration // RECONNECT_DELAY
	QueueLen       int           // stdin records waiting for the link; when full, stdin is not read
	QueueBytes     int64         // and the bytes they may hold (default DefaultQueueBytes)
	WriteOnly      bool          // read the link only to notice a close; emit nothing
	MaxReads       int64         // stop after this many records read (0: no limit)
	Linger         time.Duration // stop this long after stdin ends (a deadline; 0: read on until the link closes for good)
	DrainTimeout   time.Duration // bound on writing what is queued at stdin EOF, signal or --duration
	// ResendWindow (--resend-window): on a link whose writes are
	// unconfirmed (UnconfirmedWrites), the stdin records written this long
	// before a detected break are written again after reconnecting. 0: they
	// are only reported (those of the last DefaultInFlightWindow).
	ResendWindow time.Duration
	Periodic     []Periodic   // records written every interval while connected
	Connect      []ConnectCmd // records written first on every new connection
	StreamLog    *StreamLog   // LOG_STREAM: raw bytes of both directions
	Pace         PaceConfig   // command/response pacing (records with extra.RESPONSE)
	// Notify reports one event per call (connection lost, reconnected,
	// record dropped). It may be called from several goroutines at once.
	Notify func(format string, a ...any)

	// Live, when set, is given at the start a function that reads the
	// counters while the pump runs (--stats-every).
	Live func(snapshot func() Stats)

	// queued, when set, is called after each stdin record enters the
	// queue: the tests' only way to know a record is queued, not merely
	// read from the pipe, before they stop the pump.
	queued func()
}

// Periodic is PERIODIC_CMD: Data (with Meta) is written every Every while
// the link is up. Log is COSMOS's LOG (DONT_LOG: false): each write is also
// reported through Notify. Either way the bytes go to the stream log, as
// COSMOS logs every command in its binary logs.
type Periodic struct {
	Every time.Duration
	Meta  record.Meta
	Data  []byte
	Log   bool
}

// ConnectCmd is CONNECT_CMD: Data (with Meta) is written each time the link
// connects (the first time and after every reconnect), before any other
// record; several are written in order. Log is as for Periodic.
type ConnectCmd struct {
	Meta record.Meta
	Data []byte
	Log  bool
}

// Stats are the --stats counters.
type Stats struct {
	ReadRecords, ReadBytes   int64 // link -> stdout
	WriteRecords, WriteBytes int64 // stdin (and periodic) -> link
	Dropped                  int64 // records the link rejected (ErrRecord)
	Unwritten                int64 // records still queued when c3link stopped
	InFlight                 int64 // stdin records written shortly before a break: delivery unknown
	Resent                   int64 // of those, written again after reconnecting (--resend-window)
	Connects, Reconnects     int64
	QueueDepth, QueueMax     int // stdin queue now, and its high-water mark
	// Pacing: responses read, commands whose response timed out, lines
	// read with no command awaiting one, bytes dropped by the initial
	// read delay.
	Responses, Timeouts, Unexpected, DelayDropped int64
}

// outRec is one record on its way to the link; buffers are recycled.
type outRec struct {
	meta     record.Meta
	data     []byte
	fixed    bool // data is shared (a periodic record): never recycle it
	log      bool // report each write (PERIODIC_CMD LOG)
	budgeted bool // counted in the queue's byte budget
}

// byteBudget bounds the bytes of queued stdin records: when it is spent,
// stdin is not read (back-pressure), as when the queue is full. One record
// larger than the whole budget still passes when nothing else is queued.
type byteBudget struct {
	mu     sync.Mutex
	cond   *sync.Cond
	used   int64
	max    int64
	closed bool
}

func newByteBudget(max int64) *byteBudget {
	b := &byteBudget{max: max}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire waits until n bytes fit; false once the budget is closed.
func (b *byteBudget) acquire(n int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for !b.closed && b.used > 0 && b.used+int64(n) > b.max {
		b.cond.Wait()
	}
	b.used += int64(n)
	return !b.closed
}

func (b *byteBudget) release(n int) {
	b.mu.Lock()
	b.used -= int64(n)
	b.mu.Unlock()
	b.cond.Broadcast()
}

func (b *byteBudget) close() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.cond.Broadcast()
}

type writeFailure struct {
	conn Conn
	err  error
}

type pump struct {
	link Link
	cfg  Config
	sink *Sink
	env  *Env

	queue    chan *outRec // stdin -> writer
	budget   *byteBudget  // bytes held by queued stdin records
	free     chan *outRec
	periodic chan *outRec
	stdinEOF chan struct{} // closed when stdin ends (or fails)
	stdinErr error         // set before stdinEOF is closed
	drain    chan struct{} // closed: the writer empties the queue, then reports drained
	drained  chan struct{} // closed by the writer
	quit     chan struct{} // closed: every helper goroutine stops
	failed   chan writeFailure
	helpers  sync.WaitGroup

	pace *pacer

	mu      sync.Mutex
	conn    Conn
	changed chan struct{} // closed and replaced whenever conn changes

	written, writtenBytes, dropped atomic.Int64
	resent                         atomic.Int64
	fl                             *inFlight // nil unless the link's writes are unconfirmed
	inFlightN                      atomic.Int64
	connects, reconnects           atomic.Int64
	pending                        atomic.Int64 // a record taken from the queue, not yet written
	queueMax                       atomic.Int64

	outDone bool // the stdout writer has returned (loop saw its result)
	outErr  error
}

// Run runs one link as a filter. Records from in (nil: no write direction
// from stdin) are written to the link; link reads go to out. The end of in
// means no more commands, not the end of the run: a link that reads goes
// on until ctx is cancelled (a signal, --duration), the --count limit is
// reached, cfg.Linger has passed since in ended, the link fails with
// reconnection off, or stdout fails. A write-only link (cfg.WriteOnly), or
// an in that ends with an error, stops once what is queued is written.
func Run(ctx context.Context, l Link, in *record.Reader, out *record.Writer, cfg Config) (Stats, error) {
	if cfg.QueueLen <= 0 {
		cfg.QueueLen = DefaultQueueLen
	}
	if cfg.QueueBytes <= 0 {
		cfg.QueueBytes = DefaultQueueBytes
	}
	if cfg.DrainTimeout <= 0 {
		cfg.DrainTimeout = DefaultDrainTimeout
	}
	if cfg.Notify == nil {
		cfg.Notify = func(string, ...any) {}
	}
	p := &pump{
		link:     l,
		cfg:      cfg,
		sink:     newSink(cfg.Name, cfg.ReadSize, 64, cfg.WriteOnly, cfg.MaxReads, cfg.StreamLog),
		queue:    make(chan *outRec, cfg.QueueLen),
		free:     make(chan *outRec, cfg.QueueLen+2),
		periodic: make(chan *outRec),
		stdinEOF: make(chan struct{}),
		drain:    make(chan struct{}),
		drained:  make(chan struct{}),
		quit:     make(chan struct{}),
		failed:   make(chan writeFailure, 1),
		changed:  make(chan struct{}),
		budget:   newByteBudget(cfg.QueueBytes),
	}
	p.sink.noMeta = cfg.NoMeta
	p.pace = newPacer(cfg.Pace, cfg.Notify)
	p.sink.pace = p.pace
	if _, ok := l.(UnconfirmedWrites); ok && in != nil {
		p.fl = &inFlight{window: DefaultInFlightWindow, maxBytes: cfg.QueueBytes, release: p.release}
		if cfg.ResendWindow > 0 {
			p.fl.window, p.fl.resend = cfg.ResendWindow, true
		}
	}
	p.env = &Env{Sink: p.sink, Notify: cfg.Notify}
	if _, ok := l.(ClientGreeter); ok {
		// The link greets each client itself; the writer does not.
		p.env.Connect, p.cfg.Connect = cfg.Connect, nil
		p.env.ConnectWritten = func(cc ConnectCmd, client string) {
			p.wrote(cc.Data)
			if cc.Log {
				p.cfg.Notify("connect command written to %s (%d bytes)", client, len(cc.Data))
			}
		}
	}

	outErr := make(chan error, 1)
	finish := make(chan struct{})
	go func() { outErr <- writeOutput(p.sink, out, finish) }()

	if in != nil {
		go p.readStdin(in)
	} else {
		close(p.stdinEOF)
		close(p.queue)
	}
	p.helpers.Add(1)
	go p.writeLoop(in != nil)
	for _, pc := range cfg.Periodic {
		p.helpers.Add(1)
		go p.tick(pc)
	}

	if cfg.Live != nil {
		cfg.Live(p.snapshot)
	}
	st, err := p.loop(ctx, in != nil, outErr)

	// Teardown: no more reads are accepted, every goroutine that emits or
	// writes has returned before stdout's queue is drained and flushed.
	close(p.quit)
	p.budget.close()
	p.helpers.Wait()
	close(finish)
	if !p.outDone {
		p.outErr = <-outErr
	}
	if p.outErr != nil && err == nil {
		err = p.outErr
	}
	st = p.snapshot()
	if cfg.StreamLog != nil {
		if lerr := cfg.StreamLog.Close(); lerr != nil && err == nil {
			err = lerr
		}
	}
	return st, err
}

// snapshot reads the counters; safe while the pump runs (--stats-every).
func (p *pump) snapshot() Stats {
	st := Stats{
		ReadRecords:  p.sink.emitted.Load(),
		ReadBytes:    p.sink.bytes.Load(),
		WriteRecords: p.written.Load(),
		WriteBytes:   p.writtenBytes.Load(),
		Dropped:      p.dropped.Load(),
		InFlight:     p.inFlightN.Load(),
		Resent:       p.resent.Load(),
		Connects:     p.connects.Load(),
		Reconnects:   p.reconnects.Load(),
		QueueDepth:   len(p.queue),
		QueueMax:     int(p.queueMax.Load()),
	}
	if p.cfg.MaxReads > 0 && st.ReadRecords > p.cfg.MaxReads {
		st.ReadRecords = p.cfg.MaxReads
	}
	if p.cfg.WriteOnly {
		st.ReadRecords = 0
	}
	st.Unwritten = int64(st.QueueDepth) + p.pending.Load()
	st.Responses, st.Timeouts = p.pace.responses.Load(), p.pace.timeouts.Load()
	st.Unexpected, st.DelayDropped = p.pace.unexpected.Load(), p.pace.dropped.Load()
	return st
}

// loop owns the connection: it opens it, watches it, reopens it after the
// reconnect delay, and decides when the pump stops.
func (p *pump) loop(ctx context.Context, haveStdin bool, outErr <-chan error) (st Stats, err error) {
	var (
		conn      Conn
		readDone  chan error
		opening   = false
		openDone  = make(chan connResult, 1)
		retry     <-chan time.Time
		retryWait = false
		first     = true
		lastOpen  string // last Open error reported, so a retry loop says it once
		lostByW   error  // the write error that broke the connection
		drainBy   <-chan time.Time
		linger    <-chan time.Time // --linger: the deadline after stdin ends
		stopWhen  = p.stdinEOF
		ctxDone   = ctx.Done()
		drainedC  = p.drained
		drained   = false // the writer has written everything stdin gave
		stopping  = false // the pump is writing what is queued, then stops
		bySignal  = false // a signal or --duration stopped it
		drainOnce sync.Once
		result    error
	)
	// beginStop starts the orderly stop: no more records are taken from
	// stdin, what is queued is written (within --drain-timeout), then the
	// pump returns. It reports whether everything is written already.
	beginStop := func() bool {
		stopping = true
		if drained {
			return true
		}
		drainOnce.Do(func() {
			close(p.drain)
			drainBy = time.After(p.cfg.DrainTimeout)
		})
		return false
	}
	var openErr error // the last failed Open, cleared by a successful one
	// ctxOpen is cancelled by a signal or --duration, so a connection
	// attempt in progress (connect timeout, DNS) does not hold up the exit.
	// When stdin simply ends, the attempt is let finish: its outcome (an
	// unknown host, say) is worth reporting.
	ctxOpen, cancelOpen := context.WithCancel(context.Background())
	defer cancelOpen()
	stop := func() {
		p.setConn(nil)
		p.sink.close()
		if conn != nil {
			conn.Close()
			<-readDone
		}
		if opening {
			r := <-openDone
			if r.conn != nil {
				r.conn.Close()
			}
			if r.err != nil && !errors.Is(r.err, context.Canceled) {
				openErr = r.err
			}
		}
	}
	// neverUp turns "stdin ended, nothing left to do" into the reason the
	// link never came up, so `c3link tcp-client nohost 1 </dev/null` fails.
	neverUp := func(err error) error {
		if err == nil && st.Connects == 0 && openErr != nil {
			return openErr
		}
		return err
	}
	if !haveStdin {
		stopWhen = nil
	}

	for {
		if conn == nil && !opening && !retryWait {
			opening = true
			go func() {
				c, err := p.link.Open(ctxOpen, p.env)
				openDone <- connResult{c, err}
			}()
		}
		select {
		case r := <-openDone:
			opening = false
			if r.err != nil {
				var perm *PermanentError
				var rejected *RejectedError
				if first && errors.As(r.err, &perm) || errors.As(r.err, &rejected) || !p.cfg.Reconnect {
					stop()
					return st, r.err
				}
				openErr = r.err
				if msg := r.err.Error(); msg != lastOpen {
					lastOpen = msg
					p.cfg.Notify("%v; retrying every %v", r.err, p.cfg.ReconnectDelay)
				}
				retryWait, retry = true, time.After(p.cfg.ReconnectDelay)
				continue
			}
			conn, lastOpen, lostByW = r.conn, "", nil
			st.Connects++
			p.connects.Add(1)
			if a, ok := conn.(Announcer); ok && first {
				p.cfg.Notify("%s", a.Announce())
			}
			if !first {
				st.Reconnects++
				p.reconnects.Add(1)
				p.cfg.Notify("reconnected: %v", p.link)
			}
			first = false
			p.pace.connected()
			readDone = make(chan error, 1)
			go func(c Conn, done chan<- error) { done <- c.ReadLoop() }(conn, readDone)
			p.setConn(conn)

		case rerr := <-readDone:
			p.setConn(nil)
			conn.Close()
			conn = nil
			why := "remote end closed the connection"
			switch {
			case lostByW != nil:
				why = lostByW.Error()
			case rerr != nil:
				why = rerr.Error()
			}
			if p.fl != nil {
				seqs := p.fl.take(time.Now())
				p.inFlightN.Add(int64(len(seqs)))
				why += describeInFlight(seqs, p.fl.window, p.fl.resend && p.cfg.Reconnect)
			}
			if !p.cfg.Reconnect {
				p.cfg.Notify("%v: %s; not reconnecting", p.link, why)
				p.sink.close()
				if lostByW != nil {
					rerr = lostByW
				}
				return st, rerr
			}
			p.cfg.Notify("%v: %s; reconnecting in %v", p.link, why, p.cfg.ReconnectDelay)
			retryWait, retry = true, time.After(p.cfg.ReconnectDelay)

		case f := <-p.failed:
			if f.conn == conn && conn != nil && lostByW == nil {
				lostByW = fmt.Errorf("write failed: %w", f.err)
				conn.Close() // ReadLoop returns and readDone takes it from here
			}

		case <-retry:
			retryWait, retry = false, nil

		case <-ctxDone: // a signal or --duration
			ctxDone, stopWhen, linger, bySignal = nil, nil, nil, true
			if conn == nil {
				cancelOpen()
			}
			if beginStop() {
				stop()
				return st, result
			}

		// End of stdin means "no more commands", never "stop reading": a
		// link that reads keeps reading until it closes for good, --count,
		// --duration, a signal, or the --linger deadline. A write-only link,
		// a link that only reads answers to its writes (RepliesOnly), or a
		// broken stdin stream stops once what is queued is written.
		case <-stopWhen:
			stopWhen = nil
			result = p.stdinErr
			if result != nil || p.cfg.WriteOnly || repliesOnly(p.link) {
				if beginStop() {
					stop()
					return st, neverUp(result)
				}
				continue
			}
			if p.cfg.Linger > 0 {
				linger = time.After(p.cfg.Linger)
			}

		case <-linger: // a deadline, not an idle timer
			linger = nil
			if beginStop() {
				stop()
				return st, neverUp(result)
			}

		case <-drainedC:
			drainedC, drainBy, drained = nil, nil, true
			if stopping {
				stop()
				if bySignal {
					return st, result
				}
				return st, neverUp(result)
			}

		case <-drainBy:
			stop()
			if n := int64(len(p.queue)) + p.pending.Load(); n > 0 {
				return st, fmt.Errorf("%d queued records not written within --drain-timeout %v", n, p.cfg.DrainTimeout)
			}
			return st, neverUp(result)

		case perr := <-p.pace.fatal: // a response timeout or unexpected response, raise exceptions set
			stop()
			return st, perr

		case <-p.sink.limitHit:
			stop()
			return st, result

		case oerr := <-outErr:
			p.outDone, p.outErr = true, oerr
			stop()
			return st, result
		}
	}
}

type connResult struct {
	conn Conn
	err  error
}

// setConn publishes the connection the writer may use (nil: none).
func (p *pump) setConn(c Conn) {
	p.mu.Lock()
	p.conn = c
	close(p.changed)
	p.changed = make(chan struct{})
	p.mu.Unlock()
}

func (p *pump) current() (Conn, <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.conn, p.changed
}

// readStdin moves stdin records into the bounded queue. When the queue is
// full it blocks, so stdin is no longer read: back-pressure, not loss.
func (p *pump) readStdin(in *record.Reader) {
	// stdinEOF closes before the queue so the loop sees that stdin ended
	// no later than the writer reports the queue drained.
	defer close(p.queue)
	defer close(p.stdinEOF)
	for {
		rec, err := in.Read()
		if err != nil {
			if err != io.EOF {
				p.stdinErr = fmt.Errorf("stdin: %w", err)
			}
			return
		}
		if !p.budget.acquire(len(rec.Data)) {
			return
		}
		o := p.newOut()
		o.meta = rec.Meta
		o.data = append(o.data[:0], rec.Data...)
		o.budgeted = true
		select {
		case p.queue <- o:
		case <-p.quit:
			return
		}
		if n := int64(len(p.queue)); n > p.queueMax.Load() {
			p.queueMax.Store(n)
		}
		if p.cfg.queued != nil {
			p.cfg.queued()
		}
	}
}

func (p *pump) newOut() *outRec {
	select {
	case o := <-p.free:
		return o
	default:
		return &outRec{}
	}
}

// maxKeptBuffer: larger record buffers go back to the garbage collector
// rather than staying pinned in the free list.
const maxKeptBuffer = 1 << 20

func (p *pump) release(o *outRec) {
	if o.budgeted {
		p.budget.release(len(o.data))
		o.budgeted = false
	}
	if o.fixed || cap(o.data) > maxKeptBuffer {
		return
	}
	o.meta, o.data = nil, o.data[:0]
	select {
	case p.free <- o:
	default:
	}
}

// tick offers a periodic record to the writer while the link is up.
func (p *pump) tick(pc Periodic) {
	defer p.helpers.Done()
	t := time.NewTicker(pc.Every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if c, _ := p.current(); c == nil {
				continue // COSMOS sends periodic commands only while connected
			}
			o := &outRec{meta: pc.Meta.Clone(), data: pc.Data, fixed: true, log: pc.Log}
			select {
			case p.periodic <- o:
			case <-p.quit:
				return
			}
		case <-p.quit:
			return
		}
	}
}
