package link

import (
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestPeriodicCommand: PERIODIC_CMD writes its record on every interval
// while connected, interleaved whole with stdin records.
func TestPeriodicCommand(t *testing.T) {
	ln := listen(t)
	port := portOf(ln.Addr())
	h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port},
		Config{Reconnect: true, Periodic: []Periodic{{Every: 100 * time.Millisecond, Data: []byte("KEEP")}}}, true)
	c := accept(t, ln)
	start := time.Now()
	got := readN(t, c, 4*5)
	if string(got) != strings.Repeat("KEEP", 5) {
		t.Fatalf("got %q", got)
	}
	if el := time.Since(start); el < 350*time.Millisecond {
		t.Fatalf("5 periodic records in %v: interval not honoured", el)
	}
	h.send(nil, []byte("<cmd>"))
	// The stdin record arrives whole between periodic ones.
	deadline := time.Now().Add(waitLong)
	var all []byte
	for !bytes.Contains(all, []byte("<cmd>")) && time.Now().Before(deadline) {
		all = append(all, readN(t, c, 1)...)
	}
	rest := bytes.ReplaceAll(all, []byte("<cmd>"), nil)
	if len(strings.ReplaceAll(string(rest), "KEEP", "")) != 0 {
		t.Fatalf("stream %q is not whole records", all)
	}
}

// TestStreamLog: LOG_STREAM keeps both directions byte for byte, cycled by
// size, in files named by their UTC start time.
func TestStreamLog(t *testing.T) {
	dir := t.TempDir()
	log, err := OpenStreamLog(dir, "LINK1", LogCycle{Time: time.Hour, Size: 1000})
	if err != nil {
		t.Fatal(err)
	}
	ln := listen(t)
	echoServer(t, ln)
	port := portOf(ln.Addr())
	h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port}, Config{Reconnect: true, Linger: lingerZero, StreamLog: log}, true)
	var want []byte
	for i := 0; i < 10; i++ {
		d := pattern(300, i)
		want = append(want, d...)
		h.send(nil, d)
	}
	h.readBytes(len(want))
	h.closeStdin()
	if _, err := h.wait(); err != nil {
		t.Fatal(err)
	}
	for _, dirn := range []string{"read", "write"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*_LINK1_"+dirn+".bin"))
		// Writes are 300-byte records: 3 per 1000-byte file. Reads may
		// come as one big chunk, which is never split across files.
		if dirn == "write" && len(files) != 4 {
			t.Fatalf("%s: %d files, want 4 (cycling at 1000 bytes)", dirn, len(files))
		}
		var all []byte
		for _, f := range files { // names sort by time
			b, _ := os.ReadFile(f)
			if dirn == "write" && len(b) > 1000 {
				t.Fatalf("%s is %d bytes, over the cycle size", f, len(b))
			}
			all = append(all, b...)
		}
		if !bytes.Equal(all, want) {
			t.Fatalf("%s log differs from the traffic", dirn)
		}
	}
}

// TestWriteOnlyDiscardsReads: --write-only still notices the link closing
// but emits nothing.
func TestWriteOnlyDiscardsReads(t *testing.T) {
	ln := listen(t)
	port := portOf(ln.Addr())
	h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port}, Config{Reconnect: true, WriteOnly: true}, true)
	c := accept(t, ln)
	c.Write([]byte("ignored"))
	h.send(nil, []byte("cmd"))
	if got := readN(t, c, 3); string(got) != "cmd" {
		t.Fatalf("got %q", got)
	}
	c.Close()
	h.waitNote("reconnecting")
	h.closeStdin()
	st, _ := h.wait()
	if st.ReadRecords != 0 {
		t.Fatalf("emitted %d records", st.ReadRecords)
	}
	select {
	case r, ok := <-h.out:
		if ok {
			t.Fatalf("record %q on stdout", r.data)
		}
	default:
	}
}

var _ = io.EOF

// TestDrainTimeoutReportsUnwritten: stopped while the link is down, c3link
// tries for --drain-timeout, then says how many queued records were lost.
func TestDrainTimeoutReportsUnwritten(t *testing.T) {
	ln := listen(t)
	port := portOf(ln.Addr())
	ln.Close()
	var queued atomic.Int64
	h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port},
		Config{Reconnect: true, DrainTimeout: 300 * time.Millisecond, queued: func() { queued.Add(1) }}, true)
	h.send(nil, []byte("a"), []byte("b"), []byte("c"))
	waitFor(t, func() bool { return queued.Load() == 3 })
	h.cancel()
	st, err := h.wait()
	if err == nil || !strings.Contains(err.Error(), "3 queued records not written") || st.Unwritten != 3 {
		t.Fatalf("%+v %v", st, err)
	}
}

