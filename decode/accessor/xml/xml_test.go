package xml_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/accessor/internal/keyedtest"
	_ "github.com/c3kit/c3kit/decode/accessor/xml"
	"github.com/c3kit/c3kit/decode/keyed"
	"github.com/c3kit/c3kit/internal/testutil"
)

// docsTemplate is the TEMPLATE of the XML examples in COSMOS's accessor docs.
const docsTemplate = `<html><head><script src="3"></script><noscript>101</noscript></head><body><img src="12"/><div><ul><li>3.14</li><li>Example</li></ul></div><div></div></body></html>`

func codec(t testing.TB) keyed.Codec {
	return keyedtest.Codec(t, "XmlAccessor", nil, []byte(docsTemplate))
}

func TestGet(t *testing.T) {
	c := codec(t)
	for _, tc := range []struct {
		key  string
		want any
	}{
		// The KEYs of the docs' XMLTLM packet.
		{"/html/head/script/@src", "3"},
		{"/html/head/noscript/text()", "101"},
		{"/html/body/img/@src", "12"},
		{"/html/body/div/ul/li[1]/text()", "3.14"},
		{"/html/body/div/ul/li[2]/text()", "Example"},
		// Functions give their result, numbers as json.Number.
		{"normalize-space(/html/body/div/ul/li[2])", "Example"},
		{"string(//img/@src)", "12"},
		{"count(//li)", json.Number("2")},
		{"sum(//img/@src) div 8", json.Number("1.5")},
		{"count(//li) > 1", true},
		{"concat(//li[1], '/', //li[2])", "3.14/Example"},
		// Predicates, descendant axes, quotes in a KEY.
		{"//li[text()='Example']/text()", "Example"},
		{"//ul/li[last()]/text()", "Example"},
		{"  /html/head/script/@src  ", "3"},
		// An element gives its XML, as Nokogiri's to_s does.
		{"/html/body/div/ul/li[1]", "<li>3.14</li>"},
		{"/html/body/img", `<img src="12"/>`},
	} {
		got, err := keyedtest.Get(t, c, []byte(docsTemplate), nil, tc.key)
		if err != nil || !keyedtest.Equal(got, tc.want) {
			t.Errorf("Get(%q) = %#v, %v; want %#v", tc.key, got, err, tc.want)
		}
	}
}

func TestGetNotFound(t *testing.T) {
	c := codec(t)
	for _, key := range []string{"/html/body/div[2]/text()", "/nothing", "//img/@alt", "/html/body/div/ul/li[3]/text()"} {
		_, err := keyedtest.Get(t, c, []byte(docsTemplate), nil, key)
		if !errors.Is(err, keyed.ErrNotFound) || !strings.Contains(err.Error(), key) {
			t.Errorf("Get(%q) error = %v, want ErrNotFound naming the key", key, err)
		}
	}
}

