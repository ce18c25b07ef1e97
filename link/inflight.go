package link

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// DefaultInFlightWindow: without --resend-window, the stdin records written
// this long before a detected break are reported as possibly undelivered.
const DefaultInFlightWindow = time.Second

// UnconfirmedWrites is a Link to one peer over a stream (TCP client,
// serial) whose writes succeed once the bytes are in the kernel: a record
// written shortly before the connection breaks may never reach the target
// application, and nothing says which. The pump reports those records, and
// with a resend window writes them again on the next connection.
type UnconfirmedWrites interface {
	Link
	WritesUnconfirmed()
}

// sentRec is one stdin record written on the current connection.
type sentRec struct {
	seq int64
	at  time.Time
	o   *outRec // kept for a resend (nil without --resend-window)
}

// inFlight remembers the stdin records written within the window, so a
// break can name them (and, with resend, write them again). Memory is
// bounded by the window and by maxBytes.
type inFlight struct {
	wmu      sync.Mutex // held across a tracked write and its note, so a break sees it
	mu       sync.Mutex
	window   time.Duration
	resend   bool
	maxBytes int64
	held     int64
	sent     []sentRec // written, oldest first, from head on
	head     int
	again    []sentRec // taken at a break: written first on the next connection
	release  func(*outRec)
}

// prune forgets the records older than the window (and the oldest while
// more than maxBytes are held). The live entries are sent[head:]; the slice
// is compacted only once half of it is dead, so a busy link prunes in
// constant time per record.
func (f *inFlight) prune(now time.Time) {
	for ; f.head < len(f.sent); f.head++ {
		s := f.sent[f.head]
		if now.Sub(s.at) <= f.window && f.held <= f.maxBytes {
			break
		}
		if s.o != nil {
			f.held -= int64(len(s.o.data))
			f.release(s.o)
		}
		f.sent[f.head] = sentRec{}
	}
	if f.head > 0 && f.head >= len(f.sent)/2 {
		n := copy(f.sent, f.sent[f.head:])
		clear(f.sent[n:])
		f.sent, f.head = f.sent[:n], 0
	}
}

// note records one stdin record written; with resend it keeps o (whose
// queue budget the caller has released), else the caller keeps it.
func (f *inFlight) note(seq int64, o *outRec) {
	now := time.Now()
	s := sentRec{seq: seq, at: now}
	if f.resend {
		s.o = o
		f.held += int64(len(o.data))
	}
	f.mu.Lock()
	f.sent = append(f.sent, s)
	f.prune(now)
	f.mu.Unlock()
}

// take empties the record of the connection that just broke and returns
// the stdin records written within the window before now; with resend they
// are also queued to be written first on the next connection.
func (f *inFlight) take(now time.Time) []int64 {
	f.wmu.Lock() // a write in progress on the broken connection ends first
	defer f.wmu.Unlock()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.prune(now)
	live := f.sent[f.head:]
	seqs := make([]int64, 0, len(live))
	for _, s := range live {
		seqs = append(seqs, s.seq)
	}
	if f.resend {
		f.again = append(f.again, live...)
		for _, s := range live {
			f.held -= int64(len(s.o.data))
		}
	}
	clear(f.sent)
	f.sent, f.head = f.sent[:0], 0
	return seqs
}

// takeAgain returns the records to write again (and forgets them).
func (f *inFlight) takeAgain() []sentRec {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.again
	f.again = nil
	return a
}

// putBack returns records not written again (the new connection broke too)
// to the front of the resend list.
func (f *inFlight) putBack(a []sentRec) {
	f.mu.Lock()
	f.again = append(a, f.again...)
	f.mu.Unlock()
}

func (f *inFlight) pendingAgain() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.again) > 0
}

// describeInFlight is the part of a "connection lost" line that names the
// records in flight: "3 stdin records written in the last 1s may not have
// been delivered (5-7)".
func describeInFlight(seqs []int64, window time.Duration, resend bool) string {
	if len(seqs) == 0 {
		return ""
	}
	what := "stdin records"
	if len(seqs) == 1 {
		what = "stdin record"
	}
	fate := "may not have been delivered"
	if resend {
		fate = "will be written again after reconnecting"
	}
	return fmt.Sprintf("; %d %s written in the last %v %s (%s)", len(seqs), what, window, fate, seqRanges(seqs, 8))
}

// seqRanges writes ascending numbers as ranges, "5-7,9", at most max ranges.
func seqRanges(seqs []int64, max int) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(seqs); {
		j := i
		for j+1 < len(seqs) && seqs[j+1] == seqs[j]+1 {
			j++
		}
		if n == max {
			fmt.Fprintf(&b, ",... (%d more)", len(seqs)-i)
			break
		}
		if n > 0 {
			b.WriteByte(',')
		}
		if j > i {
			fmt.Fprintf(&b, "%d-%d", seqs[i], seqs[j])
		} else {
			fmt.Fprintf(&b, "%d", seqs[i])
		}
		n++
		i = j + 1
	}
	return b.String()
}
