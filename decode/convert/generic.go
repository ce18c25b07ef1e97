package convert

import (
	"errors"
	"github.com/c3kit/c3kit/internal/ruby"
	"strings"
	"sync"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
)

// GenericConversion is a GENERIC_READ_CONVERSION or
// GENERIC_WRITE_CONVERSION body, compiled once.
type GenericConversion struct {
	base
	body  string
	write bool
	lang  Language
	src   string
	prog  *vm.Program
	num   *numProg // the numeric path (numpath.go), nil when the body has none
}

// genEnv is what a compiled body sees: the value and the packet.
type genEnv struct {
	Value any
	Pkt   any
}

// genRun is a VM and its env, reused from run to run: expr.Run makes a
// new VM, with its stacks, every time (a VM resets itself at the start of
// Run), and an env passed by value is boxed at every call.
type genRun struct {
	vm  vm.VM
	env genEnv
}

var runs = sync.Pool{New: func() any { return new(genRun) }}

// maxProgram bounds the translated program: if statements in the middle of
// a body are compiled by copying the rest of the body into each branch.
const maxProgram = 64 << 10

var exprOptions = sync.OnceValue(func() []expr.Option {
	opts := []expr.Option{expr.Env(genEnv{}), expr.DisableAllBuiltins()}
	for name, fn := range runtimeFuncs {
		var types []any
		switch {
		case name == "truthy_rb" || name == "truthy_py":
			types = []any{new(func(any) bool)}
		case boolFuncs[name]:
			types = []any{new(func(any, any) bool)}
		}
		opts = append(opts, expr.Function(name, fn, types...))
	}
	return opts
})

// Generic compiles a GENERIC conversion body, detecting whether it is Ruby
// or Python (Ruby when nothing tells them apart). convertedType and bitSize
// are the optional type and size given after GENERIC_*_CONVERSION_START
// (0 when absent). A body outside the supported subset is an
// ErrUnsupported error naming the line (within the body) and the construct;
// the caller adds the file position.
//
// The subset: the value (value), other items (packet.read('X'),
// packet.read('X', :RAW) or 'RAW'; myself works too), local variables,
// numbers, strings (Ruby "#{}" interpolation, Python f-strings), arrays,
// arithmetic with each language's own integer division and modulo, **,
// bitwise operators, comparisons, and/or/not, Ruby's ?: and modifiers,
// Python's x if c else y, if/elsif/elif/else/unless blocks, return, the
// conversions and helpers real files use (.to_f .to_i .to_s .round .abs
// .floor .ceil, int() float() str() round() abs() min() max() len(),
// Integer() Float(), sprintf/format and the % operator, str.format, Math.*
// and math.*, Time.ccsds2mdy, common string methods).
func Generic(body string, convertedType accessor.DataType, bitSize int, write bool) (Conversion, error) {
	return GenericLang(Auto, body, convertedType, bitSize, write)
}

// GenericLang is Generic with a language for bodies that read the same in
// both (the target's LANGUAGE); constructs unique to one language still
// decide.
func GenericLang(lang Language, body string, convertedType accessor.DataType, bitSize int, write bool) (Conversion, error) {
	g, err := compileGeneric(lang, body)
	if err != nil {
		return nil, err
	}
	g.typ, g.bits, g.write = convertedType, bitSize, write
	return g, nil
}

func compileGeneric(lang Language, body string) (*GenericConversion, error) {
	if strings.TrimSpace(body) == "" {
		return nil, errorf(ErrUnsupported, "empty GENERIC conversion body")
	}
	stmts, lang, err := parseBody(body, lang)
	if err != nil {
		return nil, err
	}
	if len(stmts) == 0 {
		return nil, errorf(ErrUnsupported, "GENERIC conversion body has no code")
	}
	em := &emitter{lang: lang, vers: map[string]int{}}
	src, err := em.body(stmts, scope{})
	if err != nil {
		return nil, err
	}
	prog, err := expr.Compile(src, exprOptions()...)
	if err != nil {
		return nil, errorf(ErrUnsupported, "cannot compile GENERIC conversion: %v", firstLine(err.Error()))
	}
	return &GenericConversion{body: body, lang: lang, src: src, prog: prog, num: compileNum(stmts)}, nil
}

// Convert runs the body with value and packet p.
func (g *GenericConversion) Convert(value any, p Packet) (any, error) {
	var pkt any
	if p != nil {
		pkt = p
	}
	r := runs.Get().(*genRun)
	r.env = genEnv{Value: ruby.Norm(value), Pkt: pkt}
	out, err := r.vm.Run(g.prog, &r.env) // a pointer: no boxing of the env
	r.env = genEnv{}
	runs.Put(r)
	if err != nil {
		var ce *classError
		if errors.As(err, &ce) {
			return nil, ce
		}
		return nil, errorf(ErrConvert, "%s", firstLine(err.Error()))
	}
	return ruby.Norm(out), nil
}

// String is the body, as COSMOS's to_s.
func (g *GenericConversion) String() string { return strings.TrimSpace(g.body) }

// Language reports the language the body was read as.
func (g *GenericConversion) Language() Language { return g.lang }

// Program is the translated expr-lang source (for --verbose and tests).
func (g *GenericConversion) Program() string { return g.src }

// Write reports whether this is a GENERIC_WRITE_CONVERSION.
func (g *GenericConversion) Write() bool { return g.write }

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(s)
}
