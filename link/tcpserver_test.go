package link

import (
	"bytes"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// startServer runs a tcp-server pump on free ports and returns the
// addresses it listens on, by role.
func startServer(t *testing.T, s *TCPServer, cfg Config, withStdin bool) (*harness, map[string]string) {
	t.Helper()
	var mu sync.Mutex
	addrs := map[string]string{}
	got := make(chan struct{}, 4)
	s.ListenAddress = "127.0.0.1"
	s.Bound = func(role string, a net.Addr) {
		mu.Lock()
		addrs[role] = a.String()
		mu.Unlock()
		got <- struct{}{}
	}
	want := 1
	if s.WritePort != s.ReadPort && s.WritePort != NoPort && s.ReadPort != NoPort {
		want = 2
	}
	h := startPump(t, s, cfg, withStdin)
	for i := 0; i < want; i++ {
		select {
		case <-got:
		case <-time.After(waitLong):
			t.Fatal("server did not listen")
		}
	}
	mu.Lock()
	defer mu.Unlock()
	return h, addrs
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func readN(t *testing.T, c net.Conn, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	c.SetReadDeadline(time.Now().Add(waitLong))
	if _, err := io.ReadFull(c, b); err != nil {
		t.Fatalf("reading %d bytes: %v", n, err)
	}
	return b
}

func TestTCPServerClientsArePeers(t *testing.T) {
	h, addrs := startServer(t, &TCPServer{WritePort: 0, ReadPort: 0}, Config{Reconnect: true, Linger: lingerZero}, true)
	addr := addrs["read/write"]
	a, b := dial(t, addr), dial(t, addr)
	h.waitNote("client " + b.LocalAddr().String() + " connected")
	h.waitNote("client " + a.LocalAddr().String() + " connected")

	// Reads are tagged with the client they came from.
	a.Write([]byte("from-a"))
	r := h.next()
	if string(r.data) != "from-a" || peerOf(r.meta) != a.LocalAddr().String() {
		t.Fatalf("record %q peer %q", r.data, peerOf(r.meta))
	}
	b.Write([]byte("from-b"))
	r = h.next()
	if string(r.data) != "from-b" || peerOf(r.meta) != b.LocalAddr().String() {
		t.Fatalf("record %q peer %q", r.data, peerOf(r.meta))
	}

	// A record naming a peer goes to that client only; others go to all.
	h.send(record.Meta{"extra": map[string]any{"PEER": b.LocalAddr().String()}}, []byte("to-b"))
	h.send(nil, []byte("all!"))
	if got := readN(t, b, 8); string(got) != "to-ball!" {
		t.Fatalf("b got %q", got)
	}
	if got := readN(t, a, 4); string(got) != "all!" {
		t.Fatalf("a got %q", got)
	}

	// A PEER set by another link (a router's other side) names none of our
	// clients: the record goes to all.
	h.send(record.Meta{"extra": map[string]any{"PEER": "10.1.1.1:80", "LINK": "tcp-client"}}, []byte("ALL2"))
	if got := readN(t, b, 4); string(got) != "ALL2" {
		t.Fatalf("b got %q", got)
	}
	if got := readN(t, a, 4); string(got) != "ALL2" {
		t.Fatalf("a got %q", got)
	}

	// A named peer that is gone: that record is reported and dropped.
	h.send(record.Meta{"extra": map[string]any{"PEER": "127.0.0.1:1"}}, []byte("lost"))
	h.waitNote("peer 127.0.0.1:1 is not connected")

	a.Close()
	h.waitNote("client " + a.LocalAddr().String() + " disconnected")
	h.closeStdin()
	st, err := h.wait()
	if err != nil {
		t.Fatal(err)
	}
	if st.Dropped != 1 || st.WriteRecords != 3 {
		t.Fatalf("stats %+v", st)
	}
}

// TestTCPServerSlowClientDoesNotBlockOthers: one client never reads. The
// others keep getting every record, memory stays bounded (the stuck client's
// queue is capped), and the stuck client is dropped with one notice.
func TestTCPServerSlowClientDoesNotBlockOthers(t *testing.T) {
	h, addrs := startServer(t, &TCPServer{WritePort: 0, ReadPort: 0, ClientQueue: 16, WriteTimeout: 2 * time.Second}, Config{Reconnect: true}, true)
	addr := addrs["read/write"]
	stuck := dial(t, addr)
	good := dial(t, addr)
	h.waitNote("client " + stuck.LocalAddr().String() + " connected")
	h.waitNote("client " + good.LocalAddr().String() + " connected")

	const n, size = 400, 32 << 10 // 12.5 MiB: far more than socket buffers hold
	var want []byte
	for i := 0; i < n; i++ {
		want = append(want, pattern(size, i)...)
	}
	go func() {
		for i := 0; i < n; i++ {
			if h.stdin.Write(nil, want[i*size:(i+1)*size]) != nil {
				return
			}
		}
		h.stdin.Flush()
	}()
	got := make([]byte, len(want))
	good.SetReadDeadline(time.Now().Add(waitLong))
	if _, err := io.ReadFull(good, got); err != nil {
		t.Fatalf("good client: %v (notes %q)", err, h.allNotes())
	}
	if !bytes.Equal(got, want) {
		t.Fatal("good client's stream differs")
	}
	note := h.waitNote(stuck.LocalAddr().String())
	for _, s := range h.allNotes() {
		if strings.Contains(s, stuck.LocalAddr().String()) && strings.Contains(s, "dropped") {
			note = s
		}
	}
	if !strings.Contains(note, "dropped") {
		t.Fatalf("stuck client notice %q", note)
	}
	// The stuck client was really disconnected.
	stuck.SetReadDeadline(time.Now().Add(waitLong))
	if _, err := io.Copy(io.Discard, stuck); err != nil && !errors.Is(err, syscall.ECONNRESET) {
		t.Fatalf("stuck client: %v", err)
	}
}

// freePort returns a port that was free a moment ago.
func freePort(t *testing.T) int {
	ln := listen(t)
	p := portOf(ln.Addr())
	ln.Close()
	return p
}

func TestTCPServerSeparatePorts(t *testing.T) {
	h, addrs := startServer(t, &TCPServer{WritePort: freePort(t), ReadPort: freePort(t)}, Config{Reconnect: true}, true)
	w, r := dial(t, addrs["write"]), dial(t, addrs["read"])
	h.waitNote("client " + w.LocalAddr().String() + " connected")
	h.waitNote("client " + r.LocalAddr().String() + " connected")
	w.Write([]byte("ignored")) // a write-port client's data is not telemetry
	r.Write([]byte("tlm"))
	if rec := h.next(); string(rec.data) != "tlm" {
		t.Fatalf("record %q", rec.data)
	}
	h.send(nil, []byte("cmd"))
	if got := readN(t, w, 3); string(got) != "cmd" {
		t.Fatalf("write client got %q", got)
	}
	r.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	if n, _ := r.Read(make([]byte, 8)); n != 0 {
		t.Fatal("read-port client was sent a command")
	}
}

func TestTCPServerPortInUse(t *testing.T) {
	ln := listen(t)
	h := startPump(t, &TCPServer{ListenAddress: "127.0.0.1", WritePort: portOf(ln.Addr()), ReadPort: portOf(ln.Addr())}, Config{Reconnect: true}, false)
	_, err := h.wait()
	var perm *PermanentError
	if !errors.As(err, &perm) || !strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("err = %v", err)
	}
}

// TestTCPServerGreetsEachClient: with CONNECT_CMD, every client that
// connects gets the connect commands first, and only once; records written
// before it arrived are not replayed to it.
func TestTCPServerGreetsEachClient(t *testing.T) {
	h, addrs := startServer(t, &TCPServer{WritePort: 0, ReadPort: 0, WriteTimeout: waitLong},
		Config{Reconnect: true, Linger: lingerZero, Connect: []ConnectCmd{{Data: []byte("HELLO")}, {Data: []byte("WORLD"), Log: true}}}, true)
	a := dial(t, addrs["read/write"])
	if got := readN(t, a, 10); string(got) != "HELLOWORLD" {
		t.Fatalf("first client got %q", got)
	}
	h.send(nil, []byte("x"))
	if got := readN(t, a, 1); string(got) != "x" {
		t.Fatalf("first client got %q", got)
	}
	b := dial(t, addrs["read/write"])
	if got := readN(t, b, 10); string(got) != "HELLOWORLD" {
		t.Fatalf("second client got %q", got)
	}
	h.send(nil, []byte("y"))
	for _, c := range []net.Conn{a, b} {
		if got := readN(t, c, 1); string(got) != "y" {
			t.Fatalf("client %v got %q, want y", c.LocalAddr(), got)
		}
	}
	h.waitNote("connect command written to " + a.LocalAddr().String() + " (5 bytes)")
	h.waitNote("connect command written to " + b.LocalAddr().String() + " (5 bytes)")
	h.closeStdin()
	st, err := h.wait()
	if err != nil || st.WriteRecords != 6 {
		t.Fatalf("%+v %v; want write_records 6 (2 clients x 2 connect commands + 2 stdin)", st, err)
	}
}
