package crc

import (
	"testing"
)

// fastBases are the fast-path parameter sets with their tables built once,
// fast and generic; withOuter varies the parameters that do not change the
// tables, so each fuzz run costs no table building.
var fastBases = func() (b [][2]*Table) {
	for _, p := range []Params{{Width: 32, Poly: polyIEEE, RefIn: true}, {Width: 32, Poly: polyCastagnoli, RefIn: true},
		{Width: 64, Poly: polyECMA, RefIn: true}, {Width: 64, Poly: polyISO, RefIn: true}} {
		b = append(b, [2]*Table{New(p), newTable(p)})
	}
	return b
}()

func withOuter(base *Table, init, xorOut uint64, refOut bool) *Table {
	t := *base
	t.p.Init, t.p.XorOut, t.p.RefOut = init&t.p.Mask(), xorOut&t.p.Mask(), refOut
	t.init = reflect(t.p.Init, t.p.Width) // every fast path is reflected
	return &t
}

// FuzzEngine: for any parameters, Validate decides; valid ones never panic,
// the slicing-by-16 path matches the bitwise reference, and whatever fast path
// New picks matches the generic path (the fuzzer's init/xorout/refout are
// also tried on every fast-path polynomial); invalid ones make New panic.
func FuzzEngine(f *testing.F) {
	f.Add(16, uint64(0x1021), uint64(0xffff), false, false, uint64(0), []byte("123456789"), 4)
	f.Add(32, uint64(polyIEEE), uint64(0xffffffff), true, true, uint64(0xffffffff), []byte("123456789"), 9)
	f.Add(12, uint64(0x80f), uint64(0), false, true, uint64(0), []byte{0xff, 0, 1}, 1)
	f.Add(65, uint64(1), uint64(0), false, false, uint64(0), []byte{}, 0)
	f.Fuzz(func(t *testing.T, width int, poly, init uint64, refIn, refOut bool, xorOut uint64, data []byte, cut int) {
		p := Params{width, poly, init, refIn, refOut, xorOut}
		if err := p.Validate(); err != nil {
			defer func() {
				if recover() == nil {
					t.Fatalf("New accepted invalid %+v (%v)", p, err)
				}
			}()
			New(p)
			return
		}
		if len(data) > 4096 {
			data = data[:4096] // keep the bitwise reference quick
		}
		if cut < 0 || cut > len(data) {
			cut = len(data) / 2
		}
		want := referenceCRC(p, data)
		if got := newTable(p).Checksum(data); got != want {
			t.Fatalf("%v: generic %s, reference %s", p, p.Hex(got), p.Hex(want))
		}
		tab := New(p)
		if got := tab.Final(tab.Update(tab.Update(tab.Init(), data[:cut]), data[cut:])); got != want {
			t.Fatalf("%v: New %s, reference %s", p, p.Hex(got), p.Hex(want))
		}
		for _, fs := range fastBases {
			fast, slow := withOuter(fs[0], init, xorOut, refOut), withOuter(fs[1], init, xorOut, refOut)
			if !fast.Fast() || slow.Fast() {
				t.Fatal("fast path bases mixed up")
			}
			a, b := fast.Final(fast.Update(fast.Update(fast.Init(), data[:cut]), data[cut:])), slow.Checksum(data)
			if a != b || b != referenceCRC(slow.p, data) {
				t.Fatalf("%v: fast %s, generic %s", slow.p, slow.p.Hex(a), slow.p.Hex(b))
			}
		}
	})
}
