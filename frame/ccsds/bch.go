package ccsds

// BCH(63,56) of the CLTU (231.0-B): g(x) = x^7+x^6+x^2+1. A codeblock is 7
// information octets and one octet holding the complement of the 7-bit
// remainder of m(x)·x^7 mod g(x) followed by a filler bit 0. The code is an
// extended Hamming code (g = (x+1)(x^6+x+1), distance 4): it corrects one
// bit error per codeblock and detects two.

const (
	infoLen  = 7 // information octets per codeblock
	blockLen = 8 // octets per codeblock
)

// bchStep is the remainder register (left-aligned in an octet: the seven
// remainder bits above a zero) after shifting in one octet.
var bchStep = func() (t [256]byte) {
	const poly = 0x45 << 1 // x^6+x^2+1, left-aligned; x^7 is the shifted-out bit
	for i := range t {
		r := byte(i)
		for b := 0; b < 8; b++ {
			if r&0x80 != 0 {
				r = r<<1 ^ poly
			} else {
				r <<= 1
			}
		}
		t[i] = r
	}
	return t
}()

// bchParity is the parity octet of 7 information octets.
func bchParity(info []byte) byte {
	var r byte
	for _, o := range info[:infoLen] {
		r = bchStep[r^o]
	}
	return ^r &^ 1
}

// bchSyndrome maps the syndrome of a codeblock with exactly one bit error
// (7 bits, the XOR of the received and recomputed remainders) to the index
// of the bit in error, counting from the MSB of octet 0 (0..62); -1 where
// no single error gives that syndrome.
var bchSyndrome = func() (t [128]int8) {
	for i := range t {
		t[i] = -1
	}
	var blk [blockLen]byte
	for bit := 0; bit < 63; bit++ {
		blk = [blockLen]byte{}
		blk[bit/8] = 0x80 >> (bit % 8)
		// The complement cancels in the XOR, so a syndrome is the
		// remainder difference a one-bit pattern makes.
		s := (bchParity(blk[:infoLen]) ^ 0xFE ^ blk[infoLen]) >> 1
		t[s] = int8(bit)
	}
	return t
}()

// bchDecode checks the codeblock blk in place: it returns the index of the
// bit it corrected (0..62), -1 when the block was clean, or ok = false when
// the block has more errors than the code corrects (the CLTU ends there).
// The filler bit is not covered by the code and is ignored.
func bchDecode(blk []byte) (corrected int, ok bool) {
	s := (bchParity(blk[:infoLen]) ^ blk[infoLen]) >> 1
	if s == 0 {
		return -1, true
	}
	bit := bchSyndrome[s]
	if bit < 0 {
		return 0, false
	}
	blk[bit/8] ^= 0x80 >> (bit % 8)
	return int(bit), true
}
