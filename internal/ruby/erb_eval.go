package ruby

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// rangeVal is an integer Ruby range.
type rangeVal struct {
	lo, hi    int64
	exclusive bool
}

// scope holds ERB variables: loop variables, assignments and render
// locals, falling back to the enclosing scope and then the globals.
type scope struct {
	vars   map[string]any
	parent *scope
}

func (s *scope) lookup(name string) (any, bool) {
	for ; s != nil; s = s.parent {
		if v, ok := s.vars[name]; ok {
			return v, true
		}
	}
	return nil, false
}

func (s *scope) set(name string, v any) {
	// Ruby blocks assign to an existing outer variable, else create a local.
	for c := s; c != nil; c = c.parent {
		if _, ok := c.vars[name]; ok {
			c.vars[name] = v
			return
		}
	}
	s.vars[name] = v
}

// evaluator runs the ERB subset. render is called for render(...).
type evaluator struct {
	render func(name string, locals map[string]any) (string, error)
	// spent counts the bytes of strings built, so that a loop building
	// large strings cannot run for long (bounded by 4 * maxERBOutput).
	spent int
}

func (ev *evaluator) eval(e expr, sc *scope) (any, error) {
	v, err := ev.evalExpr(e, sc)
	if s, ok := v.(string); ok && err == nil {
		if _, lit := e.(litExpr); !lit {
			ev.spent += len(s)
			if ev.spent > 4*maxERBOutput {
				return nil, fmt.Errorf("expressions built more than %d bytes of text", 4*maxERBOutput)
			}
		}
	}
	return v, err
}

func (ev *evaluator) evalExpr(e expr, sc *scope) (any, error) {
	switch x := e.(type) {
	case litExpr:
		return x.v, nil
	case varExpr:
		if v, ok := sc.lookup(x.name); ok {
			return v, nil
		}
		return nil, fmt.Errorf("undefined local variable or method '%s'", x.name)
	case strExpr:
		var b strings.Builder
		for _, part := range x.parts {
			if s, ok := part.(string); ok {
				b.WriteString(s)
				continue
			}
			v, err := ev.eval(part, sc)
			if err != nil {
				return nil, err
			}
			b.WriteString(rubyString(v))
		}
		return b.String(), nil
	case arrayExpr:
		out := make([]any, 0, len(x.elems))
		for _, el := range x.elems {
			v, err := ev.eval(el, sc)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case hashExpr:
		out := make(map[string]any, len(x.keys))
		for i, k := range x.keys {
			v, err := ev.eval(x.vals[i], sc)
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
		return out, nil
	case rangeExpr:
		lo, err := ev.evalInt(x.lo, sc, "range start")
		if err != nil {
			return nil, err
		}
		hi, err := ev.evalInt(x.hi, sc, "range end")
		if err != nil {
			return nil, err
		}
		return rangeVal{lo, hi, x.exclusive}, nil
	case unaryExpr:
		v, err := ev.eval(x.x, sc)
		if err != nil {
			return nil, err
		}
		if x.op == "!" {
			return !truthy(v), nil
		}
		switch n := v.(type) {
		case int64:
			return -n, nil
		case float64:
			return -n, nil
		}
		return nil, fmt.Errorf("undefined method '-@' for %s", rubyInspect(v))
	case condExpr:
		c, err := ev.eval(x.c, sc)
		if err != nil {
			return nil, err
		}
		if truthy(c) {
			return ev.eval(x.t, sc)
		}
		return ev.eval(x.f, sc)
	case binExpr:
		l, err := ev.eval(x.l, sc)
		if err != nil {
			return nil, err
		}
		switch x.op {
		case "&&":
			if !truthy(l) {
				return l, nil
			}
			return ev.eval(x.r, sc)
		case "||":
			if truthy(l) {
				return l, nil
			}
			return ev.eval(x.r, sc)
		}
		r, err := ev.eval(x.r, sc)
		if err != nil {
			return nil, err
		}
		return binaryOp(x.op, l, r)
	case indexExpr:
		v, err := ev.eval(x.x, sc)
		if err != nil {
			return nil, err
		}
		i, err := ev.eval(x.i, sc)
		if err != nil {
			return nil, err
		}
		return index(v, i)
	case callExpr:
		return ev.call(x, sc)
	}
	return nil, fmt.Errorf("unsupported expression")
}

func (ev *evaluator) evalInt(e expr, sc *scope, what string) (int64, error) {
	v, err := ev.eval(e, sc)
	if err != nil {
		return 0, err
	}
	n, ok := v.(int64)
	if !ok {
		return 0, fmt.Errorf("%s must be an integer, got %s", what, rubyInspect(v))
	}
	return n, nil
}

func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	}
	return true
}

