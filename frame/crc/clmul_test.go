package crc

import (
	"math/rand/v2"
	"testing"
)

// TestCLMULMatchesGeneric: for every width, random non-reflected
// parameters, every length around the 16-byte blocks and random splits,
// the carry-less path gives the slicing tables' CRC.
func TestCLMULMatchesGeneric(t *testing.T) {
	if !haveCLMUL {
		t.Skip("no PCLMULQDQ here")
	}
	r := rand.New(rand.NewPCG(7, 8))
	lengths := []int{0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 62, 64, 66, 100, 1024, 1031, 4099}
	for w := 1; w <= 64; w++ {
		for range 6 {
			p := randomParams(r, w)
			p.RefIn = false
			fast, slow := New(p), newTable(p)
			if fast.path != pathCLMUL {
				t.Fatalf("%v: path %d, want CLMUL", p, fast.path)
			}
			for _, n := range lengths {
				data := randomBytes(r, n)
				want := slow.Checksum(data)
				if got := fast.Checksum(data); got != want {
					t.Fatalf("%v len %d: CLMUL %s, tables %s", p, n, p.Hex(got), p.Hex(want))
				}
				cut := r.IntN(n + 1)
				if got := fast.Final(fast.Update(fast.Update(fast.Init(), data[:cut]), data[cut:])); got != want {
					t.Fatalf("%v len %d cut %d: CLMUL %s, tables %s", p, n, cut, p.Hex(got), p.Hex(want))
				}
			}
		}
	}
	// Reflected parameters keep their own paths.
	if New(MustPreset("CRC-16/KERMIT").Params).path == pathCLMUL {
		t.Error("a reflected CRC took the CLMUL path")
	}
}
