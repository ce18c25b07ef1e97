package xpathkey

import (
	"fmt"

	"github.com/antchfx/xpath"

	"github.com/c3kit/c3kit/decode/accessor/keytext"
	"github.com/c3kit/c3kit/decode/keyed"
)

// Model is one parsed document (XML or HTML) as Get and Set need it: its
// navigator, and the few operations that differ between the two trees.
// Every nav passed in comes from a key evaluated on Navigator().
type Model interface {
	Navigator() xpath.NodeNavigator
	// Data is the text of a selected text, CDATA or comment node.
	Data(nav xpath.NodeNavigator) string
	// Render writes the selected node back as markup: itself (an
	// element) or only its children (the document).
	Render(nav xpath.NodeNavigator, self bool) (string, error)
	SetSelectedAttr(nav xpath.NodeNavigator, text string) // nav is an attribute
	SetData(nav xpath.NodeNavigator, text string)         // nav is text, CDATA or a comment
	SetContent(nav xpath.NodeNavigator, text string)      // nav is an element: all its children become text
	SetLeadingText(nav xpath.NodeNavigator, text string)  // nav is an element: its text before any child element
	SetAttr(nav xpath.NodeNavigator, name, text string)   // nav is an element: set or add an attribute
}

// Get reads k as COSMOS does: the first selected node gives the value (an
// attribute its value, a text node its text, an element its markup as
// Nokogiri's to_s gives it); a function gives its result.
func Get(m Model, k keyed.Key) (any, error) {
	key, err := AsKey(k)
	if err != nil {
		return nil, err
	}
	nav, scalar, found := key.Eval(m.Navigator())
	if !found {
		return nil, key.NotFound()
	}
	if nav == nil {
		return scalar, nil
	}
	switch nav.NodeType() {
	case xpath.AttributeNode:
		return nav.Value(), nil
	case xpath.TextNode, xpath.CommentNode:
		return m.Data(nav), nil
	case xpath.RootNode:
		return m.Render(nav, false)
	}
	return m.Render(nav, true)
}

// Set writes v's text (Ruby's to_s) at k: into the selected attribute or
// text, as an element's whole content, or, for a /text() or /@name key
// whose node does not exist, into its parent element.
func Set(m Model, k keyed.Key, v any) error {
	key, err := AsKey(k)
	if err != nil {
		return err
	}
	text, err := keytext.Text(v)
	if err != nil {
		return fmt.Errorf("XPath %q: %v", key.Src, err)
	}
	t, err := key.Target(m.Navigator())
	if err != nil {
		return err
	}
	switch {
	case t.Create == "text()":
		m.SetLeadingText(t.Node, text)
	case t.Create != "":
		m.SetAttr(t.Node, t.Create, text)
	default:
		switch t.Node.NodeType() {
		case xpath.AttributeNode:
			m.SetSelectedAttr(t.Node, text)
		case xpath.TextNode, xpath.CommentNode:
			m.SetData(t.Node, text)
		case xpath.ElementNode:
			m.SetContent(t.Node, text)
		default:
			return fmt.Errorf("XPath %q selects the document itself, which cannot be written", key.Src)
		}
	}
	return nil
}
