package fsum

import (
	"encoding/json"
	"math"
	"math/big"
	"math/rand"
	"os"
	"testing"
)

// oracle computes the window's statistics from its samples in exact
// fixed point (every float64 is a multiple of 2^-1074), from scratch.
func oracle(xs []float64) (mean, stddev float64) {
	var sum, sq, t big.Int
	for _, x := range xs {
		f := new(big.Float).SetFloat64(x)
		f.SetMantExp(f, 1074)
		f.Int(&t) // exact: x·2^1074 is an integer
		sum.Add(&sum, &t)
		t.Mul(&t, &t)
		sq.Add(&sq, &t)
	}
	f := new(big.Float).SetInt(&sum)
	s, _ := f.SetMantExp(f, -1074).Float64()
	n := int64(len(xs))
	mean = s / float64(n)
	if n > 1 {
		num := new(big.Int).Mul(&sq, big.NewInt(n))
		num.Sub(num, t.Mul(&sum, &sum))
		den := new(big.Int).Lsh(big.NewInt(n*(n-1)), 2148)
		stddev = sqrtFrac(num, den)
	}
	return
}

// samples draws the kinds of values telemetry gives.
var samplers = map[string]func(r *rand.Rand) float64{
	"poly_uint16": func(r *rand.Rand) float64 { return -100 + 0.00305*float64(r.Intn(65536)) },
	"small_ints":  func(r *rand.Rand) float64 { return float64(r.Intn(7) - 3) },
	"constant":    func(*rand.Rand) float64 { return 21.5 },
	"wide":        func(r *rand.Rand) float64 { return r.NormFloat64() * math.Pow(10, float64(r.Intn(40)-20)) },
	"near_equal":  func(r *rand.Rand) float64 { return 1e9 + float64(r.Intn(3))*math.Nextafter(1e9, 2e9) - 1e9 },
	"huge_tiny": func(r *rand.Rand) float64 {
		switch r.Intn(10) {
		case 0:
			return 0x1p450 * r.Float64()
		case 1:
			return -0x1p-450 * r.Float64()
		}
		return r.Float64()
	},
}

func TestWindowAgainstOracle(t *testing.T) {
	for name, draw := range samplers {
		for _, size := range []int{1, 2, 3, 10, 100} {
			r := rand.New(rand.NewSource(int64(size)))
			w := NewWindow(size)
			var all []float64
			for i := 0; i < 600; i++ {
				x := draw(r)
				w.Push(x)
				all = append(all, x)
				xs := all[max(0, len(all)-size):]
				if w.Len() != len(xs) {
					t.Fatalf("%s size %d step %d: Len %d, want %d", name, size, i, w.Len(), len(xs))
				}
				wantMean, wantSD := oracle(xs)
				if got := w.Mean(); got != wantMean {
					t.Fatalf("%s size %d step %d: Mean %v, want %v", name, size, i, got, wantMean)
				}
				if len(xs) > 1 {
					if got := w.Stddev(); got != wantSD {
						t.Fatalf("%s size %d step %d: Stddev %v, want %v", name, size, i, got, wantSD)
					}
				}
				checkExtremes(t, w, xs)
			}
		}
	}
}

func checkExtremes(t *testing.T, w *Window, xs []float64) {
	t.Helper()
	hi, lo := xs[0], xs[0]
	for _, x := range xs {
		hi, lo = max(hi, x), min(lo, x)
	}
	if got := w.Slot(w.MaxSlot()); got != hi {
		t.Fatalf("max %v, want %v", got, hi)
	}
	if got := w.Slot(w.MinSlot()); got != lo {
		t.Fatalf("min %v, want %v", got, lo)
	}
}

// The oldest of equal maxima is the one reported (Python's max keeps the
// first): the slot moves only when that sample leaves.
func TestWindowTiesKeepOldest(t *testing.T) {
	w := NewWindow(3)
	a := w.Push(5)
	w.Push(5)
	if w.MaxSlot() != a || w.MinSlot() != a {
		t.Fatalf("max slot %d min slot %d, want the first sample's %d", w.MaxSlot(), w.MinSlot(), a)
	}
}

