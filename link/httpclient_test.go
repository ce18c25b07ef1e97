package link

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// seen is what the test server received.
type seen struct {
	method, path, rawQuery string
	header                 http.Header
	body                   []byte
}

// httpEchoServer records each request and answers with the status asked for in
// ?status= (default 200), a header and a body naming the request.
func httpEchoServer(t *testing.T, tlsCfg *tls.Config) (*httptest.Server, chan seen) {
	t.Helper()
	got := make(chan seen, 64)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- seen{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), body}
		status := 200
		if s := r.URL.Query().Get("status"); s != "" {
			status, _ = strconv.Atoi(s)
		}
		w.Header().Set("X-Echo", r.Method+" "+r.URL.Path)
		w.Header().Add("X-Multi", "a")
		w.Header().Add("X-Multi", "b")
		w.WriteHeader(status)
		fmt.Fprintf(w, "%s %s %d", r.Method, r.URL.Path, len(body))
	})
	var srv *httptest.Server
	if tlsCfg != nil {
		srv = httptest.NewUnstartedServer(h)
		srv.TLS = tlsCfg
		srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are the point
		srv.StartTLS()
	} else {
		srv = httptest.NewServer(h)
	}
	t.Cleanup(srv.Close)
	return srv, got
}

func hostPort(t *testing.T, rawURL string) (string, int) {
	u, _ := url.Parse(rawURL)
	host, p, _ := net.SplitHostPort(u.Host)
	port, _ := strconv.Atoi(p)
	return host, port
}

func reqMeta(extra map[string]any) record.Meta { return record.Meta{record.KeyExtra: extra} }

func statusOf(m record.Meta) int {
	switch v := m.Extra()[ExtraHTTPStatus].(type) {
	case int:
		return v
	case uint64:
		return int(v)
	}
	return -1
}

func TestHTTPClientMethods(t *testing.T) {
	srv, got := httpEchoServer(t, nil)
	host, port := hostPort(t, srv.URL)
	h := startPump(t, &HTTPClient{Host: host, Port: port, Protocol: "http"}, Config{Reconnect: true}, true)
	body := []byte{0, 1, 2, 0xff, '\n'}
	for _, tc := range []struct {
		method   string
		sendBody bool // COSMOS sends the data with POST and PUT (and c3link PATCH)
	}{
		{"GET", false}, {"HEAD", false}, {"POST", true}, {"PUT", true}, {"PATCH", true}, {"DELETE", false}, {"OPTIONS", false}, {"get", false},
	} {
		t.Run(tc.method, func(t *testing.T) {
			h.send(reqMeta(map[string]any{
				ExtraHTTPMethod:  tc.method,
				ExtraHTTPPath:    "/api/v1/thing",
				ExtraHTTPQueries: map[string]any{"q": "a b&c", "n": uint64(5), "multi": []any{"x", "y"}},
				ExtraHTTPHeaders: map[string]any{"X-Token": "abc", "Content-Type": "application/octet-stream"},
			}), body)
			s := <-got
			m := strings.ToUpper(tc.method)
			if s.method != m || s.path != "/api/v1/thing" {
				t.Errorf("server saw %s %s", s.method, s.path)
			}
			q, _ := url.ParseQuery(s.rawQuery)
			if q.Get("q") != "a b&c" || q.Get("n") != "5" || strings.Join(q["multi"], ",") != "x,y" {
				t.Errorf("query %q", s.rawQuery)
			}
			if s.header.Get("X-Token") != "abc" {
				t.Errorf("headers %v", s.header)
			}
			if tc.sendBody != bytes.Equal(s.body, body) {
				t.Errorf("body %q (sent with %s: %v)", s.body, m, tc.sendBody)
			}
			r := h.next()
			if statusOf(r.meta) != 200 {
				t.Errorf("HTTP_STATUS %v", r.meta.Extra()[ExtraHTTPStatus])
			}
			hdr, _ := r.meta.Extra()[ExtraHTTPHeaders].(map[string]any)
			if hdr["x-echo"] != m+" /api/v1/thing" || hdr["x-multi"] != "a, b" {
				t.Errorf("HTTP_HEADERS %v", hdr)
			}
			want := fmt.Sprintf("%s /api/v1/thing %d", m, len(s.body))
			if m == "HEAD" {
				want = ""
			}
			if string(r.data) != want {
				t.Errorf("body %q, want %q", r.data, want)
			}
			if _, ok := r.meta.Extra()[ExtraHTTPRequest]; ok {
				t.Errorf("HTTP_REQUEST present without --include-request-in-response")
			}
		})
	}
}

