// Package xpathkey compiles the XPath KEYs of the XML and HTML accessors
// once per item and evaluates them against either document model through
// antchfx/xpath's navigator interface.
package xpathkey

import (
	"fmt"
	"strings"
	"sync"

	"github.com/antchfx/xpath"

	"github.com/c3kit/c3kit/decode/accessor/keytext"
	"github.com/c3kit/c3kit/decode/keyed"
)

// Key is one compiled XPath item key.
type Key struct {
	Src  string
	expr *xpath.Expr
	// antchfx/xpath evaluates scalar expressions (normalize-space(...),
	// count(...)) on state inside the compiled Expr, so one key must not be
	// evaluated by two goroutines at once.
	mu sync.Mutex

	// For writes into a node the document does not have yet: a key ending
	// in /text() or /@name writes through its parent element (as COSMOS's
	// Python XmlAccessor does), creating the text or the attribute.
	parent *Key
	attr   string // name after /@, when the key ends in one
	text   bool   // the key ends in /text()
}

// Compile compiles an XPath key. Errors name the key.
func Compile(src string) (*Key, error) {
	src = strings.TrimSpace(src)
	if src == "" {
		return nil, fmt.Errorf("empty XPath KEY")
	}
	e, err := xpath.Compile(src)
	if err != nil {
		return nil, fmt.Errorf("XPath KEY %q: %v", src, err)
	}
	k := &Key{Src: src, expr: e}
	i := strings.LastIndexByte(src, '/')
	if i > 0 {
		last := src[i+1:]
		switch {
		case last == "text()":
			k.text = true
		case strings.HasPrefix(last, "@") && simpleName(last[1:]):
			k.attr = last[1:]
		}
		if k.text || k.attr != "" {
			if p, err := xpath.Compile(src[:i]); err == nil {
				k.parent = &Key{Src: src[:i], expr: p}
			}
		}
	}
	return k, nil
}

// simpleName reports whether s is a plain (possibly prefixed) XML name, not
// a wildcard or an expression.
func simpleName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c == '-' || c == '.' || c == ':' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80) {
			return false
		}
	}
	return true
}

// Eval evaluates the key with root as the document. A node-set result
// gives its first node (found is false when the set is empty); a function
// result (string, number, boolean) gives the scalar in keyed value shapes.
func (k *Key) Eval(root xpath.NodeNavigator) (node xpath.NodeNavigator, scalar any, found bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	switch v := k.expr.Evaluate(root).(type) {
	case *xpath.NodeIterator:
		if v.MoveNext() {
			return v.Current().Copy(), nil, true
		}
		return nil, nil, false
	case string:
		return nil, v, true
	case bool:
		return nil, v, true
	case float64:
		return nil, keytext.FromMeta(v), true
	}
	return nil, nil, false
}

// Target is where a write goes.
type Target struct {
	Node xpath.NodeNavigator // the selected node, or the parent element to create in
	// Create is set when Node is the parent: "text()" to set its text,
	// otherwise the name of the attribute to set.
	Create string
}

// Target finds the node Set writes: the first selected node, or, when the
// key selects nothing and ends in /text() or /@name, its parent element.
func (k *Key) Target(root xpath.NodeNavigator) (Target, error) {
	node, scalar, found := k.Eval(root)
	if found && node == nil {
		return Target{}, fmt.Errorf("XPath %q gives a %T, not a node; a function result cannot be written", k.Src, scalar)
	}
	if found {
		return Target{Node: node}, nil
	}
	if k.parent != nil {
		p, _, ok := k.parent.Eval(root)
		if ok && p != nil && p.NodeType() == xpath.ElementNode {
			if k.text {
				return Target{Node: p, Create: "text()"}, nil
			}
			return Target{Node: p, Create: k.attr}, nil
		}
	}
	return Target{}, fmt.Errorf("XPath %q selects nothing in the document: %w", k.Src, keyed.ErrNotFound)
}

// NotFound is the Get error for a key that selects no node.
func (k *Key) NotFound() error {
	return fmt.Errorf("XPath %q selects nothing: %w", k.Src, keyed.ErrNotFound)
}

// AsKey converts the engine's compiled key back to *Key.
func AsKey(k keyed.Key) (*Key, error) {
	x, ok := k.(*Key)
	if !ok {
		return nil, fmt.Errorf("key %v was not compiled by an XPath accessor", k)
	}
	return x, nil
}

// SplitName splits "prefix:local" into its parts.
func SplitName(name string) (prefix, local string) {
	if i := strings.IndexByte(name, ':'); i > 0 {
		return name[:i], name[i+1:]
	}
	return "", name
}

// Walk visits every node of a tree in document order without recursion,
// given how to move to a node's first child, next sibling and parent, and
// tells visit each node's depth (the root's children are at 1). It stops
// at visit's first error.
func Walk[N comparable](root N, first, next, parent func(N) N, visit func(n N, depth int) error) error {
	var none N
	d := 0
	n := root
	for n != none {
		if c := first(n); c != none {
			n = c
			d++
		} else {
			for n != none && n != root && next(n) == none {
				n = parent(n)
				d--
			}
			if n == none || n == root {
				return nil
			}
			n = next(n)
		}
		if err := visit(n, d); err != nil {
			return err
		}
	}
	return nil
}
