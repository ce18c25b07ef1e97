// Package html is COSMOS's HtmlAccessor: the XmlAccessor's XPath KEYs over
// a web page parsed as browsers parse HTML (golang.org/x/net/html through
// antchfx/htmlquery), so unclosed tags, missing <head>/<body> and entities
// such as &nbsp; are fine. Keys are compiled once when definitions load.
//
// Reading: the first node the key selects gives the value (an attribute
// its value, a text node its text, an element its HTML as Nokogiri's to_s
// gives it); normalize-space(), count() and other functions give their
// result, as in the COSMOS docs' example KEY
// normalize-space(//main/div/a[2]/span/h2/text()). A key that selects
// nothing is an error matching keyed.ErrNotFound.
//
// Writing sets the selected node's content and re-renders the page; a key
// ending in /text() or /@name whose node does not exist yet is created
// under its parent element.
package html

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/antchfx/htmlquery"
	"github.com/antchfx/xpath"
	"golang.org/x/net/html"

	"github.com/c3kit/c3kit/decode/accessor/internal/xpathkey"
	"github.com/c3kit/c3kit/decode/keyed"
)

// MaxBytes caps one HTML document (a parsed tree costs far more memory
// than its text).
const MaxBytes = 4 << 20

// MaxDepth caps element nesting; rendering recurses per level.
const MaxDepth = 512

func init() { keyed.Register("HtmlAccessor", New) }

// New is the keyed.Factory: HtmlAccessor takes no arguments.
func New(args []string, template []byte) (keyed.Codec, error) {
	if len(args) > 0 {
		return nil, fmt.Errorf("HtmlAccessor takes no arguments, got %s", strings.Join(args, " "))
	}
	return codec{}, nil
}

type codec struct{}

func (codec) Name() string { return "HtmlAccessor" }

func (codec) Compile(key string) (keyed.Key, error) { return xpathkey.Compile(key) }

// Template is an empty page; the parser supplies <html><head><body>.
func (codec) Template() ([]byte, error) {
	return []byte("<html><head></head><body></body></html>"), nil
}

func (codec) Parse(body []byte, _ map[string]any) (keyed.Doc, error) {
	if len(body) > MaxBytes {
		return nil, fmt.Errorf("HTML document of %d bytes exceeds the %d-byte cap", len(body), MaxBytes)
	}
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("bad HTML: %v", err)
	}
	if err := checkDepth(root); err != nil {
		return nil, err
	}
	return &doc{root: root}, nil
}

// checkDepth refuses nesting deeper than MaxDepth, without recursion.
func checkDepth(root *html.Node) error {
	return xpathkey.Walk(root,
		func(n *html.Node) *html.Node { return n.FirstChild },
		func(n *html.Node) *html.Node { return n.NextSibling },
		func(n *html.Node) *html.Node { return n.Parent },
		func(_ *html.Node, depth int) error {
			if depth > MaxDepth {
				return fmt.Errorf("bad HTML: elements nested more than %d deep", MaxDepth)
			}
			return nil
		})
}

type doc struct{ root *html.Node }

func (d *doc) Get(k keyed.Key) (any, error)   { return xpathkey.Get(d, k) }
func (d *doc) Set(k keyed.Key, v any) error   { return xpathkey.Set(d, k, v) }
func (d *doc) Navigator() xpath.NodeNavigator { return htmlquery.CreateXPathNavigator(d.root) }

func node(nav xpath.NodeNavigator) *html.Node { return nav.(*htmlquery.NodeNavigator).Current() }

func (d *doc) Data(nav xpath.NodeNavigator) string { return node(nav).Data }

func (d *doc) Render(nav xpath.NodeNavigator, self bool) (string, error) {
	var b strings.Builder
	n := node(nav)
	if self {
		err := html.Render(&b, n)
		return b.String(), err
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

func (d *doc) SetSelectedAttr(nav xpath.NodeNavigator, text string) {
	d.SetAttr(nav, nav.LocalName(), text)
}

func (d *doc) SetData(nav xpath.NodeNavigator, text string) { node(nav).Data = text }

func (d *doc) SetAttr(nav xpath.NodeNavigator, name, text string) {
	n := node(nav)
	for i := range n.Attr {
		if n.Attr[i].Key == name {
			n.Attr[i].Val = text
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: name, Val: text})
}

// SetContent replaces every child by one text node.
func (d *doc) SetContent(nav xpath.NodeNavigator, text string) {
	n := node(nav)
	for c := n.FirstChild; c != nil; c = n.FirstChild {
		n.RemoveChild(c)
	}
	n.AppendChild(&html.Node{Type: html.TextNode, Data: text})
}

// SetLeadingText sets the text before an element's first child element,
// adding a text node when there is none.
func (d *doc) SetLeadingText(nav xpath.NodeNavigator, text string) {
	n := node(nav)
	if c := n.FirstChild; c != nil && c.Type == html.TextNode {
		c.Data = text
		return
	}
	t := &html.Node{Type: html.TextNode, Data: text}
	if n.FirstChild != nil {
		n.InsertBefore(t, n.FirstChild)
	} else {
		n.AppendChild(t)
	}
}

func (d *doc) Bytes(map[string]any) ([]byte, error) {
	var b bytes.Buffer
	if err := html.Render(&b, d.root); err != nil {
		return nil, fmt.Errorf("rendering HTML: %v", err)
	}
	return b.Bytes(), nil
}
