package link

import (
	"bytes"
	"errors"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// echoServer accepts connections on ln and echoes each one until closed.
func echoServer(t *testing.T, ln net.Listener) {
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { io.Copy(c, c); c.Close() }()
		}
	}()
}

func TestTCPClientEchoAndMeta(t *testing.T) {
	ln := listen(t)
	echoServer(t, ln)
	port := portOf(ln.Addr())
	h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port, WriteTimeout: 5 * time.Second}, Config{Name: "INST_INT", Reconnect: true, Linger: lingerZero}, true)
	var want []byte
	for i := 0; i < 50; i++ {
		d := pattern(100+i*37, i)
		want = append(want, d...)
		h.send(nil, d)
	}
	got, recs := h.readBytes(len(want))
	if !bytes.Equal(got, want) {
		t.Fatalf("echo differs")
	}
	before := uint64(time.Now().Add(-time.Minute).UnixNano())
	for _, r := range recs {
		if r.meta.Extra()[ExtraLink] != "INST_INT" {
			t.Fatalf("LINK = %v", r.meta.Extra()[ExtraLink])
		}
		if p := peerOf(r.meta); p != ln.Addr().String() {
			t.Fatalf("PEER = %q, want %q", p, ln.Addr())
		}
		if tm, ok := r.meta[record.KeyTime].(uint64); !ok || tm < before {
			t.Fatalf("time = %v", r.meta[record.KeyTime])
		}
	}
	h.closeStdin()
	st, err := h.wait()
	if err != nil {
		t.Fatal(err)
	}
	if st.WriteRecords != 50 || st.WriteBytes != int64(len(want)) || st.ReadBytes != int64(len(want)) || st.Connects != 1 {
		t.Fatalf("stats %+v", st)
	}
}

// TestTCPClientSeparatePorts: COSMOS's two-socket form, commands to one
// port and telemetry from another.
func TestTCPClientSeparatePorts(t *testing.T) {
	wln, rln := listen(t), listen(t)
	h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: portOf(wln.Addr()), ReadPort: portOf(rln.Addr())}, Config{Reconnect: true}, true)
	rc := accept(t, rln)
	wc := accept(t, wln)
	h.send(nil, []byte("command"))
	buf := make([]byte, 7)
	wc.SetReadDeadline(time.Now().Add(waitLong))
	if _, err := io.ReadFull(wc, buf); err != nil || string(buf) != "command" {
		t.Fatalf("write socket got %q %v", buf, err)
	}
	rc.Write([]byte("telemetry"))
	if got, _ := h.readBytes(9); string(got) != "telemetry" {
		t.Fatalf("read socket gave %q", got)
	}
	// Data arriving on the write socket is not telemetry: it is discarded.
	wc.Write([]byte("noise"))
	rc.Write([]byte("more"))
	if got, _ := h.readBytes(4); string(got) != "more" {
		t.Fatalf("got %q", got)
	}
	// The write socket closing is a lost link too.
	wc.Close()
	h.waitNote("reconnecting")
	accept(t, rln)
	accept(t, wln)
	h.waitNote("reconnected")
}

// TestTCPClientServerRestartNoLoss kills the target mid-stream (with a reset,
// after it has sent data c3link has not read yet) and restarts it on the same
// port: every byte sent before the kill comes out, c3link reconnects on its
// delay and carries on.
func TestTCPClientServerRestartNoLoss(t *testing.T) {
	ln := listen(t)
	addr := ln.Addr().String()
	port := portOf(ln.Addr())
	h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port}, Config{Reconnect: true, ReconnectDelay: 200 * time.Millisecond}, false)

	var want, got []byte
	for round := 0; round < 3; round++ {
		c := accept(t, ln)
		part := pattern(300_000, round)
		want = append(want, part...)
		if _, err := c.Write(part); err != nil {
			t.Fatal(err)
		}
		if round == 1 {
			// Wait until c3link has read everything, then reset the
			// connection instead of closing it politely.
			b, _ := h.readBytes(len(part))
			got = append(got, b...)
			c.(*net.TCPConn).SetLinger(0)
		}
		c.Close()
		if round != 1 {
			b, _ := h.readBytes(len(part))
			got = append(got, b...)
		}
		if round == 0 {
			// Restart: the listener goes away and comes back on the port.
			ln.Close()
			h.waitNote("reconnecting")
			ln = relisten(t, addr)
		}
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("received stream differs from what was sent (%d bytes)", len(got))
	}
	h.waitNote("reconnected")
	h.cancel()
	st, err := h.wait()
	if err != nil {
		t.Fatal(err)
	}
	if st.Reconnects < 2 {
		t.Fatalf("reconnects = %d, want >= 2 (notes %q)", st.Reconnects, h.allNotes())
	}
}