func binaryOp(op string, l, r any) (any, error) {
	switch op {
	case "==":
		return Equal(l, r), nil
	case "!=":
		return !Equal(l, r), nil
	}
	if ls, ok := l.(string); ok {
		switch op {
		case "+":
			if rs, ok := r.(string); ok {
				return ls + rs, nil
			}
			return nil, fmt.Errorf("no implicit conversion of %s into String", rubyInspect(r))
		case "*":
			n, ok := r.(int64)
			if !ok || n < 0 || n > int64(maxERBOutput) || int64(len(ls))*n > int64(maxERBOutput) {
				return nil, fmt.Errorf("bad string repetition count %s", rubyInspect(r))
			}
			return strings.Repeat(ls, int(n)), nil
		case "%":
			return rubyFormat(ls, r)
		case "<", "<=", ">", ">=":
			rs, ok := r.(string)
			if !ok {
				return nil, fmt.Errorf("comparison of String with %s failed", rubyInspect(r))
			}
			return compare(op, strings.Compare(ls, rs)), nil
		}
		return nil, fmt.Errorf("undefined method '%s' for a String", op)
	}
	// Numbers follow the same rules as GENERIC conversions (ops.go):
	// floored integer division and modulo, float on overflow.
	var v any
	var err error
	switch op {
	case "+":
		v, err = Add(l, r)
	case "-":
		v, err = Sub(l, r)
	case "*":
		v, err = Mul(l, r)
	case "/":
		v, err = DivRuby(l, r)
	case "%":
		v, err = Mod(l, r)
	case "**":
		v, err = Pow(l, r)
	case "<", "<=", ">", ">=":
		c, err := Compare(op, l, r)
		if err != nil {
			return nil, err
		}
		return c != 2 && compare(op, c), nil // 2: NaN, never ordered
	default:
		return nil, fmt.Errorf("unsupported operator '%s'", op)
	}
	return v, err
}

func compare(op string, c int) bool {
	switch op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	}
	return c >= 0
}

func index(v, i any) (any, error) {
	switch x := v.(type) {
	case []any:
		n, ok := i.(int64)
		if !ok {
			return nil, fmt.Errorf("no implicit conversion of %s into Integer", rubyInspect(i))
		}
		if n < 0 {
			n += int64(len(x))
		}
		if n < 0 || n >= int64(len(x)) {
			return nil, nil
		}
		return x[n], nil
	case map[string]any:
		k, ok := i.(string)
		if !ok {
			return nil, nil
		}
		return x[k], nil
	}
	return nil, fmt.Errorf("undefined method '[]' for %s", rubyInspect(v))
}

// elements lists what each/each_with_index iterate over.
func elements(v any) ([]any, error) {
	switch x := v.(type) {
	case []any:
		return x, nil
	case rangeVal:
		hi := x.hi
		if x.exclusive {
			hi--
		}
		if hi >= x.lo && (hi-x.lo >= int64(maxERBIterations) || hi-x.lo < 0) {
			return nil, fmt.Errorf("range %s is too large", rubyString(x))
		}
		var out []any
		for i := x.lo; i <= hi; i++ {
			out = append(out, i)
		}
		return out, nil
	}
	return nil, fmt.Errorf("undefined method 'each' for %s", rubyInspect(v))
}

func (ev *evaluator) call(x callExpr, sc *scope) (any, error) {
	args := make([]any, len(x.args))
	for i, a := range x.args {
		v, err := ev.eval(a, sc)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	if x.recv == nil {
		switch x.name {
		case "render":
			return ev.callRender(args)
		case "sprintf", "format":
			if len(args) == 0 {
				return nil, fmt.Errorf("%s needs a format string", x.name)
			}
			f, ok := args[0].(string)
			if !ok {
				return nil, fmt.Errorf("%s format must be a String", x.name)
			}
			return rubyFormat(f, args[1:])
		}
		return nil, fmt.Errorf("'%s' is not supported in definition files", x.name)
	}
	recv, err := ev.eval(x.recv, sc)
	if err != nil {
		return nil, err
	}
	if len(args) > 0 {
		return nil, fmt.Errorf("undefined method '%s' with arguments", x.name)
	}
	switch x.name {
	case "to_s":
		return rubyString(recv), nil
	case "to_i":
		switch v := recv.(type) {
		case int64:
			return v, nil
		case float64:
			return int64(v), nil
		case string:
			return rubyToI(v), nil
		}
	case "to_f":
		switch v := recv.(type) {
		case int64:
			return float64(v), nil
		case float64:
			return v, nil
		case string:
			f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return f, nil
		}
	case "upcase", "downcase":
		if s, ok := recv.(string); ok {
			if x.name == "upcase" {
				return strings.ToUpper(s), nil
			}
			return strings.ToLower(s), nil
		}
	case "strip":
		// plugin.txt guards on blank VARIABLEs: name.to_s.strip.length > 0
		if s, ok := recv.(string); ok {
			return strings.Trim(s, " \t\r\n\f\v\x00"), nil
		}
	case "length", "size":
		switch v := recv.(type) {
		case string:
			return int64(len(v)), nil
		case []any:
			return int64(len(v)), nil
		case map[string]any:
			return int64(len(v)), nil
		}
	case "to_a":
		return elements(recv)
	case "hex":
		if s, ok := recv.(string); ok {
			n, _ := strconv.ParseInt(strings.TrimPrefix(strings.ToLower(s), "0x"), 16, 64)
			return n, nil
		}
	case "nil?":
		return recv == nil, nil
	case "empty?":
		switch v := recv.(type) {
		case string:
			return v == "", nil
		case []any:
			return len(v) == 0, nil
		}
	case "abs":
		switch v := recv.(type) {
		case int64:
			if v < 0 {
				return -v, nil
			}
			return v, nil
		case float64:
			return math.Abs(v), nil
		}
	}
	return nil, fmt.Errorf("undefined method '%s' for %s", x.name, rubyInspect(recv))
}

func rubyToI(s string) int64 {
	s = strings.TrimSpace(s)
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || end == 0 && (s[0] == '-' || s[0] == '+')) {
		end++
	}
	n, _ := strconv.ParseInt(s[:end], 10, 64)
	return n
}

