package convert

// Postfix expressions (method calls, indexing) and primaries.

// methods maps a method name to its runtime function; the receiver is the
// first argument. Dialect-specific entries are resolved in method().
var methods = map[string]string{
	"to_f": "rb_to_f", "to_i": "rb_int", "to_s": "str_rb", "to_str": "str_rb", "to_int": "rb_int",
	"abs": "abs", "floor": "floor", "ceil": "ceil", "truncate": "trunc",
	"upcase": "upper", "upper": "upper", "downcase": "lower", "lower": "lower",
	"strip": "strip", "lstrip": "lstrip", "rstrip": "rstrip", "chomp": "rstrip",
	"length": "len", "size": "len", "split": "split", "hex": "hexstr", "reverse": "reverse",
	"zero?": "is_zero", "nil?": "is_nil", "even?": "is_even", "odd?": "is_odd",
	"positive?": "is_positive", "negative?": "is_negative", "empty?": "is_empty",
	"include?": "includes", "start_with?": "starts_with", "startswith": "starts_with",
	"end_with?": "ends_with", "endswith": "ends_with", "max": "max", "min": "min", "sum": "sum",
	"first": "first", "last": "last", "ljust": "ljust", "rjust": "rjust", "zfill": "zfill", "replace": "replace", "gsub": "replace",
	"is_integer": "is_integer", "between?": "is_between", "formatted": "time_formatted", "sys": "time_utc", "utc": "time_utc", "getutc": "time_utc", "real": "float", "round": "round", "format": "pyformat", "join": "join",
}

// functions maps a bare function name to its runtime function.
var functions = map[string]string{
	"Float": "float", "Integer": "rb_integer", "String": "str_rb", "sprintf": "sprintf",
	"int": "py_int", "float": "float", "str": "str_py", "abs": "abs", "round": "round", "len": "len",
	"min": "min", "max": "max", "bool": "truthy_py", "hex": "pyhex", "bin": "pybin", "oct": "pyoct",
	"sum": "sum", "pow": "pow",
}

var mathFuncs = map[string]string{
	"sqrt": "sqrt", "cbrt": "cbrt", "sin": "sin", "cos": "cos", "tan": "tan", "asin": "asin", "acos": "acos",
	"atan": "atan", "atan2": "atan2", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "exp": "exp",
	"log": "log", "log10": "log10", "log2": "log2", "hypot": "hypot", "floor": "floor_int", "ceil": "ceil_int",
	"fabs": "fabs", "pow": "fpow", "degrees": "degrees", "radians": "radians", "trunc": "trunc", "isnan": "isnan",
	"isinf": "isinf", "fmod": "fmod", "copysign": "copysign",
}

func (p *parser) postfix() (node, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	for {
		switch {
		case p.isOp("."):
			p.next()
			name := p.next()
			if name.kind != tIdent {
				return nil, p.errAt(name, "expected a method name")
			}
			var args []node
			if p.isOp("(") {
				if args, err = p.args(")"); err != nil {
					return nil, err
				}
			}
			if p.isOp("{") || p.isKw("do") {
				return nil, errorf(ErrUnsupported, "line %d: blocks (.%s { |x| ... }) are not supported", name.line, name.text)
			}
			if x, err = p.method(x, name, args); err != nil {
				return nil, err
			}
		case p.isOp("["):
			t := p.next()
			i, err := p.expr()
			if err != nil {
				return nil, err
			}
			if p.isOp("..") || p.isOp("...") || p.isOp(":") || p.isOp(",") {
				return nil, errorf(ErrUnsupported, "line %d: ranges and slices are not supported", t.line)
			}
			if err := p.expectOp("]"); err != nil {
				return nil, err
			}
			x = callNode{"index", []node{x, i}}
		default:
			return x, nil
		}
	}
}