// TestTCPClientWriteQueueBackPressure: with the link down, stdin records
// wait in the bounded queue; once it is full c3link stops reading stdin
// rather than dropping; when the target comes up everything arrives in order.
func TestTCPClientWriteQueueBackPressure(t *testing.T) {
	// Bounded by records (--queue), then by bytes (--queue-bytes).
	t.Run("records", func(t *testing.T) { backPressure(t, 4, 0, 4) })
	t.Run("bytes", func(t *testing.T) { backPressure(t, 1000, 5000, 5) })
}

func backPressure(t *testing.T, queue int, queueBytes int64, maxQueued int) {
	ln := listen(t)
	addr := ln.Addr().String()
	port := portOf(ln.Addr())
	ln.Close() // target down: connection refused
	h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port}, Config{Reconnect: true, Linger: lingerZero, QueueLen: queue, QueueBytes: queueBytes, ReconnectDelay: 100 * time.Millisecond}, true)
	const n, size = 200, 1000
	sent := make(chan int, 1)
	go func() {
		i := 0
		defer func() { sent <- i }()
		for ; i < n; i++ {
			if h.stdin.Write(nil, pattern(size, i)) != nil || h.stdin.Flush() != nil {
				return
			}
		}
	}()
	h.waitNote("retrying")
	// Let the feeder run into the full queue, then check that stdin is not
	// being consumed beyond the queue (+1 pending, +1 in the reader, plus
	// the pipe's own buffering of one record).
	time.Sleep(500 * time.Millisecond)
	consumed := h.stdinN.count() / (size + 4)
	if consumed > int64(maxQueued)+3 {
		t.Fatalf("stdin consumed %d records with the link down and a queue of %d", consumed, maxQueued)
	}
	ln2, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer ln2.Close()
	c := accept(t, ln2)
	var want []byte
	for i := 0; i < n; i++ {
		want = append(want, pattern(size, i)...)
	}
	got := make([]byte, len(want))
	c.SetReadDeadline(time.Now().Add(waitLong))
	if _, err := io.ReadFull(c, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("records arrived changed or out of order")
	}
	if i := <-sent; i != n {
		t.Fatalf("feeder stopped at %d", i)
	}
	h.closeStdin()
	st, err := h.wait()
	if err != nil {
		t.Fatal(err)
	}
	if st.QueueMax > maxQueued || st.WriteRecords != n || st.Unwritten != 0 {
		t.Fatalf("stats %+v", st)
	}
}

// TestTCPClientWriteFailureResends: a write that fails because the target
// died is written again, whole, on the next connection.
func TestTCPClientWriteTimeoutReconnects(t *testing.T) {
	ln := listen(t)
	port := portOf(ln.Addr())
	h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port, WriteTimeout: 300 * time.Millisecond}, Config{Reconnect: true, ReconnectDelay: 100 * time.Millisecond}, true)
	stuck := accept(t, ln) // never reads: the socket buffers fill, the write times out
	_ = stuck
	go func() {
		for i := 0; i < 400; i++ {
			if h.stdin.Write(nil, pattern(64<<10, i)) != nil {
				return
			}
		}
		h.stdin.Flush()
	}()
	note := h.waitNote("write timeout")
	if !strings.Contains(note, "reconnecting") {
		t.Fatalf("notice %q", note)
	}
	c := accept(t, ln)
	// The new connection starts with a whole record, the one that timed out.
	rec := make([]byte, 64<<10)
	c.SetReadDeadline(time.Now().Add(waitLong))
	if _, err := io.ReadFull(c, rec); err != nil {
		t.Fatal(err)
	}
	found := false
	for i := 0; i < 400; i++ {
		if bytes.Equal(rec, pattern(64<<10, i)) {
			found = true
			break
		}
	}
	if !found {
		t.Fatal("the first bytes on the new connection are not a whole record")
	}
}

func TestTCPClientReadTimeout(t *testing.T) {
	ln := listen(t)
	port := portOf(ln.Addr())
	h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port, ReadTimeout: 200 * time.Millisecond}, Config{Reconnect: true}, false)
	accept(t, ln)
	h.waitNote("no data within the read timeout")
	accept(t, ln)
}

