package convert

import (
	"errors"

	"github.com/c3kit/c3kit/internal/ruby"
)

type rtFunc func(args ...any) (any, error)

// runtimeFuncs is filled in init to avoid an initialisation cycle (read
// errors mention function names).
var runtimeFuncs map[string]rtFunc

// boolFuncs return bool; the expr type checker must know that for ?: and !.
var boolFuncs = map[string]bool{
	"truthy_rb": true, "truthy_py": true, "eq": true, "ne": true, "lt": true, "gt": true, "le": true, "ge": true,
}

// rtErr is a conversion failure of a GENERIC program.
func rtErr(format string, args ...any) error { return errorf(ErrConvert, format, args...) }

// classifyRuntimeErrors gives the errors of the shared Ruby/Python
// operations (internal/ruby) this package's class, ErrConvert, keeping
// their message.
func classifyRuntimeErrors() {
	for name, f := range runtimeFuncs {
		runtimeFuncs[name] = func(args ...any) (any, error) {
			v, err := f(args...)
			if err == nil {
				// Declared below, re would escape for errors.As and cost an
				// allocation on every call of every function.
				return v, nil
			}
			var re *ruby.RuntimeError
			if errors.As(err, &re) {
				return v, rtErr("%s", re.Msg)
			}
			return v, err
		}
	}
}
