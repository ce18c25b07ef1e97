package link

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// HTTP client defaults (COSMOS HTTP Client Interface).
const (
	DefaultHTTPWriteTimeout = 5 * time.Second
	DefaultHTTPMaxBody      = 64 << 20
)

// HTTPClient is COSMOS's HTTP Client Interface: each record written is one
// request (method, path, queries and headers from its meta, body from its
// data) and each response is one record read (body as data, HTTP_STATUS
// and HTTP_HEADERS in extra), whatever its status: COSMOS routes non-2xx
// responses to an error packet, so they are never dropped here.
type HTTPClient struct {
	Host     string
	Port     int
	Protocol string // "http" or "https"
	// WriteTimeout bounds each write of the request, ReadTimeout each read
	// of the response (0: block), ConnectTimeout each connection attempt.
	WriteTimeout, ReadTimeout, ConnectTimeout time.Duration
	IncludeRequest                            bool  // put the request in the response's extra.HTTP_REQUEST
	MaxBody                                   int64 // largest response body (default DefaultHTTPMaxBody)
	TLS                                       *tls.Config
	// Poll, when set, is requested every PollEvery while the link is up:
	// telemetry by GET, with no stdin needed.
	Poll      *HTTPRequest
	PollEvery time.Duration

	mu    sync.Mutex
	fatal error // a TLS rejection seen by a request: the next Open fails with it
}

// HTTPRequest is one request as the meta of a record describes it.
type HTTPRequest struct {
	Method  string
	Path    string // path, optionally with ?query; or an absolute URI on this server
	Queries map[string][]string
	Headers map[string][]string
	Body    []byte
}

// base is COSMOS's URL: the port is left out when it is the protocol's own.
func (h *HTTPClient) base() string {
	if h.Protocol == "http" && h.Port == 80 || h.Protocol == "https" && h.Port == 443 {
		return h.Protocol + "://" + hostForURL(h.Host)
	}
	return h.Protocol + "://" + net.JoinHostPort(h.Host, strconv.Itoa(h.Port))
}

func hostForURL(h string) string {
	if strings.Contains(h, ":") {
		return "[" + h + "]"
	}
	return h
}

func (h *HTTPClient) String() string { return "http-client " + h.base() }

// dialError marks a failure to connect: nothing of the request was sent,
// so the record may be sent again on the next connection.
type dialError struct{ err error }

func (e *dialError) Error() string { return e.err.Error() }
func (e *dialError) Unwrap() error { return e.err }

func (h *HTTPClient) connectTimeout() time.Duration {
	if h.ConnectTimeout > 0 {
		return h.ConnectTimeout
	}
	return DefaultConnectTimeout
}

// Open checks that the server can be reached (and, for HTTPS, that its
// certificate is trusted and ours accepted) and returns a connection whose
// requests use a fresh connection pool. A certificate problem is a
// RejectedError: retrying cannot fix it.
func (h *HTTPClient) Open(ctx context.Context, env *Env) (Conn, error) {
	h.mu.Lock()
	fatal := h.fatal
	h.mu.Unlock()
	if fatal != nil {
		return nil, &RejectedError{fatal}
	}
	addr := net.JoinHostPort(h.Host, strconv.Itoa(h.Port))
	c, err := (&TCPClient{Host: h.Host, ConnectTimeout: h.connectTimeout()}).dial(ctx, h.Port)
	if err != nil {
		return nil, err
	}
	if h.Protocol == "https" {
		tc := tls.Client(c, h.tlsConfig())
		hctx, cancel := context.WithTimeout(ctx, h.connectTimeout())
		err = tc.HandshakeContext(hctx)
		cancel()
		if err == nil {
			// TLS 1.3 servers refuse a client certificate only after the
			// handshake: a short read shows the alert, if one comes.
			tc.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
			if _, rerr := tc.Read(make([]byte, 1)); rerr != nil && tlsRejection(rerr) {
				err = rerr
			}
		}
		tc.Close()
		if err != nil {
			if tlsRejection(err) {
				return nil, &RejectedError{fmt.Errorf("TLS with %s: %w", addr, err)}
			}
			return nil, fmt.Errorf("TLS with %s: %w", addr, err)
		}
	} else {
		c.Close()
	}
	tr := &http.Transport{
		DialContext:         h.dial,
		TLSClientConfig:     h.tlsConfig(),
		TLSHandshakeTimeout: h.connectTimeout(),
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true, // the body is the target's bytes, as sent
	}
	cc := &httpClientConn{
		h:      h,
		env:    env,
		client: &http.Client{Transport: tr, CheckRedirect: nil}, // follows redirects, as COSMOS's Faraday does
		tr:     tr,
		peer:   addr,
		closed: make(chan struct{}),
	}
	return cc, nil
}

