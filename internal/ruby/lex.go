package ruby

import (
	"fmt"
	"strconv"
	"strings"
)

// One lexer for the Ruby (and Python) c3kit reads: GENERIC conversion
// bodies, whole lines of Ruby or Python, and the expressions inside ERB
// tags (LexERB). Each reader turns the tokens into its own syntax tree.

// TokKind is the kind of a Token.
type TokKind uint8

const (
	TokEOF TokKind = iota
	TokNewline
	TokNum
	TokStr  // plain string literal
	TokIStr // interpolated string: Ruby "#{...}" or Python f"{...}"
	TokIdent
	TokSym   // Ruby symbol :RAW
	TokOp    // punctuation and operators
	TokLabel // Ruby hash label or keyword argument name: (LexERB only)
)

// Token is one token with where it starts.
type Token struct {
	Kind   TokKind
	Text   string // identifier, operator, or string contents
	Num    any    // int64 or float64 for TokNum
	Parts  []StrPart
	Line   int // 1-based line within the source
	Indent int // indentation of the token's line
	First  bool
	Pos    int // byte offset of the token's start
}

// StrPart is a piece of an interpolated string: literal text, or source
// of an embedded expression with an optional Python format spec.
type StrPart struct {
	Lit    string
	Code   string
	Spec   string
	IsCode bool
}

// LexMode selects the dialect.
type LexMode int

const (
	// LexBody: GENERIC conversion bodies, Ruby or Python: newlines and
	// indentation are tokens; single-quoted strings read \n, \t, \r
	// and \0 as Python does; a string ends at its line.
	LexBody LexMode = iota
	// LexERB: expressions in ERB tags, Ruby only: name: is a label,
	// single quotes keep escapes other than \\ and \' (Ruby), a method
	// name may end in ? or !, and strings may span lines.
	LexERB
)

// SyntaxError is a lexing error; Msg starts with "line N: ".
type SyntaxError struct{ Msg string }

func (e *SyntaxError) Error() string { return e.Msg }

func lexErr(format string, args ...any) error { return &SyntaxError{fmt.Sprintf(format, args...)} }

type lexer struct {
	mode   LexMode
	start  int // where the token being read starts
	src    string
	pos    int
	line   int
	depth  int // bracket nesting: newlines inside brackets are spaces
	toks   []Token
	indent int
	bol    bool // at beginning of a line
}

// Lex splits src into tokens, ending with TokEOF.
func Lex(src string, mode LexMode) ([]Token, error) {
	lx := &lexer{mode: mode, src: src, line: 1, bol: true}
	for {
		if err := lx.next(); err != nil {
			return nil, err
		}
		if n := len(lx.toks); n > 0 && lx.toks[n-1].Kind == TokEOF {
			return lx.toks, nil
		}
	}
}

func (lx *lexer) emit(t Token) {
	t.Pos = lx.start
	t.Line = lx.line
	t.Indent = lx.indent
	if lx.bol && t.Kind != TokNewline && t.Kind != TokEOF {
		t.First = true
		lx.bol = false
	}
	lx.toks = append(lx.toks, t)
}

func (lx *lexer) newline() {
	if lx.depth == 0 && len(lx.toks) > 0 && lx.toks[len(lx.toks)-1].Kind != TokNewline {
		lx.emit(Token{Kind: TokNewline})
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
		if len(lx.toks) > 0 && lx.toks[len(lx.toks)-1].Kind != TokNewline {
			lx.emit(Token{Kind: TokNewline})
		}
		lx.emit(Token{Kind: TokEOF})
		return nil
	}
	lx.start = lx.pos
	erb := lx.mode == LexERB
	c := src[lx.pos]
	switch {
	case isDigit(c) || (c == '.' && lx.pos+1 < len(src) && isDigit(src[lx.pos+1])):
		return lx.number()
	case c == '"' || c == '\'':
		return lx.str(c, false)
	case !erb && (c == 'f' || c == 'F') && lx.pos+1 < len(src) && (src[lx.pos+1] == '"' || src[lx.pos+1] == '\''):
		lx.pos++
		return lx.str(src[lx.pos], true)
	case isIdentStart(c):
		start := lx.pos
		for lx.pos < len(src) && isIdentChar(src[lx.pos]) {
			lx.pos++
		}
		// Ruby predicate methods (value.zero?) after a dot; in ERB any
		// method name (empty?, upcase!).
		afterDot := false
		if n := len(lx.toks); n > 0 && lx.toks[n-1].Kind == TokOp && lx.toks[n-1].Text == "." {
			afterDot = true
		}
		if (afterDot || erb) && lx.pos < len(src) && (src[lx.pos] == '?' || src[lx.pos] == '!') &&
			(lx.pos+1 >= len(src) || src[lx.pos+1] != '=') {
			lx.pos++
		}
		// name: (but not name::) is a hash label or keyword argument.
		if erb && lx.pos < len(src) && src[lx.pos] == ':' && (lx.pos+1 >= len(src) || src[lx.pos+1] != ':') {
			word := src[start:lx.pos]
			lx.pos++
			lx.emit(Token{Kind: TokLabel, Text: word})
			return nil
		}
		lx.emit(Token{Kind: TokIdent, Text: src[start:lx.pos]})
		return nil
	case c == ':' && lx.pos+1 < len(src) && isIdentStart(src[lx.pos+1]) && (erb || lx.symbolContext()):
		start := lx.pos + 1
		lx.pos++
		for lx.pos < len(src) && isIdentChar(src[lx.pos]) {
			lx.pos++
		}
		lx.emit(Token{Kind: TokSym, Text: src[start:lx.pos]})
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
			lx.emit(Token{Kind: TokOp, Text: op})
			return nil
		}
	}
	return lexErr("line %d: unexpected character %q", lx.line, c)
}

