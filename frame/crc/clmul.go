package crc

import "math/big"

// Carry-less multiplication (PCLMULQDQ) for the CRCs hash/crc32 and
// hash/crc64 do not cover: COSMOS's default CRC-16 (CRC-16/IBM-3740, the
// CCSDS one) among them. Slicing-by-16 costs about fifty instructions every
// 16 bytes; folding costs two multiplications. Reflected CRCs go through
// the same code with the input's bits reversed (updateCLMUL).
//
// The register is the one updateNormal keeps: a width-w CRC sits in the top
// w bits of a uint64, which is the 64-bit CRC whose polynomial is
// P64 = x^64 + apoly, apoly being Poly << (64-w). Feeding bytes M to
// register r gives (r·x^(8n) + M·x^64) mod P64; XORing r into M's first
// eight bytes turns that into M'·x^64 mod P64, which the assembly computes:
// fold 16-byte blocks with x^192 and x^128 mod P64, multiply the last by
// x^64, and reduce the 128-bit result with Barrett's method.

// clmulKeys is what the assembly reads, in this order.
type clmulKeys struct {
	k128, k192 uint64 // x^128 and x^192 mod P64: folding one block over the next
	mu, poly   uint64 // Barrett: floor(x^128 / P64) less its x^64 term; apoly
}

func newClmulKeys(apoly uint64) *clmulKeys {
	k := &clmulKeys{poly: apoly}
	r := apoly // x^64 mod P64
	for i := 64; i < 192; i++ {
		if i == 128 {
			k.k128 = r
		}
		r = mulx(r, apoly)
	}
	k.k192 = r
	k.mu = barrettMu(apoly)
	return k
}

// mulx returns r·x mod P64.
func mulx(r, apoly uint64) uint64 {
	if r&(1<<63) != 0 {
		return r<<1 ^ apoly
	}
	return r << 1
}

// barrettMu divides x^128 by P64 (long division over GF(2)) and returns
// the quotient without its x^64 term. Once per Table; math/big for clarity.
func barrettMu(apoly uint64) uint64 {
	p := new(big.Int).SetUint64(apoly)
	p.SetBit(p, 64, 1)
	rem := new(big.Int).SetBit(new(big.Int), 128, 1)
	q := new(big.Int)
	for i := 128; i >= 64; i-- {
		if rem.Bit(i) == 1 {
			q.SetBit(q, i-64, 1)
			rem.Xor(rem, new(big.Int).Lsh(p, uint(i-64)))
		}
	}
	return q.Uint64() // bits 0..63; bit 64 is always set
}

// clmulMin is the shortest input the assembly takes; the 0..15 bytes
// before the last multiple of 16 go through the tables first.
const clmulMin = 16

// updateCLMUL is updateNormal, or with refl updateReflected, with the
// multiples of 16 bytes folded. A reflected CRC is the normal one of the
// same polynomial over input whose bits are reversed byte by byte, with
// the register reversed too (its low w bits become the top w); the
// assembly does both reversals.
func updateCLMUL(t *tables, k *clmulKeys, reg uint64, p []byte, refl bool) uint64 {
	update := updateNormal
	if refl {
		update = updateReflected
	}
	if len(p) < clmulMin {
		return update(t, reg, p)
	}
	if head := len(p) % 16; head > 0 {
		reg = update(t, reg, p[:head])
		p = p[head:]
	}
	return clmulFold(reg, p, k, refl)
}
