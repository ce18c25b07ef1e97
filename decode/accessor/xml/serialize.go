package xml

import (
	"strings"

	"github.com/antchfx/xmlquery"
)

// serialize writes n back as XML, keeping what the parser kept: the
// declaration, comments, CDATA sections, processing instructions,
// whitespace and attribute order. Empty elements are written as <e/>,
// as Nokogiri and lxml write them. Only the characters XML requires are
// escaped (& < > in text; & < " in attributes). With self false a node
// writes its children only (the document node).
func serialize(n *xmlquery.Node, self bool) string {
	var b strings.Builder
	if self {
		writeNode(&b, n)
	} else {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			writeNode(&b, c)
		}
	}
	return b.String()
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;", "\n", "&#10;", "\r", "&#13;", "\t", "&#9;")
)

func writeNode(b *strings.Builder, n *xmlquery.Node) {
	switch n.Type {
	case xmlquery.TextNode:
		textEscaper.WriteString(b, n.Data)
		return
	case xmlquery.CharDataNode:
		b.WriteString("<![CDATA[")
		b.WriteString(n.Data)
		b.WriteString("]]>")
		return
	case xmlquery.CommentNode:
		b.WriteString("<!--")
		b.WriteString(n.Data)
		b.WriteString("-->")
		return
	case xmlquery.NotationNode:
		b.WriteString("<!")
		b.WriteString(n.Data)
		b.WriteString(">")
		return
	case xmlquery.ProcessingInstruction:
		b.WriteString("<?")
		if n.ProcInst != nil {
			b.WriteString(n.ProcInst.Target)
			if n.ProcInst.Inst != "" {
				b.WriteString(" ")
				b.WriteString(n.ProcInst.Inst)
			}
		}
		b.WriteString("?>")
		return
	case xmlquery.DeclarationNode:
		b.WriteString("<?")
		b.WriteString(n.Data)
		writeAttrs(b, n)
		b.WriteString("?>")
		return
	case xmlquery.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			writeNode(b, c)
		}
		return
	}
	b.WriteByte('<')
	writeName(b, n.Prefix, n.Data)
	writeAttrs(b, n)
	if n.FirstChild == nil {
		b.WriteString("/>")
		return
	}
	b.WriteByte('>')
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeNode(b, c)
	}
	b.WriteString("</")
	writeName(b, n.Prefix, n.Data)
	b.WriteByte('>')
}

func writeName(b *strings.Builder, prefix, local string) {
	if prefix != "" {
		b.WriteString(prefix)
		b.WriteByte(':')
	}
	b.WriteString(local)
}

func writeAttrs(b *strings.Builder, n *xmlquery.Node) {
	for _, a := range n.Attr {
		b.WriteByte(' ')
		writeName(b, a.Name.Space, a.Name.Local)
		b.WriteString(`="`)
		attrEscaper.WriteString(b, a.Value)
		b.WriteByte('"')
	}
}
