package crc

import "golang.org/x/sys/cpu"

// haveCLMUL: PCLMULQDQ for the multiplications, SSSE3 for PSHUFB, which
// turns each 16-byte block most-significant-byte-first.
var haveCLMUL = cpu.X86.HasPCLMULQDQ && cpu.X86.HasSSSE3

// clmulFold returns M'·x^64 mod P64 for M' = p with reg XORed into its
// first eight bytes. With refl it does the same for a reflected CRC: reg
// and the result are reflected registers, and M is p with the bits of
// each 16-byte block reversed. len(p) is a multiple of 16, at least 16.
//
//go:noescape
func clmulFold(reg uint64, p []byte, k *clmulKeys, refl bool) uint64