// TestHTTPClientStatusCodes: every response is a record, whatever its
// status (COSMOS routes >= 300 to HTTP_ERROR_PACKET); redirects are
// followed as COSMOS's Faraday does.
func TestHTTPClientStatusCodes(t *testing.T) {
	srv, got := httpEchoServer(t, nil)
	host, port := hostPort(t, srv.URL)
	h := startPump(t, &HTTPClient{Host: host, Port: port, Protocol: "http", IncludeRequest: true}, Config{Reconnect: true}, true)
	for _, code := range []int{200, 201, 204, 400, 401, 403, 404, 500, 503} {
		meta := record.Meta{record.KeyTarget: "inst", record.KeyExtra: map[string]any{
			ExtraHTTPPath: "/s", ExtraHTTPQueries: map[string]any{"status": strconv.Itoa(code)},
			ExtraHTTPPacket: "RESPONSE", ExtraHTTPErrorPacket: "ERROR"}}
		h.send(meta, nil)
		<-got
		r := h.next()
		if statusOf(r.meta) != code {
			t.Errorf("status %d: record has HTTP_STATUS %v", code, r.meta.Extra()[ExtraHTTPStatus])
		}
		wantPkt := "RESPONSE"
		if code >= 300 {
			wantPkt = "ERROR"
		}
		if r.meta.Target() != "INST" || r.meta.Packet() != wantPkt {
			t.Errorf("status %d: identified as %s %s, want INST %s", code, r.meta.Target(), r.meta.Packet(), wantPkt)
		}
		req, _ := r.meta.Extra()[ExtraHTTPRequest].([]any)
		if len(req) != 2 {
			t.Fatalf("HTTP_REQUEST %v", r.meta.Extra()[ExtraHTTPRequest])
		}
		if re, _ := req[1].(map[string]any); re[ExtraHTTPMethod] != "GET" || re[ExtraHTTPPath] != "/s" || !strings.HasSuffix(re[ExtraHTTPURI].(string), "/s?status="+strconv.Itoa(code)) {
			t.Errorf("HTTP_REQUEST extra %v", re)
		}
	}
	h.closeStdin()
	if st, err := h.wait(); err != nil || st.Dropped != 0 || st.ReadRecords != 9 {
		t.Errorf("stats %+v err %v", st, err)
	}
}

func TestHTTPClientBadRequestsAreRejected(t *testing.T) {
	srv, got := httpEchoServer(t, nil)
	host, port := hostPort(t, srv.URL)
	h := startPump(t, &HTTPClient{Host: host, Port: port, Protocol: "http"}, Config{Reconnect: true}, true)
	for _, tc := range []struct {
		extra map[string]any
		note  string
	}{
		{map[string]any{ExtraHTTPMethod: "TRACE"}, "extra.HTTP_METHOD \"TRACE\" is not GET"},
		{map[string]any{ExtraHTTPURI: "http://elsewhere.example/x"}, "is not on http://127.0.0.1:"},
		{map[string]any{ExtraHTTPQueries: "a=b"}, "extra.HTTP_QUERIES must be a map of strings"},
		{map[string]any{ExtraHTTPHeaders: map[string]any{"X": map[string]any{}}}, "extra.HTTP_HEADERS.X: want text"},
	} {
		h.send(reqMeta(tc.extra), nil)
		h.waitNote(tc.note)
	}
	// The link is still up: a good request goes through.
	h.send(reqMeta(map[string]any{ExtraHTTPURI: srv.URL + "/abs"}), nil)
	if s := <-got; s.path != "/abs" {
		t.Errorf("path %q", s.path)
	}
	h.next()
	h.closeStdin()
	if st, _ := h.wait(); st.Dropped != 4 {
		t.Errorf("dropped %d, want 4", st.Dropped)
	}
}