func TestSumFloat64RoundsLikeFsum(t *testing.T) {
	cases := []struct {
		in   []float64
		want float64
	}{
		{[]float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, 1.0},
		{[]float64{1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50}, 1e-100},
		{[]float64{1, 0x1p-53, 0x1p-106}, 1 + 0x1p-52}, // a tie broken by the partial below
		{[]float64{1, 0x1p-53}, 1},                     // an exact tie goes to even
		{[]float64{1, 0x1p-53, -0x1p-106}, 1},
		{nil, 0},
	}
	for _, c := range cases {
		var s Sum
		for _, x := range c.in {
			s.Add(x)
		}
		if got := s.Float64(); got != c.want {
			t.Errorf("fsum%v = %v, want %v", c.in, got, c.want)
		}
	}
}

// testdata/python-statistics.json holds sequences with what Python's
// statistics.fmean and statistics.stdev (Python 3.11) gave over a sliding
// window of each: the digits COSMOS's Python StatisticsProcessor prints.
// scripts/gen-python-statistics.py wrote it.
func TestWindowMatchesPython(t *testing.T) {
	b, err := os.ReadFile("testdata/python-statistics.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name    string
		Size    int
		Samples []float64
		Mean    []float64
		Stdev   []*float64 // null with one sample
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range cases {
		w := NewWindow(c.Size)
		for i, x := range c.Samples {
			w.Push(x)
			if got := w.Mean(); got != c.Mean[i] {
				t.Fatalf("%s step %d: mean %v, Python %v", c.Name, i, got, c.Mean[i])
			}
			if c.Stdev[i] != nil {
				if got := w.Stddev(); got != *c.Stdev[i] {
					t.Fatalf("%s step %d: stdev %v, Python %v", c.Name, i, got, *c.Stdev[i])
				}
			}
		}
	}
}

func BenchmarkWindowPush100(b *testing.B) {
	w := NewWindow(100)
	r := rand.New(rand.NewSource(1))
	xs := make([]float64, 4096)
	for i := range xs {
		xs[i] = samplers["poly_uint16"](r)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		w.Push(xs[i%len(xs)])
		_ = w.Slot(w.MaxSlot()) + w.Slot(w.MinSlot()) + w.Mean() + w.Stddev()
	}
}

// TestSumStaysShort: single bits 30 binary orders of magnitude apart,
// across float64's range, fragment a sum into one partial each; past
// maxPartials they are rewritten as full 53-bit pieces, and the sum stays
// exact throughout, values taken away included.
func TestSumStaysShort(t *testing.T) {
	var s Sum
	var exact, v big.Rat
	var added []float64
	rewrites := 0
	step := func(x float64) {
		before := len(s.p)
		s.Add(x)
		if len(s.p) < before {
			rewrites++
		}
		exact.Add(&exact, v.SetFloat64(x))
		if len(s.p) > maxPartials {
			t.Fatalf("%d partials, want at most %d", len(s.p), maxPartials)
		}
		want, _ := exact.Float64()
		if got := s.Float64(); got != want {
			t.Fatalf("after %d values: sum %v, exact %v", len(added), got, want)
		}
	}
	for k := -1020; k <= 1000; k += 30 {
		x := math.Ldexp(1, k)
		if k%60 == 0 {
			x = -x
		}
		added = append(added, x)
		step(x)
	}
	for _, x := range added[:len(added)/2] {
		step(-x)
	}
	if rewrites == 0 {
		t.Error("the partials were never rewritten: the test does not reach maxPartials")
	}
}

func BenchmarkWindowParts(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	xs := make([]float64, 4096)
	for i := range xs {
		xs[i] = samplers["poly_uint16"](r)
	}
	w := NewWindow(100)
	for i := 0; i < 200; i++ {
		w.Push(xs[i])
	}
	b.Run("push", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			w.Push(xs[i%len(xs)])
		}
	})
	b.Run("mean", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_ = w.Mean()
		}
	})
	b.Run("stddev", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			_ = w.Stddev()
		}
	})
	b.Logf("partials: sum %d, squares %d", len(w.sum.p), len(w.sq.p))
}
