package crc

import (
	"hash/crc32"
	"math/rand/v2"
	"testing"
)

// TestCLMULMatchesGeneric: for every width, random parameters of both
// orientations, every length around the 16-byte blocks and random splits,
// the carry-less paths give the slicing tables' CRC.
func TestCLMULMatchesGeneric(t *testing.T) {
	if !haveCLMUL {
		t.Skip("no PCLMULQDQ here")
	}
	r := rand.New(rand.NewPCG(7, 8))
	lengths := []int{0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 62, 64, 66, 100, 1024, 1031, 4099}
	for w := 1; w <= 64; w++ {
		for range 6 {
			p := randomParams(r, w)
			fast, slow := New(p), newTable(p)
			if want := map[bool]path{false: pathCLMUL, true: pathCLMULRefl}[p.RefIn]; fast.path != want && !fast.Fast() {
				t.Fatalf("%v: path %d, want %d", p, fast.path, want)
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
	// hash/crc32 and hash/crc64 keep theirs.
	if !New(MustPreset("CRC-32").Params).Fast() || New(MustPreset("CRC-16/KERMIT").Params).path != pathCLMULRefl {
		t.Error("paths mixed up")
	}
}

// TestCRC32ShortFold: CRC-32 folds whole blocks up to 128 bytes itself and
// leaves the rest to hash/crc32; both give hash/crc32's CRC.
func TestCRC32ShortFold(t *testing.T) {
	tab := New(MustPreset("CRC-32").Params)
	if haveCLMUL && tab.fold != 128 {
		t.Fatalf("fold %d", tab.fold)
	}
	r := rand.New(rand.NewPCG(9, 10))
	for n := range 200 {
		data := randomBytes(r, n)
		if got, want := tab.Checksum(data), uint64(crc32.ChecksumIEEE(data)); got != want {
			t.Fatalf("len %d: %#x, want %#x", n, got, want)
		}
	}
}
