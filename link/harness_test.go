package link

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// waitLong bounds every wait in these tests: generous, because CI machines
// are loaded; a passing test never waits this long.
const waitLong = 20 * time.Second

// lingerZero is c3link's --linger 0: stop as soon as what stdin gave is
// written, for tests whose link is done when its commands are.
const lingerZero = time.Nanosecond

type outRecord struct {
	meta record.Meta
	data []byte
}

// harness runs Run the way c3link does, with stdin and stdout as pipes.
type harness struct {
	t      *testing.T
	stdinW *io.PipeWriter
	stdin  *record.Writer
	out    chan outRecord
	mu     sync.Mutex
	notes  []string
	noteCh chan string
	done   chan struct{}
	st     Stats
	err    error
	cancel context.CancelFunc
	stdinN *countingReader
}

type countingReader struct {
	r  io.Reader
	mu sync.Mutex
	n  int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.mu.Lock()
	c.n += int64(n)
	c.mu.Unlock()
	return n, err
}

func (c *countingReader) count() int64 { c.mu.Lock(); defer c.mu.Unlock(); return c.n }

func startPump(t *testing.T, l Link, cfg Config, withStdin bool) *harness {
	t.Helper()
	h := &harness{t: t, out: make(chan outRecord, 1<<16), noteCh: make(chan string, 1024), done: make(chan struct{})}
	if cfg.Name == "" {
		cfg.Name = "test"
	}
	if cfg.ReconnectDelay == 0 {
		cfg.ReconnectDelay = 100 * time.Millisecond
	}
	cfg.Notify = func(f string, a ...any) {
		s := fmt.Sprintf(f, a...)
		h.mu.Lock()
		h.notes = append(h.notes, s)
		h.mu.Unlock()
		select {
		case h.noteCh <- s:
		default:
		}
	}
	var in *record.Reader
	if withStdin {
		pr, pw := io.Pipe()
		h.stdinW = pw
		h.stdin = record.NewWriter(pw)
		h.stdinN = &countingReader{r: pr}
		in = record.NewReader(h.stdinN)
	}
	or, ow := io.Pipe()
	go func() {
		r := record.NewReader(or)
		for {
			rec, err := r.Read()
			if err != nil {
				close(h.out)
				io.Copy(io.Discard, or)
				return
			}
			h.out <- outRecord{rec.Meta, append([]byte(nil), rec.Data...)}
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() {
		h.st, h.err = Run(ctx, l, in, record.NewWriter(ow), cfg)
		ow.Close()
		close(h.done)
	}()
	t.Cleanup(func() {
		cancel()
		if h.stdinW != nil {
			h.stdinW.Close()
		}
		select {
		case <-h.done:
		case <-time.After(waitLong):
			t.Errorf("pump did not stop")
		}
	})
	return h
}

// send writes records to the pump's stdin (flushing each).
func (h *harness) send(meta record.Meta, data ...[]byte) {
	h.t.Helper()
	for _, d := range data {
		if err := h.stdin.Write(meta, d); err != nil {
			h.t.Fatalf("stdin write: %v", err)
		}
		if err := h.stdin.Flush(); err != nil {
			h.t.Fatalf("stdin flush: %v", err)
		}
	}
}

func (h *harness) closeStdin() { h.stdin.Flush(); h.stdinW.Close() }

// readBytes collects record payloads from stdout until n bytes arrived.
func (h *harness) readBytes(n int) ([]byte, []outRecord) {
	h.t.Helper()
	var buf bytes.Buffer
	var recs []outRecord
	deadline := time.After(waitLong)
	for buf.Len() < n {
		select {
		case r, ok := <-h.out:
			if !ok {
				h.t.Fatalf("stdout ended after %d of %d bytes", buf.Len(), n)
			}
			buf.Write(r.data)
			recs = append(recs, r)
		case <-deadline:
			h.t.Fatalf("timeout: %d of %d bytes on stdout; notes %q", buf.Len(), n, h.allNotes())
		}
	}
	return buf.Bytes(), recs
}

func (h *harness) next() outRecord {
	h.t.Helper()
	select {
	case r, ok := <-h.out:
		if !ok {
			h.t.Fatalf("stdout ended")
		}
		return r
	case <-time.After(waitLong):
		h.t.Fatalf("timeout waiting for a record; notes %q", h.allNotes())
	}
	return outRecord{}
}

// waitNote waits for a Notify line containing sub.
func (h *harness) waitNote(sub string) string {
	h.t.Helper()
	deadline := time.After(waitLong)
	for {
		h.mu.Lock()
		for _, n := range h.notes {
			if strings.Contains(n, sub) {
				h.mu.Unlock()
				return n
			}
		}
		h.mu.Unlock()
		select {
		case <-h.noteCh:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			h.t.Fatalf("no notice containing %q; got %q", sub, h.allNotes())
		}
	}
}

func (h *harness) allNotes() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.notes...)
}

// wait waits for Run to return.
func (h *harness) wait() (Stats, error) {
	h.t.Helper()
	select {
	case <-h.done:
	case <-time.After(waitLong):
		h.t.Fatalf("pump did not stop; notes %q", h.allNotes())
	}
	return h.st, h.err
}

func peerOf(m record.Meta) string { s, _ := m.Extra()[ExtraPeer].(string); return s }

// listen opens a loopback listener on a free port.
func listen(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln
}

func portOf(a net.Addr) int { return a.(*net.TCPAddr).Port }

// pattern returns n bytes that make a lost, repeated or reordered byte show.
func pattern(n, seed int) []byte {
	b := make([]byte, n)
	x := uint32(seed)*2654435761 + 1
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

func accept(t *testing.T, ln net.Listener) net.Conn {
	t.Helper()
	type res struct {
		c   net.Conn
		err error
	}
	ch := make(chan res, 1)
	go func() { c, err := ln.Accept(); ch <- res{c, err} }()
	select {
	case r := <-ch:
		if r.err != nil {
			t.Fatal(r.err)
		}
		t.Cleanup(func() { r.c.Close() })
		return r.c
	case <-time.After(waitLong):
		t.Fatal("no connection")
	}
	return nil
}

// relisten listens again on addr, the address of a listener the test
// closed (the port may take a moment to be free again).
func relisten(t *testing.T, addr string) net.Listener {
	t.Helper()
	var ln net.Listener
	var err error
	for i := 0; i < 100; i++ {
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln
}