func (ev *evaluator) callRender(args []any) (any, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("render needs a partial name")
	}
	name, ok := args[0].(string)
	if !ok {
		return nil, fmt.Errorf("render's partial name must be a String")
	}
	var locals map[string]any
	for _, a := range args[1:] {
		h, ok := a.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("render takes a partial name and locals: {...}")
		}
		for k, v := range h {
			if k != "locals" {
				return nil, fmt.Errorf("render option '%s' is not supported", k)
			}
			l, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("render locals must be a Hash")
			}
			locals = l
		}
	}
	if ev.render == nil {
		return nil, fmt.Errorf("render is not available here")
	}
	return ev.render(name, locals)
}

// rubyFormat implements String#% and sprintf for the common directives
// (%d %i %u %x %X %o %b %B %e %E %f %g %G %s %p %c %%), with flags, width
// and precision.
func rubyFormat(f string, arg any) (any, error) {
	args, ok := arg.([]any)
	if !ok {
		args = []any{arg}
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		j := i + 1
		for j < len(f) && strings.IndexByte("-+ #0123456789.", f[j]) >= 0 {
			j++
		}
		if j >= len(f) {
			return nil, fmt.Errorf("incomplete format specifier %q", f[i:])
		}
		spec, verb := f[i+1:j], f[j]
		i = j
		if !smallFormatSpec(spec) {
			return nil, fmt.Errorf("format width or precision too large in %q", f)
		}
		if verb == '%' {
			b.WriteByte('%')
			continue
		}
		if n >= len(args) {
			return nil, fmt.Errorf("too few arguments for format %q", f)
		}
		a := args[n]
		n++
		switch verb {
		case 'd', 'i', 'u', 'x', 'X', 'o', 'b', 'B', 'c':
			v, ok := a.(int64)
			if fv, isF := a.(float64); isF {
				v, ok = int64(math.Floor(fv)), true
			}
			if !ok {
				return nil, fmt.Errorf("can't convert %s into Integer", rubyInspect(a))
			}
			gv := map[byte]byte{'i': 'd', 'u': 'd', 'B': 'b'}[verb]
			if gv == 0 {
				gv = verb
			}
			fmt.Fprintf(&b, "%"+spec+string(gv), v)
		case 'e', 'E', 'f', 'g', 'G':
			v, ok := AsFloat(a)
			if !ok {
				return nil, fmt.Errorf("can't convert %s into Float", rubyInspect(a))
			}
			fmt.Fprintf(&b, "%"+spec+string(verb), v)
		case 's':
			fmt.Fprintf(&b, "%"+spec+"s", rubyString(a))
		case 'p':
			fmt.Fprintf(&b, "%"+spec+"s", rubyInspect(a))
		default:
			return nil, fmt.Errorf("malformed format string - %%%c", verb)
		}
	}
	return b.String(), nil
}

// smallFormatSpec refuses widths and precisions above 1000, which no
// definition file needs and which would let a format allocate gigabytes.
func smallFormatSpec(spec string) bool {
	n := 0
	for i := 0; i < len(spec); i++ {
		if c := spec[i]; c >= '0' && c <= '9' {
			n = n*10 + int(c-'0')
			if n > 1000 {
				return false
			}
		} else {
			n = 0
		}
	}
	return true
}
