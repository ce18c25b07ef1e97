//go:build !amd64

package crc

// haveCLMUL is false where there is no assembly: the tables do it all.
const haveCLMUL = false

func clmulFold(reg uint64, p []byte, k *clmulKeys, refl bool) uint64 {
	panic("crc: no carry-less multiplication on this architecture")
}
