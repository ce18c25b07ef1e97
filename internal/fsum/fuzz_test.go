package fsum

import (
	"encoding/binary"
	"math"
	"testing"
)

// FuzzWindow pushes telemetry values from arbitrary bytes (any float64
// bit pattern; NaN and infinities are left out, as the processors skip
// them, 32 at most so minimizing stays quick) through windows of 1 to 16 samples: the constant-time statistics
// must equal the rational oracle's at every step, extreme values included.
func FuzzWindow(f *testing.F) {
	f.Add(uint8(3), []byte{0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18, 0xc0, 0x59, 0, 0, 0, 0, 0, 0})
	f.Add(uint8(0), []byte{0x7f, 0xef, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, size uint8, data []byte) {
		n := int(size%16) + 1
		w := NewWindow(n)
		var all []float64
		for len(data) >= 8 && len(all) < 32 {
			x := math.Float64frombits(binary.BigEndian.Uint64(data))
			data = data[8:]
			if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 0x1p500 {
				continue // beyond 2^500 the exact squares overflow float64's range in the oracle's Float64 too
			}
			w.Push(x)
			all = append(all, x)
			xs := all[max(0, len(all)-n):]
			mean, sd := oracle(xs)
			if got := w.Mean(); got != mean && !(math.IsInf(mean, 0) && got == mean) {
				t.Fatalf("samples %v: Mean %v, oracle %v", xs, got, mean)
			}
			if len(xs) > 1 {
				if got := w.Stddev(); got != sd {
					t.Fatalf("samples %v: Stddev %v, oracle %v", xs, got, sd)
				}
			}
			checkExtremes(t, w, xs)
		}
	})
}
