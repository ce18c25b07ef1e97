// Package xml is COSMOS's XmlAccessor: item KEYs are XPath expressions
// (element text, attributes, text(), XPath functions) evaluated with
// antchfx/xmlquery. Keys are compiled once when definitions load.
//
// Reading follows COSMOS: the first node the key selects gives the value
// (an attribute its value, a text node its text, an element its XML as
// Nokogiri's to_s gives it); a function such as normalize-space() or
// count() gives its result. A key that selects nothing is an error
// matching keyed.ErrNotFound.
//
// Writing sets the selected node's content in the template document and
// keeps everything else: an attribute's value, a text node's text, or an
// element's whole content (Nokogiri's content=). A key ending in /text()
// or /@name whose node does not exist yet is created under its parent
// element, as COSMOS's Python XmlAccessor does.
package xml

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/antchfx/xmlquery"
	"github.com/antchfx/xpath"

	"github.com/c3kit/c3kit/decode/accessor/internal/xpathkey"
	"github.com/c3kit/c3kit/decode/keyed"
)

// MaxBytes caps one XML document: a parsed tree costs far more memory than
// its text, so a record larger than this is refused instead of parsed.
const MaxBytes = 4 << 20

// MaxDepth caps element nesting; the serialiser recurses per level.
const MaxDepth = 512

func init() { keyed.Register("XmlAccessor", New) }

// New is the keyed.Factory: XmlAccessor takes no arguments.
func New(args []string, template []byte) (keyed.Codec, error) {
	if len(args) > 0 {
		return nil, fmt.Errorf("XmlAccessor takes no arguments, got %s", strings.Join(args, " "))
	}
	return codec{}, nil
}

type codec struct{}

func (codec) Name() string { return "XmlAccessor" }

func (codec) Compile(key string) (keyed.Key, error) { return xpathkey.Compile(key) }

// Template: an XML document needs a root element, which only the packet's
// TEMPLATE can say.
func (codec) Template() ([]byte, error) {
	return nil, fmt.Errorf("XmlAccessor needs a TEMPLATE or TEMPLATE_FILE holding the XML document to write into")
}

func (codec) Parse(body []byte, _ map[string]any) (keyed.Doc, error) {
	if len(body) > MaxBytes {
		return nil, fmt.Errorf("XML document of %d bytes exceeds the %d-byte cap", len(body), MaxBytes)
	}
	root, err := xmlquery.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("bad XML: %v", strings.TrimPrefix(err.Error(), "xmlquery: "))
	}
	if err := check(root); err != nil {
		return nil, err
	}
	if err := oneRoot(root); err != nil {
		return nil, err
	}
	dropAddedDeclaration(root, body)
	return &doc{root: root}, nil
}

// oneRoot refuses what encoding/xml lets through but XML does not allow:
// several root elements, or text beside the root.
func oneRoot(root *xmlquery.Node) error {
	elements := 0
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		switch n.Type {
		case xmlquery.ElementNode:
			elements++
		case xmlquery.TextNode, xmlquery.CharDataNode:
			if strings.TrimSpace(n.Data) != "" {
				return fmt.Errorf("bad XML: text %q outside the root element", clip(n.Data))
			}
		}
	}
	if elements > 1 {
		return fmt.Errorf("bad XML: %d root elements; a document has one", elements)
	}
	return nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// dropAddedDeclaration removes the <?xml version="1.0"?> xmlquery invents
// for a document that has none, so writing keeps the template's own text.
func dropAddedDeclaration(root *xmlquery.Node, body []byte) {
	if bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n\ufeff"), []byte("<?xml")) {
		return
	}
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == xmlquery.DeclarationNode && n.Data == "xml" {
			xmlquery.RemoveFromTree(n)
			return
		}
	}
}

// check refuses what the parser lets through but the accessor cannot
// serialise back, walking without recursion: nesting deeper than MaxDepth,
// a namespace prefix bound to an empty URI (not allowed by Namespaces in
// XML; xmlquery then mislabels attributes), an XML version other than 1.0.
func check(root *xmlquery.Node) error {
	return xpathkey.Walk(root,
		func(n *xmlquery.Node) *xmlquery.Node { return n.FirstChild },
		func(n *xmlquery.Node) *xmlquery.Node { return n.NextSibling },
		func(n *xmlquery.Node) *xmlquery.Node { return n.Parent },
		func(n *xmlquery.Node, depth int) error {
			if depth > MaxDepth {
				return fmt.Errorf("bad XML: elements nested more than %d deep", MaxDepth)
			}
			for _, a := range n.Attr {
				if n.Type == xmlquery.DeclarationNode && n.Data == "xml" && a.Name.Local == "version" && a.Value != "1.0" {
					// xmlquery takes an unquoted version=00; the document
					// written back quotes it and then does not parse.
					return fmt.Errorf("bad XML: unsupported version %q; only version 1.0 is supported", clip(a.Value))
				}
				if a.Name.Space == "xmlns" && a.Value == "" {
					return fmt.Errorf("bad XML: namespace prefix %q bound to an empty URI", clip(a.Name.Local))
				}
			}
			return nil
		})
}

type doc struct{ root *xmlquery.Node }

func (d *doc) Get(k keyed.Key) (any, error)   { return xpathkey.Get(d, k) }
func (d *doc) Set(k keyed.Key, v any) error   { return xpathkey.Set(d, k, v) }
func (d *doc) Navigator() xpath.NodeNavigator { return xmlquery.CreateXPathNavigator(d.root) }

func node(nav xpath.NodeNavigator) *xmlquery.Node { return nav.(*xmlquery.NodeNavigator).Current() }

func (d *doc) Data(nav xpath.NodeNavigator) string { return node(nav).Data }

func (d *doc) Render(nav xpath.NodeNavigator, self bool) (string, error) {
	return serialize(node(nav), self), nil
}

func (d *doc) SetSelectedAttr(nav xpath.NodeNavigator, text string) {
	n, prefix, local := node(nav), nav.Prefix(), nav.LocalName()
	for i := range n.Attr {
		if n.Attr[i].Name.Local == local && n.Attr[i].Name.Space == prefix {
			n.Attr[i].Value = text
			return
		}
	}
}

func (d *doc) SetData(nav xpath.NodeNavigator, text string) { node(nav).Data = text }

func (d *doc) SetAttr(nav xpath.NodeNavigator, name, text string) { node(nav).SetAttr(name, text) }

// SetContent replaces every child by one text node (Nokogiri's
// node.content = value).
func (d *doc) SetContent(nav xpath.NodeNavigator, text string) {
	n := node(nav)
	t := &xmlquery.Node{Type: xmlquery.TextNode, Data: text, Parent: n}
	n.FirstChild, n.LastChild = t, t
}

// SetLeadingText sets an element's text before its first child element,
// adding a text node when it has none (lxml's element.text = value).
func (d *doc) SetLeadingText(nav xpath.NodeNavigator, text string) {
	n := node(nav)
	if c := n.FirstChild; c != nil && (c.Type == xmlquery.TextNode || c.Type == xmlquery.CharDataNode) {
		c.Type, c.Data = xmlquery.TextNode, text
		return
	}
	t := &xmlquery.Node{Type: xmlquery.TextNode, Data: text, Parent: n, NextSibling: n.FirstChild}
	if n.FirstChild != nil {
		n.FirstChild.PrevSibling = t
	} else {
		n.LastChild = t
	}
	n.FirstChild = t
}

func (d *doc) Bytes(map[string]any) ([]byte, error) {
	return []byte(serialize(d.root, false)), nil
}
