package engine

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/c3kit/c3kit/decode/def"
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
		if math.IsNaN(v.F) || math.IsInf(v.F, 0) {
			return nil
		}
		b, _ := big.NewFloat(v.F).Int(nil)
		return b
	}
	return nil
}

// parseBigInt reads an integer literal too wide for 64 bits (decimal or
// 0x/0b/0o, sign allowed) as a Big value.
func parseBigInt(t string) (Value, bool) {
	if strings.ContainsAny(t, ".eE") && !strings.HasPrefix(strings.TrimLeft(t, "+-"), "0x") && !strings.HasPrefix(strings.TrimLeft(t, "+-"), "0X") {
		return Value{}, false
	}
	b, ok := new(big.Int).SetString(strings.TrimPrefix(t, "+"), 0)
	if !ok {
		return Value{}, false
	}
	return BigVal(b), true
}

// inRange is the range check of a given value, exact for integers of any
// width (COSMOS compares Ruby Integers), by float for the rest.
func inRange(v *Value, lo, hi def.Value) bool {
	if v.K == Big || lo.Kind == def.BigValue || hi.Kind == def.BigValue {
		b, l, h := asBig(*v), defBig(lo), defBig(hi)
		if b != nil && l != nil && h != nil {
			return b.Cmp(l) >= 0 && b.Cmp(h) <= 0
		}
	}
	f, _ := v.Float64()
	return !(f < lo.Float64() || f > hi.Float64() || math.IsNaN(f))
}

func defBig(v def.Value) *big.Int {
	switch v.Kind {
	case def.IntValue:
		return big.NewInt(v.Int)
	case def.UintValue:
		return new(big.Int).SetUint64(v.Uint)
	case def.BigValue:
		return bigInt(v.Str)
	case def.FloatValue:
		if math.IsNaN(v.Float) || math.IsInf(v.Float, 0) {
			return nil
		}
		b, _ := big.NewFloat(v.Float).Int(nil)
		return b
	}
	return nil
}

func readBigInto(dst *Value, buf []byte, t accessor.DataType, off, size int, e accessor.Endian) error {
	b, err := accessor.ReadBigInt(buf, off, size, e, t)
	if err != nil {
		return err
	}
	*dst = BigVal(b)
	return nil
}

func writeBig(buf []byte, v Value, off, size int, t accessor.DataType, e accessor.Endian, o accessor.Overflow) error {
	b := asBig(v)
	if b == nil {
		return fmt.Errorf("%s value for a %d-bit %s item", kindName(v.K), size, t)
	}
	return accessor.WriteBigInt(buf, b, off, size, e, t, o)
}

// writeBigArray writes the elements of an array of integers wider than 64
// bits into its fixed extent (a fill-sized array of them is refused).
func writeBigArray(buf []byte, v Value, off, arrSize, elemSize int, t accessor.DataType, e accessor.Endian, o accessor.Overflow) error {
	if arrSize <= 0 {
		return fmt.Errorf("an array of %d-bit %s items must have a fixed size", elemSize, t)
	}
	abs, total, err := accessor.Resolve(len(buf), off, arrSize)
	if err != nil {
		return err
	}
	if len(v.A)*elemSize > total {
		return fmt.Errorf("%d values do not fit a %d-bit array of %d-bit items", len(v.A), total, elemSize)
	}
	for k := range v.A {
		if err := writeBig(buf, v.A[k], abs+k*elemSize, elemSize, t, e, o); err != nil {
			return fmt.Errorf("element %d: %w", k, err)
		}
	}
	return nil
}
