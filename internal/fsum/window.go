package fsum

import "math"

// Window is the last Size samples pushed, with their count, exact sum and
// exact sum of squares kept as samples come and go, and their maximum and
// minimum kept in monotonic queues: every statistic is constant time per
// sample however long the window.
type Window struct {
	vals []float64 // ring of samples
	next int       // the slot the next sample goes in
	n    int       // samples in the window
	sum  Sum       // exact sum of the ordinary samples
	sq   Sum       // exact sum of their squares
	wild int       // extreme samples in the window (not in sum and sq)
	maxQ slotQueue // slots whose values decrease: the front is the maximum
	minQ slotQueue // ... increase: the front is the minimum
	ss   Sum       // scratch for Stddev
	big  *bigSums  // exact integer sums while wild > 0 (exact.go)
}

// NewWindow returns an empty window of size samples (size >= 1).
func NewWindow(size int) *Window {
	return &Window{vals: make([]float64, size), maxQ: newSlotQueue(size), minQ: newSlotQueue(size)}
}

// Len is the number of samples in the window.
func (w *Window) Len() int { return w.n }

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
	slot := w.next
	if w.next++; w.next == len(w.vals) {
		w.next = 0
	}
	if w.n == len(w.vals) {
		// The oldest sample is in the slot x takes; the queues hold only
		// samples in the window, so that slot at a front is that sample.
		w.drop(w.vals[slot])
		w.maxQ.dropFront(slot)
		w.minQ.dropFront(slot)
	} else {
		w.n++
	}
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
	for !w.maxQ.empty() && w.vals[w.maxQ.back()] < x {
		w.maxQ.popBack()
	}
	w.maxQ.push(slot)
	for !w.minQ.empty() && w.vals[w.minQ.back()] > x {
		w.minQ.popBack()
	}
	w.minQ.push(slot)
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
func (w *Window) MaxSlot() int { return w.maxQ.front() }
func (w *Window) MinSlot() int { return w.minQ.front() }

// Slot returns the sample kept in slot.
func (w *Window) Slot(slot int) float64 { return w.vals[slot] }

// Each calls fn with the samples, oldest first.
func (w *Window) Each(fn func(x float64)) {
	k := w.next - w.n
	if k < 0 {
		k += len(w.vals)
	}
	for i := 0; i < w.n; i++ {
		fn(w.vals[k])
		if k++; k == len(w.vals) {
			k = 0
		}
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
// The fast path forms the numerator in double-double from the exact sums
// with a bound on its error, and takes its root; the result stands when
// the bound keeps the true root clear of a rounding boundary. Otherwise
// (samples whose spread is tiny beside their size, or a root that falls
// near a halfway point) the numerator is formed exactly (stddevExact).
func (w *Window) Stddev() float64 {
	if w.wild > 0 {
		return w.exactStddev()
	}
	n := float64(w.n)
	sh, sl := w.sum.approx()
	qh, ql := w.sq.approx()
	// n·Q and S² as double-doubles, each within 2^-100 of its size.
	p1 := n * qh
	e1 := math.FMA(n, qh, -p1) + n*ql
	p2 := sh * sh
	e2 := math.FMA(sh, sh, -p2) + 2*sh*sl
	d := p1 - p2
	dlo := (p1 - d) - p2 + (e1 - e2) // p1 − p2 is within a factor two: exact (Sterbenz)
	if p2 > 2*p1 || p1 > 2*p2 {
		dlo = twoSumErr(p1, -p2, d) + (e1 - e2)
	}
	dh := d + dlo
	dl := dlo - (dh - d)
	// The error of dh+dl: S² <= n·Q, so 2^-98·n·Q bounds it.
	errBound := 0x1p-98 * p1
	if dh <= 0 || errBound > 0x1p-70*dh {
		return w.stddevExact()
	}
	// The root is then within 2^-69 of the true one (relatively).
	if r, ok := roundedRoot(dh, dl, n*(n-1), 0x1p-66); ok {
		return r
	}
	return w.stddevExact()
}

// roundedRoot is sqrt((hi+lo)/m) rounded to float64, and whether that
// rounding is certain: the unrounded root t = s+c lies further than
// margin (relative) from the boundary between the result and a neighbour.
func roundedRoot(hi, lo, m, margin float64) (float64, bool) {
	vh, vl := ddDiv(hi, lo, m)
	s, c := ddSqrtParts(vh, vl)
	r := s + c
	off := (s - r) + c // t − r
	half := (math.Nextafter(r, math.Inf(1)) - r) / 2
	if off < 0 {
		half = (r - math.Nextafter(r, 0)) / 2
	}
	return r, half-math.Abs(off) > margin*r
}

// twoSumErr is the rounding error of s = a+b.
func twoSumErr(a, b, s float64) float64 {
	bb := s - a
	return (a - (s - bb)) + (b - bb)
}

// stddevExact forms the variance's numerator exactly from the running
// sums (an expansion) and takes its root in double-double; near a
// rounding boundary it falls back to big integers.
func (w *Window) stddevExact() float64 {
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
	if r, ok := roundedRoot(hi, lo, n*(n-1), 0x1p-96); ok {
		return r
	}
	w.rebuild() // within 2^-96 of a halfway point: decide it exactly
	return w.exactStddev()
}

// ddDiv divides the double-double hi+lo by m.
func ddDiv(hi, lo, m float64) (float64, float64) {
	q1 := hi / m
	r := math.FMA(-q1, m, hi) + lo // hi+lo − q1·m, the first term exact
	q2 := r / m
	s := q1 + q2
	return s, q2 - (s - q1)
}

// ddSqrtParts is the square root of the double-double hi+lo as s+c: a
// Newton step from sqrt(hi) with the residual formed by FMA.
func ddSqrtParts(hi, lo float64) (s, c float64) {
	s = math.Sqrt(hi)
	r := math.FMA(-s, s, hi) + lo
	return s, r / (2 * s)
}

// slotQueue is a double-ended queue of ring slots in a fixed ring.
type slotQueue struct {
	q          []int
	head, size int
}

func newSlotQueue(n int) slotQueue { return slotQueue{q: make([]int, n+1)} }

func (s *slotQueue) reset()      { s.head, s.size = 0, 0 }
func (s *slotQueue) empty() bool { return s.size == 0 }
func (s *slotQueue) front() int  { return s.q[s.head] }
func (s *slotQueue) back() int {
	i := s.head + s.size - 1
	if i >= len(s.q) {
		i -= len(s.q)
	}
	return s.q[i]
}
func (s *slotQueue) popBack() { s.size-- }
func (s *slotQueue) push(k int) {
	i := s.head + s.size
	if i >= len(s.q) {
		i -= len(s.q)
	}
	s.q[i] = k
	s.size++
}

// dropFront removes slot k if it is at the front (the sample leaving).
func (s *slotQueue) dropFront(k int) {
	if s.size > 0 && s.q[s.head] == k {
		if s.head++; s.head == len(s.q) {
			s.head = 0
		}
		s.size--
	}
}
