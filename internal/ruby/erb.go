package ruby

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Bounds that keep hostile templates from exhausting memory or time
// (variables so that the fuzz tests can tighten them).
var (
	maxERBOutput     = 16 << 20 // bytes of generated text per file
	maxERBIterations = 1 << 20  // loop iterations per file
	maxRenderDepth   = 16       // nested render calls
)

// The ERB subset (format.md): <%= expr %>, <% code %>, <%# comment %>,
// <%% for a literal <%, and trimming with <%- and -%>. Code is one of:
// VAR = expr; if/unless/elsif/else/end; and blocks
// "recv.each do |x|", each_with_index, N.times, a.upto(b), a.downto(b),
// a.step(b, s). Expressions: literals, variables, arithmetic, comparisons,
// ranges, arrays, hashes, a few methods (to_s, to_i, upcase, ...),
// String#%, sprintf/format and render "partial", locals: {...}.

type erbNode interface{}

type (
	textNode struct {
		s    string
		line int
	}
	outNode struct {
		e    expr
		src  string
		line int
	}
	assignNode struct {
		name string
		e    expr
		line int
	}
	ifNode struct {
		conds  []expr // nil cond is the else branch
		bodies [][]erbNode
		line   int
	}
	loopNode struct {
		call callExpr
		vars []string
		body []erbNode
		src  string
		line int
	}
	evalNode struct { // code whose value is dropped
		e    expr
		src  string
		line int
	}
)

// erbFile is one parsed template.
type erbFile struct {
	name  string
	nodes []erbNode
}

// erbTag is a scanned <% ... %> tag or a run of text.
type erbTag struct {
	kind byte // 't' text, '=' output, 'c' code
	s    string
	line int
}

// scanERB splits a template into text and tags, applying -%> and <%-
// trimming and dropping comments.
func scanERB(name, src string) ([]erbTag, error) {
	var tags []erbTag
	line := 1
	var text strings.Builder
	textLine := 1
	flush := func() {
		if text.Len() > 0 {
			tags = append(tags, erbTag{'t', text.String(), textLine})
			text.Reset()
		}
	}
	for i := 0; i < len(src); {
		if !strings.HasPrefix(src[i:], "<%") {
			if text.Len() == 0 {
				textLine = line
			}
			if src[i] == '\n' {
				line++
			}
			text.WriteByte(src[i])
			i++
			continue
		}
		if strings.HasPrefix(src[i:], "<%%") || inCommentLine(src, i) {
			// <%% is a literal <%; so is ERB on a comment line (COSMOS
			// comments ERB out there before running the template)
			n := 2
			if strings.HasPrefix(src[i:], "<%%") {
				n = 3
			}
			if text.Len() == 0 {
				textLine = line
			}
			text.WriteString("<%")
			i += n
			continue
		}
		tagLine := line
		j := i + 2
		kind := byte('c')
		switch {
		case j < len(src) && src[j] == '=':
			kind = '='
			j++
		case j < len(src) && src[j] == '#':
			kind = '#'
			j++
		case j < len(src) && src[j] == '-':
			// <%- removes the indentation before the tag on its line
			j++
			s := text.String()
			k := len(s)
			for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t') {
				k--
			}
			if k == 0 || s[k-1] == '\n' {
				text.Reset()
				text.WriteString(s[:k])
			}
		}
		end := strings.Index(src[j:], "%>")
		if end < 0 {
			return nil, errorf(name, tagLine, "ERB", "unterminated ERB tag %q", clip(src[i:]))
		}
		body := src[j : j+end]
		next := j + end + 2
		trim := strings.HasSuffix(body, "-")
		if trim {
			body = body[:len(body)-1]
		}
		line += strings.Count(src[i:next], "\n")
		if trim && next < len(src) && src[next] == '\n' {
			next++
			line++
		} else if trim && strings.HasPrefix(src[next:], "\r\n") {
			next += 2
			line++
		}
		flush()
		if kind != '#' {
			tags = append(tags, erbTag{kind, body, tagLine})
		}
		i = next
		textLine = line
	}
	flush()
	return tags, nil
}