func (h *HTTPClient) tlsConfig() *tls.Config {
	if h.TLS != nil {
		return h.TLS.Clone()
	}
	return &tls.Config{ServerName: h.Host}
}

// dial connects with the connect timeout; the connection enforces the write
// and read timeouts on every write and read, as Ruby's Net::HTTP does.
func (h *HTTPClient) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: h.connectTimeout()}
	c, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, &dialError{fmt.Errorf("connecting to %s: %w", addr, unwrapOp(err))}
	}
	return &deadlineConn{Conn: c, read: h.ReadTimeout, write: h.WriteTimeout}, nil
}

// deadlineConn sets a fresh deadline before each read and write.
type deadlineConn struct {
	net.Conn
	read, write time.Duration
}

func (c *deadlineConn) Read(p []byte) (int, error) {
	if c.read > 0 {
		c.Conn.SetReadDeadline(time.Now().Add(c.read))
	}
	return c.Conn.Read(p)
}

func (c *deadlineConn) Write(p []byte) (int, error) {
	if c.write > 0 {
		c.Conn.SetWriteDeadline(time.Now().Add(c.write))
	}
	return c.Conn.Write(p)
}

type httpClientConn struct {
	h      *HTTPClient
	env    *Env
	client *http.Client
	tr     *http.Transport
	peer   string
	once   sync.Once
	closed chan struct{}
}

// ReadLoop runs the poll, if any, and otherwise waits: responses are
// emitted by Write, as they arrive.
func (c *httpClientConn) ReadLoop() error {
	if c.h.Poll == nil || c.h.PollEvery <= 0 {
		<-c.closed
		return nil
	}
	t := time.NewTicker(c.h.PollEvery)
	defer t.Stop()
	for {
		if err := c.do(c.h.Poll, nil); err != nil {
			if !errors.Is(err, ErrRecord) {
				return err
			}
			c.env.Notify("poll %s %s: %v", c.h.Poll.Method, c.h.Poll.Path, errors.Unwrap(err))
		}
		select {
		case <-c.closed:
			return nil
		case <-t.C:
		}
	}
}

// RepliesOnly: without polling, everything an HTTP client reads is the
// response to a request it wrote, so the end of stdin ends it once the
// queued requests are answered.
func (c *HTTPClient) RepliesOnly() bool { return c.Poll == nil }

// Write sends the request the record describes and emits its response.
func (c *httpClientConn) Write(meta record.Meta, data []byte) error {
	req, err := RequestFromMeta(meta, data)
	if err != nil {
		return recordErrorf("%v", err)
	}
	return c.do(req, meta)
}

// RequestFromMeta reads a request from a record: HTTP_METHOD (default
// GET), HTTP_URI or HTTP_PATH (default /), HTTP_QUERIES, HTTP_HEADERS, and
// the data as body.
func RequestFromMeta(meta record.Meta, data []byte) (*HTTPRequest, error) {
	extra := meta.Extra()
	r := &HTTPRequest{Method: "GET", Path: "/", Body: data}
	if m, ok, err := extraString(extra, ExtraHTTPMethod); err != nil {
		return nil, err
	} else if ok {
		r.Method = strings.ToUpper(strings.TrimSpace(m))
	}
	switch r.Method {
	case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS":
	default:
		return nil, fmt.Errorf("extra.HTTP_METHOD %.40q is not GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS", r.Method)
	}
	uri, hasURI, err := extraString(extra, ExtraHTTPURI)
	if err != nil {
		return nil, err
	}
	path, hasPath, err := extraString(extra, ExtraHTTPPath)
	if err != nil {
		return nil, err
	}
	switch {
	case hasURI:
		r.Path = uri
	case hasPath:
		r.Path = path
	}
	if r.Queries, err = extraStrings(extra, ExtraHTTPQueries); err != nil {
		return nil, err
	}
	if r.Headers, err = extraStrings(extra, ExtraHTTPHeaders); err != nil {
		return nil, err
	}
	return r, nil
}

// bodyMethods send the record's data; COSMOS sends none with GET and
// DELETE (nor does it with HEAD or OPTIONS).
var bodyMethods = map[string]bool{"POST": true, "PUT": true, "PATCH": true}

// url resolves a request's path against the server; an absolute URI must
// name this same server.
func (h *HTTPClient) url(r *HTTPRequest) (*url.URL, error) {
	base, _ := url.Parse(h.base())
	p := r.Path
	if !strings.HasPrefix(p, "/") && !strings.Contains(p, "://") {
		p = "/" + p
	}
	u, err := base.Parse(p)
	if err != nil {
		return nil, fmt.Errorf("path %.80q: %v", r.Path, err)
	}
	if u.Scheme != base.Scheme || u.Host != base.Host {
		return nil, fmt.Errorf("HTTP_URI %.80q is not on %s (this link's server)", r.Path, h.base())
	}
	if len(r.Queries) > 0 {
		q := u.Query()
		for _, k := range sortedKeys(r.Queries) {
			for _, v := range r.Queries[k] {
				q.Add(k, v)
			}
		}
		u.RawQuery = q.Encode()
	}
	return u, nil
}

