package ruby

import (
	"errors"
	"strings"
)

// The ERB subset's expression tokens.
type tokKind uint8

const (
	tEOF tokKind = iota
	tInt
	tFloat
	tString // double-quoted: parts may interpolate
	tIdent
	tSymbol // :name
	tLabel  // name: (hash key / keyword argument)
	tOp     // punctuation and operators
)

type token struct {
	kind tokKind
	s    string // identifier, operator, string text
	i    int64
	f    float64
	// interp holds a double-quoted string's pieces: even indexes are text,
	// odd indexes are #{...} source.
	interp []string
	pos    int
}

// lexRuby splits the Ruby inside an ERB tag into the parser's tokens,
// using the one lexer (lex.go) in its ERB mode.
func lexRuby(src string) ([]token, error) {
	toks, err := Lex(src, LexERB)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			// One tag: its line number inside the tag says nothing.
			_, msg, _ := strings.Cut(se.Msg, ": ")
			return nil, errors.New(msg)
		}
		return nil, err
	}
	out := make([]token, 0, len(toks))
	for _, t := range toks {
		e := token{s: t.Text, pos: t.Pos}
		switch t.Kind {
		case TokNewline:
			continue
		case TokEOF:
			e.kind = tEOF
		case TokNum:
			if i, ok := t.Num.(int64); ok {
				e.kind, e.i = tInt, i
			} else {
				e.kind, e.f = tFloat, t.Num.(float64)
			}
		case TokStr:
			e.kind, e.interp = tString, []string{t.Text}
		case TokIStr:
			// interp alternates text and #{...} source, text first and last.
			e.kind, e.interp = tString, []string{""}
			for _, p := range t.Parts {
				if p.IsCode {
					e.interp = append(e.interp, p.Code, "")
				} else {
					e.interp[len(e.interp)-1] += p.Lit
				}
			}
			e.s = e.interp[len(e.interp)-1]
		case TokIdent:
			e.kind = tIdent
		case TokLabel:
			e.kind = tLabel
		case TokSym:
			e.kind = tSymbol
		default:
			e.kind = tOp
		}
		out = append(out, e)
	}
	return out, nil
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }
