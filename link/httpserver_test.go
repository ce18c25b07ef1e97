package link

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

func startHTTPServer(t *testing.T, s *HTTPServer) (*harness, string) {
	t.Helper()
	bound := make(chan net.Addr, 1)
	s.ListenAddress = "127.0.0.1"
	s.Bound = func(a net.Addr) { bound <- a }
	h := startPump(t, s, Config{Reconnect: true}, true)
	select {
	case a := <-bound:
		return h, "http://" + a.String()
	case <-time.After(waitLong):
		t.Fatal("not listening")
	}
	return nil, ""
}

// respond sets a response through stdin and waits until it is served.
func respond(t *testing.T, h *harness, base, path string, status int, headers map[string]any, body []byte) {
	t.Helper()
	extra := map[string]any{ExtraHTTPPath: path, ExtraHTTPStatus: uint64(status)}
	if headers != nil {
		extra[ExtraHTTPHeaders] = headers
	}
	h.send(record.Meta{record.KeyExtra: extra}, body)
	deadline := time.Now().Add(waitLong)
	for {
		resp, err := http.Get(base + path)
		if err == nil {
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			h.next() // the probe's own request record
			if resp.StatusCode == status && bytes.Equal(got, body) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("response for %s never served", path)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestHTTPServerRequestsAreRecords(t *testing.T) {
	h, base := startHTTPServer(t, &HTTPServer{})
	respond(t, h, base, "/cmd", 202, map[string]any{"X-Served-By": "c3link"}, []byte("accepted"))
	body := []byte{0, 0xff, 1, '\r', '\n'}
	for _, method := range []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"} {
		t.Run(method, func(t *testing.T) {
			var rb io.Reader
			if method != "GET" && method != "HEAD" {
				rb = bytes.NewReader(body)
			}
			req, _ := http.NewRequest(method, base+"/cmd/sub?a=1&a=2&b=x%20y", rb)
			req.Header.Set("X-Mixed-Case", "v")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			wantBody := "accepted"
			if method == "HEAD" {
				wantBody = ""
			}
			if resp.StatusCode != 202 || string(got) != wantBody || resp.Header.Get("X-Served-By") != "c3link" {
				t.Errorf("response %d %q %v", resp.StatusCode, got, resp.Header)
			}
			r := h.next()
			x := r.meta.Extra()
			if x[ExtraHTTPMethod] != method || x[ExtraHTTPPath] != "/cmd/sub" {
				t.Errorf("extra %v", x)
			}
			q, _ := x[ExtraHTTPQueries].(map[string]any)
			if fmt.Sprint(q["a"]) != "[1 2]" || q["b"] != "x y" {
				t.Errorf("HTTP_QUERIES %v", q)
			}
			hd, _ := x[ExtraHTTPHeaders].(map[string]any)
			if hd["x-mixed-case"] != "v" || !strings.HasPrefix(hd["host"].(string), "127.0.0.1:") {
				t.Errorf("HTTP_HEADERS %v", hd)
			}
			if !strings.HasPrefix(peerOf(r.meta), "127.0.0.1:") || x[ExtraLink] != "test" {
				t.Errorf("PEER/LINK %v", x)
			}
			if rb != nil && !bytes.Equal(r.data, body) {
				t.Errorf("body % x", r.data)
			}
		})
	}
}

func TestHTTPServerResponsesPerPath(t *testing.T) {
	h, base := startHTTPServer(t, &HTTPServer{})
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		h.next()
		return resp.StatusCode, string(b)
	}
	if code, _ := get("/tlm"); code != 404 {
		t.Errorf("before any response: %d, want 404", code)
	}
	respond(t, h, base, "/tlm", 200, nil, []byte(`{"TEMP1":1}`))
	respond(t, h, base, "/tlm", 200, nil, []byte(`{"TEMP1":2}`)) // last one wins
	respond(t, h, base, "/tlm/deep", 500, nil, []byte("broken"))
	for _, tc := range []struct {
		path string
		code int
		body string
	}{
		{"/tlm", 200, `{"TEMP1":2}`},
		{"/tlm/", 200, `{"TEMP1":2}`},
		{"/tlm/other", 200, `{"TEMP1":2}`}, // a mount point, as WEBrick's
		{"/tlm/deep", 500, "broken"},
		{"/tlm/deep/er", 500, "broken"},
		{"/tlmx", 404, ""},
		{"/", 404, ""},
		{"/nothing/here", 404, ""},
	} {
		code, body := get(tc.path)
		if code != tc.code || tc.body != "" && body != tc.body {
			t.Errorf("%s: %d %q, want %d %q", tc.path, code, body, tc.code, tc.body)
		}
	}
	// COSMOS's HTTP_PACKET: the response's target and packet name the
	// requests it answers.
	h.send(record.Meta{record.KeyTarget: "inst", record.KeyExtra: map[string]any{ExtraHTTPPath: "/hook", ExtraHTTPPacket: "webhook"}}, []byte("thanks"))
	for deadline := time.Now().Add(waitLong); ; {
		resp, err := http.Post(base+"/hook", "text/plain", strings.NewReader("event"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		r := h.next()
		if resp.StatusCode == 200 {
			if r.meta.Target() != "INST" || r.meta.Packet() != "WEBHOOK" || string(r.data) != "event" {
				t.Errorf("request record %s %s %q", r.meta.Target(), r.meta.Packet(), r.data)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("/hook never served")
		}
	}
	// A response without a path is rejected, with a clear line.
	h.send(record.Meta{record.KeyExtra: map[string]any{ExtraHTTPStatus: uint64(200)}}, []byte("x"))
	h.waitNote("a response needs extra.HTTP_PATH")
	h.send(record.Meta{record.KeyExtra: map[string]any{ExtraHTTPPath: "/s", ExtraHTTPStatus: uint64(42)}}, []byte("x"))
	h.waitNote("extra.HTTP_STATUS 42 is not a status code")
}

func TestHTTPServerLimits(t *testing.T) {
	h, base := startHTTPServer(t, &HTTPServer{MaxBody: 1000, MaxHeaders: 10, ClientTimeout: 500 * time.Millisecond})
	respond(t, h, base, "/in", 200, nil, []byte("ok"))
	post := func(n int) int {
		resp, err := http.Post(base+"/in", "application/octet-stream", bytes.NewReader(pattern(n, n)))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(1000); code != 200 {
		t.Errorf("body at the limit: %d", code)
	}
	if r := h.next(); !bytes.Equal(r.data, pattern(1000, 1000)) {
		t.Errorf("body at the limit not recorded whole")
	}
	if code := post(1001); code != 413 {
		t.Errorf("oversize body: %d, want 413", code)
	}
	h.waitNote("POST /in from 127.0.0.1:")
	if code := post(10 << 20); code != 413 {
		t.Errorf("10 MiB body: %d, want 413", code)
	}
	req, _ := http.NewRequest("GET", base+"/in", nil)
	for i := 0; i < 12; i++ {
		req.Header.Set(fmt.Sprintf("X-H%d", i), "v")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 431 {
		t.Errorf("too many headers: %d, want 431", resp.StatusCode)
	}
	// A slow client (headers a byte at a time, never finished) is cut off
	// after the client timeout instead of holding a slot for ever.
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part"))
	start := time.Now()
	c.SetReadDeadline(time.Now().Add(waitLong))
	io.Copy(io.Discard, c) // returns when the server closes
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("slow client kept for %v", d)
	}
	// None of the refused requests became records.
	select {
	case r := <-h.out:
		t.Errorf("unexpected record %q %v", r.data, r.meta)
	case <-time.After(200 * time.Millisecond):
	}
}

func TestHTTPServerManyClients(t *testing.T) {
	h, base := startHTTPServer(t, &HTTPServer{MaxClients: 1000})
	respond(t, h, base, "/tlm", 200, nil, []byte("live"))
	const clients, each = 50, 20
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			cl := &http.Client{Transport: &http.Transport{}}
			for i := 0; i < each; i++ {
				resp, err := cl.Post(fmt.Sprintf("%s/tlm?c=%d&i=%d", base, c, i), "text/plain", strings.NewReader(fmt.Sprintf("%d/%d", c, i)))
				if err != nil {
					errs <- err
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if string(b) != "live" {
					errs <- fmt.Errorf("client %d: %q", c, b)
					return
				}
			}
		}(c)
	}
	got := map[string]bool{}
	for len(got) < clients*each {
		r := h.next()
		if got[string(r.data)] {
			t.Fatalf("request %s recorded twice", r.data)
		}
		q, _ := r.meta.Extra()[ExtraHTTPQueries].(map[string]any)
		if want := fmt.Sprintf("%v/%v", q["c"], q["i"]); want != string(r.data) {
			t.Fatalf("record %q has queries %v", r.data, q)
		}
		got[string(r.data)] = true
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestHTTPServerBusy: over --max-clients requests at once, the extra ones
// get 503 at once rather than queueing without bound.
func TestHTTPServerBusy(t *testing.T) {
	h, base := startHTTPServer(t, &HTTPServer{MaxClients: 2, ClientTimeout: waitLong})
	respond(t, h, base, "/x", 200, nil, []byte("ok"))
	addr := strings.TrimPrefix(base, "http://")
	// Two clients hold their slots by sending a body slowly.
	for i := 0; i < 2; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab")
	}
	// Once both handlers run, a third request is refused at once.
	deadline := time.Now().Add(waitLong)
	for {
		resp, err := http.Get(base + "/x")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 503 {
			if resp.Header.Get("Retry-After") == "" {
				t.Errorf("503 without Retry-After")
			}
			break
		}
		h.next() // served while the slow clients were still connecting
		if time.Now().After(deadline) {
			t.Fatalf("never refused: %d", resp.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestHTTPServerConnectionLimit: a flood of idle connections cannot pile
// up: beyond 4 x --max-clients, new ones wait to be accepted; once the
// flood goes away, clients are served again, and stopping the server
// while connections wait does not hang.
func TestHTTPServerConnectionLimit(t *testing.T) {
	h, base := startHTTPServer(t, &HTTPServer{MaxClients: 2, ClientTimeout: waitLong})
	respond(t, h, base, "/x", 200, nil, []byte("ok"))
	addr := strings.TrimPrefix(base, "http://")
	http.DefaultClient.CloseIdleConnections() // respond's keep-alive connection
	var flood []net.Conn
	for i := 0; i < 4*2; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		flood = append(flood, c)
	}
	time.Sleep(200 * time.Millisecond) // let the server accept them all
	cl := &http.Client{Timeout: 500 * time.Millisecond, Transport: &http.Transport{DisableKeepAlives: true}}
	if resp, err := cl.Get(base + "/x"); err == nil {
		resp.Body.Close()
		t.Fatalf("a connection beyond the limit was served (%d)", resp.StatusCode)
	}
	for _, c := range flood {
		c.Close()
	}
	deadline := time.Now().Add(waitLong)
	for {
		resp, err := http.Get(base + "/x")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not served after the flood: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	h.next()
	// Fill the connections again and stop: Run must return.
	for i := 0; i < 4*2+2; i++ {
		if c, err := net.Dial("tcp", addr); err == nil {
			defer c.Close()
		}
	}
	h.cancel()
	h.wait()
}
