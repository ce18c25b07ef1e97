package plugin

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/internal/ruby"
)

// Read reads a plugin.txt. vars are the installer's values (NAME=VALUE on
// the command line); each must name a VARIABLE of the file.
func Read(file string, vars map[string]string) (*Plugin, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return Parse(file, string(data), vars)
}

// Parse reads plugin.txt text; file names it in errors and locates targets/.
func Parse(file, text string, vars map[string]string) (*Plugin, error) {
	p := &Plugin{Path: file, Dir: filepath.Dir(file)}
	// Phase 1 (plugins.md): the VARIABLEs, read without ERB.
	raw := strings.Split(text, "\n")
	rawLines := make([]ruby.Line, len(raw))
	for i, t := range raw {
		rawLines[i] = ruby.Line{Text: t, File: file, Line: i + 1}
	}
	globals := map[string]any{}
	for _, cl := range def.ConfigLines(rawLines) {
		if cl.Keyword != "VARIABLE" {
			continue
		}
		if len(cl.Params) < 1 {
			return nil, errAt(cl.File, cl.Line, "VARIABLE needs a name and a default value")
		}
		v := Variable{Name: cl.Params[0]}
		if len(cl.Params) > 1 {
			v.Default = strings.Join(cl.Params[1:], " ")
		}
		v.Value = v.Default
		p.Variables = append(p.Variables, v)
	}
	names := make([]string, 0, len(vars))
	for k := range vars {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		found := false
		for i := range p.Variables {
			if p.Variables[i].Name == k {
				p.Variables[i].Value, found = vars[k], true
			}
		}
		if !found {
			return nil, errAt(file, 0, "%s=%s: no VARIABLE %s in the plugin (it has: %s)", k, clip(vars[k]), k, p.variableNames())
		}
	}
	for _, v := range p.Variables {
		globals[v.Name] = v.Value
	}
	// Phase 2: ERB with the variables, then the keywords.
	out, err := ruby.Expand(file, text, ruby.Env{Globals: globals, Partial: ruby.DirPartials(p.Dir)})
	if err != nil {
		return nil, err
	}
	if err := p.keywords(def.ConfigLines(out)); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *Plugin) variableNames() string {
	if len(p.Variables) == 0 {
		return "none"
	}
	var n []string
	for _, v := range p.Variables {
		n = append(n, v.Name)
	}
	return strings.Join(n, ", ")
}

// topLevel are the plugin.txt keywords that end the previous block.
var topLevel = map[string]bool{
	"VARIABLE": true, "VARIABLE_DESCRIPTION": true, "VARIABLE_STATE": true, "NEEDS_DEPENDENCIES": true,
	"TARGET": true, "INTERFACE": true, "ROUTER": true, "MICROSERVICE": true, "TOOL": true, "WIDGET": true,
	"SCRIPT_ENGINE": true,
}

func (p *Plugin) keywords(lines []def.ConfigLine) error {
	var cur *Link
	for _, cl := range lines {
		w := Where{cl.File, cl.Line}
		if topLevel[cl.Keyword] {
			cur = nil
		}
		switch cl.Keyword {
		case "TARGET":
			if len(cl.Params) < 1 {
				return w.errf("TARGET needs a folder name and a target name")
			}
			t := Target{Folder: cl.Params[0], Name: cl.Params[0], Line: cl.Line}
			if len(cl.Params) > 1 {
				t.Name = cl.Params[1]
			}
			p.Targets = append(p.Targets, t)
		case "INTERFACE", "ROUTER":
			l, err := newLink(w, cl.Keyword, cl.Params)
			if err != nil {
				return err
			}
			if p.Link(l.Name) != nil {
				return w.errf("%s %s: the name is already used", cl.Keyword, l.Name)
			}
			p.Links = append(p.Links, l)
			cur = l
		default:
			if cur == nil {
				continue // a modifier of a TARGET, MICROSERVICE, ... or a keyword c3kit has no use for
			}
			if err := cur.modifier(w, cl.Keyword, cl.Params); err != nil {
				return err
			}
		}
	}
	return nil
}