func TestHTTPClientTLS(t *testing.T) {
	pki := newTestPKI(t)
	srv, got := httpEchoServer(t, pki.serverConfig(true))
	_, port := hostPort(t, srv.URL)
	mk := func(f TLSFiles) *tls.Config {
		c, err := f.Config("localhost")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, tc := range []struct {
		name string
		tls  TLSFiles
		want string // "" : works
	}{
		{"CA and client certificate", TLSFiles{CAFile: pki.CA, CertFile: pki.ClientCert, KeyFile: pki.ClientKey}, ""},
		{"insecure flag, client certificate", TLSFiles{InsecureSkipVerify: true, CertFile: pki.ClientCert, KeyFile: pki.ClientKey}, ""},
		{"wrong CA", TLSFiles{CAFile: pki.OtherCA, CertFile: pki.ClientCert, KeyFile: pki.ClientKey}, "certificate signed by unknown authority"},
		{"no client certificate", TLSFiles{CAFile: pki.CA}, "remote error: tls: certificate required"},
		{"system CAs", TLSFiles{}, "certificate signed by unknown authority"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := startPump(t, &HTTPClient{Host: "localhost", Port: port, Protocol: "https", TLS: mk(tc.tls)}, Config{Reconnect: true}, true)
			if tc.want != "" {
				_, err := h.wait()
				var rej *RejectedError
				if !errors.As(err, &rej) || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("err %v, want a RejectedError with %q", err, tc.want)
				}
				return
			}
			h.send(reqMeta(map[string]any{ExtraHTTPMethod: "POST", ExtraHTTPPath: "/secure"}), []byte("cmd"))
			if s := <-got; s.path != "/secure" || string(s.body) != "cmd" {
				t.Errorf("server saw %+v", s)
			}
			if r := h.next(); string(r.data) != "POST /secure 3" || statusOf(r.meta) != 200 {
				t.Errorf("response %q %v", r.data, r.meta)
			}
		})
	}
}

// TestHTTPClientFaults: a server slower than the read timeout, one that
// closes the connection early, and one that is not there. The first two
// reject only that request (the server may have acted on it; it is not
// sent again); no server at all is a link down: retried, then sent.
func TestHTTPClientFaults(t *testing.T) {
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-time.After(5 * time.Second):
		}
		w.Write([]byte("late"))
	})
	mux.HandleFunc("/close", func(w http.ResponseWriter, r *http.Request) {
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"))
		conn.Close()
	})
	mux.HandleFunc("/hangup", func(w http.ResponseWriter, r *http.Request) {
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
	})
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("fine")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)
	host, port := hostPort(t, srv.URL)
	h := startPump(t, &HTTPClient{Host: host, Port: port, Protocol: "http", ReadTimeout: 300 * time.Millisecond}, Config{Reconnect: true}, true)
	for _, tc := range []struct{ path, note string }{
		{"/slow", "GET /slow: no answer within the read timeout (300ms)"},
		{"/close", "GET /close: status 200, reading the body: the server closed the connection before the response was complete"},
		{"/hangup", "GET /hangup: the server closed the connection before the response was complete"},
	} {
		h.send(reqMeta(map[string]any{ExtraHTTPPath: tc.path}), nil)
		h.waitNote(tc.note)
		h.send(reqMeta(map[string]any{ExtraHTTPPath: "/ok"}), nil)
		if r := h.next(); string(r.data) != "fine" {
			t.Fatalf("after %s: %q", tc.path, r.data)
		}
	}
	h.closeStdin()
	st, err := h.wait()
	if err != nil || st.Dropped != 3 || st.ReadRecords != 3 || st.Reconnects != 0 {
		t.Errorf("stats %+v err %v", st, err)
	}

	// No server yet: the link retries; the queued request goes once it is up.
	ln := listen(t)
	addr := ln.Addr().String()
	ln.Close()
	_, port2 := hostPort(t, "http://"+addr)
	h2 := startPump(t, &HTTPClient{Host: "127.0.0.1", Port: port2, Protocol: "http"}, Config{Reconnect: true}, true)
	h2.send(reqMeta(map[string]any{ExtraHTTPPath: "/late"}), []byte("x"))
	h2.waitNote("connection refused; retrying every 100ms")
	ln2 := relisten(t, addr)
	late := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("up " + r.URL.Path)) })}
	go late.Serve(ln2)
	defer late.Close()
	if r := h2.next(); string(r.data) != "up /late" {
		t.Errorf("got %q", r.data)
	}
}

