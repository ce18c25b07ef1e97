package link

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// ErrStopped is returned by Sink.Emit once the pump accepts no more reads
// (shutdown, or the --count limit reached). Read loops just stop.
var ErrStopped = errors.New("link pump stopped")

// DefaultReadSize is the largest single read of a stream link (one record).
const DefaultReadSize = 64 << 10

// chunk is one read on its way to the stdout writer.
type chunk struct {
	meta record.Meta
	data []byte // a prefix of a buffer from Sink.Buffer
}

// Sink takes the reads of every connection of one pump and hands them, in
// order of arrival, to the single goroutine that writes stdout, so records
// never interleave. Buffers are recycled: reads do not allocate once warm.
type Sink struct {
	Name     string // the extra.LINK value
	readSize int
	ch       chan chunk
	free     chan []byte
	stop     chan struct{}
	stopOnce sync.Once
	discard  bool  // --write-only: reads are counted, never emitted
	noMeta   bool  // --out raw: meta would be dropped, so none is built
	limit    int64 // --count: stop after this many records (0: no limit)
	emitted  atomic.Int64
	bytes    atomic.Int64
	log      *StreamLog
	limitHit chan struct{}
	pace     *pacer // splits reads into responses and tags them (nil: none)
}

func newSink(name string, readSize, depth int, discard bool, limit int64, log *StreamLog) *Sink {
	if readSize <= 0 {
		readSize = DefaultReadSize
	}
	return &Sink{
		Name:     name,
		readSize: readSize,
		ch:       make(chan chunk, depth),
		free:     make(chan []byte, depth+4),
		stop:     make(chan struct{}),
		discard:  discard,
		limit:    limit,
		log:      log,
		limitHit: make(chan struct{}),
	}
}

// ReadSize is the size of the buffers Buffer returns.
func (s *Sink) ReadSize() int { return s.readSize }

// Buffer returns a buffer of ReadSize bytes to read into. Pass (a prefix of)
// it to Emit, which takes ownership, or to Recycle.
func (s *Sink) Buffer() []byte {
	select {
	case b := <-s.free:
		return b[:s.readSize]
	default:
		return make([]byte, s.readSize)
	}
}

// Recycle returns a buffer from Buffer that was not emitted.
func (s *Sink) Recycle(b []byte) {
	if cap(b) < s.readSize {
		return
	}
	select {
	case s.free <- b[:0]:
	default:
	}
}

// Now is the received time to put in meta, in Unix nanoseconds.
func (s *Sink) Now() uint64 { return uint64(time.Now().UnixNano()) }

// Meta returns the meta of a read made now from peer, or nil when stdout
// drops meta anyway (--out raw): no allocation per read then.
func (s *Sink) Meta(peer string) record.Meta {
	if s.noMeta {
		return nil
	}
	return newMeta(s.Now(), s.Name, peer)
}

// PeerMeta builds the meta of successive reads from one read loop. The
// extra map ({LINK, PEER}) is built once per peer and shared by its records:
// nothing changes meta after it is emitted (the stdout writer only encodes
// it), so sharing is safe and saves allocations on every read.
type PeerMeta struct {
	s     *Sink
	peer  string
	extra map[string]any
}

// PeerMeta returns a meta builder for one read loop.
func (s *Sink) PeerMeta() *PeerMeta { return &PeerMeta{s: s} }

// Meta returns the meta of a read made now from peer (nil with --out raw).
func (m *PeerMeta) Meta(peer string) record.Meta {
	if m.s.noMeta {
		return nil
	}
	if m.extra == nil || peer != m.peer {
		m.peer = peer
		m.extra = newMeta(0, m.s.Name, peer).Extra()
	}
	return record.Meta{record.KeyTime: m.s.Now(), record.KeyExtra: m.extra}
}

// Emit queues one read for stdout and takes ownership of data, which must
// start at the beginning of a buffer from Buffer. It blocks while stdout is
// behind (so a slow consumer slows the link, TCP flow control does the
// rest) and returns ErrStopped once the pump accepts no more reads.
func (s *Sink) Emit(meta record.Meta, data []byte) error {
	if s.log != nil {
		s.log.Read(data)
	}
	if s.pace != nil {
		return s.pace.emit(s, meta, data)
	}
	return s.emitChunk(meta, data)
}

// emitChunk queues one record for stdout (Emit, after pacing).
func (s *Sink) emitChunk(meta record.Meta, data []byte) error {
	if s.discard {
		s.bytes.Add(int64(len(data)))
		s.Recycle(data)
		return nil
	}
	n := s.emitted.Add(1)
	if s.limit > 0 && n > s.limit {
		s.Recycle(data)
		return ErrStopped
	}
	select {
	case s.ch <- chunk{meta, data}:
	case <-s.stop:
		s.Recycle(data)
		return ErrStopped
	}
	s.bytes.Add(int64(len(data)))
	if s.limit > 0 && n == s.limit {
		close(s.limitHit)
	}
	return nil
}

// close stops accepting reads; the stdout writer drains what was queued.
func (s *Sink) close() { s.stopOnce.Do(func() { close(s.stop) }) }