// newLink reads an INTERFACE or ROUTER line, splitting off its inline
// protocol (a stream interface's parameters after its own).
func newLink(w Where, kw string, params []string) (*Link, error) {
	if len(params) < 2 {
		return nil, w.errf("%s needs a name and an interface file name", kw)
	}
	l := &Link{Where: w, Keyword: kw, Name: params[0], Class: params[1]}
	args := params[2:]
	lc, ok := linkClasses[className(l.Class)]
	if !ok {
		// Custom classes are reported when a pipeline is built, so other
		// interfaces of the same plugin still print.
		l.Params = args
		return l, nil
	}
	n := lc.params
	if len(args) < n {
		n = len(args)
	}
	for i := lc.required; i < n; i++ {
		if inlineProtocol(args[i]) {
			return nil, w.errf("%s %s: %s takes %d parameters before its protocol, but %s is parameter %d (fill the ones before it with nil)",
				kw, l.Name, l.Class, lc.params, args[i], i+1)
		}
	}
	l.Params = args[:n]
	rest := args[n:]
	if len(rest) == 0 || cliutil.IsNil(rest[0]) {
		if len(rest) > 1 {
			return nil, w.errf("%s %s: protocol arguments %s follow a nil protocol type", kw, l.Name, strings.Join(rest[1:], " "))
		}
		return l, nil
	}
	if !lc.stream {
		return nil, w.errf("%s %s: %s takes at most %d parameters and no protocol; %q and after are extra",
			kw, l.Name, l.Class, lc.params, rest[0])
	}
	l.Protocols = append(l.Protocols, Protocol{Where: w, Dir: "READ_WRITE", Class: rest[0], Params: rest[1:], Inline: true})
	return l, nil
}

// modifier adds a keyword under an INTERFACE or ROUTER.
func (l *Link) modifier(w Where, kw string, params []string) error {
	need := func(n int, what string) error {
		if len(params) < n {
			return w.errf("%s needs %s", kw, what)
		}
		return nil
	}
	switch kw {
	case "MAP_TARGET", "MAP_CMD_TARGET", "MAP_TLM_TARGET":
		if err := need(1, "a target name"); err != nil {
			return err
		}
		if len(params) > 1 && strings.EqualFold(params[1], "DISABLED") {
			return nil // mapped, but not enabled: COSMOS routes nothing to it
		}
		switch kw {
		case "MAP_TARGET":
			l.MapTarget = append(l.MapTarget, params[0])
		case "MAP_CMD_TARGET":
			l.MapCmd = append(l.MapCmd, params[0])
		default:
			l.MapTlm = append(l.MapTlm, params[0])
		}
	case "ROUTE":
		if err := need(1, "an interface name"); err != nil {
			return err
		}
		l.Routes = append(l.Routes, params[0])
	case "PROTOCOL":
		if err := need(2, "a type (READ, WRITE or READ_WRITE) and a protocol class"); err != nil {
			return err
		}
		dir := strings.ToUpper(params[0])
		if dir != "READ" && dir != "WRITE" && dir != "READ_WRITE" {
			return w.errf("PROTOCOL type %q must be READ, WRITE or READ_WRITE", params[0])
		}
		l.Protocols = append(l.Protocols, Protocol{Where: w, Dir: dir, Class: params[1], Params: params[2:]})
	case "OPTION":
		if err := need(1, "an option name"); err != nil {
			return err
		}
		l.Options = append(l.Options, Option{Where: w, Name: strings.ToUpper(params[0]), Params: params[1:]})
	default:
		l.Modifiers = append(l.Modifiers, Modifier{Where: w, Keyword: kw, Params: params})
	}
	return nil
}

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }

// clip quotes at most about 80 bytes of a value in a message.
func clip(s string) string {
	if len(s) > 80 {
		return fmt.Sprintf("%q...", s[:77])
	}
	return fmt.Sprintf("%q", s)
}