// inCommentLine reports whether src[i] is on a line whose first non-blank
// character is #.
func inCommentLine(src string, i int) bool {
	start := strings.LastIndexByte(src[:i], '\n') + 1
	return strings.HasPrefix(strings.TrimLeft(src[start:i], " \t"), "#")
}

func clip(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 60 {
		s = s[:60] + "..."
	}
	return s
}

// parseERB builds the node tree of a template.
func parseERB(name, src string) (*erbFile, error) {
	tags, err := scanERB(name, src)
	if err != nil {
		return nil, err
	}
	p := &erbParser{name: name, tags: tags}
	nodes, term, err := p.block()
	if err != nil {
		return nil, err
	}
	if term != nil {
		return nil, errorf(name, term.line, "ERB", "'%s' without a matching if or do block", strings.TrimSpace(term.s))
	}
	return &erbFile{name: name, nodes: nodes}, nil
}

type erbParser struct {
	name string
	tags []erbTag
	pos  int
}

// block parses nodes until end/else/elsif (returned as term) or the end
// of the template (term nil).
func (p *erbParser) block() ([]erbNode, *erbTag, error) {
	var nodes []erbNode
	for p.pos < len(p.tags) {
		t := p.tags[p.pos]
		p.pos++
		switch t.kind {
		case 't':
			nodes = append(nodes, textNode{t.s, t.line})
			continue
		case '=':
			e, err := parseRuby(t.s)
			if err != nil {
				return nil, nil, p.errf(t, err)
			}
			nodes = append(nodes, outNode{e, strings.TrimSpace(t.s), t.line})
			continue
		}
		code := strings.TrimSpace(t.s)
		if code == "" {
			continue
		}
		word, rest := splitWord(code)
		switch word {
		case "end", "else", "elsif":
			tt := t
			return nodes, &tt, nil
		case "if", "unless":
			n, err := p.ifBlock(t, word, rest)
			if err != nil {
				return nil, nil, err
			}
			nodes = append(nodes, n)
			continue
		}
		if strings.HasSuffix(code, "|") || strings.HasSuffix(code, " do") {
			n, err := p.loopBlock(t, code)
			if err != nil {
				return nil, nil, err
			}
			nodes = append(nodes, n)
			continue
		}
		if name, val, ok := splitAssign(code); ok {
			e, err := parseRuby(val)
			if err != nil {
				return nil, nil, p.errf(t, err)
			}
			nodes = append(nodes, assignNode{name, e, t.line})
			continue
		}
		e, err := parseRuby(code)
		if err != nil {
			return nil, nil, p.errf(t, err)
		}
		nodes = append(nodes, evalNode{e, code, t.line})
	}
	return nodes, nil, nil
}

func (p *erbParser) errf(t erbTag, err error) error {
	return errorf(p.name, t.line, "ERB", "%v in <%% %s %%>", err, strings.TrimSpace(t.s))
}

func splitWord(code string) (string, string) {
	i := 0
	for i < len(code) && isIdentChar(code[i]) {
		i++
	}
	return code[:i], strings.TrimSpace(code[i:])
}

// splitAssign recognises "name = expr" (not ==).
func splitAssign(code string) (string, string, bool) {
	name, rest := splitWord(code)
	if name == "" || !isIdentStart(name[0]) || !strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "==") || strings.HasPrefix(rest, "=>") {
		return "", "", false
	}
	return name, rest[1:], true
}

