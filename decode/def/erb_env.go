package def

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// This file connects the ERB runner to the loader: the globals
// (target_name, Options.Vars), partials next to the file and required
// constant files.

// expand runs ERB over a file with target_name and Options.Vars.
func (l *loader) expand(t *Target, path, text string) ([]srcLine, error) {
	globals := map[string]any{}
	for k, v := range l.opts.Vars {
		gv, err := erbValue(v)
		if err != nil {
			return nil, &Error{File: path, Keyword: "ERB", Msg: fmt.Sprintf("variable %s: %v", k, err)}
		}
		globals[k] = gv
	}
	globals["target_name"] = t.Name
	dir := filepath.Dir(path)
	cache := map[string]*erbFile{}
	partial := func(name string) (*erbFile, error) {
		full := name
		if !filepath.IsAbs(name) {
			full = filepath.Join(dir, name)
		}
		if f, ok := cache[full]; ok {
			return f, nil
		}
		data, err := os.ReadFile(full)
		if err != nil {
			return nil, err
		}
		f, err := parseERB(full, string(data))
		if err != nil {
			return nil, err
		}
		cache[full] = f
		return f, nil
	}
	require := func(name string) (map[string]any, error) {
		return requireConstants(t.Dir, dir, name)
	}
	return expandERBWith(path, text, globals, partial, require)
}

// requireConstants reads a Ruby file required from ERB (the target's lib
// folder first, then next to the definition file). Only constant
// assignments (NAME = expression) are understood: that is what definition
// files require files for; anything else is an error naming the line.
func requireConstants(targetDir, fileDir, name string) (map[string]any, error) {
	bases := []string{fileDir}
	if targetDir != "" {
		bases = []string{filepath.Join(targetDir, "lib"), fileDir}
	}
	var tries []string
	for _, base := range bases {
		p := filepath.Join(base, name)
		tries = append(tries, p)
		if !strings.HasSuffix(p, ".rb") {
			tries = append(tries, p+".rb")
		}
	}
	if filepath.IsAbs(name) {
		tries = []string{name, name + ".rb"}
	}
	var path string
	var data []byte
	for _, p := range tries {
		if b, err := os.ReadFile(p); err == nil {
			path, data = p, b
			break
		}
	}
	if path == "" {
		return nil, fmt.Errorf("cannot load such file -- %s (looked for %s)", name, strings.Join(tries, ", "))
	}
	consts := map[string]any{}
	sc := &scope{vars: consts}
	var ev evaluator
	for i, line := range strings.Split(string(data), "\n") {
		code := strings.TrimSpace(line)
		if code == "" || code[0] == '#' {
			continue
		}
		cname, val, ok := splitAssign(code)
		if !ok || cname[0] < 'A' || cname[0] > 'Z' {
			return nil, errorf(path, i+1, "ERB", "only constant assignments (NAME = value) are supported in required files: %q", clip(code))
		}
		e, err := parseRuby(val)
		if err == nil {
			var v any
			if v, err = ev.eval(e, sc); err == nil {
				consts[cname] = v
				continue
			}
		}
		return nil, errorf(path, i+1, "ERB", "%v in %q", err, clip(code))
	}
	return consts, nil
}

// erbValue converts an Options.Vars value to the ERB evaluator's types.
func erbValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, bool, int64, float64:
		return x, nil
	case int:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case uint32:
		return int64(x), nil
	case float32:
		return float64(x), nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			ev, err := erbValue(e)
			if err != nil {
				return nil, err
			}
			out[i] = ev
		}
		return out, nil
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out, nil
	case []int:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = int64(e)
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			ev, err := erbValue(e)
			if err != nil {
				return nil, err
			}
			out[k] = ev
		}
		return out, nil
	}
	return nil, fmt.Errorf("unsupported type %T", v)
}