// TestTCPServerReadTimeoutDropsIdleClient: a client silent for the read
// timeout is dropped; the server goes on serving others.
func TestTCPServerReadTimeoutDropsIdleClient(t *testing.T) {
	h, addrs := startServer(t, &TCPServer{WritePort: 0, ReadPort: 0, ReadTimeout: 200 * time.Millisecond}, Config{Reconnect: true}, false)
	idle := dial(t, addrs["read/write"])
	h.waitNote("client " + idle.LocalAddr().String() + ": no data within the read timeout")
	other := dial(t, addrs["read/write"])
	other.Write([]byte("hi"))
	if r := h.next(); string(r.data) != "hi" {
		t.Fatalf("got %q", r.data)
	}
}

// TestConnectCommand: CONNECT_CMD records go out, in order, on the first
// connection as soon as it is up and again on every reconnect, ahead of
// the stdin records that queued while the link was down; LOG reports each
// write, DONT_LOG does not; both count as written records.
func TestConnectCommand(t *testing.T) {
	ln := listen(t)
	addr := ln.Addr().String()
	port := portOf(ln.Addr())
	h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port},
		Config{Reconnect: true, Linger: lingerZero, Connect: []ConnectCmd{{Data: []byte("HELLO")}, {Data: []byte("WORLD"), Log: true}}}, true)
	c := accept(t, ln)
	// No stdin yet: the connection is greeted as soon as it is up.
	if got := readN(t, c, 10); string(got) != "HELLOWORLD" {
		t.Fatalf("first connection got %q", got)
	}
	h.send(nil, []byte("a"))
	if got := readN(t, c, 1); string(got) != "a" {
		t.Fatalf("got %q after the greeting", got)
	}

	// The target goes away; records sent meanwhile wait in the queue.
	ln.Close()
	c.Close()
	h.waitNote("reconnecting")
	h.send(nil, []byte("b"), []byte("c"))
	waitFor(t, func() bool { return h.stdinN.count() >= 3*5 })
	c = accept(t, relisten(t, addr))
	if got := readN(t, c, 12); string(got) != "HELLOWORLDbc" {
		t.Fatalf("after reconnect got %q, want the connect commands first", got)
	}
	h.closeStdin()
	st, err := h.wait()
	if err != nil {
		t.Fatal(err)
	}
	if st.WriteRecords != 7 {
		t.Fatalf("write_records = %d, want 7 (2 connects x 2 commands + 3 stdin)", st.WriteRecords)
	}
	logged := 0
	for _, n := range h.allNotes() {
		if strings.Contains(n, "connect command written") {
			logged++
			if !strings.Contains(n, "(5 bytes)") {
				t.Fatalf("notice %q", n)
			}
		}
	}
	if logged != 2 {
		t.Fatalf("%d 'connect command written' notices, want 2 (LOG on one of two commands, two connects): %q", logged, h.allNotes())
	}
}

// TestConnectCommandRejected: a connect command the link refuses (a UDP
// datagram over 65507 bytes) is reported and skipped; the commands after it
// and the stdin records still go.
func TestConnectCommandRejected(t *testing.T) {
	rx, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer rx.Close()
	h := startPump(t, &UDP{Host: "127.0.0.1", WriteDestPort: rx.LocalAddr().(*net.UDPAddr).Port, ReadPort: NoPort, WriteSrcPort: NoPort, BindAddress: "127.0.0.1"},
		Config{Reconnect: true, WriteOnly: true, Connect: []ConnectCmd{{Data: make([]byte, 70000)}, {Data: []byte("OK")}}}, true)
	h.send(nil, []byte("cmd"))
	rx.SetReadDeadline(time.Now().Add(waitLong))
	buf := make([]byte, 1<<16)
	for _, want := range []string{"OK", "cmd"} {
		n, _, err := rx.ReadFrom(buf)
		if err != nil || string(buf[:n]) != want {
			t.Fatalf("datagram %q, %v; want %q", buf[:n], err, want)
		}
	}
	h.waitNote("connect command (70000 bytes) not written")
	h.closeStdin()
	if st, err := h.wait(); err != nil || st.Dropped != 1 {
		t.Fatalf("%+v %v", st, err)
	}
}
