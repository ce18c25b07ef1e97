package ruby

import (
	"fmt"
	"strings"
)

// expr is a parsed Ruby expression of the ERB subset.
type expr interface{}

type (
	litExpr   struct{ v any }
	varExpr   struct{ name string }
	strExpr   struct{ parts []any } // string pieces and exprs (#{})
	arrayExpr struct{ elems []expr }
	hashExpr  struct {
		keys []string
		vals []expr
	}
	rangeExpr struct {
		lo, hi    expr
		exclusive bool
	}
	unaryExpr struct {
		op string
		x  expr
	}
	binExpr struct {
		op   string
		l, r expr
	}
	condExpr struct{ c, t, f expr }
	// callExpr is recv.name(args) or, with recv nil, a function call.
	callExpr struct {
		recv expr
		name string
		args []expr
	}
	indexExpr struct{ x, i expr }
)

// maxExprDepth bounds recursion on hostile input.
const maxExprDepth = 100

type exprParser struct {
	toks  []token
	pos   int
	depth int
}

func parseRuby(src string) (expr, error) {
	toks, err := lexRuby(src)
	if err != nil {
		return nil, err
	}
	p := &exprParser{toks: toks}
	e, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tEOF {
		return nil, fmt.Errorf("unexpected %s", p.peek().describe())
	}
	return e, nil
}

func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "end of code"
	case tInt, tFloat:
		return "number"
	case tString:
		return "string"
	case tSymbol:
		return ":" + t.s
	case tLabel:
		return t.s + ":"
	}
	return "'" + t.s + "'"
}

func (p *exprParser) peek() token { return p.toks[p.pos] }
func (p *exprParser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}
func (p *exprParser) isOp(s string) bool {
	t := p.peek()
	return t.kind == tOp && t.s == s
}
func (p *exprParser) isWord(s string) bool {
	t := p.peek()
	return t.kind == tIdent && t.s == s
}
func (p *exprParser) expectOp(s string) error {
	if !p.isOp(s) {
		return fmt.Errorf("expected '%s', found %s", s, p.peek().describe())
	}
	p.next()
	return nil
}

func (p *exprParser) enter() error {
	p.depth++
	if p.depth > maxExprDepth {
		return fmt.Errorf("expression nested too deeply")
	}
	return nil
}

// parseExpr parses the lowest precedence level: not / and / or.
func (p *exprParser) parseExpr() (expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	l, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	for p.isWord("and") || p.isWord("or") {
		op := "&&"
		if p.next().s == "or" {
			op = "||"
		}
		r, err := p.parseNot()
		if err != nil {
			return nil, err
		}
		l = binExpr{op, l, r}
	}
	return l, nil
}

func (p *exprParser) parseNot() (expr, error) {
	if p.isWord("not") {
		p.next()
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		x, err := p.parseNot()
		if err != nil {
			return nil, err
		}
		return unaryExpr{"!", x}, nil
	}
	return p.parseTernary()
}

func (p *exprParser) parseTernary() (expr, error) {
	c, err := p.parseRange()
	if err != nil {
		return nil, err
	}
	if !p.isOp("?") {
		return c, nil
	}
	p.next()
	t, err := p.parseTernary()
	if err != nil {
		return nil, err
	}
	if err := p.expectOp(":"); err != nil {
		return nil, err
	}
	f, err := p.parseTernary()
	if err != nil {
		return nil, err
	}
	return condExpr{c, t, f}, nil
}

func (p *exprParser) parseRange() (expr, error) {
	lo, err := p.parseBinary(0)
	if err != nil {
		return nil, err
	}
	if p.isOp("..") || p.isOp("...") {
		excl := p.next().s == "..."
		hi, err := p.parseBinary(0)
		if err != nil {
			return nil, err
		}
		return rangeExpr{lo, hi, excl}, nil
	}
	return lo, nil
}

// Binary operator precedence levels, loosest first.
var binLevels = [][]string{
	{"||"},
	{"&&"},
	{"==", "!="},
	{"<", "<=", ">", ">="},
	{"+", "-"},
	{"*", "/", "%"},
}

