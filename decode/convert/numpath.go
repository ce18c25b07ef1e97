package convert

import (
	"strings"

	"github.com/c3kit/c3kit/internal/ruby"
)

// The numeric path: most GENERIC bodies in real targets are arithmetic on
// the value and other items (value * 2, packet.read('TEMP1') / 1_000_000,
// an average of four temperatures). Those are compiled a second time into a
// small tree evaluated on unboxed numbers, so a decoder runs them without
// the VM and without allocating. Anything the tree does not know (a
// string, a state name, nil, an error such as a division by zero) makes it
// give up for that record, and the VM runs the body as before: the results
// and the errors are the VM's, the tree is only a shortcut.

// Num is a number as the numeric path computes with it.
type Num = ruby.Num

// NumPacket is the packet as the numeric path reads it: ok is false when
// the item's value is not a plain number (a state name, a string, an
// error), and the caller then takes the VM path.
type NumPacket interface {
	ReadNum(name string, raw bool) (Num, bool)
}

// NumConverter is a conversion with a numeric path. ConvertNum evaluates
// it with value v (hasValue false: the item has no value of its own, or
// one that is not a number); ok false means "use Convert".
type NumConverter interface {
	ConvertNum(v Num, hasValue bool, p NumPacket) (n Num, ok bool)
}

// AsNumConverter returns c's numeric path, if its body has one.
func AsNumConverter(c Conversion) (NumConverter, bool) {
	g, ok := c.(*GenericConversion)
	if !ok || g.num == nil {
		return nil, false
	}
	return g, true
}

// ConvertNum runs the numeric path (see NumConverter).
func (g *GenericConversion) ConvertNum(v Num, hasValue bool, p NumPacket) (Num, bool) {
	if g.num == nil || p == nil {
		return Num{}, false
	}
	var env numEnv
	env.value, env.hasValue, env.pkt = v, hasValue, p
	return g.num.run(&env)
}

type numKind uint8

const (
	numLit numKind = iota
	numValue
	numLocal
	numRead
	numArith
	numNeg
	numToF
)

// numNode is one node of the tree.
type numNode struct {
	kind numKind
	op   ruby.ArithOp
	lit  Num
	name string // numRead: the item, upper case
	raw  bool   // numRead: :RAW
	slot int    // numLocal
	l, r *numNode
}

// maxNumLocals bounds the local variables a numeric body may assign, so
// its environment is a fixed array on the stack.
const maxNumLocals = 8

type numEnv struct {
	value    Num
	hasValue bool
	pkt      NumPacket
	locals   [maxNumLocals]Num
}

// numProg is a body: assignments in order, then the result.
type numProg struct {
	assigns []numAssign
	result  *numNode
}

type numAssign struct {
	slot int
	x    *numNode
}

func (p *numProg) run(env *numEnv) (Num, bool) {
	for _, a := range p.assigns {
		v, ok := a.x.eval(env)
		if !ok {
			return Num{}, false
		}
		env.locals[a.slot] = v
	}
	return p.result.eval(env)
}

func (n *numNode) eval(env *numEnv) (Num, bool) {
	switch n.kind {
	case numLit:
		return n.lit, true
	case numValue:
		return env.value, env.hasValue
	case numLocal:
		return env.locals[n.slot], true
	case numRead:
		return env.pkt.ReadNum(n.name, n.raw)
	case numArith:
		x, ok := n.l.eval(env)
		if !ok {
			return Num{}, false
		}
		y, ok := n.r.eval(env)
		if !ok {
			return Num{}, false
		}
		z, err := ruby.Arith(n.op, x, y)
		return z, err == nil
	case numNeg:
		x, ok := n.l.eval(env)
		return ruby.NegNum(x), ok
	case numToF:
		x, ok := n.l.eval(env)
		return ruby.FloatNum(x.Float()), ok
	}
	return Num{}, false
}

var numOps = map[string]ruby.ArithOp{
	"+": ruby.OpAdd, "-": ruby.OpSub, "*": ruby.OpMul, "/": ruby.OpDivRb, "true/": ruby.OpDivPy,
	"//": ruby.OpFloorDiv, "%": ruby.OpMod, "**": ruby.OpPow,
}

// compileNum builds the numeric path of a body, or nil when the body is
// not straight-line arithmetic on numbers.
func compileNum(stmts []stmt) *numProg {
	c := numCompiler{locals: map[string]int{}}
	p := &numProg{}
	for i, s := range stmts {
		last := i == len(stmts)-1
		switch s := s.(type) {
		case assignStmt:
			x := c.expr(s.x)
			if x == nil || c.slots == maxNumLocals {
				return nil
			}
			// A fresh slot per assignment: x = x + 1 reads the old one.
			slot := c.slots
			c.slots++
			c.locals[s.name] = slot + 1
			p.assigns = append(p.assigns, numAssign{slot, x})
			if last { // an assignment's value is the assigned value
				p.result = &numNode{kind: numLocal, slot: slot}
			}
		case returnStmt:
			if p.result = c.expr(s.x); p.result == nil {
				return nil
			}
			return p
		case exprStmt:
			// In the middle an expression has no effect (the subset has no
			// side effects); the VM does not evaluate it either.
			n := c.expr(s.x)
			if n == nil {
				return nil
			}
			if last {
				p.result = n
			}
		default:
			return nil
		}
	}
	if p.result == nil {
		return nil
	}
	return p
}

type numCompiler struct {
	locals map[string]int // name -> slot+1 (value too, once reassigned)
	slots  int
}

func (c *numCompiler) expr(n node) *numNode {
	switch x := n.(type) {
	case litNode:
		switch v := x.v.(type) {
		case int64:
			return &numNode{kind: numLit, lit: ruby.IntNum(v)}
		case float64:
			return &numNode{kind: numLit, lit: ruby.FloatNum(v)}
		}
	case valueNode:
		if s := c.locals["value"]; s > 0 {
			return &numNode{kind: numLocal, slot: s - 1}
		}
		return &numNode{kind: numValue}
	case varNode:
		if s := c.locals[x.name]; s > 0 {
			return &numNode{kind: numLocal, slot: s - 1}
		}
	case readNode:
		name, ok1 := x.name.(litNode)
		mode, ok2 := x.mode.(litNode)
		if !ok1 || !ok2 {
			return nil
		}
		ns, ok1 := name.v.(string)
		ms, ok2 := mode.v.(string)
		if !ok1 || !ok2 {
			return nil
		}
		m, err := ParseMode(ms)
		if err != nil || (m != Raw && m != Converted) {
			return nil
		}
		return &numNode{kind: numRead, name: strings.ToUpper(ns), raw: m == Raw}
	case binaryNode:
		op, ok := numOps[x.op]
		if !ok {
			return nil
		}
		l, r := c.expr(x.l), c.expr(x.r)
		if l == nil || r == nil {
			return nil
		}
		return &numNode{kind: numArith, op: op, l: l, r: r}
	case unaryNode:
		if x.op != "-" {
			return nil
		}
		if l := c.expr(x.x); l != nil {
			return &numNode{kind: numNeg, l: l}
		}
	case callNode:
		if (x.fn == "rb_to_f" || x.fn == "float") && len(x.args) == 1 {
			if l := c.expr(x.args[0]); l != nil {
				return &numNode{kind: numToF, l: l}
			}
		}
	}
	return nil
}
