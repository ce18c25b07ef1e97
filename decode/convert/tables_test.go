package convert

import "testing"

// TestTablesResolve: every function a method, builtin or Math name maps to
// exists in the runtime, so no supported spelling can fail at compile time.
func TestTablesResolve(t *testing.T) {
	for _, table := range []map[string]string{methods, functions, mathFuncs, binaryFuncs} {
		for name, fn := range table {
			if fn == "round" || fn == "join" {
				continue // resolved per language
			}
			if _, ok := runtimeFuncs[fn]; !ok {
				t.Errorf("%s maps to missing runtime function %s", name, fn)
			}
		}
	}
	for _, fn := range []string{"round_rb", "round_py", "join", "pyformat_value", "read", "list", "concat", "index", "neg", "invert", "truthy_rb", "truthy_py"} {
		if _, ok := runtimeFuncs[fn]; !ok {
			t.Errorf("missing runtime function %s", fn)
		}
	}
}
