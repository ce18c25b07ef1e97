#include "textflag.h"

// PSHUFB mask reversing the 16 bytes of a block: the first byte becomes
// the most significant.
DATA bswapMask<>+0(SB)/8, $0x08090a0b0c0d0e0f
DATA bswapMask<>+8(SB)/8, $0x0001020304050607
GLOBL bswapMask<>(SB), RODATA|NOPTR, $16

// func clmulNormal(reg uint64, p []byte, k *clmulKeys) uint64
// See clmul.go. X6 = (k192:k128), X5 = (poly:mu), high:low qwords.
TEXT ·clmulNormal(SB), NOSPLIT, $0-48
	MOVQ reg+0(FP), AX
	MOVQ p_base+8(FP), SI
	MOVQ p_len+16(FP), CX
	MOVQ k+32(FP), DX
	MOVOU bswapMask<>(SB), X7
	MOVOU 0(DX), X6
	MOVOU 16(DX), X5

	// X0 = first block, reg XORed into its high qword.
	MOVOU (SI), X0
	PSHUFB X7, X0
	MOVQ AX, X1
	PSLLO $8, X1
	PXOR X1, X0
	ADDQ $16, SI
	SUBQ $16, CX

loop:
	CMPQ CX, $16
	JB   last
	MOVOU (SI), X2
	PSHUFB X7, X2
	MOVO X0, X1
	PCLMULQDQ $0x11, X6, X0 // high·x^192
	PCLMULQDQ $0x00, X6, X1 // low·x^128
	PXOR X1, X0
	PXOR X2, X0
	ADDQ $16, SI
	SUBQ $16, CX
	JMP  loop

last:
	// Y = X0·x^64 mod P64, as 128 bits: high·x^128 ^ low<<64.
	MOVO X0, X1
	PCLMULQDQ $0x01, X6, X0 // high·(x^128 mod P64)
	PSLLO $8, X1
	PXOR X1, X0

	// Barrett: q = H ^ hi64(H·mu); remainder = L ^ lo64(q·poly).
	MOVO X0, X1
	PCLMULQDQ $0x01, X5, X1 // H·mu
	PSRLO $8, X1
	MOVO X0, X2
	PSRLO $8, X2
	PXOR X2, X1             // low qword: q
	PCLMULQDQ $0x10, X5, X1 // q·poly
	PXOR X0, X1
	MOVQ X1, AX
	MOVQ AX, ret+40(FP)
	RET
