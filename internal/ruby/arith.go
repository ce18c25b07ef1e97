package ruby

import (
	"math"
	"math/bits"
)

// Num is a number as programs compute with it, unboxed: an Integer (I) or,
// when IsFloat, a Float (F). The boxed operations (Add, Sub, ...) and the
// allocation-free evaluators share these functions, so both give the same
// results bit for bit.
type Num struct {
	I       int64
	F       float64
	IsFloat bool
}

// IntNum and FloatNum build Nums.
func IntNum(i int64) Num     { return Num{I: i} }
func FloatNum(f float64) Num { return Num{F: f, IsFloat: true} }

// Float is the number as float64 (Ruby's to_f).
func (n Num) Float() float64 {
	if n.IsFloat {
		return n.F
	}
	return float64(n.I)
}

// Any boxes the number as int64 or float64.
func (n Num) Any() any {
	if n.IsFloat {
		return n.F
	}
	return n.I
}

// ArithOp is a binary arithmetic operator.
type ArithOp uint8

// The operators: Ruby's / floors integers, Python's / (DivPy) is always
// true division.
const (
	OpAdd ArithOp = iota
	OpSub
	OpMul
	OpDivRb
	OpDivPy
	OpFloorDiv
	OpMod
	OpPow
)

var arithNames = [...]string{"+", "-", "*", "/", "/", "//", "%", "**"}

func (op ArithOp) String() string { return arithNames[op] }

// Arith applies op to two numbers. Integer arithmetic that would overflow
// 64 bits continues in float64 (where Ruby and Python switch to big
// integers); dividing by zero is Ruby's or Python's error.
func Arith(op ArithOp, x, y Num) (Num, error) {
	if x.IsFloat || y.IsFloat {
		return arithFloat(op, x.Float(), y.Float())
	}
	a, b := x.I, y.I
	switch op {
	case OpAdd:
		if s := a + b; (s > a) == (b > 0) {
			return IntNum(s), nil
		}
		return FloatNum(float64(a) + float64(b)), nil
	case OpSub:
		if s := a - b; (s < a) == (b > 0) {
			return IntNum(s), nil
		}
		return FloatNum(float64(a) - float64(b)), nil
	case OpMul:
		return mulInt(a, b), nil
	case OpDivRb, OpFloorDiv:
		if b == 0 {
			if op == OpDivRb {
				return Num{}, rtErr("divided by 0")
			}
			return Num{}, rtErr("integer division or modulo by zero")
		}
		if a == math.MinInt64 && b == -1 {
			return FloatNum(-float64(a)), nil
		}
		return IntNum(FloorDivInt(a, b)), nil
	case OpDivPy:
		return arithFloat(op, float64(a), float64(b))
	case OpMod:
		if b == 0 {
			return Num{}, rtErr("divided by 0")
		}
		if b == -1 {
			return IntNum(0), nil
		}
		return IntNum(FloorModInt(a, b)), nil
	case OpPow:
		if b >= 0 { // square-and-multiply; continues in float64 on overflow
			r, base := IntNum(1), IntNum(a)
			for e := b; e > 0; e >>= 1 {
				if e&1 == 1 {
					r, _ = Arith(OpMul, r, base)
				}
				if e > 1 {
					base, _ = Arith(OpMul, base, base)
				}
			}
			return r, nil
		}
		return FloatNum(math.Pow(float64(a), float64(b))), nil
	}
	return Num{}, rtErr("unknown operator")
}

func mulInt(x, y int64) Num {
	hi, lo := bits.Mul64(uint64(Abs64(x)), uint64(Abs64(y)))
	if hi == 0 && lo <= math.MaxInt64 && x != math.MinInt64 && y != math.MinInt64 {
		if (x < 0) != (y < 0) {
			return IntNum(-int64(lo))
		}
		return IntNum(int64(lo))
	}
	return FloatNum(float64(x) * float64(y))
}

func arithFloat(op ArithOp, x, y float64) (Num, error) {
	switch op {
	case OpAdd:
		return FloatNum(x + y), nil
	case OpSub:
		return FloatNum(x - y), nil
	case OpMul:
		return FloatNum(x * y), nil
	case OpDivRb: // IEEE: 1.0/0 is Infinity in Ruby
		return FloatNum(x / y), nil
	case OpDivPy:
		if y == 0 {
			return Num{}, rtErr("division by zero")
		}
		return FloatNum(x / y), nil
	case OpFloorDiv:
		if y == 0 {
			return Num{}, rtErr("float floor division by zero")
		}
		return FloatNum(math.Floor(x / y)), nil
	case OpMod:
		if y == 0 {
			return Num{}, rtErr("modulo by zero")
		}
		m := math.Mod(x, y)
		if m != 0 && ((m < 0) != (y < 0)) {
			m += y
		}
		return FloatNum(m), nil
	case OpPow:
		return FloatNum(math.Pow(x, y)), nil
	}
	return Num{}, rtErr("unknown operator")
}

// NegNum is unary minus.
func NegNum(x Num) Num {
	switch {
	case x.IsFloat:
		return FloatNum(-x.F)
	case x.I == math.MinInt64:
		return FloatNum(-float64(x.I))
	}
	return IntNum(-x.I)
}

// arithAny is a boxed binary operation on numbers.
func arithAny(op ArithOp, a, b any) (any, error) {
	x, y, xf, yf, isInt, err := Nums(op.String(), a, b)
	if err != nil {
		return nil, err
	}
	var n Num
	if isInt {
		n, err = Arith(op, IntNum(x), IntNum(y))
	} else {
		n, err = Arith(op, FloatNum(xf), FloatNum(yf))
	}
	if err != nil {
		return nil, err
	}
	return n.Any(), nil
}
