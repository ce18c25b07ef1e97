package fsum

import "math"

// Window is the last Size samples pushed, with their count, exact sum and
// exact sum of squares kept as samples come and go, and their maximum and
// minimum kept in monotonic queues: every statistic is constant time per
// sample however long the window.
type Window struct {
	vals []float64 // ring: sample number k lives at vals[k%Size]
	next uint64    // number of the next sample
	n    int       // samples in the window
	sum  Sum       // exact sum of the ordinary samples
	sq   Sum       // exact sum of their squares
	wild int       // extreme samples in the window (not in sum and sq)
	maxQ seqQueue  // sample numbers whose values decrease: the front is the maximum
	minQ seqQueue  // ... increase: the front is the minimum
	ss   Sum       // scratch for Stddev
	big  *bigSums  // exact integer sums while wild > 0 (exact.go)
}

// NewWindow returns an empty window of size samples (size >= 1).
func NewWindow(size int) *Window {
	return &Window{vals: make([]float64, size), maxQ: newSeqQueue(size), minQ: newSeqQueue(size)}
}

// Size is the most samples the window holds.
func (w *Window) Size() int { return len(w.vals) }

// Len is the number of samples in the window.
func (w *Window) Len() int { return w.n }

// Reset empties the window.
func (w *Window) Reset() {
	w.next, w.n, w.wild = 0, 0, 0
	w.sum.Reset()
	w.sq.Reset()
	w.maxQ.reset()
	w.minQ.reset()
}

// extreme samples would overflow the squares, or lose the exactness of
// their rounding errors below the normal range; while one is in the
// window the statistics come from exact integer sums (exact.go).
func extreme(x float64) bool {
	a := math.Abs(x)
	return a >= 0x1p400 || a != 0 && a < 0x1p-400
}

// Push adds x (finite), dropping the oldest sample when the window is
// full, and returns the ring slot x is kept in (see Slot).
func (w *Window) Push(x float64) int {
	size := uint64(len(w.vals))
	k := w.next
	w.next++
	if w.n == len(w.vals) {
		old := k - size
		w.drop(w.vals[old%size])
		w.maxQ.dropFront(old)
		w.minQ.dropFront(old)
	} else {
		w.n++
	}
	slot := int(k % size)
	w.vals[slot] = x
	switch {
	case extreme(x):
		w.wild++
		if w.wild == 1 {
			w.rebuild() // x included
		} else {
			w.big.add(x, 1)
		}
	default:
		w.sum.Add(x)
		w.sq.addProduct(x, x)
		if w.wild > 0 {
			w.big.add(x, 1)
		}
	}
	// Python's max and min return the first extreme value in the list:
	// an equal newer sample does not displace an older one.
	for !w.maxQ.empty() && w.vals[w.maxQ.back()%size] < x {
		w.maxQ.popBack()
	}
	w.maxQ.push(k)
	for !w.minQ.empty() && w.vals[w.minQ.back()%size] > x {
		w.minQ.popBack()
	}
	w.minQ.push(k)
	return slot
}

func (w *Window) drop(x float64) {
	if w.wild > 0 {
		w.big.add(x, -1)
	}
	if extreme(x) {
		w.wild--
		return
	}
	w.sum.Add(-x)
	w.sq.addProduct(-x, x)
	if w.wild == w.n-1 {
		// Nothing ordinary remains: start the sums afresh so the
		// partials of values long gone do not linger as zeros.
		w.sum.Reset()
		w.sq.Reset()
	}
}

// MaxSlot and MinSlot return the ring slots of the maximum and minimum
// samples (the oldest of equal ones). The window must not be empty.
func (w *Window) MaxSlot() int { return int(w.maxQ.front() % uint64(len(w.vals))) }
func (w *Window) MinSlot() int { return int(w.minQ.front() % uint64(len(w.vals))) }

// Slot returns the sample kept in slot.
func (w *Window) Slot(slot int) float64 { return w.vals[slot] }

// Each calls fn with the samples, oldest first.
func (w *Window) Each(fn func(x float64)) {
	size := uint64(len(w.vals))
	for k := w.next - uint64(w.n); k < w.next; k++ {
		fn(w.vals[k%size])
	}
}

// Mean is statistics.fmean of the samples: their exact sum correctly
// rounded, divided by their count. The window must not be empty.
func (w *Window) Mean() float64 {
	if w.wild > 0 {
		return w.exactMean()
	}
	return w.sum.Float64() / float64(w.n)
}

// Stddev is statistics.stdev of the samples: the square root of their
// exact sample variance (n·Σx² − (Σx)²) / (n(n−1)), correctly rounded.
// The window must hold at least two samples.
//
// The variance's numerator is formed exactly from the running sums, then
// divided and square-rooted in double-double arithmetic (about 100
// correct bits), so the rounding to float64 is the correct one unless the
// true root lies within 2^-100 of it of a halfway point between two
// floats; there the result may differ from Python's in the last bit.
func (w *Window) Stddev() float64 {
	if w.wild > 0 {
		return w.exactStddev()
	}
	n := float64(w.n)
	d := &w.ss
	d.Reset()
	for _, q := range w.sq.p {
		d.addProduct(q, n)
	}
	for _, a := range w.sum.p {
		for _, b := range w.sum.p {
			d.addProduct(-a, b)
		}
	}
	hi, lo := d.approx()
	if hi <= 0 {
		return 0 // all samples equal (the exact numerator is zero)
	}
	hi, lo = ddDiv(hi, lo, n*(n-1))
	return ddSqrt(hi, lo)
}

// ddDiv divides the double-double hi+lo by m.
func ddDiv(hi, lo, m float64) (float64, float64) {
	q1 := hi / m
	r := math.FMA(-q1, m, hi) + lo // hi+lo − q1·m, the first term exact
	q2 := r / m
	s := q1 + q2
	return s, q2 - (s - q1)
}

// ddSqrt is the square root of the double-double hi+lo rounded to float64:
// a Newton step from sqrt(hi) with the residual formed by FMA.
func ddSqrt(hi, lo float64) float64 {
	s := math.Sqrt(hi)
	r := math.FMA(-s, s, hi) + lo
	return s + r/(2*s)
}

// seqQueue is a double-ended queue of sample numbers in a fixed ring.
type seqQueue struct {
	q          []uint64
	head, size int
}

func newSeqQueue(n int) seqQueue { return seqQueue{q: make([]uint64, n+1)} }

func (s *seqQueue) reset()      { s.head, s.size = 0, 0 }
func (s *seqQueue) empty() bool { return s.size == 0 }
func (s *seqQueue) front() uint64 {
	return s.q[s.head]
}
func (s *seqQueue) back() uint64 {
	return s.q[(s.head+s.size-1)%len(s.q)]
}
func (s *seqQueue) popBack() { s.size-- }
func (s *seqQueue) push(k uint64) {
	s.q[(s.head+s.size)%len(s.q)] = k
	s.size++
}

// dropFront removes k if it is at the front (the sample leaving the window).
func (s *seqQueue) dropFront(k uint64) {
	if s.size > 0 && s.q[s.head] == k {
		s.head = (s.head + 1) % len(s.q)
		s.size--
	}
}