func (p *exprParser) parseBinary(level int) (expr, error) {
	if level == len(binLevels) {
		return p.parseUnary()
	}
	l, err := p.parseBinary(level + 1)
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if t.kind != tOp || !contains(binLevels[level], t.s) {
			return l, nil
		}
		p.next()
		r, err := p.parseBinary(level + 1)
		if err != nil {
			return nil, err
		}
		l = binExpr{t.s, l, r}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (p *exprParser) parseUnary() (expr, error) {
	// Ruby reads -3.abs as (-3).abs: a minus glued to a number literal is
	// part of the literal (but -2 ** 2 is still -(2 ** 2)).
	if p.isOp("-") && p.pos+2 < len(p.toks) {
		num, after := p.toks[p.pos+1], p.toks[p.pos+2]
		if (num.kind == tInt || num.kind == tFloat) && num.pos == p.peek().pos+1 && after.kind == tOp && after.s == "." {
			p.next()
			p.toks[p.pos].i, p.toks[p.pos].f = -num.i, -num.f
			return p.parsePower()
		}
	}
	if p.isOp("-") || p.isOp("!") || p.isOp("+") {
		op := p.next().s
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		x, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		if op == "+" {
			return x, nil
		}
		return unaryExpr{op, x}, nil
	}
	return p.parsePower()
}

func (p *exprParser) parsePower() (expr, error) {
	base, err := p.parsePostfix()
	if err != nil {
		return nil, err
	}
	if p.isOp("**") {
		p.next()
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		exp, err := p.parseUnary() // right associative
		if err != nil {
			return nil, err
		}
		return binExpr{"**", base, exp}, nil
	}
	return base, nil
}

func (p *exprParser) parsePostfix() (expr, error) {
	x, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	for {
		switch {
		case p.isOp("."):
			p.next()
			name := p.next()
			if name.kind != tIdent {
				return nil, fmt.Errorf("expected a method name after '.', found %s", name.describe())
			}
			var args []expr
			if p.isOp("(") {
				if args, err = p.parseArgs("(", ")"); err != nil {
					return nil, err
				}
			}
			x = callExpr{x, name.s, args}
		case p.isOp("["):
			p.next()
			i, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			if err := p.expectOp("]"); err != nil {
				return nil, err
			}
			x = indexExpr{x, i}
		default:
			return x, nil
		}
	}
}

// parseArgs parses a delimited argument list; label: value pairs become a
// trailing hash, as Ruby's keyword arguments do.
func (p *exprParser) parseArgs(open, close string) ([]expr, error) {
	if err := p.expectOp(open); err != nil {
		return nil, err
	}
	args, err := p.parseArgList(func() bool { return p.isOp(close) })
	if err != nil {
		return nil, err
	}
	return args, p.expectOp(close)
}

func (p *exprParser) parseArgList(done func() bool) ([]expr, error) {
	var args []expr
	var kw hashExpr
	for !done() && p.peek().kind != tEOF {
		if t := p.peek(); t.kind == tLabel {
			p.next()
			v, err := p.parseTernary()
			if err != nil {
				return nil, err
			}
			kw.keys = append(kw.keys, t.s)
			kw.vals = append(kw.vals, v)
		} else {
			a, err := p.parseTernary()
			if err != nil {
				return nil, err
			}
			args = append(args, a)
		}
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	if len(kw.keys) > 0 {
		args = append(args, kw)
	}
	return args, nil
}

// functions callable without a receiver.
var erbFunctions = map[string]bool{"render": true, "sprintf": true, "format": true, "require": true, "require_relative": true}

func (p *exprParser) parsePrimary() (expr, error) {
	t := p.next()
	switch t.kind {
	case tInt:
		return litExpr{t.i}, nil
	case tFloat:
		return litExpr{t.f}, nil
	case tSymbol:
		return litExpr{t.s}, nil
	case tString:
		if len(t.interp) <= 1 {
			return litExpr{t.s}, nil
		}
		var s strExpr
		for i, part := range t.interp {
			if i%2 == 0 {
				s.parts = append(s.parts, part)
				continue
			}
			e, err := parseRuby(part)
			if err != nil {
				return nil, err
			}
			s.parts = append(s.parts, e)
		}
		return s, nil
	case tIdent:
		switch t.s {
		case "nil":
			return litExpr{nil}, nil
		case "true":
			return litExpr{true}, nil
		case "false":
			return litExpr{false}, nil
		}
		if erbFunctions[t.s] {
			if p.isOp("(") {
				args, err := p.parseArgs("(", ")")
				if err != nil {
					return nil, err
				}
				return callExpr{nil, t.s, args}, nil
			}
			// command-call form: render "x", locals: {...}
			args, err := p.parseArgList(func() bool { return false })
			if err != nil {
				return nil, err
			}
			return callExpr{nil, t.s, args}, nil
		}
		return varExpr{t.s}, nil
	case tOp:
		switch t.s {
		case "(":
			e, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			return e, p.expectOp(")")
		case "[":
			args, err := p.parseArgList(func() bool { return p.isOp("]") })
			if err != nil {
				return nil, err
			}
			return arrayExpr{args}, p.expectOp("]")
		case "{":
			return p.parseHash()
		}
	}
	return nil, fmt.Errorf("unexpected %s", t.describe())
}

// parseHash parses {a: 1, :b => 2, "c" => 3} (the opening brace is read).
func (p *exprParser) parseHash() (expr, error) {
	var h hashExpr
	for !p.isOp("}") {
		t := p.next()
		var key string
		switch {
		case t.kind == tLabel:
			key = t.s
		case t.kind == tSymbol || t.kind == tString && len(t.interp) <= 1:
			key = t.s
			if err := p.expectOp("=>"); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("unexpected %s in hash", t.describe())
		}
		v, err := p.parseTernary()
		if err != nil {
			return nil, err
		}
		h.keys = append(h.keys, key)
		h.vals = append(h.vals, v)
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	return h, p.expectOp("}")
}

// rubyString renders a value as Ruby's to_s does.
func rubyString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return fmt.Sprint(x)
	case float64:
		return RubyFloat(x)
	case bool:
		return fmt.Sprint(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = rubyInspect(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case rangeVal:
		sep := ".."
		if x.exclusive {
			sep = "..."
		}
		return fmt.Sprintf("%d%s%d", x.lo, sep, x.hi)
	case map[string]any:
		return "{...}"
	}
	return fmt.Sprint(v)
}

func rubyInspect(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case string:
		return fmt.Sprintf("%q", x)
	}
	return rubyString(v)
}
