package link

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// HTTP server limits: clients cannot make c3link hold more than
// MaxClients * MaxBody bytes of bodies or 4 * MaxClients connections (each
// with at most MaxHeaderBytes of headers), nor keep either longer than
// ClientTimeout.
const (
	DefaultHTTPServerMaxBody     = 1 << 20
	DefaultHTTPServerMaxHeaders  = 100
	DefaultHTTPServerHeaderBytes = 64 << 10
	DefaultHTTPServerMaxClients  = 64
	DefaultHTTPClientTimeout     = 10 * time.Second
)

// HTTPServer is COSMOS's HTTP Server Interface. Every request becomes a
// record (body as data; HTTP_METHOD, HTTP_PATH, HTTP_QUERIES, HTTP_HEADERS
// and PEER in extra). Records written set the response served at their
// HTTP_PATH (HTTP_STATUS, HTTP_HEADERS, data as body), the last one for a
// path winning, so a pipeline can serve live telemetry. A path is a mount
// point, as in COSMOS (WEBrick): /tlm also answers /tlm/more unless
// /tlm/more has a response of its own. Other paths get 404.
type HTTPServer struct {
	ListenAddress  string // COSMOS LISTEN_ADDRESS; c3link defaults to 127.0.0.1
	Port           int    // 0 picks a free port (kept across reconnects)
	MaxBody        int64  // larger request bodies get 413
	MaxHeaders     int    // more request headers get 431
	MaxHeaderBytes int    // request line and headers, in bytes
	MaxClients     int    // requests served at once; more get 503
	ClientTimeout  time.Duration
	// Bound, when set, is told the listener's address once it listens.
	Bound func(addr net.Addr)

	mu        sync.RWMutex
	responses map[string]*httpResponse // by path; kept across reconnects
}

type httpResponse struct {
	status  int
	headers map[string][]string
	body    []byte
	target  string // the request record's identity (COSMOS: HTTP_PACKET)
	packet  string
}

func (s *HTTPServer) String() string {
	return "http-server " + net.JoinHostPort(s.ListenAddress, strconv.Itoa(s.Port))
}

func (s *HTTPServer) defaults() {
	if s.MaxBody <= 0 {
		s.MaxBody = DefaultHTTPServerMaxBody
	}
	if s.MaxHeaders <= 0 {
		s.MaxHeaders = DefaultHTTPServerMaxHeaders
	}
	if s.MaxHeaderBytes <= 0 {
		s.MaxHeaderBytes = DefaultHTTPServerHeaderBytes
	}
	if s.MaxClients <= 0 {
		s.MaxClients = DefaultHTTPServerMaxClients
	}
	if s.ClientTimeout <= 0 {
		s.ClientTimeout = DefaultHTTPClientTimeout
	}
}

// Open listens; a port in use is permanent on the first attempt.
func (s *HTTPServer) Open(ctx context.Context, env *Env) (Conn, error) {
	s.defaults()
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", net.JoinHostPort(s.ListenAddress, strconv.Itoa(s.Port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) || errors.Is(err, syscall.EADDRNOTAVAIL) || errors.Is(err, syscall.EACCES) {
			return nil, permanent(fmt.Errorf("cannot listen on %s port %d: %w", s.ListenAddress, s.Port, unwrapOp(err)))
		}
		var dns *net.DNSError
		if errors.As(err, &dns) {
			return nil, permanent(fmt.Errorf("listen address %q: %v", s.ListenAddress, dns.Err))
		}
		return nil, err
	}
	if s.Port == 0 {
		s.Port = ln.Addr().(*net.TCPAddr).Port
	}
	if s.Bound != nil {
		s.Bound(ln.Addr())
	}
	ln = &limitListener{Listener: ln, slots: make(chan struct{}, connsPerClientSlot*s.MaxClients), closed: make(chan struct{})}
	c := &httpServerConn{s: s, env: env, ln: ln, slots: make(chan struct{}, s.MaxClients)}
	c.srv = &http.Server{
		Handler:           c,
		ReadHeaderTimeout: s.ClientTimeout,
		ReadTimeout:       s.ClientTimeout,
		WriteTimeout:      s.ClientTimeout,
		IdleTimeout:       s.ClientTimeout,
		MaxHeaderBytes:    s.MaxHeaderBytes,
		// Hostile or broken clients (bad TLS, garbage) are not worth a
		// stderr line each.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	return c, nil
}

type httpServerConn struct {
	s     *HTTPServer
	env   *Env
	ln    net.Listener
	srv   *http.Server
	slots chan struct{}
}

