package link

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestTCPServerStuckClientsNeverFreezeOthers (issue 7 fault 5): three good
// clients read a steady feed while a new client that never reads arrives
// every 400 ms. The good clients get every record, in order, and the
// largest gap any of them sees stays far below the write timeout: a stuck
// client is dropped, with one line, once its own queue is full and has not
// moved for the stall timeout (default 200 ms).
// (Waiting on it froze every client for the write timeout: 9.5 s gaps.)
func TestTCPServerStuckClientsNeverFreezeOthers(t *testing.T) {
	const (
		writeTimeout = 5 * time.Second
		size         = 32 << 10
		every        = 2 * time.Millisecond
		run          = 3 * time.Second
		maxGap       = time.Second // the stall timeout and slack for a loaded machine; the old code gave 5 s
	)
	h, addrs := startServer(t, &TCPServer{WritePort: 0, ReadPort: 0, ClientQueue: 16, WriteTimeout: writeTimeout}, Config{Reconnect: true}, true)
	addr := addrs["read/write"]

	type result struct {
		n      int
		maxGap time.Duration
		err    error
	}
	results := make(chan result, 3)
	var counts [3]atomic.Int64
	for g := 0; g < 3; g++ {
		c := dial(t, addr)
		h.waitNote("client " + c.LocalAddr().String() + " connected")
		go func() {
			var r result
			buf := make([]byte, size)
			var last time.Time
			c.SetReadDeadline(time.Now().Add(run + waitLong))
			for {
				if _, err := io.ReadFull(c, buf); err != nil {
					if err != io.EOF {
						r.err = err
					}
					results <- r
					return
				}
				now := time.Now()
				if !last.IsZero() && now.Sub(last) > r.maxGap {
					r.maxGap = now.Sub(last)
				}
				last = now
				if seq := int(binary.BigEndian.Uint32(buf)); seq != r.n {
					r.err = fmt.Errorf("record %d arrived as number %d", seq, r.n)
					results <- r
					return
				}
				r.n++
				counts[g].Store(int64(r.n))
			}
		}()
	}

	var stuck []net.Conn
	var mu sync.Mutex
	stopStuck := make(chan struct{})
	go func() { // a new stuck client every 400 ms
		for {
			select {
			case <-stopStuck:
				return
			case <-time.After(400 * time.Millisecond):
			}
			c, err := net.Dial("tcp", addr)
			if err != nil {
				return
			}
			c.(*net.TCPConn).SetReadBuffer(4096)
			mu.Lock()
			stuck = append(stuck, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range stuck {
			c.Close()
		}
	})

	sent := 0
	rec := make([]byte, size)
	for start := time.Now(); time.Since(start) < run; sent++ {
		binary.BigEndian.PutUint32(rec, uint32(sent))
		h.send(nil, rec)
		time.Sleep(every)
	}
	close(stopStuck)
	waitFor(t, func() bool {
		return counts[0].Load() >= int64(sent) && counts[1].Load() >= int64(sent) && counts[2].Load() >= int64(sent)
	})
	h.closeStdin()
	h.cancel() // the feed is over: the good clients see the server close
	h.wait()
	for g := 0; g < 3; g++ {
		r := <-results
		if r.err != nil || r.n != sent {
			t.Fatalf("good client: %d of %d records, %v; notes %q", r.n, sent, r.err, h.allNotes())
		}
		t.Logf("good client: %d records, largest gap %v", r.n, r.maxGap)
		if r.maxGap > maxGap {
			t.Errorf("a good client waited %v for its next record (stuck clients froze it)", r.maxGap)
		}
	}
	mu.Lock()
	nStuck := len(stuck)
	mu.Unlock()
	dropped := 0
	for _, n := range h.allNotes() {
		if strings.Contains(n, "is not reading (16 records queued, none taken for ") {
			dropped++
		}
	}
	if nStuck < 5 || dropped < nStuck-2 {
		t.Errorf("%d stuck clients, %d dropped; notes %q", nStuck, dropped, h.allNotes())
	}
}

// TestTCPServerMaxClients: a connection beyond --max-clients is refused
// with one line; the ones served are unaffected, and a place freed is
// taken by the next client.
func TestTCPServerMaxClients(t *testing.T) {
	h, addrs := startServer(t, &TCPServer{WritePort: 0, ReadPort: 0, MaxClients: 2}, Config{Reconnect: true}, true)
	addr := addrs["read/write"]
	a, b := dial(t, addr), dial(t, addr)
	h.waitNote("client " + b.LocalAddr().String() + " connected")
	h.waitNote("client " + a.LocalAddr().String() + " connected")
	extra := dial(t, addr)
	want := "client " + extra.LocalAddr().String() + " refused: --max-clients 2 reached"
	if got := h.waitNote(" refused: "); got != want {
		t.Fatalf("notice %q, want %q", got, want)
	}
	extra.SetReadDeadline(time.Now().Add(waitLong))
	if n, err := extra.Read(make([]byte, 1)); n != 0 || err == nil {
		t.Fatalf("refused client read %d, %v", n, err)
	}
	h.send(nil, []byte("x"))
	if string(readN(t, a, 1)) != "x" || string(readN(t, b, 1)) != "x" {
		t.Fatal("served clients did not get the record")
	}
	a.Close()
	h.waitNote("client " + a.LocalAddr().String() + " disconnected")
	c := dial(t, addr)
	h.waitNote("client " + c.LocalAddr().String() + " connected")
}
