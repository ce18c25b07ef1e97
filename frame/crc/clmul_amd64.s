#include "textflag.h"

// PSHUFB mask reversing the 16 bytes of a block: the first byte becomes
// the most significant.
DATA bswapMask<>+0(SB)/8, $0x08090a0b0c0d0e0f
DATA bswapMask<>+8(SB)/8, $0x0001020304050607
GLOBL bswapMask<>(SB), RODATA|NOPTR, $16

// Nibble tables for reversing the bits of every byte (reflected CRCs):
// revHi[n] is n's four bits reversed, shifted to the high nibble; revLo[n]
// the same in the low nibble.
DATA revHi<>+0(SB)/8, $0xe060a020c0408000
DATA revHi<>+8(SB)/8, $0xf070b030d0509010
GLOBL revHi<>(SB), RODATA|NOPTR, $16
DATA revLo<>+0(SB)/8, $0x0e060a020c040800
DATA revLo<>+8(SB)/8, $0x0f070b030d050901
GLOBL revLo<>(SB), RODATA|NOPTR, $16
DATA nibMask<>+0(SB)/8, $0x0f0f0f0f0f0f0f0f
DATA nibMask<>+8(SB)/8, $0x0f0f0f0f0f0f0f0f
GLOBL nibMask<>(SB), RODATA|NOPTR, $16

// BITREV reverses the bits of every byte of X (X8, X11 scratch):
// revHi[low nibble] | revLo[high nibble].
#define BITREV(X) \
	MOVO   X, X8;     \
	PSRLW  $4, X8;    \
	PAND   X9, X;     \
	PAND   X9, X8;    \
	MOVO   X10, X11;  \
	PSHUFB X, X11;    \
	MOVO   X12, X;    \
	PSHUFB X8, X;     \
	POR    X11, X

// func clmulFold(reg uint64, p []byte, k *clmulKeys, refl bool) uint64
// See clmul.go. X6 = (k192:k128), X5 = (poly:mu), high:low qwords. With
// refl, each block is bit-reversed as a whole (the bits of every byte,
// then the bytes), which turns a reflected CRC's input into a normal one's;
// reg, a reflected register, goes into the first block's low qword before
// that reversal (the reversal is linear), and the result is reversed back.
TEXT ·clmulFold(SB), NOSPLIT, $0-56
	MOVQ  reg+0(FP), AX
	MOVQ  p_base+8(FP), SI
	MOVQ  p_len+16(FP), CX
	MOVQ  k+32(FP), DX
	MOVB  refl+40(FP), R8
	MOVOU bswapMask<>(SB), X7
	MOVOU nibMask<>(SB), X9
	MOVOU revHi<>(SB), X10
	MOVOU revLo<>(SB), X12
	MOVOU 0(DX), X6
	MOVOU 16(DX), X5

	// X0 = first block with reg XORed in.
	MOVOU (SI), X0
	MOVQ  AX, X1
	TESTB R8, R8
	JZ    firstnormal
	PXOR  X1, X0
	BITREV(X0)
	PSHUFB X7, X0
	JMP   first

firstnormal:
	PSHUFB X7, X0
	PSLLO  $8, X1
	PXOR   X1, X0

first:
	ADDQ $16, SI
	SUBQ $16, CX

loop:
	CMPQ  CX, $16
	JB    last
	MOVOU (SI), X2
	TESTB R8, R8
	JZ    swap
	BITREV(X2)

swap:
	PSHUFB    X7, X2
	MOVO      X0, X1
	PCLMULQDQ $0x11, X6, X0 // high·x^192
	PCLMULQDQ $0x00, X6, X1 // low·x^128
	PXOR      X1, X0
	PXOR      X2, X0
	ADDQ      $16, SI
	SUBQ      $16, CX
	JMP       loop

last:
	// Y = X0·x^64 mod P64, as 128 bits: high·x^128 ^ low<<64.
	MOVO      X0, X1
	PCLMULQDQ $0x01, X6, X0 // high·(x^128 mod P64)
	PSLLO     $8, X1
	PXOR      X1, X0

	// Barrett: q = H ^ hi64(H·mu); remainder = L ^ lo64(q·poly).
	MOVO      X0, X1
	PCLMULQDQ $0x01, X5, X1 // H·mu
	PSRLO     $8, X1
	MOVO      X0, X2
	PSRLO     $8, X2
	PXOR      X2, X1        // low qword: q
	PCLMULQDQ $0x10, X5, X1 // q·poly
	PXOR      X0, X1
	TESTB     R8, R8
	JZ        done
	BITREV(X1)              // reflected: the bits of each byte here,
	MOVQ      X1, AX
	BSWAPQ    AX            // and the bytes here
	MOVQ      AX, ret+48(FP)
	RET

done:
	MOVQ X1, AX
	MOVQ AX, ret+48(FP)
	RET
