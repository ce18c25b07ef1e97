package link

import (
	"encoding/binary"
	"io"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.bug.st/serial"
)

func TestSeqRanges(t *testing.T) {
	cases := []struct {
		in   []int64
		max  int
		want string
	}{
		{[]int64{5}, 8, "5"},
		{[]int64{5, 6, 7}, 8, "5-7"},
		{[]int64{5, 6, 7, 9, 11, 12}, 8, "5-7,9,11-12"},
		{[]int64{1, 3, 5, 7}, 2, "1,3,... (2 more)"},
	}
	for _, c := range cases {
		if got := seqRanges(c.in, c.max); got != c.want {
			t.Errorf("seqRanges(%v, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}

// parseRanges reads the record numbers back from a notice's "(5-7,9)".
func parseRanges(t *testing.T, note string) []int64 {
	m := regexp.MustCompile(`\(([0-9,-]+)\)`).FindStringSubmatch(note)
	if m == nil {
		t.Fatalf("no record numbers in %q", note)
	}
	var out []int64
	for _, r := range strings.Split(m[1], ",") {
		a, b, found := strings.Cut(r, "-")
		lo, _ := strconv.ParseInt(a, 10, 64)
		hi := lo
		if found {
			hi, _ = strconv.ParseInt(b, 10, 64)
		}
		for i := lo; i <= hi; i++ {
			out = append(out, i)
		}
	}
	return out
}

// killTarget is a target that reads 4-byte record numbers, and after
// `after` of them stops reading for a moment (busy) and dies with a reset,
// losing what sat unread in its socket; the next one reads everything.
func killTarget(t *testing.T, ln net.Listener, after int, got func(n uint32)) {
	c := accept(t, ln)
	buf := make([]byte, 4)
	for i := 0; i < after; i++ {
		if _, err := io.ReadFull(c, buf); err != nil {
			t.Errorf("target: %v", err)
			return
		}
		got(binary.BigEndian.Uint32(buf))
	}
	time.Sleep(60 * time.Millisecond) // records pile up unread
	c.(*net.TCPConn).SetLinger(0)     // kill -9 with unread data: RST
	c.Close()
}

// TestTCPClientInFlightAtBreak (issue 7 fault 6): a target dies with
// records unread; c3link names every record that may be lost (none of the
// lost ones goes unnamed, and --stats counts them), and with a resend
// window writes them again after reconnecting, so nothing is lost.
func TestTCPClientInFlightAtBreak(t *testing.T) {
	for _, resend := range []time.Duration{0, 500 * time.Millisecond} {
		name := "report"
		if resend > 0 {
			name = "resend"
		}
		t.Run(name, func(t *testing.T) {
			ln := listen(t)
			addr := ln.Addr().String()
			port := portOf(ln.Addr())
			h := startPump(t, &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port},
				Config{Reconnect: true, ReconnectDelay: 100 * time.Millisecond, ResendWindow: resend, Linger: 2 * time.Second}, true)
			var mu sync.Mutex
			received := map[uint32]bool{}
			got := func(n uint32) { mu.Lock(); received[n] = true; mu.Unlock() }

			const total = 600
			go func() {
				rec := make([]byte, 4)
				for i := 1; i <= total; i++ {
					binary.BigEndian.PutUint32(rec, uint32(i))
					if h.stdin.Write(nil, rec) != nil || h.stdin.Flush() != nil {
						return
					}
					time.Sleep(time.Millisecond)
				}
				h.closeStdin()
			}()
			killTarget(t, ln, 150, got)
			ln.Close()
			note := h.waitNote("reconnecting in")
			ln2 := relisten(t, addr)
			c := accept(t, ln2)
			go func() {
				buf := make([]byte, 4)
				for {
					if _, err := io.ReadFull(c, buf); err != nil {
						return
					}
					got(binary.BigEndian.Uint32(buf))
				}
			}()
			st, err := h.wait()
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(100 * time.Millisecond)
			mu.Lock()
			defer mu.Unlock()
			reported := map[uint32]bool{}
			seqs := parseRanges(t, note)
			for _, s := range seqs {
				reported[uint32(s)] = true
			}
			var lost []int
			for i := 1; i <= total; i++ {
				if !received[uint32(i)] {
					lost = append(lost, i)
					if !reported[uint32(i)] {
						t.Errorf("record %d lost without a word; notice %q", i, note)
					}
				}
			}
			t.Logf("notice %q; lost %d %v", note, len(lost), lost)
			if st.InFlight != int64(len(seqs)) {
				t.Errorf("stats in_flight %d, notice names %d", st.InFlight, len(seqs))
			}
			if resend > 0 {
				if len(lost) > 0 || st.Resent != int64(len(seqs)) || !strings.Contains(note, "will be written again after reconnecting") {
					t.Errorf("resend: lost %v, resent %d of %d; %q", lost, st.Resent, len(seqs), note)
				}
			} else if len(lost) == 0 || !strings.Contains(note, "may not have been delivered") {
				t.Errorf("the target lost nothing (the test proves nothing) or the notice is wrong: %q", note)
			}
		})
	}
}

// TestSerialInFlightAtDeviceLoss: a serial adapter pulled (socat stops, the
// PTYs vanish) right after commands went out: the notice names them, since
// a serial line confirms nothing either.
func TestSerialInFlightAtDeviceLoss(t *testing.T) {
	a, b, kill := ptyPairKill(t)
	h := startPump(t, &Serial{WritePort: a, ReadPort: a, Baud: 115200, DataBits: 8, StopBits: serial.OneStopBit}, Config{Reconnect: true}, true)
	peer := openPeer(t, b)
	h.send(nil, []byte("c1"), []byte("c2"), []byte("c3"))
	readFull(t, peer, 6)
	kill()
	note := h.waitNote("reconnecting")
	if !strings.Contains(note, "; 3 stdin records written in the last 1s may not have been delivered (1-3); reconnecting in ") {
		t.Fatalf("notice %q", note)
	}
}

// TestInFlightPruneIsLinear: a busy link (a million records a second)
// keeps only the window, and noting a record costs constant time.
func TestInFlightPruneIsLinear(t *testing.T) {
	f := &inFlight{window: 10 * time.Millisecond, maxBytes: 1 << 20, release: func(*outRec) {}}
	start := time.Now()
	for i := int64(1); i <= 1_000_000; i++ {
		f.note(i, nil)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("1e6 notes took %v", took)
	}
	seqs := f.take(time.Now())
	if len(seqs) == 0 || seqs[len(seqs)-1] != 1_000_000 || len(f.sent) != 0 {
		t.Fatalf("took %d records, last %v", len(seqs), seqs[len(seqs)-1:])
	}
	for i := 1; i < len(seqs); i++ {
		if seqs[i] != seqs[i-1]+1 {
			t.Fatalf("not contiguous at %d: %d after %d", i, seqs[i], seqs[i-1])
		}
	}
}