func (c *httpServerConn) ReadLoop() error {
	err := c.srv.Serve(c.ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Write sets the response for the record's HTTP_PATH.
func (c *httpServerConn) Write(meta record.Meta, data []byte) error {
	extra := meta.Extra()
	path, ok, err := extraString(extra, ExtraHTTPPath)
	if err != nil {
		return recordErrorf("%v", err)
	}
	if !ok || !strings.HasPrefix(path, "/") {
		return recordErrorf("a response needs extra.HTTP_PATH, a path starting with / (got %.80q)", path)
	}
	r := &httpResponse{status: http.StatusOK, body: append([]byte(nil), data...)}
	if st, ok := extra[ExtraHTTPStatus]; ok && st != nil {
		s, err := scalarString(st)
		n, cerr := strconv.Atoi(s)
		if err != nil || cerr != nil || n < 100 || n > 999 {
			return recordErrorf("extra.HTTP_STATUS %.20s is not a status code (100..999)", fmt.Sprint(st))
		}
		r.status = n
	}
	if r.headers, err = extraStrings(extra, ExtraHTTPHeaders); err != nil {
		return recordErrorf("%v", err)
	}
	if pkt, ok, _ := extraString(extra, ExtraHTTPPacket); ok && pkt != "" && meta.Target() != "" {
		r.target, r.packet = strings.ToUpper(meta.Target()), strings.ToUpper(pkt)
	}
	if len(path) > 1 {
		path = strings.TrimSuffix(path, "/")
	}
	c.s.mu.Lock()
	if c.s.responses == nil {
		c.s.responses = map[string]*httpResponse{}
	}
	c.s.responses[path] = r
	c.s.mu.Unlock()
	return nil
}

// lookup finds the response mounted at path or, as a WEBrick mount point
// does, at the nearest parent path ("/" answers everything unmounted).
func (s *HTTPServer) lookup(path string) *httpResponse {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for p := path; ; {
		if r, ok := s.responses[p]; ok {
			return r
		}
		if p == "/" || p == "" {
			return nil
		}
		i := strings.LastIndexByte(p, '/')
		if i <= 0 {
			p = "/"
		} else {
			p = p[:i]
		}
	}
}

// ServeHTTP answers one request and emits it as a record.
func (c *httpServerConn) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	select {
	case c.slots <- struct{}{}:
		defer func() { <-c.slots }()
	default:
		w.Header().Set("Retry-After", "1")
		http.Error(w, "busy: too many requests at once", http.StatusServiceUnavailable)
		return
	}
	if len(req.Header) > c.s.MaxHeaders {
		http.Error(w, "too many headers", http.StatusRequestHeaderFieldsTooLarge)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, c.s.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, fmt.Sprintf("request body over %d bytes", c.s.MaxBody), http.StatusRequestEntityTooLarge)
			c.env.Notify("%s %s from %s: body over --max-body %d bytes; answered 413", req.Method, req.URL.Path, req.RemoteAddr, c.s.MaxBody)
			return
		}
		return // the client went away or was too slow: nothing to record
	}
	resp := c.s.lookup(req.URL.Path)
	if resp == nil {
		http.NotFound(w, req)
	} else {
		h := w.Header()
		for k, vs := range resp.headers {
			for _, v := range vs {
				h.Add(k, v)
			}
		}
		if h.Get("Content-Type") == "" {
			h.Set("Content-Type", "application/octet-stream")
		}
		h.Set("Content-Length", strconv.Itoa(len(resp.body)))
		w.WriteHeader(resp.status)
		if req.Method != http.MethodHead {
			w.Write(resp.body)
		}
	}
	c.env.Sink.Emit(c.requestMeta(req, resp), body)
}

// requestMeta is a request's meta: time, LINK, PEER and COSMOS's request
// keys. Header names are lower-case, as COSMOS gives them; the Host header
// is among them.
func (c *httpServerConn) requestMeta(req *http.Request, resp *httpResponse) record.Meta {
	meta := c.env.Sink.Meta(req.RemoteAddr)
	if meta == nil {
		return nil
	}
	extra := meta.Extra()
	extra[ExtraHTTPMethod] = req.Method
	extra[ExtraHTTPPath] = req.URL.Path
	extra[ExtraHTTPQueries] = queryMap(req.URL.Query())
	headers := headerMap(req.Header)
	if req.Host != "" {
		headers["host"] = req.Host
	}
	extra[ExtraHTTPHeaders] = headers
	if resp != nil && resp.packet != "" {
		meta[record.KeyTarget] = resp.target
		meta[record.KeyPacket] = resp.packet
	}
	return meta
}

func (c *httpServerConn) Close() error {
	return c.srv.Close()
}

// connsPerClientSlot: open connections allowed per --max-clients slot. Idle
// keep-alive connections and clients still sending their headers hold a
// connection but no slot; this bounds them too.
const connsPerClientSlot = 4

// limitListener accepts at most cap(slots) connections at once; further
// clients wait in the kernel's backlog until one closes. Each connection
// costs a goroutine and its buffers, so this bounds what a flood of
// connections can take.
type limitListener struct {
	net.Listener
	slots     chan struct{}
	closed    chan struct{} // unblocks an Accept waiting for a slot
	closeOnce sync.Once
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.closed:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
}

func (l *limitListener) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return l.Listener.Close()
}

type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