// symbolContext: a ':' starts a Ruby symbol after '(' or ',' or a space,
// never right after an expression (Python's "if x:" or Ruby's "a ? b :c"
// written without a space are the exceptions we accept getting wrong).
func (lx *lexer) symbolContext() bool {
	if n := len(lx.toks); n > 0 {
		t := lx.toks[n-1]
		if t.Kind == TokOp && (t.Text == "(" || t.Text == ",") {
			return true
		}
	}
	return lx.pos > 0 && (lx.src[lx.pos-1] == ' ' || lx.src[lx.pos-1] == '\t') &&
		!(len(lx.toks) > 0 && lx.toks[len(lx.toks)-1].Kind == TokOp && lx.toks[len(lx.toks)-1].Text == "?") && lx.prevIsOperatorOrStart()
}

func (lx *lexer) prevIsOperatorOrStart() bool {
	n := len(lx.toks)
	if n == 0 {
		return true
	}
	t := lx.toks[n-1]
	return t.Kind == TokOp && t.Text != ")" && t.Text != "]" && t.Text != "}" || t.Kind == TokNewline
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
			return lexErr("line %d: bad number %q", lx.line, src[start:lx.pos])
		}
		lx.emit(Token{Kind: TokNum, Num: f, Text: src[start:lx.pos]})
		return nil
	}
	// Python 3 forbids 012; Ruby reads it as octal, like Go's base 0.
	i, err := strconv.ParseInt(text, 0, 64)
	if err != nil {
		return lexErr("line %d: integer %q does not fit in 64 bits", lx.line, src[start:lx.pos])
	}
	lx.emit(Token{Kind: TokNum, Num: i, Text: src[start:lx.pos]})
	return nil
}

// str lexes a quoted string. Double-quoted Ruby strings interpolate
// "#{...}"; Python f-strings interpolate "{...}". Single-quoted Ruby
// strings only know \\ and \'.
func (lx *lexer) str(q byte, fstring bool) error {
	src := lx.src
	lx.pos++ // opening quote
	// Python triple quotes are not supported; '' and "" are empty strings.
	var parts []StrPart
	var lit strings.Builder
	interp := false
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, StrPart{Lit: lit.String()})
			lit.Reset()
		}
	}
	for {
		if lx.pos >= len(src) || src[lx.pos] == '\n' && lx.mode != LexERB {
			return lexErr("line %d: unterminated string", lx.line)
		}
		c := src[lx.pos]
		if c == '\n' {
			lx.line++
		}
		switch {
		case c == q:
			lx.pos++
			flush()
			if !interp {
				s := ""
				if len(parts) == 1 {
					s = parts[0].Lit
				}
				lx.emit(Token{Kind: TokStr, Text: s})
				return nil
			}
			lx.emit(Token{Kind: TokIStr, Parts: parts})
			return nil
		case c == '\\' && lx.pos+1 < len(src):
			e := src[lx.pos+1]
			lx.pos += 2
			if q == '\'' && !fstring {
				// Ruby single quotes keep other escapes literally; Python
				// would interpret them, which only matters for \n-style
				// escapes in Python single-quoted strings.
				switch {
				case e == '\\' || e == '\'':
					lit.WriteByte(e)
				case lx.mode == LexBody && (e == 'n' || e == 't' || e == 'r' || e == '0'):
					lit.WriteString(unescape(e))
				default:
					lit.WriteByte('\\')
					lit.WriteByte(e)
				}
				continue
			}
			if e == 's' && lx.mode == LexERB {
				lit.WriteByte(' ') // Ruby's \s
				continue
			}
			lit.WriteString(unescape(e))
		case !fstring && q == '"' && c == '#' && lx.pos+1 < len(src) && src[lx.pos+1] == '{':
			end, err := lx.matchBrace(lx.pos + 1)
			if err != nil {
				return err
			}
			flush()
			parts = append(parts, StrPart{Code: src[lx.pos+2 : end], IsCode: true})
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
			parts = append(parts, StrPart{Code: code, Spec: spec, IsCode: true})
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
	return 0, lexErr("line %d: unterminated interpolation in string", lx.line)
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

func isHex(c byte) bool { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }
