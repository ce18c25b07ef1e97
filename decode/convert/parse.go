package convert

import (
	"strings"
)

// Language is the script language of a GENERIC conversion body.
type Language uint8

const (
	// Auto detects the language from the body, defaulting to Ruby.
	Auto Language = iota
	Ruby
	Python
)

func (l Language) String() string {
	switch l {
	case Ruby:
		return "Ruby"
	case Python:
		return "Python"
	}
	return "auto"
}

// Syntax tree of the supported subset.
type (
	node interface{}

	litNode    struct{ v any } // int64, float64, string, bool, nil
	interpNode struct {
		parts []node
		specs []string // Python format spec per part ("" for none)
	}
	varNode   struct{ name string } // a local variable
	valueNode struct{}              // the conversion's value
	readNode  struct{ name, mode node }
	callNode  struct {
		fn   string // runtime function, see runtime.go
		args []node
	}
	unaryNode struct {
		op string
		x  node
	}
	binaryNode struct {
		op   string
		l, r node
	}
	logicNode struct { // and / or with value semantics
		and  bool
		l, r node
	}
	condNode struct{ c, a, b node }
	listNode struct{ items []node }
)

type (
	stmt       interface{}
	assignStmt struct {
		name string
		x    node
	}
	exprStmt   struct{ x node }
	returnStmt struct{ x node }
	ifStmt     struct {
		conds  []node
		bodies [][]stmt
		els    []stmt // nil when there is no else
	}
)

type parser struct {
	toks []token
	pos  int
	lang Language
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

func (p *parser) isOp(s string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == s
}

func (p *parser) isKw(s string) bool {
	t := p.peek()
	return t.kind == tIdent && t.text == s
}

func (p *parser) acceptOp(s string) bool {
	if p.isOp(s) {
		p.pos++
		return true
	}
	return false
}

func (p *parser) expectOp(s string) error {
	if !p.acceptOp(s) {
		return p.errAt(p.peek(), "expected %q", s)
	}
	return nil
}

func (p *parser) errAt(t token, format string, args ...any) error {
	what := describe(t)
	return errorf(ErrUnsupported, "line %d: "+format+" at %s", append([]any{t.line}, append(args, what)...)...)
}

func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of body"
	case tNewline:
		return "end of line"
	case tStr, tIStr:
		return "string"
	case tNum:
		return t.text
	case tSym:
		return ":" + t.text
	}
	return "\"" + t.text + "\""
}

// detectLanguage looks for constructs only one of the languages has.
func detectLanguage(toks []token, fallback Language) Language {
	py, rb := 0, 0
	lineStart := 0
	for i, t := range toks {
		prevDot := i > 0 && toks[i-1].kind == tOp && toks[i-1].text == "."
		nextIs := func(s string) bool { return i+1 < len(toks) && toks[i+1].kind == tOp && toks[i+1].text == s }
		switch t.kind {
		case tNewline:
			py, rb = scoreLine(toks[lineStart:i], py, rb)
			lineStart = i + 1
		case tIdent:
			switch t.text {
			case "elif", "None", "True", "False", "def", "lambda", "pass", "and", "or", "not", "is":
				py++
			case "elsif", "end", "nil", "unless", "then", "puts", "Math", "Integer", "Float":
				rb++
			case "to_i", "to_f", "to_s", "upcase", "downcase", "zero?", "nil?":
				if prevDot {
					rb++
				}
			case "int", "float", "str", "round", "abs", "len", "min", "max", "bool", "hex", "math":
				if !prevDot && (nextIs("(") || (t.text == "math" && nextIs("."))) {
					py++
				}
			case "upper", "lower", "startswith", "endswith", "format", "zfill":
				if prevDot && nextIs("(") {
					py++
				}
			}
		case tSym:
			rb++
		case tOp:
			switch t.text {
			case "//":
				py++
			case "?", "::", "&&", "||", "!":
				rb++
			}
		}
	}
	switch {
	case py > rb:
		return Python
	case rb > py:
		return Ruby
	case fallback == Python:
		return Python
	}
	return Ruby
}

// isTuple reports whether the bracket at line[open] starts a Python tuple:
// not a call, and a comma at its top level.
func isTuple(line []token, open int) bool {
	if open > 0 {
		p := line[open-1]
		if p.kind == tIdent || p.kind == tOp && (p.text == ")" || p.text == "]") {
			return false
		}
	}
	depth := 0
	for _, t := range line[open:] {
		if t.kind != tOp {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
			if depth == 0 {
				return false
			}
		case ",":
			if depth == 1 {
				return true
			}
		}
	}
	return false
}