func (p *erbParser) ifBlock(t erbTag, word, cond string) (erbNode, error) {
	n := ifNode{line: t.line}
	for {
		e, err := parseRuby(strings.TrimSuffix(strings.TrimSpace(cond), " then"))
		if err != nil {
			return nil, p.errf(t, err)
		}
		if word == "unless" {
			e = unaryExpr{"!", e}
		}
		body, term, err := p.block()
		if err != nil {
			return nil, err
		}
		n.conds = append(n.conds, e)
		n.bodies = append(n.bodies, body)
		if term == nil {
			return nil, errorf(p.name, t.line, "ERB", "'%s' without a matching end", strings.TrimSpace(t.s))
		}
		w, rest := splitWord(strings.TrimSpace(term.s))
		switch w {
		case "end":
			return n, nil
		case "elsif":
			if word == "unless" {
				return nil, errorf(p.name, term.line, "ERB", "elsif after unless")
			}
			t, cond = *term, rest
			continue
		}
		// else
		body, term2, err := p.block()
		if err != nil {
			return nil, err
		}
		if term2 == nil {
			return nil, errorf(p.name, term.line, "ERB", "'else' without a matching end")
		}
		if w2, _ := splitWord(strings.TrimSpace(term2.s)); w2 != "end" {
			return nil, errorf(p.name, term2.line, "ERB", "unexpected '%s' after else", strings.TrimSpace(term2.s))
		}
		n.conds = append(n.conds, nil)
		n.bodies = append(n.bodies, body)
		return n, nil
	}
}

var loopMethods = map[string]bool{"each": true, "each_with_index": true, "times": true, "upto": true, "downto": true, "step": true}

// loopBlock parses "recv.method(args) do |a, b|" and its body.
func (p *erbParser) loopBlock(t erbTag, code string) (erbNode, error) {
	head, params := code, ""
	if strings.HasSuffix(code, "|") {
		open := strings.LastIndex(code[:len(code)-1], "|")
		if open < 0 {
			return nil, p.errf(t, fmt.Errorf("unbalanced block parameters"))
		}
		head, params = strings.TrimSpace(code[:open]), code[open+1:len(code)-1]
	}
	if !strings.HasSuffix(head, " do") && head != "do" {
		return nil, p.errf(t, fmt.Errorf("only 'do |x| ... end' blocks are supported"))
	}
	head = strings.TrimSpace(strings.TrimSuffix(head, "do"))
	e, err := parseRuby(head)
	if err != nil {
		return nil, p.errf(t, err)
	}
	call, ok := e.(callExpr)
	if !ok || call.recv == nil || !loopMethods[call.name] {
		return nil, p.errf(t, fmt.Errorf("blocks are supported on each, each_with_index, times, upto, downto and step only"))
	}
	var vars []string
	for _, v := range strings.Split(params, ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if w, rest := splitWord(v); w != v || rest != "" || !isIdentStart(v[0]) {
			return nil, p.errf(t, fmt.Errorf("bad block parameter %q", v))
		}
		vars = append(vars, v)
	}
	body, term, err := p.block()
	if err != nil {
		return nil, err
	}
	if term == nil {
		return nil, errorf(p.name, t.line, "ERB", "'%s' without a matching end", code)
	}
	if w, _ := splitWord(strings.TrimSpace(term.s)); w != "end" {
		return nil, errorf(p.name, term.line, "ERB", "unexpected '%s' in a do block", strings.TrimSpace(term.s))
	}
	return loopNode{call: call, vars: vars, body: body, src: code, line: t.line}, nil
}

// erbRunner executes templates, writing lines with their origin.
type erbRunner struct {
	ev      evaluator
	out     []Line
	cur     strings.Builder
	curFile string
	curLine int
	started bool // cur has an origin
	size    int
	iters   int
	depth   int
	// partial loads a partial relative to the top-level file.
	partial func(name string) (*erbFile, error)
	// require loads the constants of a required Ruby file.
	require func(name string) (map[string]any, error)
}

// write appends generated text that came from file:line.
func (r *erbRunner) write(s, file string, line int) error {
	r.size += len(s)
	if r.size > maxERBOutput {
		return errorf(file, line, "ERB", "generated text exceeds %d bytes", maxERBOutput)
	}
	for s != "" {
		if !r.started {
			r.curFile, r.curLine, r.started = file, line, true
		}
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			r.cur.WriteString(s)
			return nil
		}
		r.cur.WriteString(s[:i])
		r.out = append(r.out, Line{r.cur.String(), r.curFile, r.curLine})
		r.cur.Reset()
		r.started = false
		s = s[i+1:]
		line++
	}
	return nil
}