func TestTCPClientDontReconnect(t *testing.T) {
	ln := listen(t)
	port := portOf(ln.Addr())
	h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port}, Config{Reconnect: false}, false)
	c := accept(t, ln)
	c.Write([]byte("last words"))
	c.Close()
	if got, _ := h.readBytes(10); string(got) != "last words" {
		t.Fatalf("got %q", got)
	}
	st, err := h.wait()
	if err != nil {
		t.Fatalf("clean remote close: %v", err)
	}
	if st.Reconnects != 0 {
		t.Fatalf("reconnected")
	}
	h.waitNote("not reconnecting")
}

func TestTCPClientOpenErrors(t *testing.T) {
	ln := listen(t)
	port := portOf(ln.Addr())
	ln.Close()
	cases := []struct {
		name      string
		host      string
		reconnect bool
		want      string
		permanent bool
	}{
		{"unknown host", "no-such-host.invalid", true, "unknown host", true},
		{"refused without reconnect", "127.0.0.1", false, "connection refused", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := startPump(t, &TCPClient{Host: tc.host, WritePort: port, ReadPort: port, ConnectTimeout: 5 * time.Second}, Config{Reconnect: tc.reconnect}, false)
			_, err := h.wait()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			var perm *PermanentError
			if errors.As(err, &perm) != tc.permanent {
				t.Fatalf("permanent = %v", !tc.permanent)
			}
		})
	}
}

// TestStdinEOFLingerAndCount covers the lifecycle flags: stdin EOF writes
// what is queued then lingers while the link talks; --count stops after N
// records.
func TestStdinEOFLingerAndCount(t *testing.T) {
	t.Run("linger", func(t *testing.T) {
		ln := listen(t)
		port := portOf(ln.Addr())
		h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port}, Config{Reconnect: true, Linger: 2 * time.Second}, true)
		c := accept(t, ln)
		h.send(nil, []byte("ping"))
		h.closeStdin()
		buf := make([]byte, 4)
		c.SetReadDeadline(time.Now().Add(waitLong))
		io.ReadFull(c, buf)
		for i := 0; i < 3; i++ { // replies keep the linger alive (each gap well under it)
			time.Sleep(300 * time.Millisecond)
			c.Write([]byte("pong"))
		}
		got, _ := h.readBytes(12)
		if string(got) != "pongpongpong" {
			t.Fatalf("got %q", got)
		}
		if _, err := h.wait(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("count", func(t *testing.T) {
		ln := listen(t)
		port := portOf(ln.Addr())
		h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port}, Config{Reconnect: true, MaxReads: 3}, false)
		c := accept(t, ln)
		for i := 0; i < 3; i++ {
			c.Write([]byte{byte(i)})
			h.next()
		}
		st, err := h.wait()
		if err != nil || st.ReadRecords != 3 {
			t.Fatalf("%+v %v", st, err)
		}
	})
	t.Run("bad stdin", func(t *testing.T) {
		// A broken stdin stream is fatal: what came before it is written,
		// then the pump stops with the error (exit 1), linger or not.
		ln := listen(t)
		port := portOf(ln.Addr())
		h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port}, Config{Reconnect: true}, true)
		c := accept(t, ln)
		h.send(nil, []byte("good"))
		h.stdinW.Write([]byte{0, 0, 0, 9, 'x'}) // truncated frame
		h.stdinW.Close()
		if got := readN(t, c, 4); string(got) != "good" {
			t.Fatalf("target got %q", got)
		}
		st, err := h.wait()
		if err == nil || !strings.Contains(err.Error(), "truncated") || st.WriteRecords != 1 {
			t.Fatalf("%+v %v", st, err)
		}
	})
	t.Run("signal drains queue", func(t *testing.T) {
		ln := listen(t)
		port := portOf(ln.Addr())
		// Both records are queued (or already written) when the signal
		// comes; the drain must get both to the target.
		var queued atomic.Int64
		h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port}, Config{Reconnect: true, queued: func() { queued.Add(1) }}, true)
		h.send(nil, []byte("a"), []byte("b"))
		waitFor(t, func() bool { return queued.Load() == 2 })
		h.cancel()
		c := accept(t, ln)
		buf := make([]byte, 2)
		c.SetReadDeadline(time.Now().Add(waitLong))
		if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "ab" {
			t.Fatalf("%q %v", buf, err)
		}
		if _, err := h.wait(); err != nil {
			t.Fatal(err)
		}
	})
}
