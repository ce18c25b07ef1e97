package convert

import (
	"strconv"
	"strings"
)

// The GENERIC conversion translator works in three steps: lex (this file)
// turns a Ruby or Python body into tokens, parse (parse.go) builds a small
// syntax tree of the supported subset, and emit (emit.go) writes an
// expr-lang program whose operators are the Ruby/Python semantics of
// runtime.go.

type tokKind uint8

const (
	tEOF tokKind = iota
	tNewline
	tNum
	tStr  // plain string literal
	tIStr // interpolated string: Ruby "#{...}" or Python f"{...}"
	tIdent
	tSym // Ruby symbol :RAW
	tOp
)

type token struct {
	kind   tokKind
	text   string // identifier, operator, or string contents
	num    any    // int64 or float64 for tNum
	parts  []strPart
	line   int // 1-based line within the body
	indent int // indentation of the token's line
	first  bool
}

// strPart is a piece of an interpolated string: literal text, or source
// of an embedded expression with an optional Python format spec.
type strPart struct {
	lit    string
	code   string
	spec   string
	isCode bool
}

type lexer struct {
	src    string
	pos    int
	line   int
	depth  int // bracket nesting: newlines inside brackets are spaces
	toks   []token
	indent int
	bol    bool // at beginning of a line
}

func lex(src string) ([]token, error) {
	lx := &lexer{src: src, line: 1, bol: true}
	for {
		if err := lx.next(); err != nil {
			return nil, err
		}
		if n := len(lx.toks); n > 0 && lx.toks[n-1].kind == tEOF {
			return lx.toks, nil
		}
	}
}

func (lx *lexer) emit(t token) {
	t.line = lx.line
	t.indent = lx.indent
	if lx.bol && t.kind != tNewline && t.kind != tEOF {
		t.first = true
		lx.bol = false
	}
	lx.toks = append(lx.toks, t)
}

func (lx *lexer) newline() {
	if lx.depth == 0 && len(lx.toks) > 0 && lx.toks[len(lx.toks)-1].kind != tNewline {
		lx.emit(token{kind: tNewline})
	}
	lx.line++
	lx.bol = lx.depth == 0
	lx.indent = 0
}

func (lx *lexer) next() error {
	src := lx.src
	// Whitespace and indentation.
	for lx.pos < len(src) {
		c := src[lx.pos]
		switch {
		case c == '\n':
			lx.pos++
			lx.newline()
			continue
		case c == ' ' || c == '\t' || c == '\r':
			if lx.bol {
				if c == '\t' {
					lx.indent += 8
				} else if c == ' ' {
					lx.indent++
				}
			}
			lx.pos++
			continue
		case c == '\\' && lx.pos+1 < len(src) && (src[lx.pos+1] == '\n' || src[lx.pos+1] == '\r'):
			// Explicit line continuation.
			lx.pos++
			for lx.pos < len(src) && src[lx.pos] != '\n' {
				lx.pos++
			}
			lx.pos++
			lx.line++
			continue
		case c == '#':
			for lx.pos < len(src) && src[lx.pos] != '\n' {
				lx.pos++
			}
			continue
		}
		break
	}
	if lx.pos >= len(src) {
		if len(lx.toks) > 0 && lx.toks[len(lx.toks)-1].kind != tNewline {
			lx.emit(token{kind: tNewline})
		}
		lx.emit(token{kind: tEOF})
		return nil
	}
	c := src[lx.pos]
	switch {
	case isDigit(c) || (c == '.' && lx.pos+1 < len(src) && isDigit(src[lx.pos+1])):
		return lx.number()
	case c == '"' || c == '\'':
		return lx.str(c, false)
	case (c == 'f' || c == 'F') && lx.pos+1 < len(src) && (src[lx.pos+1] == '"' || src[lx.pos+1] == '\''):
		lx.pos++
		return lx.str(src[lx.pos], true)
	case isIdentStart(c):
		start := lx.pos
		for lx.pos < len(src) && isIdentChar(src[lx.pos]) {
			lx.pos++
		}
		// Ruby predicate methods (value.zero?) after a dot.
		if n := len(lx.toks); n > 0 && lx.toks[n-1].kind == tOp && lx.toks[n-1].text == "." &&
			lx.pos < len(src) && (src[lx.pos] == '?' || src[lx.pos] == '!') &&
			(lx.pos+1 >= len(src) || src[lx.pos+1] != '=') {
			lx.pos++
		}
		lx.emit(token{kind: tIdent, text: src[start:lx.pos]})
		return nil
	case c == ':' && lx.pos+1 < len(src) && isIdentStart(src[lx.pos+1]) && lx.symbolContext():
		start := lx.pos + 1
		lx.pos++
		for lx.pos < len(src) && isIdentChar(src[lx.pos]) {
			lx.pos++
		}
		lx.emit(token{kind: tSym, text: src[start:lx.pos]})
		return nil
	}
	for _, op := range []string{"**=", "//=", "<=>", "===", "...", "**", "//", "==", "!=", "<=", ">=", "&&", "||",
		"<<", ">>", "+=", "-=", "*=", "/=", "%=", "::", "..", "->", "=>",
		"+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^", "(", ")", "[", "]", "{", "}",
		",", ".", "?", ":", ";", "@", "$", "`"} {
		if strings.HasPrefix(src[lx.pos:], op) {
			switch op {
			case "(", "[", "{":
				lx.depth++
			case ")", "]", "}":
				if lx.depth > 0 {
					lx.depth--
				}
			}
			lx.pos += len(op)
			lx.emit(token{kind: tOp, text: op})
			return nil
		}
	}
	return errorf(ErrUnsupported, "line %d: unexpected character %q", lx.line, c)
}