func (p *parser) method(recv node, name token, args []node) (node, error) {
	fn, ok := methods[name.text]
	if !ok || fn == "" {
		return nil, errorf(ErrUnsupported, "line %d: method .%s is not supported", name.line, name.text)
	}
	switch fn {
	case "round":
		fn = "round_" + p.langSuffix()
	case "join":
		if p.lang == Python { // ", ".join(list)
			if len(args) != 1 {
				return nil, errorf(ErrUnsupported, "line %d: str.join takes one argument", name.line)
			}
			return callNode{"join", []node{args[0], recv}}, nil
		}
	case "floor", "ceil":
		if len(args) > 0 {
			fn += "_digits"
		}
	}
	return callNode{fn, append([]node{recv}, args...)}, nil
}

func (p *parser) langSuffix() string {
	if p.lang == Python {
		return "py"
	}
	return "rb"
}

// args parses "(a, b, ...)" after the opening bracket has been seen.
func (p *parser) args(closer string) ([]node, error) {
	p.next() // opening bracket
	var out []node
	for !p.isOp(closer) {
		if p.peek().kind == tNewline { // cannot happen inside brackets; defensive
			p.next()
			continue
		}
		if p.peek().kind == tIdent && p.pos+1 < len(p.toks) && p.toks[p.pos+1].kind == tOp && p.toks[p.pos+1].text == "=" {
			return nil, p.errAt(p.peek(), "keyword arguments are not supported")
		}
		a, err := p.expr()
		if err != nil {
			return nil, err
		}
		out = append(out, a)
		if !p.acceptOp(",") {
			break
		}
	}
	if err := p.expectOp(closer); err != nil {
		return nil, err
	}
	return out, nil
}

func (p *parser) primary() (node, error) {
	t := p.peek()
	switch t.kind {
	case tNum:
		p.next()
		return litNode{t.num}, nil
	case tStr:
		p.next()
		return litNode{t.text}, nil
	case tSym:
		p.next()
		return litNode{t.text}, nil
	case tIStr:
		p.next()
		return p.interpolation(t)
	case tOp:
		switch t.text {
		case "(":
			items, err := p.args(")")
			if err != nil {
				return nil, err
			}
			if len(items) == 1 && !(p.toks[p.pos-2].kind == tOp && p.toks[p.pos-2].text == ",") {
				return items[0], nil
			}
			return listNode{items}, nil // Python tuple
		case "[":
			items, err := p.args("]")
			if err != nil {
				return nil, err
			}
			return listNode{items}, nil
		case "{":
			return nil, p.errAt(t, "hashes, dicts and blocks are not supported")
		case "@", "$":
			return nil, p.errAt(t, "instance and global variables are not supported")
		case "->":
			return nil, p.errAt(t, "lambdas are not supported")
		}
		return nil, p.errAt(t, "unexpected %q", t.text)
	case tIdent:
		return p.identifier()
	}
	return nil, p.errAt(t, "expected a value")
}

