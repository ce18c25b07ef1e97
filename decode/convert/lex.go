package convert

import (
	"errors"

	"github.com/c3kit/c3kit/internal/ruby"
)

// The GENERIC conversion translator works in three steps: lex (the shared
// Ruby/Python lexer of internal/ruby, read here into the parser's tokens)
// turns a Ruby or Python body into tokens, parse (parse.go) builds a small
// syntax tree of the supported subset, and emit (emit.go) writes an
// expr-lang program whose operators are the Ruby/Python semantics of
// internal/ruby's operations.

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

var tokKinds = map[ruby.TokKind]tokKind{
	ruby.TokEOF: tEOF, ruby.TokNewline: tNewline, ruby.TokNum: tNum, ruby.TokStr: tStr, ruby.TokIStr: tIStr,
	ruby.TokIdent: tIdent, ruby.TokSym: tSym, ruby.TokOp: tOp,
}

func lex(src string) ([]token, error) {
	toks, err := ruby.Lex(src, ruby.LexBody)
	if err != nil {
		var se *ruby.SyntaxError
		if errors.As(err, &se) {
			return nil, errorf(ErrUnsupported, "%s", se.Msg)
		}
		return nil, err
	}
	out := make([]token, len(toks))
	for i, t := range toks {
		out[i] = token{kind: tokKinds[t.Kind], text: t.Text, num: t.Num, line: t.Line, indent: t.Indent, first: t.First}
		for _, p := range t.Parts {
			out[i].parts = append(out[i].parts, strPart{lit: p.Lit, code: p.Code, spec: p.Spec, isCode: p.IsCode})
		}
	}
	return out, nil
}