// symbolContext: a ':' starts a Ruby symbol after '(' or ',' or a space,
// never right after an expression (Python's "if x:" or Ruby's "a ? b :c"
// written without a space are the exceptions we accept getting wrong).
func (lx *lexer) symbolContext() bool {
	if n := len(lx.toks); n > 0 {
		t := lx.toks[n-1]
		if t.kind == tOp && (t.text == "(" || t.text == ",") {
			return true
		}
	}
	return lx.pos > 0 && (lx.src[lx.pos-1] == ' ' || lx.src[lx.pos-1] == '\t') &&
		!(len(lx.toks) > 0 && lx.toks[len(lx.toks)-1].kind == tOp && lx.toks[len(lx.toks)-1].text == "?") && lx.prevIsOperatorOrStart()
}

func (lx *lexer) prevIsOperatorOrStart() bool {
	n := len(lx.toks)
	if n == 0 {
		return true
	}
	t := lx.toks[n-1]
	return t.kind == tOp && t.text != ")" && t.text != "]" && t.text != "}" || t.kind == tNewline
}

func (lx *lexer) number() error {
	src := lx.src
	start := lx.pos
	isFloat := false
	if strings.HasPrefix(src[lx.pos:], "0x") || strings.HasPrefix(src[lx.pos:], "0X") ||
		strings.HasPrefix(src[lx.pos:], "0b") || strings.HasPrefix(src[lx.pos:], "0B") ||
		strings.HasPrefix(src[lx.pos:], "0o") || strings.HasPrefix(src[lx.pos:], "0O") {
		lx.pos += 2
		for lx.pos < len(src) && (isHex(src[lx.pos]) || src[lx.pos] == '_') {
			lx.pos++
		}
	} else {
		for lx.pos < len(src) && (isDigit(src[lx.pos]) || src[lx.pos] == '_') {
			lx.pos++
		}
		// A fraction needs a digit after the dot (1.to_f is a method call).
		if lx.pos+1 < len(src) && src[lx.pos] == '.' && isDigit(src[lx.pos+1]) {
			isFloat = true
			lx.pos++
			for lx.pos < len(src) && (isDigit(src[lx.pos]) || src[lx.pos] == '_') {
				lx.pos++
			}
		} else if lx.pos < len(src) && src[lx.pos] == '.' && (lx.pos+1 >= len(src) || !isIdentStart(src[lx.pos+1]) && src[lx.pos+1] != '.') && start < lx.pos {
			// Python "1." is a float.
			isFloat = true
			lx.pos++
		}
		if lx.pos < len(src) && (src[lx.pos] == 'e' || src[lx.pos] == 'E') {
			j := lx.pos + 1
			if j < len(src) && (src[j] == '+' || src[j] == '-') {
				j++
			}
			if j < len(src) && isDigit(src[j]) {
				isFloat = true
				lx.pos = j
				for lx.pos < len(src) && isDigit(src[lx.pos]) {
					lx.pos++
				}
			}
		}
	}
	text := strings.ReplaceAll(src[start:lx.pos], "_", "")
	if isFloat {
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return errorf(ErrUnsupported, "line %d: bad number %q", lx.line, src[start:lx.pos])
		}
		lx.emit(token{kind: tNum, num: f, text: src[start:lx.pos]})
		return nil
	}
	// Python 3 forbids 012; Ruby reads it as octal, like Go's base 0.
	i, err := strconv.ParseInt(text, 0, 64)
	if err != nil {
		return errorf(ErrUnsupported, "line %d: integer %q does not fit in 64 bits", lx.line, src[start:lx.pos])
	}
	lx.emit(token{kind: tNum, num: i, text: src[start:lx.pos]})
	return nil
}