func (p *parser) identifier() (node, error) {
	t := p.next()
	switch t.text {
	case "value":
		return valueNode{}, nil
	case "true", "True":
		return litNode{true}, nil
	case "false", "False":
		return litNode{false}, nil
	case "nil", "None":
		return litNode{nil}, nil
	case "packet", "myself":
		if !p.isOp(".") || p.pos+1 >= len(p.toks) || p.toks[p.pos+1].text != "read" {
			return nil, errorf(ErrUnsupported, "line %d: only %s.read(...) is supported on the packet", t.line, t.text)
		}
		p.pos += 2
		if !p.isOp("(") {
			return nil, p.errAt(p.peek(), "expected \"(\" after %s.read", t.text)
		}
		args, err := p.args(")")
		if err != nil {
			return nil, err
		}
		if len(args) < 1 || len(args) > 3 { // read(name, type, buffer)
			return nil, errorf(ErrUnsupported, "line %d: %s.read takes an item name and optionally a value type", t.line, t.text)
		}
		r := readNode{name: args[0], mode: litNode{"CONVERTED"}}
		if len(args) > 1 {
			r.mode = args[1]
		}
		return r, nil
	case "Math", "math":
		sep := p.next()
		name := p.next()
		if sep.kind != tOp || (sep.text != "." && sep.text != "::") || name.kind != tIdent {
			return nil, errorf(ErrUnsupported, "line %d: expected %s.function", t.line, t.text)
		}
		switch name.text {
		case "PI", "pi":
			return litNode{3.141592653589793}, nil
		case "E", "e":
			return litNode{2.718281828459045}, nil
		case "inf":
			return callNode{"inf", nil}, nil
		case "nan":
			return callNode{"nan", nil}, nil
		}
		fn, ok := mathFuncs[name.text]
		if !ok || !p.isOp("(") {
			return nil, errorf(ErrUnsupported, "line %d: %s.%s is not supported", t.line, t.text, name.text)
		}
		args, err := p.args(")")
		if err != nil {
			return nil, err
		}
		return callNode{fn, args}, nil
	case "Time":
		if p.isOp(".") && p.pos+1 < len(p.toks) && p.toks[p.pos+1].text == "ccsds2mdy" {
			p.pos += 2
			args, err := p.args(")")
			if err != nil {
				return nil, err
			}
			return callNode{"ccsds2mdy", args}, nil
		}
		if p.isOp(".") && p.pos+1 < len(p.toks) && p.toks[p.pos+1].text == "at" {
			p.pos += 2
			args, err := p.callArgs(t)
			if err != nil {
				return nil, err
			}
			return callNode{"time_at", args}, nil
		}
		return nil, errorf(ErrUnsupported, "line %d: only Time.at and Time.ccsds2mdy are supported", t.line)
	case "format":
		if p.lang == Python { // format(value, spec)
			args, err := p.callArgs(t)
			if err != nil {
				return nil, err
			}
			return callNode{"pyformat_value", args}, nil
		}
		args, err := p.callArgs(t)
		if err != nil {
			return nil, err
		}
		return callNode{"sprintf", args}, nil
	}
	if fn, ok := functions[t.text]; ok && p.isOp("(") {
		args, err := p.args(")")
		if err != nil {
			return nil, err
		}
		if fn == "round" {
			fn = "round_" + p.langSuffix()
		}
		return callNode{fn, args}, nil
	}
	if what, bad := unsupportedKeywords[t.text]; bad {
		return nil, errorf(ErrUnsupported, "line %d: %s (%q) are not supported in GENERIC conversions", t.line, what, t.text)
	}
	if p.isOp("(") {
		return nil, errorf(ErrUnsupported, "line %d: function %s() is not supported", t.line, t.text)
	}
	if t.text[0] >= 'A' && t.text[0] <= 'Z' {
		return nil, errorf(ErrUnsupported, "line %d: constant %s is not supported", t.line, t.text)
	}
	return varNode{t.text}, nil
}

func (p *parser) callArgs(t token) ([]node, error) {
	if !p.isOp("(") {
		return nil, errorf(ErrUnsupported, "line %d: expected \"(\" after %s", t.line, t.text)
	}
	return p.args(")")
}

// interpolation parses the code parts of an interpolated string.
func (p *parser) interpolation(t token) (node, error) {
	var n interpNode
	for _, part := range t.parts {
		if !part.isCode {
			n.parts = append(n.parts, litNode{part.lit})
			n.specs = append(n.specs, "")
			continue
		}
		toks, err := lex(part.code)
		if err != nil {
			return nil, err
		}
		for i := range toks {
			toks[i].line = t.line
		}
		sub := &parser{toks: toks, lang: p.lang}
		x, err := sub.expr()
		if err != nil {
			return nil, err
		}
		sub.skipNewlines()
		if sub.peek().kind != tEOF {
			return nil, sub.errAt(sub.peek(), "unexpected %q in string interpolation", sub.peek().text)
		}
		n.parts = append(n.parts, x)
		n.specs = append(n.specs, part.spec)
	}
	return n, nil
}
