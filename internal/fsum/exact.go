package fsum

import (
	"math"
	"math/big"
)

// The exact path, used while an extreme sample (beyond 2^±400) is in the
// window: integer sums in fixed point. Every finite float64 is an integer
// multiple of 2^-1074, so Σx·2^1074 and Σx²·2^2148 are integers, kept as
// samples come and go like the float sums. A statistic then costs a few
// big-integer operations on numbers of some 4,000 bits (microseconds),
// whatever the window size; garbage floats cost that much and no more.

type bigSums struct {
	s, q    big.Int // Σx·2^1074 and Σx²·2^2148
	t, u, v big.Int // scratch
	f       big.Float
}

const (
	sumShift = 1074
	sqShift  = 2 * sumShift
)

// mantExp returns x as m·2^e with m an integer: e >= -1074.
func mantExp(x float64) (m int64, e int) {
	frac, exp := math.Frexp(x) // x = frac·2^exp, 0.5 <= |frac| < 1
	if x == 0 {
		return 0, -sumShift
	}
	m = int64(math.Ldexp(frac, 53))
	e = exp - 53
	if e < -sumShift { // subnormal: fewer mantissa bits
		m >>= uint(-sumShift - e)
		e = -sumShift
	}
	return m, e
}

// add adds sign·x to s and sign·x² to q.
func (b *bigSums) add(x float64, sign int) {
	m, e := mantExp(x)
	b.t.SetInt64(m)
	b.t.Lsh(&b.t, uint(e+sumShift))
	b.u.Mul(&b.t, &b.t) // (m·2^(e+1074))² = x²·2^2148
	if sign < 0 {
		b.s.Sub(&b.s, &b.t)
		b.q.Sub(&b.q, &b.u)
	} else {
		b.s.Add(&b.s, &b.t)
		b.q.Add(&b.q, &b.u)
	}
}

// rebuild sets the sums from the window's samples (when the first extreme
// sample enters).
func (w *Window) rebuild() {
	if w.big == nil {
		w.big = &bigSums{}
	}
	w.big.s.SetInt64(0)
	w.big.q.SetInt64(0)
	w.Each(func(x float64) { w.big.add(x, 1) })
}

func (w *Window) exactMean() float64 {
	b := w.big
	b.f.SetPrec(0).SetInt(&b.s) // exact: precision from the integer
	b.f.SetMantExp(&b.f, -sumShift)
	s, _ := b.f.Float64() // nearest, ties to even: fsum's rounding
	return s / float64(w.n)
}

func (w *Window) exactStddev() float64 {
	b := w.big
	n := int64(w.n)
	// (n·Q − S²)·2^-2148 / (n(n−1))
	b.v.Mul(&b.q, big.NewInt(n))
	b.t.Mul(&b.s, &b.s)
	b.v.Sub(&b.v, &b.t)
	b.u.SetInt64(n * (n - 1))
	b.u.Lsh(&b.u, sqShift)
	return sqrtFrac(&b.v, &b.u)
}

// sqrtFrac is the square root of num/den (non-negative), correctly
// rounded: the integer square root of num·4^k/den carries at least 60
// bits, a sticky bit records any remainder, and the conversion to float64
// rounds that to nearest even.
func sqrtFrac(num, den *big.Int) float64 {
	if num.Sign() <= 0 {
		return 0
	}
	// Choose k so num·4^k/den has at least 120 bits (its root 60).
	k := (120 - (num.BitLen() - den.BitLen()) + 1) / 2
	n := new(big.Int).Set(num)
	d := new(big.Int).Set(den)
	if k > 0 {
		n.Lsh(n, uint(2*k))
	} else if k < 0 {
		d.Lsh(d, uint(-2*k))
	}
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	root := new(big.Int).Sqrt(q)
	sq := new(big.Int).Mul(root, root)
	if r.Sign() != 0 || sq.Cmp(q) != 0 {
		root.Lsh(root, 1)
		root.SetBit(root, 0, 1) // sticky: the true root is above root
		k++
	}
	f, _ := new(big.Float).SetInt(root).Float64()
	return math.Ldexp(f, -k)
}