func (r *erbRunner) finish() []Line {
	if r.started {
		r.out = append(r.out, Line{r.cur.String(), r.curFile, r.curLine})
	}
	return r.out
}

func (r *erbRunner) run(f *erbFile, nodes []erbNode, sc *scope) error {
	for _, n := range nodes {
		if err := r.runNode(f, n, sc); err != nil {
			return err
		}
	}
	return nil
}

func (r *erbRunner) runNode(f *erbFile, n erbNode, sc *scope) error {
	switch x := n.(type) {
	case textNode:
		return r.write(x.s, f.name, x.line)
	case outNode:
		// render output is written line by line with the partial's origin.
		if c, ok := x.e.(callExpr); ok && c.recv == nil && c.name == "render" {
			return r.render(f, c, sc, x.line)
		}
		v, err := r.ev.eval(x.e, sc)
		if err != nil {
			return errorf(f.name, x.line, "ERB", "%v in <%%= %s %%>", err, x.src)
		}
		return r.write(rubyString(v), f.name, x.line)
	case assignNode:
		v, err := r.ev.eval(x.e, sc)
		if err != nil {
			return errorf(f.name, x.line, "ERB", "%v in <%% %s = ... %%>", err, x.name)
		}
		sc.set(x.name, v)
	case evalNode:
		if c, ok := x.e.(callExpr); ok && c.recv == nil && (c.name == "require" || c.name == "require_relative") && r.require != nil {
			return r.doRequire(f, c, sc, x)
		}
		if _, err := r.ev.eval(x.e, sc); err != nil {
			return errorf(f.name, x.line, "ERB", "%v in <%% %s %%>", err, x.src)
		}
	case ifNode:
		for i, c := range x.conds {
			ok := c == nil
			if !ok {
				v, err := r.ev.eval(c, sc)
				if err != nil {
					return errorf(f.name, x.line, "ERB", "%v in if condition", err)
				}
				ok = truthy(v)
			}
			if ok {
				return r.run(f, x.bodies[i], sc)
			}
		}
	case loopNode:
		return r.loop(f, x, sc)
	}
	return nil
}

func (r *erbRunner) loop(f *erbFile, x loopNode, sc *scope) error {
	fail := func(err error) error {
		return errorf(f.name, x.line, "ERB", "%v in <%% %s %%>", err, x.src)
	}
	recv, err := r.ev.eval(x.call.recv, sc)
	if err != nil {
		return fail(err)
	}
	args := make([]int64, len(x.call.args))
	for i, a := range x.call.args {
		if args[i], err = r.ev.evalInt(a, sc, x.call.name+" argument"); err != nil {
			return fail(err)
		}
	}
	var items []any
	switch x.call.name {
	case "each", "each_with_index":
		if len(args) != 0 {
			return fail(fmt.Errorf("%s takes no arguments", x.call.name))
		}
		if items, err = elements(recv); err != nil {
			return fail(err)
		}
	default:
		n, ok := recv.(int64)
		if !ok {
			return fail(fmt.Errorf("undefined method '%s' for %s", x.call.name, rubyInspect(recv)))
		}
		var lo, hi, step int64
		switch {
		case x.call.name == "times" && len(args) == 0:
			lo, hi, step = 0, n-1, 1
		case x.call.name == "upto" && len(args) == 1:
			lo, hi, step = n, args[0], 1
		case x.call.name == "downto" && len(args) == 1:
			lo, hi, step = n, args[0], -1
		case x.call.name == "step" && len(args) == 2 && args[1] != 0:
			lo, hi, step = n, args[0], args[1]
		default:
			return fail(fmt.Errorf("wrong arguments for %s", x.call.name))
		}
		for v := lo; step > 0 && v <= hi || step < 0 && v >= hi; v += step {
			if len(items) >= maxERBIterations {
				return fail(fmt.Errorf("too many iterations"))
			}
			items = append(items, v)
		}
	}
	for i, v := range items {
		r.iters++
		if r.iters > maxERBIterations {
			return fail(fmt.Errorf("more than %d loop iterations", maxERBIterations))
		}
		inner := &scope{vars: map[string]any{}, parent: sc}
		if len(x.vars) > 0 {
			inner.vars[x.vars[0]] = v
		}
		if len(x.vars) > 1 && x.call.name == "each_with_index" {
			inner.vars[x.vars[1]] = int64(i)
		}
		if err := r.run(f, x.body, inner); err != nil {
			return err
		}
	}
	return nil
}

