package ccsds

import "crypto/subtle"

// The CCSDS pseudo-randomizers are 8-stage LFSRs reset to all ones at the
// start of every frame; their octet sequence repeats every 255 octets. The
// sequences are computed once, long enough for the largest frame, so
// (de)randomizing is one word-wide XOR (crypto/subtle) with no per-byte
// branching.
var (
	// tmSequence: h(x) = x^8+x^7+x^5+x^3+1 (131.0-B), for TM and AOS frames.
	tmSequence = lfsrSequence([]int{7, 5, 3, 0}, maxTMFrame)
	// tcSequence: h(x) = x^8+x^6+x^4+x^3+x^2+x+1 (231.0-B), for TC frames.
	tcSequence = lfsrSequence([]int{6, 4, 3, 2, 1, 0}, maxTCFrame)
)

// lfsrSequence returns n octets of the sequence s[k+8] = XOR of s[k+t] for t
// in taps, seeded with eight ones, first bit in the MSB of the first octet.
func lfsrSequence(taps []int, n int) []byte {
	bits := make([]byte, 8*n+8)
	for i := 0; i < 8; i++ {
		bits[i] = 1
	}
	for k := 0; k+8 < len(bits); k++ {
		var b byte
		for _, t := range taps {
			b ^= bits[k+t]
		}
		bits[k+8] = b
	}
	out := make([]byte, n)
	for i := range out {
		var o byte
		for j := 0; j < 8; j++ {
			o = o<<1 | bits[8*i+j]
		}
		out[i] = o
	}
	return out
}

// randomize XORs p with seq from its start, in place; the same call
// derandomizes. len(p) must not exceed len(seq).
func randomize(p, seq []byte) { subtle.XORBytes(p, p, seq[:len(p)]) }

// derandomize writes src XOR seq to dst (copying and derandomizing in one
// pass); len(dst) == len(src) <= len(seq).
func derandomize(dst, src, seq []byte) { subtle.XORBytes(dst, src, seq[:len(src)]) }
