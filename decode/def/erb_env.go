package def

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/c3kit/c3kit/internal/ruby"
)

// This file connects the ERB runner to the loader: the globals
// (target_name, Options.Vars), partials next to the file and required
// constant files.

// expand runs ERB over a file with target_name and Options.Vars.
func (l *loader) expand(t *Target, path, text string) ([]srcLine, error) {
	globals := map[string]any{}
	for k, v := range l.opts.Vars {
		gv, err := ruby.Value(v)
		if err != nil {
			return nil, &Error{File: path, Keyword: "ERB", Msg: fmt.Sprintf("variable %s: %v", k, err)}
		}
		globals[k] = gv
	}
	globals["target_name"] = t.Name
	dir := filepath.Dir(path)
	out, err := ruby.Expand(path, text, ruby.Env{
		Globals: globals,
		Partial: ruby.DirPartials(dir),
		Require: func(name string) (map[string]any, error) { return requireConstants(t.Dir, dir, name) },
	})
	if err != nil {
		return nil, fromRuby(err)
	}
	lines := make([]srcLine, len(out))
	for i, o := range out {
		lines[i] = srcLine{o.Text, o.File, o.Line}
	}
	return lines, nil
}

// fromRuby gives a template error the loader's error type.
func fromRuby(err error) error {
	var re *ruby.Error
	if errors.As(err, &re) {
		return &Error{File: re.File, Line: re.Line, Keyword: re.Keyword, Msg: re.Msg}
	}
	return err
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
	return ruby.Constants(path, string(data))
}
