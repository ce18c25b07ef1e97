package engine

import (
	"math/big"
)

// Integers wider than 64 bits (a 67-bit INT, a 128-bit UINT) are what
// COSMOS's Ruby and Python integers read and write without limit. They
// take this path only: a Big value carries the decimal text, and math/big
// is used to read, write and convert it, so the common path stays
// allocation-free.

// BigVal builds a Big value from a big.Int (an Int or Uint when it fits).
func BigVal(b *big.Int) Value {
	if b.IsInt64() {
		return IntVal(b.Int64())
	}
	if b.IsUint64() {
		return UintVal(b.Uint64())
	}
	return Value{K: Big, S: b.String()}
}

func bigInt(s string) *big.Int {
	b, _ := new(big.Int).SetString(s, 10)
	return b
}

func bigFloat(s string) float64 {
	f, _, _ := big.ParseFloat(s, 10, 64, big.ToNearestEven)
	if f == nil {
		return 0
	}
	x, _ := f.Float64()
	return x
}

// asBig returns an integer Value as a big.Int (nil for other kinds).
func asBig(v Value) *big.Int {
	switch v.K {
	case Int, Bool:
		return big.NewInt(v.I)
	case Uint:
		return new(big.Int).SetUint64(v.U)
	case Big:
		return bigInt(v.S)
	case Float:
		b, _ := big.NewFloat(v.F).Int(nil)
		return b
	}
	return nil
}
