package link

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.bug.st/serial"
)

// lifecycleTarget is one interface with a real far end that sends one
// record every `every` once started, until the test ends.
type lifecycleTarget struct {
	name  string
	setup func(t *testing.T, every time.Duration) (Link, func(h *harness))
}

// ticker calls send every `every` until the test ends or send fails.
func ticker(t *testing.T, every time.Duration, send func(i int) error) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	t.Cleanup(func() { close(done); wg.Wait() })
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			if send(i) != nil {
				return
			}
			select {
			case <-time.After(every):
			case <-done:
				return
			}
		}
	}()
}

// lifecycleTargets: every interface, each against a real far end (loopback
// sockets, a socat PTY pair, a drop folder).
var lifecycleTargets = []lifecycleTarget{
	{"tcp-client", func(t *testing.T, every time.Duration) (Link, func(*harness)) {
		ln := listen(t)
		return &TCPClient{Host: "127.0.0.1", WritePort: portOf(ln.Addr()), ReadPort: portOf(ln.Addr())}, func(*harness) {
			c := accept(t, ln)
			ticker(t, every, func(i int) error { _, err := fmt.Fprintf(c, "tick%d", i); return err })
		}
	}},
	{"tcp-server", func(t *testing.T, every time.Duration) (Link, func(*harness)) {
		addr := make(chan string, 1)
		s := &TCPServer{ListenAddress: "127.0.0.1", Bound: func(_ string, a net.Addr) { addr <- a.String() }}
		return s, func(h *harness) {
			c := dial(t, <-addr)
			ticker(t, every, func(i int) error { _, err := fmt.Fprintf(c, "tick%d", i); return err })
		}
	}},
	{"udp", func(t *testing.T, every time.Duration) (Link, func(*harness)) {
		peer := udpPeer(t, "127.0.0.1")
		port := make(chan int, 1)
		u := &UDP{Host: "127.0.0.1", WriteDestPort: udpPort(peer), WriteSrcPort: NoPort, Bound: func(a net.Addr) { port <- a.(*net.UDPAddr).Port }}
		return u, func(*harness) {
			to := netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(<-port))
			ticker(t, every, func(i int) error { _, err := peer.WriteToUDPAddrPort([]byte(fmt.Sprintf("tick%d", i)), to); return err })
		}
	}},
	{"serial", func(t *testing.T, every time.Duration) (Link, func(*harness)) {
		a, b := ptyPair(t)
		s := &Serial{WritePort: a, ReadPort: a, Baud: 115200, Parity: serial.NoParity, StopBits: serial.OneStopBit, DataBits: 8}
		return s, func(*harness) {
			f := openPeer(t, b)
			ticker(t, every, func(i int) error { _, err := fmt.Fprintf(f, "tick%d", i); return err })
		}
	}},
	{"file", func(t *testing.T, every time.Duration) (Link, func(*harness)) {
		drop, cmds := t.TempDir(), t.TempDir()
		f := &File{WriteFolder: cmds, ReadFolder: drop, ArchiveFolder: ArchiveDelete, ReadSize: 4096, PollInterval: 50 * time.Millisecond, Label: "command", Extension: ".bin"}
		return f, func(*harness) {
			ticker(t, every, func(i int) error {
				return os.WriteFile(filepath.Join(drop, fmt.Sprintf("tlm%04d.bin", i)), []byte(fmt.Sprintf("tick%d", i)), 0o644)
			})
		}
	}},
}

// TestStdinEndIsNotStopReading (issue 8 item 1): on every interface, a link
// whose stdin ends at once (</dev/null under cron, systemd, ssh -n) keeps
// reading the target, which sends every 250 ms, for as long as it talks.
func TestStdinEndIsNotStopReading(t *testing.T) {
	for _, tc := range lifecycleTargets {
		t.Run(tc.name, func(t *testing.T) {
			l, start := tc.setup(t, 250*time.Millisecond)
			h := startPump(t, l, Config{Reconnect: true}, true)
			h.closeStdin()
			ended := time.Now()
			start(h)
			for n := 0; time.Since(ended) < 1500*time.Millisecond; n++ {
				r, ok := <-h.out
				if !ok {
					t.Fatalf("stdout ended %v after stdin, after %d records; notes %q", time.Since(ended).Round(time.Millisecond), n, h.allNotes())
				}
				if string(r.data) != fmt.Sprintf("tick%d", n) {
					t.Fatalf("record %d = %q", n, r.data)
				}
			}
			select {
			case <-h.done:
				t.Fatalf("the pump stopped on its own: %v", h.err)
			default:
			}
			h.cancel()
			if _, err := h.wait(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestLingerIsADeadline (issue 8 item 1): --linger 1.2 against a target
// that sends every 500 ms ends about 1.2 s after stdin ends, not never (an
// idle timer that every read restarts).
func TestLingerIsADeadline(t *testing.T) {
	for _, tc := range lifecycleTargets {
		t.Run(tc.name, func(t *testing.T) {
			l, start := tc.setup(t, 500*time.Millisecond)
			h := startPump(t, l, Config{Reconnect: true, Linger: 1200 * time.Millisecond}, true)
			start(h)
			h.next() // the link is up and talking
			h.closeStdin()
			ended := time.Now()
			go func() {
				for range h.out {
				}
			}()
			if _, err := h.wait(); err != nil {
				t.Fatal(err)
			}
			if took := time.Since(ended); took < 1100*time.Millisecond || took > 2500*time.Millisecond {
				t.Fatalf("stopped %v after stdin ended; want about 1.2s", took)
			}
		})
	}
}

// TestStdinEndStopsWhenNothingToRead: a write-only link, and --linger 0,
// stop once what stdin gave is written.
func TestStdinEndStopsWhenNothingToRead(t *testing.T) {
	for _, cfg := range []Config{{Reconnect: true, WriteOnly: true}, {Reconnect: true, Linger: time.Nanosecond}} {
		ln := listen(t)
		port := portOf(ln.Addr())
		h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port}, cfg, true)
		c := accept(t, ln)
		h.send(nil, []byte("cmd"))
		h.closeStdin()
		st, err := h.wait()
		if err != nil || st.WriteRecords != 1 {
			t.Fatalf("%+v: %+v %v", cfg, st, err)
		}
		if got := readN(t, c, 3); string(got) != "cmd" {
			t.Fatalf("target got %q", got)
		}
	}
}

// TestTCPClientSaysConnected: one line when the client reaches its target,
// as tcp-server says where it listens.
func TestTCPClientSaysConnected(t *testing.T) {
	ln := listen(t)
	port := portOf(ln.Addr())
	h := startPump(t, &TCPClient{Host: "localhost", WritePort: port, ReadPort: port}, Config{Reconnect: true}, false)
	accept(t, ln)
	if got, want := h.waitNote("connected to"), "connected to 127.0.0.1:"+fmt.Sprint(port); got != want {
		t.Fatalf("notice %q, want %q", got, want)
	}
}