// str lexes a quoted string. Double-quoted Ruby strings interpolate
// "#{...}"; Python f-strings interpolate "{...}". Single-quoted Ruby
// strings only know \\ and \'.
func (lx *lexer) str(q byte, fstring bool) error {
	src := lx.src
	lx.pos++ // opening quote
	// Python triple quotes are not supported; '' and "" are empty strings.
	var parts []strPart
	var lit strings.Builder
	interp := false
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, strPart{lit: lit.String()})
			lit.Reset()
		}
	}
	for {
		if lx.pos >= len(src) || src[lx.pos] == '\n' {
			return errorf(ErrUnsupported, "line %d: unterminated string", lx.line)
		}
		c := src[lx.pos]
		switch {
		case c == q:
			lx.pos++
			flush()
			if !interp {
				s := ""
				if len(parts) == 1 {
					s = parts[0].lit
				}
				lx.emit(token{kind: tStr, text: s})
				return nil
			}
			lx.emit(token{kind: tIStr, parts: parts})
			return nil
		case c == '\\' && lx.pos+1 < len(src):
			e := src[lx.pos+1]
			lx.pos += 2
			if q == '\'' && !fstring {
				// Ruby single quotes keep other escapes literally; Python
				// would interpret them, which only matters for \n-style
				// escapes in Python single-quoted strings.
				switch e {
				case '\\', '\'':
					lit.WriteByte(e)
				case 'n', 't', 'r', '0':
					lit.WriteString(unescape(e))
				default:
					lit.WriteByte('\\')
					lit.WriteByte(e)
				}
				continue
			}
			lit.WriteString(unescape(e))
		case !fstring && q == '"' && c == '#' && lx.pos+1 < len(src) && src[lx.pos+1] == '{':
			end, err := lx.matchBrace(lx.pos + 1)
			if err != nil {
				return err
			}
			flush()
			parts = append(parts, strPart{code: src[lx.pos+2 : end], isCode: true})
			interp = true
			lx.pos = end + 1
		case fstring && c == '{':
			if lx.pos+1 < len(src) && src[lx.pos+1] == '{' {
				lit.WriteByte('{')
				lx.pos += 2
				continue
			}
			end, err := lx.matchBrace(lx.pos)
			if err != nil {
				return err
			}
			flush()
			code, spec := src[lx.pos+1:end], ""
			if i := strings.LastIndex(code, ":"); i >= 0 && !strings.ContainsAny(code[i:], ")]'\"") {
				code, spec = code[:i], code[i+1:]
			}
			parts = append(parts, strPart{code: code, spec: spec, isCode: true})
			interp = true
			lx.pos = end + 1
		case fstring && c == '}' && lx.pos+1 < len(src) && src[lx.pos+1] == '}':
			lit.WriteByte('}')
			lx.pos += 2
		default:
			lit.WriteByte(c)
			lx.pos++
		}
	}
}

func (lx *lexer) matchBrace(open int) (int, error) {
	depth := 0
	for i := open; i < len(lx.src) && lx.src[i] != '\n'; i++ {
		switch lx.src[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i, nil
			}
		}
	}
	return 0, errorf(ErrUnsupported, "line %d: unterminated interpolation in string", lx.line)
}

func unescape(e byte) string {
	switch e {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	case '0':
		return "\x00"
	case 'e':
		return "\x1b"
	}
	return string(e)
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isHex(c byte) bool        { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }
func isIdentStart(c byte) bool { return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') }
func isIdentChar(c byte) bool  { return isIdentStart(c) || isDigit(c) }