// scoreLine weighs whole-line shapes: Python's "if x:" and "a if c else b".
func scoreLine(line []token, py, rb int) (int, int) {
	if len(line) == 0 {
		return py, rb
	}
	hasColon, hasQuestion, ifAt, elseAfterIf := false, false, -1, false
	compares := 0
	for i, t := range line {
		switch {
		case t.kind == tOp && compareOps[t.text]:
			compares++
			if compares == 2 { // a < b < c: only Python chains comparisons
				py += 2
			}
		case t.kind == tOp && (t.text == "&&" || t.text == "||") || t.kind == tIdent && (t.text == "and" || t.text == "or"):
			compares = 0
		case t.kind == tOp && t.text == "(" && isTuple(line, i):
			py += 2
		case t.kind == tOp && t.text == ":":
			hasColon = true
		case t.kind == tOp && t.text == "?":
			hasQuestion = true
		case t.kind == tIdent && t.text == "if" && i > 0 && ifAt < 0:
			ifAt = i
		case t.kind == tIdent && t.text == "else" && ifAt >= 0:
			elseAfterIf = true
		}
	}
	first := line[0]
	if first.kind == tIdent && (first.text == "if" || first.text == "elif" || first.text == "else" || first.text == "for" || first.text == "while") && hasColon && !hasQuestion {
		py += 2
	}
	if elseAfterIf {
		py += 2
	}
	return py, rb
}

// parseBody parses a whole body into statements.
func parseBody(src string, lang Language) ([]stmt, Language, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, 0, err
	}
	for _, t := range toks { // the f-string marker is decisive
		if t.kind == tIStr && hasSpecOrBrace(t) {
			lang = Python
		}
	}
	lang = detectLanguage(toks, lang)
	p := &parser{toks: toks, lang: lang}
	stmts, err := p.block(-1, nil)
	if err != nil {
		return nil, 0, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, 0, p.errAt(t, "unexpected %q", t.text)
	}
	return stmts, lang, nil
}

func hasSpecOrBrace(t token) bool {
	for _, part := range t.parts {
		if part.spec != "" {
			return true
		}
	}
	return false
}

