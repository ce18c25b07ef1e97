package html_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	_ "github.com/c3kit/c3kit/decode/accessor/html"
	"github.com/c3kit/c3kit/decode/accessor/internal/keyedtest"
	"github.com/c3kit/c3kit/decode/keyed"
	"github.com/c3kit/c3kit/internal/testutil"
)

func page(t testing.TB) []byte {
	b, err := os.ReadFile("testdata/search.html")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func codec(t testing.TB) keyed.Codec { return keyedtest.Codec(t, "HtmlAccessor", nil, nil) }

// TestDocsKeys reads the KEYs of the HTML RESPONSE packet in COSMOS's
// accessor docs from a page shaped like the one they were copied from.
func TestDocsKeys(t *testing.T) {
	c, body := codec(t), page(t)
	for _, tc := range []struct {
		key  string
		want any
	}{
		{"normalize-space(//main/div/a[2]/span/h2/text())", "openc3-cosmos-demo"},
		{"//main/div/a[2]/span/p/text()", "OpenC3 COSMOS demo plugin & targets"},
		{"//main/div/a[2]/span/h2/span/text()", "6.0.1"},
		{"normalize-space(//main/div/a[2]/p/text())", "45,678"},
		// Attributes, lenient HTML (unclosed <p> and <li>, &nbsp;), functions.
		{"//main/div/a[1]/@href", "/gems/openc3"},
		{"/html/@lang", "en"},
		{"//ul/li[2]/text()", "two"},
		{"count(//main//a)", json.Number("2")},
		{"//body/p/text()", "Unclosed paragraph \u00a0with an entity\n"},
		{"boolean(//title)", true},
		{"//title", "<title>search | RubyGems.org</title>"},
	} {
		got, err := keyedtest.Get(t, c, body, nil, tc.key)
		if err != nil || !keyedtest.Equal(got, tc.want) {
			t.Errorf("Get(%q) = %#v, %v; want %#v", tc.key, got, err, tc.want)
		}
	}
	_, err := keyedtest.Get(t, c, body, nil, "//main/div/a[3]/span/h2/text()")
	if !errors.Is(err, keyed.ErrNotFound) {
		t.Errorf("missing node: %v, want ErrNotFound", err)
	}
}

// TestWrite writes text, attributes and new nodes into a page and pins the
// rendered result.
func TestWrite(t *testing.T) {
	c := codec(t)
	out, _ := keyedtest.RoundTrip(t, c, page(t), []keyedtest.Write{
		{Key: "//main/div/a[2]/span/h2/span/text()", Val: json.Number("7.0.0"), Want: "7.0.0"},
		{Key: "//main/div/a[1]/@href", Val: "/gems/x?a=1&b=2", Want: "/gems/x?a=1&b=2"},
		{Key: "//header/@data-id", Val: json.Number("42"), Want: "42"},
		{Key: "//ul/li[1]/text()", Val: "<one>", Want: "<one>"},
		{Key: "//header/a/@title", Val: false, Want: "false"},
	})
	testutil.Golden(t, "testdata/search.written.golden.html", out)
}

func TestTemplateAndEmpty(t *testing.T) {
	c := codec(t)
	tmpl, err := c.Template()
	if err != nil {
		t.Fatal(err)
	}
	keyedtest.RoundTrip(t, c, tmpl, []keyedtest.Write{{Key: "/html/body/text()", Val: "hi", Want: "hi"}, {Key: "/html/body/@id", Val: "b", Want: "b"}})
	// An empty or non-HTML body still parses as HTML does (an empty page).
	for _, in := range []string{"", "\x00\xff garbage <<<", "</p></div>"} {
		if _, err := c.Parse([]byte(in), nil); err != nil {
			t.Errorf("Parse(%q): %v", in, err)
		}
	}
}

func TestMalformed(t *testing.T) {
	c := codec(t)
	for _, tc := range []struct{ in, want string }{
		{strings.Repeat("<div>", 600), "nested more than 512 deep"},
		{"<p>" + strings.Repeat("x", 4<<20), "exceeds"},
	} {
		_, err := c.Parse([]byte(tc.in), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%.30q) = %v, want %q", tc.in, err, tc.want)
		}
	}
	d, _ := c.Parse(page(t), nil)
	if err := d.Set(keyedtest.Compile(t, c, "", "count(//a)"), "1"); err == nil {
		t.Error("writing a function result succeeded")
	}
	if _, err := keyed.Lookup("HtmlAccessor", []string{"x"}, nil); err == nil {
		t.Error("HtmlAccessor with an argument succeeded")
	}
}

func FuzzHTMLParse(f *testing.F) {
	f.Add(page(f))
	f.Add([]byte(`<p id=1>x<b>y</p>z<table><tr><td>1</table>`))
	f.Add([]byte(`<svg><foreignObject><p>x</svg><math><mi>y`))
	c := codec(f)
	keys := []string{"//main/div/a[2]/span/h2/text()", "//a/@href", "//p/@id", "normalize-space(//p)", "count(//*)", "//td", "/html/body/@class"}
	f.Fuzz(func(t *testing.T, body []byte) {
		keyedtest.FuzzBody(t, c, body, nil, keys, func(k string) bool { return strings.Contains(k, "/@") })
	})
}
