package ruby

import (
	"fmt"
	"strconv"
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

// lexRuby splits the Ruby subset used inside ERB tags into tokens.
func lexRuby(src string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case isSpace(c):
			i++
		case c == '#':
			// a Ruby comment runs to the end of the line
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c >= '0' && c <= '9':
			t, n, err := lexNumber(src[i:])
			if err != nil {
				return nil, err
			}
			t.pos = i
			toks = append(toks, t)
			i += n
		case c == '"' || c == '\'':
			t, n, err := lexString(src[i:])
			if err != nil {
				return nil, err
			}
			t.pos = i
			toks = append(toks, t)
			i += n
		case isIdentStart(c):
			j := i + 1
			for j < len(src) && isIdentChar(src[j]) {
				j++
			}
			if j < len(src) && (src[j] == '?' || src[j] == '!') && (j+1 >= len(src) || src[j+1] != '=') {
				j++ // method names such as empty? and upcase!
			}
			word := src[i:j]
			// name: (but not name::) is a hash label
			if j < len(src) && src[j] == ':' && (j+1 >= len(src) || src[j+1] != ':') {
				toks = append(toks, token{kind: tLabel, s: word, pos: i})
				i = j + 1
				continue
			}
			toks = append(toks, token{kind: tIdent, s: word, pos: i})
			i = j
		case c == ':' && i+1 < len(src) && isIdentStart(src[i+1]):
			j := i + 2
			for j < len(src) && isIdentChar(src[j]) {
				j++
			}
			toks = append(toks, token{kind: tSymbol, s: src[i+1 : j], pos: i})
			i = j
		default:
			op := ""
			for _, cand := range []string{"...", "**", "==", "!=", "<=", ">=", "&&", "||", "..", "=>", "::"} {
				if strings.HasPrefix(src[i:], cand) {
					op = cand
					break
				}
			}
			if op == "" {
				if !strings.ContainsRune("()[]{},.+-*/%<>!?:=|", rune(c)) {
					return nil, fmt.Errorf("unexpected character %q", c)
				}
				op = string(c)
			}
			toks = append(toks, token{kind: tOp, s: op, pos: i})
			i += len(op)
		}
	}
	return append(toks, token{kind: tEOF, pos: len(src)}), nil
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

// lexNumber reads a Ruby integer (decimal, 0x, 0b, 0o, with _ separators)
// or float literal.
func lexNumber(s string) (token, int, error) {
	j := 0
	base := 10
	if len(s) > 1 && s[0] == '0' {
		switch s[1] {
		case 'x', 'X':
			base, j = 16, 2
		case 'b', 'B':
			base, j = 2, 2
		case 'o', 'O':
			base, j = 8, 2
		}
	}
	start := j
	isFloat := false
	for j < len(s) {
		c := s[j]
		switch {
		case c == '_' || c >= '0' && c <= '9' || base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'):
			j++
			continue
		case base == 10 && c == '.' && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' && !isFloat:
			isFloat = true
			j++
			continue
		case base == 10 && (c == 'e' || c == 'E') && j+1 < len(s):
			k := j + 1
			if s[k] == '+' || s[k] == '-' {
				k++
			}
			if k < len(s) && s[k] >= '0' && s[k] <= '9' {
				isFloat = true
				j = k
				continue
			}
		}
		break
	}
	text := strings.ReplaceAll(s[start:j], "_", "")
	if isFloat {
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return token{}, 0, fmt.Errorf("bad number %q", s[:j])
		}
		return token{kind: tFloat, f: f}, j, nil
	}
	v, err := strconv.ParseInt(text, base, 64)
	if err != nil {
		return token{}, 0, fmt.Errorf("bad integer %q", s[:j])
	}
	return token{kind: tInt, i: v}, j, nil
}

// lexString reads a quoted Ruby string. Double quotes process escapes and
// #{...} interpolation; single quotes only \' and \\.
func lexString(s string) (token, int, error) {
	q := s[0]
	var parts []string
	var b strings.Builder
	for j := 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == q:
			parts = append(parts, b.String())
			return token{kind: tString, s: b.String(), interp: parts}, j + 1, nil
		case c == '\\' && j+1 < len(s):
			j++
			e := s[j]
			if q == '\'' {
				if e != '\'' && e != '\\' {
					b.WriteByte('\\')
				}
				b.WriteByte(e)
				continue
			}
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '0':
				b.WriteByte(0)
			case 'e':
				b.WriteByte(0x1b)
			case 's':
				b.WriteByte(' ')
			default:
				b.WriteByte(e)
			}
		case q == '"' && c == '#' && j+1 < len(s) && s[j+1] == '{':
			depth := 0
			k := j + 1
			for ; k < len(s); k++ {
				if s[k] == '{' {
					depth++
				} else if s[k] == '}' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if k >= len(s) {
				return token{}, 0, fmt.Errorf("unterminated #{ in string")
			}
			parts = append(parts, b.String(), s[j+2:k])
			b.Reset()
			j = k
		default:
			b.WriteByte(c)
		}
	}
	return token{}, 0, fmt.Errorf("unterminated string")
}