// block parses statements until a terminator keyword (Ruby) or a line
// indented at or below parentIndent (Python).
func (p *parser) block(parentIndent int, terms []string) ([]stmt, error) {
	var out []stmt
	for {
		for p.acceptOp(";") || p.peek().kind == tNewline {
			if p.peek().kind == tNewline {
				p.next()
			}
		}
		t := p.peek()
		if t.kind == tEOF {
			return out, nil
		}
		if t.kind == tIdent && contains(terms, t.text) {
			return out, nil
		}
		if p.lang == Python && parentIndent >= 0 && t.first && t.indent <= parentIndent {
			return out, nil
		}
		s, err := p.statement()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
		if _, compound := s.(ifStmt); compound && p.lang == Python {
			continue // the block already ended at a line boundary
		}
		if t := p.peek(); t.kind != tNewline && t.kind != tEOF && !(t.kind == tOp && t.text == ";") &&
			!(t.kind == tIdent && contains(terms, t.text)) {
			return nil, p.errAt(t, "unexpected %s after statement", describe(t))
		}
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

var unsupportedKeywords = map[string]string{
	"while": "loops", "until": "loops", "for": "loops", "loop": "loops", "def": "method definitions",
	"class": "classes", "module": "modules", "case": "case/when", "begin": "begin/rescue", "try": "try/except",
	"require": "require", "import": "import", "from": "import", "lambda": "lambdas", "proc": "procs",
	"puts": "printing", "print": "printing", "raise": "raise", "yield": "yield", "while_loop": "loops",
	"tlm": "tlm() (other packets)", "cmd": "cmd() (commands)", "tlm_raw": "tlm_raw() (other packets)",
	"with": "with blocks", "global": "globals",
}

func (p *parser) statement() (stmt, error) {
	t := p.peek()
	if t.kind == tIdent {
		if what, bad := unsupportedKeywords[t.text]; bad {
			return nil, errorf(ErrUnsupported, "line %d: %s (%q) are not supported in GENERIC conversions", t.line, what, t.text)
		}
		switch t.text {
		case "if", "unless":
			return p.ifStatement()
		case "return":
			p.next()
			if nt := p.peek(); nt.kind == tNewline || nt.kind == tEOF || (nt.kind == tOp && nt.text == ";") {
				return p.modifier(returnStmt{litNode{nil}})
			}
			x, err := p.expr()
			if err != nil {
				return nil, err
			}
			return p.modifier(returnStmt{x})
		}
		// Assignment: name = expr, name op= expr.
		if p.pos+1 < len(p.toks) {
			nt := p.toks[p.pos+1]
			if nt.kind == tOp {
				switch nt.text {
				case "=", "+=", "-=", "*=", "/=", "%=", "**=", "//=":
					p.pos += 2
					x, err := p.expr()
					if err != nil {
						return nil, err
					}
					if err := checkName(t); err != nil {
						return nil, err
					}
					if nt.text == "=" {
						return p.modifier(assignStmt{t.text, x})
					}
					op := strings.TrimSuffix(nt.text, "=")
					var l node = varNode{t.text}
					if t.text == "value" {
						l = valueNode{}
					}
					return p.modifier(assignStmt{t.text, p.arith(op, l, x)})
				}
			}
		}
	}
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	return p.modifier(exprStmt{x})
}

func checkName(t token) error {
	switch t.text {
	case "packet", "myself", "self", "true", "false", "nil", "None", "True", "False":
		return errorf(ErrUnsupported, "line %d: cannot assign to %q", t.line, t.text)
	}
	return nil
}

// modifier handles Ruby's statement modifiers: "stmt if cond", "stmt unless cond".
func (p *parser) modifier(s stmt) (stmt, error) {
	if p.lang != Ruby || !(p.isKw("if") || p.isKw("unless")) {
		return s, nil
	}
	neg := p.next().text == "unless"
	c, err := p.expr()
	if err != nil {
		return nil, err
	}
	if neg {
		c = unaryNode{"not", c}
	}
	return ifStmt{conds: []node{c}, bodies: [][]stmt{{s}}}, nil
}

func (p *parser) ifStatement() (stmt, error) {
	kw := p.next()
	indent := kw.indent
	var s ifStmt
	neg := kw.text == "unless"
	for {
		c, err := p.expr()
		if err != nil {
			return nil, err
		}
		if neg {
			c, neg = unaryNode{"not", c}, false
		}
		body, err := p.ifBody(indent)
		if err != nil {
			return nil, err
		}
		s.conds = append(s.conds, c)
		s.bodies = append(s.bodies, body)
		if p.lang == Python {
			p.skipNewlines()
			if p.isKw("elif") && p.peek().indent == indent {
				p.next()
				continue
			}
			if p.isKw("else") && p.peek().indent == indent {
				p.next()
				if s.els, err = p.ifBody(indent); err != nil {
					return nil, err
				}
				s.els = nonNil(s.els)
			}
			return s, nil
		}
		switch {
		case p.isKw("elsif"):
			p.next()
			continue
		case p.isKw("else"):
			p.next()
			if s.els, err = p.block(-1, []string{"end"}); err != nil {
				return nil, err
			}
			s.els = nonNil(s.els)
		}
		if !p.isKw("end") {
			return nil, p.errAt(p.peek(), "expected \"end\"")
		}
		p.next()
		return s, nil
	}
}

func nonNil(s []stmt) []stmt {
	if s == nil {
		return []stmt{}
	}
	return s
}

func (p *parser) skipNewlines() {
	for p.peek().kind == tNewline {
		p.next()
	}
}

// ifBody parses the body after an if/elsif/else condition.
func (p *parser) ifBody(indent int) ([]stmt, error) {
	if p.lang == Python {
		if err := p.expectOp(":"); err != nil {
			return nil, err
		}
		if p.peek().kind != tNewline { // if x: return 1
			s, err := p.statement()
			if err != nil {
				return nil, err
			}
			return []stmt{s}, nil
		}
		return p.block(indent, nil)
	}
	p.acceptOp(";")
	if p.isKw("then") {
		p.next()
	}
	return p.block(-1, []string{"elsif", "else", "end"})
}

// Expressions, lowest precedence first.

func (p *parser) expr() (node, error) {
	if p.lang == Python {
		return p.pyConditional()
	}
	return p.ternary()
}

func (p *parser) pyConditional() (node, error) {
	a, err := p.or()
	if err != nil {
		return nil, err
	}
	if !p.isKw("if") {
		return a, nil
	}
	p.next()
	c, err := p.or()
	if err != nil {
		return nil, err
	}
	if !p.isKw("else") {
		return nil, p.errAt(p.peek(), "expected \"else\" in conditional expression")
	}
	p.next()
	b, err := p.pyConditional()
	if err != nil {
		return nil, err
	}
	return condNode{c, a, b}, nil
}

func (p *parser) ternary() (node, error) {
	c, err := p.or()
	if err != nil {
		return nil, err
	}
	if !p.acceptOp("?") {
		return c, nil
	}
	a, err := p.ternary()
	if err != nil {
		return nil, err
	}
	if err := p.expectOp(":"); err != nil {
		return nil, err
	}
	b, err := p.ternary()
	if err != nil {
		return nil, err
	}
	return condNode{c, a, b}, nil
}

func (p *parser) or() (node, error)  { return p.logic(false, "||", "or", p.and) }
func (p *parser) and() (node, error) { return p.logic(true, "&&", "and", p.not) }

// logic parses a left-associative chain of && / and (or || / or).
func (p *parser) logic(and bool, op, kw string, sub func() (node, error)) (node, error) {
	l, err := sub()
	if err != nil {
		return nil, err
	}
	for p.isOp(op) || p.isKw(kw) {
		p.next()
		r, err := sub()
		if err != nil {
			return nil, err
		}
		l = logicNode{and, l, r}
	}
	return l, nil
}

func (p *parser) not() (node, error) {
	if p.isKw("not") {
		p.next()
		x, err := p.not()
		if err != nil {
			return nil, err
		}
		return unaryNode{"not", x}, nil
	}
	return p.comparison()
}

var compareOps = map[string]bool{"==": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true}

func (p *parser) comparison() (node, error) {
	l, err := p.bitOr()
	if err != nil {
		return nil, err
	}
	var result node
	for {
		t := p.peek()
		op := ""
		if t.kind == tOp && compareOps[t.text] {
			op = t.text
		} else if t.kind == tIdent && t.text == "is" && p.lang == Python {
			op = "=="
			if p.pos+1 < len(p.toks) && p.toks[p.pos+1].text == "not" {
				p.pos++
				op = "!="
			}
		}
		if op == "" {
			break
		}
		p.next()
		r, err := p.bitOr()
		if err != nil {
			return nil, err
		}
		c := binaryNode{op, l, r}
		if result == nil {
			result = c
		} else { // Python chains a < b < c
			result = logicNode{true, result, c}
		}
		l = r
	}
	if result == nil {
		return l, nil
	}
	return result, nil
}

func (p *parser) bitOr() (node, error)  { return p.binaryLevel([]string{"|"}, p.bitXor) }
func (p *parser) bitXor() (node, error) { return p.binaryLevel([]string{"^"}, p.bitAnd) }
func (p *parser) bitAnd() (node, error) { return p.binaryLevel([]string{"&"}, p.shift) }
func (p *parser) shift() (node, error)  { return p.binaryLevel([]string{"<<", ">>"}, p.sum) }
func (p *parser) sum() (node, error)    { return p.binaryLevel([]string{"+", "-"}, p.term) }
func (p *parser) term() (node, error)   { return p.binaryLevel([]string{"*", "/", "//", "%"}, p.unary) }

func (p *parser) binaryLevel(ops []string, sub func() (node, error)) (node, error) {
	l, err := sub()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if t.kind != tOp || !contains(ops, t.text) {
			return l, nil
		}
		if t.text == "//" && p.lang != Python {
			return nil, p.errAt(t, "regular expressions are not supported")
		}
		p.next()
		r, err := sub()
		if err != nil {
			return nil, err
		}
		l = p.arith(t.text, l, r)
	}
}

// arith builds an arithmetic node; "/" means Ruby or Python division.
func (p *parser) arith(op string, l, r node) node {
	if op == "/" && p.lang == Python {
		op = "true/"
	}
	return binaryNode{op, l, r}
}

func (p *parser) unary() (node, error) {
	t := p.peek()
	if t.kind == tOp && (t.text == "-" || t.text == "+" || t.text == "~" || t.text == "!") {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		switch t.text {
		case "+":
			return x, nil
		case "!":
			return unaryNode{"not", x}, nil
		}
		if lit, ok := x.(litNode); ok && t.text == "-" { // fold -5 so that -5.abs works
			switch v := lit.v.(type) {
			case int64:
				return litNode{-v}, nil
			case float64:
				return litNode{-v}, nil
			}
		}
		return unaryNode{t.text, x}, nil
	}
	return p.power()
}

func (p *parser) power() (node, error) {
	base, err := p.postfix()
	if err != nil {
		return nil, err
	}
	if p.acceptOp("**") {
		exp, err := p.unary() // right associative, binds tighter than unary minus on its left
		if err != nil {
			return nil, err
		}
		return binaryNode{"**", base, exp}, nil
	}
	return base, nil
}