// render runs a partial: its lines keep the partial's name and numbers.
func (r *erbRunner) render(f *erbFile, c callExpr, sc *scope, line int) error {
	var pf *erbFile
	var locals map[string]any
	r.ev.render = func(name string, l map[string]any) (string, error) {
		if !strings.HasPrefix(filepath.Base(name), "_") {
			return "", fmt.Errorf("partial name '%s' must begin with an underscore", name)
		}
		if r.partial == nil {
			return "", fmt.Errorf("render is not available here")
		}
		var err error
		pf, err = r.partial(name)
		locals = l
		return "", err
	}
	if _, err := r.ev.eval(c, sc); err != nil {
		if e, ok := err.(*Error); ok {
			return e
		}
		return errorf(f.name, line, "ERB", "%v in <%%= render ... %%>", err)
	}
	if r.depth >= maxRenderDepth {
		return errorf(f.name, line, "ERB", "render nested more than %d deep", maxRenderDepth)
	}
	// A partial sees the globals and its locals, not the caller's variables.
	root := sc
	for root.parent != nil {
		root = root.parent
	}
	inner := &scope{vars: map[string]any{}, parent: root}
	for k, v := range locals {
		inner.vars[k] = v
	}
	r.depth++
	defer func() { r.depth-- }()
	return r.run(pf, pf.nodes, inner)
}

// doRequire handles <% require "file" %>: the file's constants become
// variables of the template, as the docs' msg_id.rb example uses them.
func (r *erbRunner) doRequire(f *erbFile, c callExpr, sc *scope, x evalNode) error {
	if len(c.args) != 1 {
		return errorf(f.name, x.line, "ERB", "require takes one file name in <%% %s %%>", x.src)
	}
	v, err := r.ev.eval(c.args[0], sc)
	name, ok := v.(string)
	if err != nil || !ok {
		return errorf(f.name, x.line, "ERB", "require needs a file name string in <%% %s %%>", x.src)
	}
	consts, err := r.require(name)
	if err != nil {
		if e, ok := err.(*Error); ok {
			return e
		}
		return errorf(f.name, x.line, "ERB", "%v in <%% %s %%>", err, x.src)
	}
	root := sc
	for root.parent != nil {
		root = root.parent
	}
	for k, v := range consts {
		root.vars[k] = v
	}
	return nil
}

// expandERB runs a template and returns its output lines.
func expandERB(name, src string, globals map[string]any, partial func(string) (*erbFile, error)) ([]Line, error) {
	return expandERBWith(name, src, globals, partial, nil)
}

// expandERBWith is expandERB with support for require.
func expandERBWith(name, src string, globals map[string]any, partial func(string) (*erbFile, error), require func(string) (map[string]any, error)) ([]Line, error) {
	f, err := parseERB(name, src)
	if err != nil {
		return nil, err
	}
	r := &erbRunner{partial: partial, require: require}
	root := &scope{vars: map[string]any{}}
	for k, v := range globals {
		root.vars[k] = v
	}
	// assignments at the top level live in their own scope above globals
	top := &scope{vars: map[string]any{}, parent: root}
	if err := r.run(f, f.nodes, top); err != nil {
		return nil, err
	}
	return r.finish(), nil
}