func TestHTTPClientPoll(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"count":%d,"q":%q,"h":%q}`, n.Add(1), r.URL.Query().Get("item"), r.Header.Get("Accept"))
	}))
	defer srv.Close()
	host, port := hostPort(t, srv.URL)
	poll := &HTTPRequest{Method: "GET", Path: "/tlm", Queries: map[string][]string{"item": {"TEMP1"}}, Headers: map[string][]string{"Accept": {"application/json"}}}
	h := startPump(t, &HTTPClient{Host: host, Port: port, Protocol: "http", Poll: poll, PollEvery: 50 * time.Millisecond}, Config{Reconnect: true, MaxReads: 3}, false)
	for i := 1; i <= 3; i++ {
		r := h.next()
		if want := fmt.Sprintf(`{"count":%d,"q":"TEMP1","h":"application/json"}`, i); string(r.data) != want {
			t.Errorf("poll %d: %s, want %s", i, r.data, want)
		}
	}
	if st, err := h.wait(); err != nil || st.ReadRecords != 3 {
		t.Errorf("stats %+v err %v", st, err)
	}
}

// TestHTTPClientWriteTimeout: a server that never reads the request body
// cannot hold the link: the write timeout rejects that request.
func TestHTTPClientWriteTimeout(t *testing.T) {
	ln := listen(t)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // accepted, never read
		}
	}()
	h := startPump(t, &HTTPClient{Host: "127.0.0.1", Port: portOf(ln.Addr()), Protocol: "http", WriteTimeout: 300 * time.Millisecond}, Config{Reconnect: true}, true)
	h.send(reqMeta(map[string]any{ExtraHTTPMethod: "PUT", ExtraHTTPPath: "/big"}), make([]byte, 32<<20))
	n := h.waitNote("PUT /big: ")
	if !strings.Contains(n, "no answer within the write timeout (300ms)") {
		t.Errorf("note %q", n)
	}
}

// TestHTTPClientHTTPSToPlainServer: HTTPS to a server that does not speak
// TLS is a configuration fault: one error, no retry loop.
func TestHTTPClientHTTPSToPlainServer(t *testing.T) {
	srv, _ := httpEchoServer(t, nil)
	_, port := hostPort(t, srv.URL)
	h := startPump(t, &HTTPClient{Host: "127.0.0.1", Port: port, Protocol: "https", TLS: &tls.Config{ServerName: "127.0.0.1"}}, Config{Reconnect: true}, false)
	_, err := h.wait()
	var rej *RejectedError
	if !errors.As(err, &rej) || !strings.Contains(err.Error(), "does not look like a TLS handshake") {
		t.Fatalf("err %v, want a RejectedError", err)
	}
}