func TestNamespacesAndText(t *testing.T) {
	c := codec(t)
	body := []byte(`<?xml version="1.0"?><r xmlns:p="urn:p" p:id="7"><p:v>a &amp; b &lt;c&gt;</p:v><c><![CDATA[<raw>]]></c></r>`)
	for key, want := range map[string]string{
		"/r/@p:id":      "7",
		"/r/p:v/text()": "a & b <c>",
		"/r/c/text()":   "<raw>",
	} {
		got, err := keyedtest.Get(t, c, body, nil, key)
		if err != nil || got != want {
			t.Errorf("Get(%q) = %#v, %v; want %q", key, got, err, want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	c := codec(t)
	for _, key := range []string{"", "/html/[", "count(", "//li[@"} {
		if _, err := c.Compile(key); err == nil {
			t.Errorf("Compile(%q) succeeded", key)
		}
	}
	if _, err := keyed.Lookup("XmlAccessor", []string{"extra"}, nil); err == nil || !strings.Contains(err.Error(), "takes no arguments") {
		t.Errorf("XmlAccessor with an argument: %v", err)
	}
	if _, err := c.Template(); err == nil || !strings.Contains(err.Error(), "TEMPLATE") {
		t.Errorf("Template() without a TEMPLATE = %v, want an error asking for one", err)
	}
	for _, spelling := range []string{"xml_accessor.rb", "openc3/accessors/xml_accessor.py", "XMLACCESSOR"} {
		if _, err := keyed.Lookup(spelling, nil, nil); err != nil {
			t.Errorf("Lookup(%s): %v", spelling, err)
		}
	}
}

// TestWriteCommand writes the docs' XMLCMD parameters into its TEMPLATE,
// creates a missing text node and attribute, and pins the document.
func TestWriteCommand(t *testing.T) {
	c := codec(t)
	out, _ := keyedtest.RoundTrip(t, c, []byte(docsTemplate), []keyedtest.Write{
		{Key: "/html/head/script/@src", Val: json.Number("4"), Want: "4"},
		{Key: "/html/head/noscript/text()", Val: json.Number("202"), Want: "202"},
		{Key: "/html/body/img/@src", Val: json.Number("24"), Want: "24"},
		{Key: "/html/body/div/ul/li[1]/text()", Val: json.Number("6.28"), Want: "6.28"},
		{Key: "/html/body/div/ul/li[2]/text()", Val: `Q&A <"x">`, Want: `Q&A <"x">`},
		{Key: "/html/body/div[2]/text()", Val: true, Want: "true"},
		{Key: "/html/body/img/@alt", Val: nil, Want: ""},
		{Key: "/html/body/div[2]/@class", Val: []any{json.Number("1"), "a"}, Want: `[1, "a"]`},
	})
	testutil.Golden(t, "testdata/xmlcmd.golden.xml", out)
}

// TestWriteElementContent: a KEY naming an element replaces its content
// (Nokogiri's content=), keeping its attributes.
func TestWriteElementContent(t *testing.T) {
	c := codec(t)
	d, err := c.Parse([]byte(`<a><b k="1">old<i>x</i>tail</b></a>`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Set(keyedtest.Compile(t, c, "", "/a/b"), "new"); err != nil {
		t.Fatal(err)
	}
	out, _ := d.Bytes(nil)
	if string(out) != `<a><b k="1">new</b></a>` {
		t.Errorf("got %s", out)
	}
}

func TestWriteErrors(t *testing.T) {
	c := codec(t)
	for _, tc := range []struct {
		key, want string
		notFound  bool
	}{
		{"count(//li)", "function result cannot be written", false},
		{"normalize-space(//li)", "function result cannot be written", false},
		{"/html/nothing/text()", "selects nothing", true},
		{"/nothing", "selects nothing", true},
	} {
		d, _ := c.Parse([]byte(docsTemplate), nil)
		err := d.Set(keyedtest.Compile(t, c, "", tc.key), "1")
		if err == nil || !strings.Contains(err.Error(), tc.want) || errors.Is(err, keyed.ErrNotFound) != tc.notFound {
			t.Errorf("Set(%q) error = %v, want %q (not found %v)", tc.key, err, tc.want, tc.notFound)
		}
	}
	d, _ := c.Parse([]byte(docsTemplate), nil)
	if err := d.Set(keyedtest.Compile(t, c, "", "//li[1]/text()"), struct{}{}); err == nil {
		t.Error("Set of a struct value succeeded")
	}
}

// TestKeepsEverythingElse: a document in canonical form comes back byte
// for byte: declaration, comments, CDATA, processing instructions,
// namespaces, attribute order, whitespace and entities.
func TestKeepsEverythingElse(t *testing.T) {
	c := codec(t)
	for _, in := range []string{
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- head -->\n<r xmlns:p=\"urn:p\" b=\"2\" a=\"1\">\n  <p:v>a &amp; b &lt;c&gt; 'q' \"d\"</p:v>\n  <c><![CDATA[<raw> & ]]></c>\n  <?pi some data?>\n  <e/>\n</r>",
		docsTemplate[:strings.Index(docsTemplate, "<script")] + `<script src="3"/><noscript>101</noscript></head><body><img src="12"/><div><ul><li>3.14</li><li>Example</li></ul></div><div/></body></html>`,
	} {
		d, err := c.Parse([]byte(in), nil)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := d.Bytes(nil)
		if string(out) != in {
			t.Errorf("round trip changed the document:\n in %s\nout %s", in, out)
		}
	}
}

func TestMalformed(t *testing.T) {
	c := codec(t)
	deep := strings.Repeat("<a>", 600) + strings.Repeat("</a>", 600)
	for _, tc := range []struct{ in, want string }{
		{"", "bad XML"},
		{"not xml", "bad XML"},
		{"<a><b></a>", "bad XML"},
		{"<a>&nbsp;</a>", "bad XML"},
		{"<a x=1/>", "bad XML"},
		{"<a></a><b></b>", "bad XML"},
		{deep, "nested more than 512 deep"}, {`<r xmlns:p="">x</r>`, "empty URI"},
		{`<?xml version=00?><r></r>`, `unsupported version "00"`},
		{"<a>" + strings.Repeat("x", 4<<20) + "</a>", "exceeds"},
	} {
		_, err := c.Parse([]byte(tc.in), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Parse(%.40q) error = %v, want one line with %q", tc.in, err, tc.want)
		}
	}
}

func FuzzXMLParse(f *testing.F) {
	for _, s := range []string{docsTemplate, `<?xml version="1.0"?><r xmlns:p="urn:p" p:id="7"><p:v>a &amp; b</p:v><c><![CDATA[x]]></c></r>`, `<a><b></a>`, `<a b="1">t<!--c--><?p i?></a>`} {
		f.Add([]byte(s))
	}
	c := keyedtest.Codec(f, "XmlAccessor", nil, nil)
	keys := []string{"/html/head/script/@src", "/html/head/noscript/text()", "/html/body/div/ul/li[1]/text()", "/r/@p:id", "//*[1]/text()", "normalize-space(//li)", "count(//*)", "/a/b", "/a/@b"}
	f.Fuzz(func(t *testing.T, body []byte) {
		keyedtest.FuzzBody(t, c, body, nil, keys, func(k string) bool {
			return strings.HasSuffix(k, "/@src") || strings.HasSuffix(k, "/@b")
		})
	})
}
