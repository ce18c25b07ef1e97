package convert

import (
	"math"
	"strconv"
	"strings"
)

// emitter writes the expr-lang program for a parsed body. Statements are
// compiled in continuation-passing style: an assignment becomes
// "let v = x; <rest>", a return ends the body, and an if statement copies
// the rest of the body into each branch, so the whole body becomes one
// expression. Every operator is a call into runtime.go, which carries the
// Ruby or Python semantics (integer division, modulo, truthiness, ...).
type emitter struct {
	lang  Language
	temps int
	vers  map[string]int // assignments per variable, for unique let names
}

// scope maps a source variable to its current expr name.
type scope map[string]string

func (s scope) with(name, exprName string) scope {
	n := make(scope, len(s)+1)
	for k, v := range s {
		n[k] = v
	}
	n[name] = exprName
	return n
}

func (e *emitter) body(stmts []stmt, sc scope) (string, error) {
	if len(stmts) == 0 {
		return "nil", nil
	}
	switch s := stmts[0].(type) {
	case returnStmt:
		return e.expr(s.x, sc)
	case exprStmt:
		if len(stmts) == 1 {
			return e.expr(s.x, sc)
		}
		// An expression statement in the middle has no effect in the
		// subset (no side effects), but it must still be valid.
		if _, err := e.expr(s.x, sc); err != nil {
			return "", err
		}
		return e.body(stmts[1:], sc)
	case assignStmt:
		x, err := e.expr(s.x, sc)
		if err != nil {
			return "", err
		}
		e.vers[s.name]++
		name := "v_" + s.name + "_" + strconv.Itoa(e.vers[s.name])
		rest := stmts[1:]
		if len(rest) == 0 { // an assignment's value is the assigned value
			return "(let " + name + " = " + x + "; " + name + ")", nil
		}
		r, err := e.body(rest, sc.with(s.name, name))
		if err != nil {
			return "", err
		}
		return "(let " + name + " = " + x + "; " + r + ")", nil
	case ifStmt:
		rest := stmts[1:]
		var out strings.Builder
		for i, c := range s.conds {
			cond, err := e.expr(c, sc)
			if err != nil {
				return "", err
			}
			branch, err := e.body(concat(s.bodies[i], rest), sc)
			if err != nil {
				return "", err
			}
			if out.Len()+len(branch) > maxProgram {
				return "", errorf(ErrUnsupported, "GENERIC conversion body is too complex (if statements followed by more code)")
			}
			out.WriteString("(" + e.truthy(cond) + " ? " + branch + " : ")
		}
		var els string
		var err error
		if s.els != nil {
			els, err = e.body(concat(s.els, rest), sc)
		} else {
			els, err = e.body(rest, sc)
		}
		if err != nil {
			return "", err
		}
		out.WriteString(els)
		out.WriteString(strings.Repeat(")", len(s.conds)))
		return out.String(), nil
	}
	return "", errorf(ErrUnsupported, "unsupported statement")
}

func concat(a, b []stmt) []stmt {
	out := make([]stmt, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

func (e *emitter) truthy(x string) string {
	if e.lang == Python {
		return "truthy_py(" + x + ")"
	}
	return "truthy_rb(" + x + ")"
}

func (e *emitter) expr(n node, sc scope) (string, error) {
	switch x := n.(type) {
	case litNode:
		return literal(x.v), nil
	case valueNode:
		if name, ok := sc["value"]; ok { // value was reassigned
			return name, nil
		}
		return "Value", nil
	case varNode:
		name, ok := sc[x.name]
		if !ok {
			return "", errorf(ErrUnsupported, "unknown name %q (only value, packet.read(...) and variables assigned earlier are available)", x.name)
		}
		return name, nil
	case readNode:
		name, err := e.expr(x.name, sc)
		if err != nil {
			return "", err
		}
		mode, err := e.expr(x.mode, sc)
		if err != nil {
			return "", err
		}
		return "read(Pkt, " + name + ", " + mode + ")", nil
	case callNode:
		return e.call(x.fn, x.args, sc)
	case unaryNode:
		v, err := e.expr(x.x, sc)
		if err != nil {
			return "", err
		}
		switch x.op {
		case "not":
			return "(!" + e.truthy(v) + ")", nil
		case "-":
			return "neg(" + v + ")", nil
		case "~":
			return "invert(" + v + ")", nil
		}
	case binaryNode:
		fn, ok := binaryFuncs[x.op]
		if !ok {
			return "", errorf(ErrUnsupported, "operator %s is not supported", x.op)
		}
		return e.call(fn, []node{x.l, x.r}, sc)
	case logicNode:
		l, err := e.expr(x.l, sc)
		if err != nil {
			return "", err
		}
		r, err := e.expr(x.r, sc)
		if err != nil {
			return "", err
		}
		e.temps++
		t := "t_" + strconv.Itoa(e.temps)
		if x.and {
			return "(let " + t + " = " + l + "; " + e.truthy(t) + " ? " + r + " : " + t + ")", nil
		}
		return "(let " + t + " = " + l + "; " + e.truthy(t) + " ? " + t + " : " + r + ")", nil
	case condNode:
		c, err := e.expr(x.c, sc)
		if err != nil {
			return "", err
		}
		a, err := e.expr(x.a, sc)
		if err != nil {
			return "", err
		}
		b, err := e.expr(x.b, sc)
		if err != nil {
			return "", err
		}
		return "(" + e.truthy(c) + " ? " + a + " : " + b + ")", nil
	case listNode:
		return e.call("list", x.items, sc)
	case interpNode:
		var parts []string
		for i, p := range x.parts {
			v, err := e.expr(p, sc)
			if err != nil {
				return "", err
			}
			switch {
			case x.specs[i] != "":
				v = "pyformat_value(" + v + ", " + strconv.Quote(x.specs[i]) + ")"
			case e.lang == Python:
				v = "str_py(" + v + ")"
			default:
				v = "str_rb(" + v + ")"
			}
			parts = append(parts, v)
		}
		if len(parts) == 0 {
			return `""`, nil
		}
		return "concat(" + strings.Join(parts, ", ") + ")", nil
	}
	return "", errorf(ErrUnsupported, "unsupported expression")
}

var binaryFuncs = map[string]string{
	"+": "add", "-": "sub", "*": "mul", "/": "div_rb", "true/": "div_py", "//": "floordiv", "%": "mod", "**": "pow",
	"==": "eq", "!=": "ne", "<": "lt", ">": "gt", "<=": "le", ">=": "ge",
	"&": "bitand", "|": "bitor", "^": "bitxor", "<<": "shl", ">>": "shr",
}

func (e *emitter) call(fn string, args []node, sc scope) (string, error) {
	if _, ok := runtimeFuncs[fn]; !ok {
		return "", errorf(ErrUnsupported, "function %s is not supported", fn)
	}
	parts := make([]string, len(args))
	for i, a := range args {
		s, err := e.expr(a, sc)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return fn + "(" + strings.Join(parts, ", ") + ")", nil
}

// literal writes a constant in expr syntax; floats always carry a point or
// exponent so expr keeps them float.
func literal(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case bool:
		if x {
			return "true"
		}
		return "false"
	case int64:
		if x == math.MinInt64 {
			return "neg(9223372036854775807 - -1)" // unreachable in practice
		}
		if x < 0 {
			return "neg(" + strconv.FormatInt(-x, 10) + ")"
		}
		return strconv.FormatInt(x, 10)
	case float64:
		if x < 0 || math.Signbit(x) {
			return "neg(" + literal(-x) + ")"
		}
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return s
	case string:
		return strconv.Quote(x)
	}
	return "nil"
}
