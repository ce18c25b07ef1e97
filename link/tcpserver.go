package link

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/c3kit/c3kit/frame/record"
	"golang.org/x/sys/unix"
)

// DefaultClientQueue is how many records may wait for one tcp-server client
// before that client is considered stuck and dropped.
const DefaultClientQueue = 256

// DefaultStallTimeout: a tcp-server client whose queue is full and that has
// taken no record for this long is not slow but stuck, and is dropped. Short
// against the write timeout (10 s) that the others used to wait; long enough
// that a client whose process is starved of CPU for a moment is not dropped.
const DefaultStallTimeout = 200 * time.Millisecond

// TCPServer is COSMOS's TCP/IP Server Interface: it listens on WritePort and
// ReadPort (one listener when equal; NoPort disables a direction; port 0
// picks a free port) and serves any
// number of clients at once. Reads from every client become records tagged
// with its PEER; a record written goes to the client named in its
// extra.PEER (when the record came from this link), or else to every client
// connected to the write port (as COSMOS does). Each client has its own
// bounded queue and write deadline: a client whose queue is full and not
// moving is dropped, so one that stops reading never stalls the others.
type TCPServer struct {
	ListenAddress             string // COSMOS LISTEN_ADDRESS; c3link defaults to 127.0.0.1
	WritePort, ReadPort       int
	WriteTimeout, ReadTimeout time.Duration
	ClientQueue               int           // records that may wait for one client
	StallTimeout              time.Duration // queue full and nothing taken this long: stuck, dropped (0: DefaultStallTimeout)
	MaxClients                int           // connections served at once (0: no limit); one more is refused
	Broadcast                 bool          // ignore extra.PEER: every record goes to every client
	// Bound, when set, is told each listener's actual address once it is
	// listening (port 0 picks a free port).
	Bound func(role string, addr net.Addr)
}

func (t *TCPServer) String() string {
	if t.WritePort == t.ReadPort {
		return fmt.Sprintf("tcp-server %s", net.JoinHostPort(t.ListenAddress, strconv.Itoa(t.ReadPort)))
	}
	return fmt.Sprintf("tcp-server %s write %d read %d", t.ListenAddress, t.WritePort, t.ReadPort)
}

// GreetsClients: each client that connects to the write port gets the
// connect commands first (ClientGreeter).
func (t *TCPServer) GreetsClients() {}

const (
	roleRead  = 1
	roleWrite = 2
)

