package crc

import (
	"fmt"
	"hash/crc32"
	"hash/crc64"
	"math"
)

// Table computes one CRC. Build it with New; it is read-only afterwards and
// safe for concurrent use.
//
// The register a Table works on is internal: start from Init, feed bytes with
// Update, and turn the register into the CRC value with Final. The register's
// orientation depends on the parameters (reflected CRCs keep it reflected, the
// others keep it in the top bits of a uint64), which is what lets one loop
// serve every width.
type Table struct {
	p    Params
	init uint64 // Params.Init in the register's orientation
	path path
	c32  *crc32.Table // IEEE or Castagnoli fast path
	c64  *crc64.Table // ECMA or ISO fast path
	s16  *tables
	keys *clmulKeys // pathCLMUL, pathCLMULRefl, and CRC-32 for short inputs
	fold int        // Checksum folds whole 16-byte blocks up to this many bytes itself
}

// path is the loop Update runs.
type path uint8

const (
	pathReflected path = iota // generic slicing-by-16, LSB-first register
	pathNormal                // generic slicing-by-16, MSB-first register in the top bits
	pathCRC32                 // hash/crc32 (reflected, width 32)
	pathCRC64                 // hash/crc64 (reflected, width 64)
	pathCLMUL                 // carry-less multiplication, MSB-first register as pathNormal
	pathCLMULRefl             // carry-less multiplication, LSB-first register as pathReflected
)

// Polynomials hash/crc32 and hash/crc64 accelerate, in normal orientation.
const (
	polyIEEE       = 0x04C11DB7
	polyCastagnoli = 0x1EDC6F41
	polyECMA       = 0x42F0E1EBA9EA3693
	polyISO        = 0x000000000000001B
)

// New builds the Table for p. It panics if p.Validate fails, as
// hash/crc32.MakeTable does for a bad table: parameters from users must be
// validated (or come from ParseModel, Lookup or Cosmos, which validate).
func New(p Params) *Table {
	t := newTable(p)
	switch {
	case p.RefIn && p.Width == 32 && p.Poly == polyIEEE:
		t.path, t.c32 = pathCRC32, crc32.IEEETable
		if haveCLMUL {
			// Up to 128 bytes folding here beats hash/crc32's setup (64
			// bytes: ~11 ns against ~14.5); beyond, its four lanes win.
			t.keys, t.fold = newClmulKeys(polyIEEE<<32), 128
		}
	case p.RefIn && p.Width == 32 && p.Poly == polyCastagnoli:
		t.path, t.c32 = pathCRC32, crc32.MakeTable(crc32.Castagnoli)
	case p.RefIn && p.Width == 64 && p.Poly == polyECMA:
		t.path, t.c64 = pathCRC64, crc64.MakeTable(crc64.ECMA)
	case p.RefIn && p.Width == 64 && p.Poly == polyISO:
		t.path, t.c64 = pathCRC64, crc64.MakeTable(crc64.ISO)
	case haveCLMUL && !p.RefIn:
		t.path, t.keys, t.fold = pathCLMUL, newClmulKeys(p.Poly<<uint(64-p.Width)), math.MaxInt
	case haveCLMUL:
		t.path, t.keys, t.fold = pathCLMULRefl, newClmulKeys(p.Poly<<uint(64-p.Width)), math.MaxInt
	}
	return t
}

// newTable builds the generic slicing-by-16 Table, never a fast path (tests
// and fuzzing compare the two).
func newTable(p Params) *Table {
	if err := p.Validate(); err != nil {
		panic(fmt.Sprintf("crc.New: %v", err))
	}
	t := &Table{p: p}
	if p.RefIn {
		t.path = pathReflected
		t.init = reflect(p.Init, p.Width)
		t.s16 = reflectedTables(reflect(p.Poly, p.Width))
	} else {
		t.path = pathNormal
		t.init = p.Init << uint(64-p.Width)
		t.s16 = normalTables(p.Poly << uint(64-p.Width))
	}
	return t
}

// Params returns the parameters the Table was built from.
func (t *Table) Params() Params { return t.p }

// Fast reports whether Update uses hash/crc32 or hash/crc64.
func (t *Table) Fast() bool { return t.path == pathCRC32 || t.path == pathCRC64 }

// Init returns the register to start a computation from.
func (t *Table) Init() uint64 { return t.init }

// Update returns the register after feeding p to reg.
func (t *Table) Update(reg uint64, p []byte) uint64 {
	switch t.path {
	case pathCRC32:
		// crc32.Update complements the register on the way in and out.
		return uint64(^crc32.Update(^uint32(reg), t.c32, p))
	case pathCRC64:
		return ^crc64.Update(^reg, t.c64, p)
	case pathCLMUL:
		return updateCLMUL(t.s16, t.keys, reg, p, false)
	case pathCLMULRefl:
		return updateCLMUL(t.s16, t.keys, reg, p, true)
	case pathReflected:
		return updateReflected(t.s16, reg, p)
	default:
		return updateNormal(t.s16, reg, p)
	}
}

// Final turns a register into the CRC value: reflected as RefOut says, then
// XORed with XorOut.
func (t *Table) Final(reg uint64) uint64 {
	w := t.p.Width
	if t.p.RefIn && t.p.RefOut {
		// Reflected in and out: the register (low w bits) is the value
		// already. Reflecting it twice cost more than a 64-byte CRC-32.
		return reg ^ t.p.XorOut
	}
	var v uint64 // the register in normal orientation
	if t.p.RefIn {
		v = reflect(reg, w)
	} else {
		v = reg >> uint(64-w)
	}
	if t.p.RefOut {
		v = reflect(v, w)
	}
	return v ^ t.p.XorOut
}

// Checksum returns the CRC of p. A whole number of 16-byte blocks (a 64-byte
// or 1 KiB packet) goes straight to the carry-less loop: at 64 bytes the
// calls in between were a fifth of the CRC's time.
func (t *Table) Checksum(p []byte) uint64 {
	if n := len(p); n%16 == 0 && n >= clmulMin && n <= t.fold {
		return t.Final(clmulFold(t.init, p, t.keys, t.p.RefIn))
	}
	return t.Final(t.Update(t.init, p))
}