// do performs one request and emits the response. A failure to connect is
// returned as is (the link is down; the record is sent again once it is
// back); any other failure (a timeout, the server closing early) rejects
// this record only (ErrRecord), because the server may have acted on it.
func (c *httpClientConn) do(r *HTTPRequest, reqMeta record.Meta) error {
	u, err := c.h.url(r)
	if err != nil {
		return recordErrorf("%v", err)
	}
	var body io.Reader
	if bodyMethods[r.Method] {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequest(r.Method, u.String(), body)
	if err != nil {
		return recordErrorf("%v", err)
	}
	for k, vs := range r.Headers {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if host := req.Header.Get("Host"); host != "" {
		req.Host = host
	}
	what := r.Method + " " + u.RequestURI()
	resp, err := c.client.Do(req)
	if err != nil {
		var de *dialError
		switch {
		case errors.As(err, &de):
			return de.err
		case tlsRejection(err):
			c.h.mu.Lock()
			c.h.fatal = fmt.Errorf("TLS with %s: %w", c.peer, unwrapURL(err))
			c.h.mu.Unlock()
			return c.h.fatal
		}
		return recordErrorf("%s: %s", what, describeHTTPError(err, c.h))
	}
	defer resp.Body.Close()
	max := c.h.MaxBody
	if max <= 0 {
		max = DefaultHTTPMaxBody
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return recordErrorf("%s: status %d, reading the body: %s", what, resp.StatusCode, describeHTTPError(err, c.h))
	}
	if int64(len(data)) > max {
		return recordErrorf("%s: status %d, the response body exceeds --max-body %d bytes", what, resp.StatusCode, max)
	}
	c.env.Sink.Emit(c.responseMeta(resp, r, u, reqMeta), data) // ErrStopped: shutting down, nothing to do
	return nil
}

// responseMeta is the response's meta: time, LINK, PEER, HTTP_STATUS,
// HTTP_HEADERS and (asked for) HTTP_REQUEST = [request body, request
// extra], as COSMOS keeps it. A request naming its response packet
// (target, and extra.HTTP_PACKET or, for a status of 300 and above,
// HTTP_ERROR_PACKET) gives the response that identity, as COSMOS does.
func (c *httpClientConn) responseMeta(resp *http.Response, r *HTTPRequest, u *url.URL, reqMeta record.Meta) record.Meta {
	meta := c.env.Sink.Meta(c.peer)
	if meta == nil {
		return nil
	}
	extra := meta.Extra()
	extra[ExtraHTTPStatus] = resp.StatusCode
	if len(resp.Header) > 0 {
		extra[ExtraHTTPHeaders] = headerMap(resp.Header)
	}
	reqExtra := reqMeta.Extra()
	if target := reqMeta.Target(); target != "" {
		pkt, _, _ := extraString(reqExtra, ExtraHTTPPacket)
		if errPkt, ok, _ := extraString(reqExtra, ExtraHTTPErrorPacket); ok && resp.StatusCode >= 300 {
			pkt = errPkt
		}
		if pkt != "" {
			meta[record.KeyTarget] = strings.ToUpper(target)
			meta[record.KeyPacket] = strings.ToUpper(pkt)
		}
	}
	if c.h.IncludeRequest {
		re := make(map[string]any, len(reqExtra)+4)
		for k, v := range reqExtra {
			re[k] = v
		}
		re[ExtraHTTPMethod] = r.Method
		re[ExtraHTTPURI] = u.String()
		re[ExtraHTTPPath] = u.Path
		if len(r.Queries) > 0 {
			re[ExtraHTTPQueries] = valuesMap(r.Queries)
		}
		if len(r.Headers) > 0 {
			re[ExtraHTTPHeaders] = valuesMap(r.Headers)
		}
		extra[ExtraHTTPRequest] = []any{append([]byte{}, r.Body...), re}
	}
	return meta
}

func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// describeHTTPError says what went wrong in words a test engineer can act on.
func describeHTTPError(err error, h *HTTPClient) string {
	err = unwrapURL(err)
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		var limits []string
		if h.ReadTimeout > 0 {
			limits = append(limits, fmt.Sprintf("the read timeout (%v)", h.ReadTimeout))
		}
		if h.WriteTimeout > 0 {
			limits = append(limits, fmt.Sprintf("the write timeout (%v)", h.WriteTimeout))
		}
		return "no answer within " + strings.Join(limits, " or ")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the server closed the connection before the response was complete"
	}
	return unwrapOp(err).Error()
}

func (c *httpClientConn) Close() error {
	c.once.Do(func() {
		close(c.closed)
		c.tr.CloseIdleConnections()
	})
	return nil
}