// Open starts listening. A port in use or an address not on this host is
// permanent on the first attempt.
func (t *TCPServer) Open(ctx context.Context, env *Env) (Conn, error) {
	s := &serverConn{t: t, env: env, clients: map[*client]struct{}{}, changed: make(chan struct{}), done: make(chan struct{})}
	if t.ClientQueue <= 0 {
		t.ClientQueue = DefaultClientQueue
	}
	if t.StallTimeout <= 0 {
		t.StallTimeout = DefaultStallTimeout
	}
	add := func(port, role int) error {
		var lc net.ListenConfig
		ln, err := lc.Listen(ctx, "tcp", net.JoinHostPort(t.ListenAddress, strconv.Itoa(port)))
		if err != nil {
			if errors.Is(err, syscall.EADDRINUSE) || errors.Is(err, syscall.EADDRNOTAVAIL) || errors.Is(err, syscall.EACCES) {
				return permanent(fmt.Errorf("cannot listen on %s port %d: %w", t.ListenAddress, port, unwrapOp(err)))
			}
			var dns *net.DNSError
			if errors.As(err, &dns) {
				return permanent(fmt.Errorf("listen address %q: %v", t.ListenAddress, dns.Err))
			}
			return err
		}
		s.listeners = append(s.listeners, listener{ln, role})
		if t.Bound != nil {
			name := map[int]string{roleRead: "read", roleWrite: "write", roleRead | roleWrite: "read/write"}[role]
			t.Bound(name, ln.Addr())
		}
		return nil
	}
	var err error
	switch {
	case t.WritePort == t.ReadPort:
		err = add(t.ReadPort, roleRead|roleWrite)
	default:
		if t.WritePort != NoPort {
			err = add(t.WritePort, roleWrite)
		}
		if err == nil && t.ReadPort != NoPort {
			err = add(t.ReadPort, roleRead)
		}
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

type listener struct {
	ln   net.Listener
	role int
}

type serverConn struct {
	t         *TCPServer
	env       *Env
	listeners []listener
	mu        sync.Mutex
	clients   map[*client]struct{}
	changed   chan struct{} // closed and replaced when a write client arrives
	closed    atomic.Bool
	done      chan struct{}
	closeOnce sync.Once
	wg        sync.WaitGroup // client goroutines
}

type client struct {
	c     net.Conn
	peer  string
	role  int
	q     chan []byte
	greet int // how many of the first records in q are connect commands
	// progress is when the client last took a record (unix ns): a full
	// queue that is still moving is waited on, one that is not is dropped.
	progress atomic.Int64
	gone     chan struct{}
	goOnce   sync.Once
}

func (s *serverConn) ReadLoop() error {
	errs := make(chan error, len(s.listeners))
	for _, l := range s.listeners {
		go func(l listener) { errs <- s.accept(l) }(l)
	}
	var err error
	for range s.listeners {
		if e := <-errs; e != nil && err == nil {
			err = e
			s.Close() // one listener failing ends the server; reopen both
		}
	}
	s.Close()
	s.wg.Wait()
	return err
}

func (s *serverConn) accept(l listener) error {
	for {
		c, err := l.ln.Accept()
		if err != nil {
			if s.closed.Load() {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
				time.Sleep(50 * time.Millisecond) // out of descriptors: back off, keep serving
				continue
			}
			return fmt.Errorf("accept: %w", err)
		}
		s.serve(c, l.role)
	}
}

// serve registers a client and starts its reader and (write role) writer.
func (s *serverConn) serve(c net.Conn, role int) {
	cl := &client{c: c, peer: c.RemoteAddr().String(), role: role, gone: make(chan struct{})}
	cl.progress.Store(time.Now().UnixNano())
	if role&roleWrite != 0 {
		// The connect commands go first, before the client is known to
		// Write, so no other record can get ahead of them.
		cl.q = make(chan []byte, s.t.ClientQueue+len(s.env.Connect))
		for _, cc := range s.env.Connect {
			cl.q <- cc.Data
		}
		cl.greet = len(s.env.Connect)
	}
	s.mu.Lock()
	if s.closed.Load() {
		s.mu.Unlock()
		c.Close()
		return
	}
	if n := len(s.clients); s.t.MaxClients > 0 && n >= s.t.MaxClients {
		s.mu.Unlock()
		c.Close()
		s.env.Notify("client %s refused: --max-clients %d reached", cl.peer, n)
		return
	}
	s.clients[cl] = struct{}{}
	if role&roleWrite != 0 {
		close(s.changed)
		s.changed = make(chan struct{})
	}
	s.wg.Add(1)
	s.mu.Unlock()
	s.env.Notify("client %s connected", cl.peer)

	go func() {
		defer s.wg.Done()
		var wdone chan struct{}
		if cl.q != nil {
			wdone = make(chan struct{})
			go func() { defer close(wdone); s.writeClient(cl) }()
		}
		err := readStream(c, s.env.Sink, cl.peer, s.t.ReadTimeout, role&roleRead == 0, func() bool { return s.closed.Load() || isGone(cl) })
		if err != nil {
			s.drop(cl, fmt.Sprintf("client %s: %v; disconnected", cl.peer, err))
		} else {
			s.drop(cl, fmt.Sprintf("client %s disconnected", cl.peer))
		}
		if wdone != nil {
			<-wdone
		}
	}()
}

func isGone(cl *client) bool {
	select {
	case <-cl.gone:
		return true
	default:
		return false
	}
}

// drop removes a client once, closes it and says why (unless the whole
// server is closing).
func (s *serverConn) drop(cl *client, why string) {
	if !cl.disconnect() {
		return
	}
	s.mu.Lock()
	delete(s.clients, cl)
	s.mu.Unlock()
	if !s.closed.Load() {
		s.env.Notify("%s", why)
	}
}

// disconnect closes the client's socket once; it reports whether this call
// did it. It takes no lock, so Close may call it while holding none.
func (cl *client) disconnect() (first bool) {
	cl.goOnce.Do(func() {
		first = true
		close(cl.gone)
		cl.c.Close()
	})
	return first
}

func (s *serverConn) writeClient(cl *client) {
	for {
		select {
		case b := <-cl.q:
			if err := writeFull(cl.c, b, s.t.WriteTimeout); err != nil {
				s.drop(cl, fmt.Sprintf("client %s: %v; dropped", cl.peer, err))
				return
			}
			cl.progress.Store(time.Now().UnixNano())
			if n := len(s.env.Connect) - cl.greet; cl.greet > 0 {
				cl.greet--
				s.env.ConnectWritten(s.env.Connect[n], cl.peer)
			}
		case <-cl.gone:
			return
		}
	}
}

// Write queues data for the client named in extra.PEER, or for every write
// client. With no write client connected it waits for one.
func (s *serverConn) Write(meta record.Meta, data []byte) error {
	peer := s.addressee(meta)
	for {
		s.mu.Lock()
		var targets []*client
		for cl := range s.clients {
			if cl.role&roleWrite != 0 && (peer == "" || cl.peer == peer) {
				targets = append(targets, cl)
			}
		}
		changed := s.changed
		s.mu.Unlock()
		if len(targets) > 0 {
			// One copy, shared read-only by every client's queue: memory is
			// bounded by the queue length, not multiplied by the clients.
			b := append([]byte(nil), data...)
			for _, cl := range targets {
				if err := s.enqueue(cl, b); err != nil {
					return err
				}
			}
			return nil
		}
		if peer != "" {
			return recordErrorf("peer %s is not connected", peer)
		}
		select {
		case <-changed:
		case <-s.done:
			return errors.New("server closed")
		}
	}
}

// addressee is the client a record is for: its extra.PEER, but only when
// the record came from this link (extra.LINK absent or ours). A record read
// by another link (a router's other side) carries that link's PEER, which
// names none of our clients: it goes to every client.
func (s *serverConn) addressee(meta record.Meta) string {
	if s.t.Broadcast {
		return ""
	}
	x := meta.Extra()
	peer, _ := x[ExtraPeer].(string)
	if l, ok := x[ExtraLink].(string); ok && l != s.env.Sink.Name {
		return ""
	}
	return peer
}

// enqueue gives one client its copy of a record. A full queue that its
// writer is still draining (a slow client, or a replay faster than the
// network) is waited on, so stdin is paced by TCP flow control; a client
// whose queue is full and that has taken nothing for the stall timeout is
// stuck and dropped at once, with one line. So the others never wait on a
// stuck client for more than the stall timeout, where they used to wait its
// write timeout. Stuck also needs bytes still unsent in the kernel: a
// client that read everything while our process was starved of CPU (its
// writer not yet run) is not stuck.
func (s *serverConn) enqueue(cl *client, b []byte) error {
	for {
		select {
		case cl.q <- b:
			return nil
		default:
		}
		idle := time.Since(time.Unix(0, cl.progress.Load()))
		stall := s.t.StallTimeout
		if idle >= stall && unsentBytes(cl.c) != 0 {
			s.drop(cl, fmt.Sprintf("client %s is not reading (%d records queued, none taken for %v); dropped", cl.peer, cap(cl.q)-cl.greet, idle.Round(time.Millisecond)))
			return nil
		}
		wait := time.NewTimer(max(stall-idle, stall/4))
		select {
		case cl.q <- b:
			wait.Stop()
			return nil
		case <-wait.C:
		case <-cl.gone:
			wait.Stop()
			return nil
		case <-s.done:
			wait.Stop()
			return errors.New("server closed")
		}
	}
}

// unsentBytes is what the kernel still holds for a socket, not yet
// acknowledged by the peer (SIOCOUTQ); -1 when it cannot say.
func unsentBytes(c net.Conn) int {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return -1
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return -1
	}
	n := -1
	raw.Control(func(fd uintptr) {
		if v, err := unix.IoctlGetInt(int(fd), unix.SIOCOUTQ); err == nil {
			n = v
		}
	})
	return n
}

func (s *serverConn) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed.Store(true)
		close(s.done)
		clients := s.clients
		s.clients = map[*client]struct{}{}
		s.mu.Unlock()
		for cl := range clients {
			cl.disconnect()
		}
		for _, l := range s.listeners {
			l.ln.Close()
		}
	})
	return nil
}
