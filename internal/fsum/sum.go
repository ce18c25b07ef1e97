// Package fsum keeps exact sums of float64 values and rounds them
// correctly, the arithmetic behind Python's math.fsum and the statistics
// module. COSMOS's Python StatisticsProcessor reports statistics.fmean
// (fsum divided by n) and statistics.stdev (the correctly rounded square
// root of the exact sample variance); Window gives both for a sliding
// window in constant time per sample, so a decoder can match them digit
// for digit at line rate.
package fsum

import (
	"math"
	"math/big"
)

// Sum is an exact sum of float64 values: non-overlapping partials in
// increasing magnitude whose exact total is the sum (Shewchuk's
// expansions). Adding a value costs one pass over the partials, which for
// telemetry stay two or three long. The zero Sum is empty.
//
// Values must be finite and the running total must not overflow; Window
// keeps extreme values out of its Sums for that reason.
type Sum struct{ p []float64 }

// Reset empties s, keeping its storage.
func (s *Sum) Reset() { s.p = s.p[:0] }

// Add adds x exactly.
func (s *Sum) Add(x float64) {
	i := 0
	for _, y := range s.p {
		if math.Abs(x) < math.Abs(y) {
			x, y = y, x
		}
		hi := x + y
		lo := y - (hi - x) // exact: |x| >= |y| (Dekker's fast two-sum)
		if lo != 0 {
			s.p[i] = lo
			i++
		}
		x = hi
	}
	s.p = append(s.p[:i], x)
	if len(s.p) > maxPartials {
		s.renormalize()
	}
}

// addProduct adds a*b exactly (the product and its rounding error, by FMA).
func (s *Sum) addProduct(a, b float64) {
	p := a * b
	s.Add(p)
	if e := math.FMA(a, b, -p); e != 0 {
		s.Add(e)
	}
}

// Float64 returns the sum correctly rounded to the nearest float64, ties
// to even: what math.fsum returns.
func (s *Sum) Float64() float64 {
	n := len(s.p)
	if n == 0 {
		return 0
	}
	n--
	hi := s.p[n]
	var lo float64
	for n > 0 {
		x := hi
		n--
		y := s.p[n]
		hi = x + y
		lo = y - (hi - x)
		if lo != 0 {
			break
		}
	}
	// hi+lo is the sum of the top partials with lo at most half an ulp of
	// hi. If lo is exactly half an ulp the rounding of hi+lo went to even;
	// the partials below break the tie, so round away from the one taken
	// when they point the same way as lo.
	if n > 0 && (lo < 0 && s.p[n-1] < 0 || lo > 0 && s.p[n-1] > 0) {
		y := lo * 2
		x := hi + y
		if x-hi == y {
			hi = x
		}
	}
	return hi
}

// approx returns the sum as a double-double: hi is the rounded sum and lo
// what is left, to about 106 bits.
func (s *Sum) approx() (hi, lo float64) {
	for _, x := range s.p { // smallest first
		h := hi + x
		var e float64
		if math.Abs(hi) >= math.Abs(x) {
			e = x - (h - hi)
		} else {
			e = hi - (h - x)
		}
		hi, lo = h, lo+e
	}
	h := hi + lo
	return h, lo - (h - hi)
}

// maxPartials bounds a Sum's length. Telemetry keeps two or three
// partials, but values crafted to cancel could fragment a sliding sum into
// hundreds; past this length the partials are rewritten as few as the
// value needs, which is at most 40 (float64's 2,098 binary orders of
// magnitude in 53-bit pieces), so the rewrite cannot repeat at every Add.
const maxPartials = 48

// renormalize rewrites the partials as the fewest full-width pieces: the
// exact sum in fixed point, cut into 53-bit pieces from the top (at most
// some 40 across float64's whole range).
func (s *Sum) renormalize() {
	var t, acc big.Int
	for _, x := range s.p {
		m, e := mantExp(x)
		t.SetInt64(m)
		t.Lsh(&t, uint(e+sumShift))
		acc.Add(&acc, &t)
	}
	neg := acc.Sign() < 0
	acc.Abs(&acc)
	s.p = s.p[:0]
	for acc.Sign() != 0 {
		shift := acc.BitLen() - 53
		if shift < 0 {
			shift = 0
		}
		t.Rsh(&acc, uint(shift))
		piece := math.Ldexp(float64(t.Int64()), shift-sumShift) // exact: 53 bits
		t.Lsh(&t, uint(shift))
		acc.Sub(&acc, &t)
		if neg {
			piece = -piece
		}
		s.p = append(s.p, piece)
	}
	for i, j := 0, len(s.p)-1; i < j; i, j = i+1, j-1 {
		s.p[i], s.p[j] = s.p[j], s.p[i] // increasing magnitude
	}
}
