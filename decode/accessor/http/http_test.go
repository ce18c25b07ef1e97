package http_test

import (
	"encoding/json"
	"strings"
	"testing"

	_ "github.com/c3kit/c3kit/decode/accessor/form"
	_ "github.com/c3kit/c3kit/decode/accessor/html"
	"github.com/c3kit/c3kit/decode/accessor/http"
	"github.com/c3kit/c3kit/decode/accessor/internal/keyedtest"
	_ "github.com/c3kit/c3kit/decode/accessor/template"
	_ "github.com/c3kit/c3kit/decode/accessor/xml"
	"github.com/c3kit/c3kit/decode/keyed"
)

// responseMeta is what c3link http-client puts in a response record's
// extra (CBOR-decoded: integers arrive as uint64).
func responseMeta() map[string]any {
	return map[string]any{
		"HTTP_STATUS":  uint64(200),
		"HTTP_HEADERS": map[string]any{"content-type": "application/json-rpc", "x-count": "3"},
		"HTTP_REQUEST": map[string]any{"HTTP_METHOD": "post", "HTTP_PATH": "/openc3-api/api", "HTTP_QUERIES": map[string]any{"scope": "DEFAULT"}, "RETRIES": uint64(2)},
		"HTTP_PATH":    "/openc3-api/api",
		"HTTP_METHOD":  "post",
		"HTTP_PACKET":  "TLM_RESPONSE",
		"HTTP_QUERIES": map[string]any{"scope": "DEFAULT"},
	}
}

func TestFactory(t *testing.T) {
	for _, tc := range []struct {
		args []string
		body string
	}{
		{nil, "FormAccessor"},
		{[]string{"FormAccessor"}, "FormAccessor"},
		{[]string{"HtmlAccessor"}, "HtmlAccessor"},
		{[]string{"xml_accessor.rb"}, "XmlAccessor"},
		{[]string{"TemplateAccessor", "(", ")"}, "TemplateAccessor"},
	} {
		c, err := keyed.Lookup("HttpAccessor", tc.args, []byte("(A)"))
		if err != nil {
			t.Errorf("HttpAccessor %v: %v", tc.args, err)
			continue
		}
		if got := c.(*http.Codec).Body().Name(); got != tc.body {
			t.Errorf("HttpAccessor %v wraps %s, want %s", tc.args, got, tc.body)
		}
	}
	_, err := keyed.Lookup("openc3/accessors/http_accessor.py", []string{"ProtoAccessor"}, nil)
	if err == nil || !strings.Contains(err.Error(), "HttpAccessor body accessor: accessor ProtoAccessor is not one c3kit has") {
		t.Errorf("unknown body accessor: %v", err)
	}
}

func get(t *testing.T, c keyed.Codec, body string, extra map[string]any, name, key string) (any, error) {
	t.Helper()
	d, err := c.Parse([]byte(body), extra)
	if err != nil {
		t.Fatal(err)
	}
	return d.Get(keyedtest.Compile(t, c, name, key))
}

func TestRead(t *testing.T) {
	c := keyedtest.Codec(t, "HttpAccessor", nil, nil)
	body := "temperature=21.5&RESPONSE_TEXT=ok"
	for _, tc := range []struct {
		name, key string
		want      any
	}{
		{"HTTP_STATUS", "", json.Number("200")},
		{"HTTP_PATH", "", "/openc3-api/api"},
		{"HTTP_METHOD", "", "post"},
		{"HTTP_PACKET", "", "TLM_RESPONSE"},
		{"HTTP_ERROR_PACKET", "", nil}, // not in the meta: nil, as COSMOS
		{"HTTP_HEADERS", "", map[string]any{"content-type": "application/json-rpc", "x-count": "3"}},
		{"HTTP_REQUEST", "", map[string]any{"HTTP_METHOD": "post", "HTTP_PATH": "/openc3-api/api", "HTTP_QUERIES": map[string]any{"scope": "DEFAULT"}, "RETRIES": json.Number("2")}},
		// The http-example's TLM_RESPONSE item, and KEY spellings.
		{"HTTP_HEADER_CONTENT_TYPE", "content-type", "application/json-rpc"},
		{"HTTP_HEADER_TYPE", "Content-Type", "application/json-rpc"},
		{"HTTP_HEADER_X_COUNT", "X-COUNT", "3"},
		{"HTTP_HEADER_MISSING", "", nil},
		// HTTP_QUERY_xxx without a KEY: xxx in lower case, as the docs say.
		{"HTTP_QUERY_SCOPE", "", "DEFAULT"},
		{"HTTP_QUERY_S", "scope", "DEFAULT"},
		{"HTTP_QUERY_SCOPE", "SCOPE", nil}, // query names are case-sensitive
		// Everything else is the body accessor's (KEY, or the name).
		{"TEMPERATURE", "temperature", "21.5"},
		{"RESPONSE_TEXT", "", "ok"},
		{"HTTP_OTHER", "", nil},
	} {
		got, err := get(t, c, body, responseMeta(), tc.name, tc.key)
		if tc.name == "HTTP_OTHER" {
			if err == nil {
				t.Errorf("HTTP_OTHER should go to the form body and miss, got %#v", got)
			}
			continue
		}
		if err != nil || !keyedtest.Equal(got, tc.want) {
			t.Errorf("%s (KEY %q) = %#v, %v; want %#v", tc.name, tc.key, got, err, tc.want)
		}
	}
	// No meta at all: every HTTP_ item is nil.
	if got, err := get(t, c, "", nil, "HTTP_STATUS", ""); got != nil || err != nil {
		t.Errorf("HTTP_STATUS without meta = %#v, %v", got, err)
	}
	// A meta map of the wrong shape is treated as absent.
	if got, err := get(t, c, "", map[string]any{"HTTP_HEADERS": "x"}, "HTTP_HEADER_A", ""); got != nil || err != nil {
		t.Errorf("HTTP_HEADER_A with a non-map HTTP_HEADERS = %#v, %v", got, err)
	}
}

// TestBadBodyKeepsMeta: an error page the body accessor cannot parse still
// gives the status; the body items report the parse error.
func TestBadBodyKeepsMeta(t *testing.T) {
	c := keyedtest.Codec(t, "HttpAccessor", []string{"XmlAccessor"}, nil)
	d, err := c.Parse([]byte("<html><body>502 Bad Gateway"), map[string]any{"HTTP_STATUS": uint64(502)})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := d.Get(keyedtest.Compile(t, c, "HTTP_STATUS", "")); err != nil || v != json.Number("502") {
		t.Errorf("HTTP_STATUS = %#v, %v", v, err)
	}
	_, err = d.Get(keyedtest.Compile(t, c, "VALUE", "/r/v/text()"))
	if err == nil || !strings.Contains(err.Error(), "HTTP body (XmlAccessor): bad XML") {
		t.Errorf("body item error = %v", err)
	}
}

// TestWriteClientCommand builds the docs' SEARCH command: everything goes
// to the meta, the form body stays empty.
func TestWriteClientCommand(t *testing.T) {
	c := keyedtest.Codec(t, "HttpAccessor", nil, nil)
	tmpl, _ := c.Template()
	out, extra := keyedtest.RoundTrip(t, c, tmpl, []keyedtest.Write{
		{Name: "HTTP_PATH", Val: "/search", Want: "/search"},
		{Name: "HTTP_METHOD", Val: "GET", Want: "get"},
		{Name: "HTTP_PACKET", Val: "response", Want: "RESPONSE"},
		{Name: "HTTP_ERROR_PACKET", Val: "Error", Want: "ERROR"},
		{Name: "HTTP_QUERY_QUERY", Val: "openc3+cosmos", Want: "openc3+cosmos"},
		{Name: "HTTP_HEADER_TYPE", Key: "Content-Type", Val: "text/html", Want: "text/html"},
		{Name: "HTTP_QUERY_PAGE", Val: json.Number("2"), Want: "2"},
	})
	if len(out) != 0 {
		t.Errorf("body = %q, want empty", out)
	}
	want := map[string]any{
		"HTTP_PATH": "/search", "HTTP_METHOD": "get", "HTTP_PACKET": "RESPONSE", "HTTP_ERROR_PACKET": "ERROR",
		"HTTP_QUERIES": map[string]any{"query": "openc3+cosmos", "page": "2"},
		"HTTP_HEADERS": map[string]any{"Content-Type": "text/html"},
	}
	if !keyedtest.Equal(extra, want) {
		t.Errorf("extra = %#v\nwant %#v", extra, want)
	}
}

// TestWriteServerResponse: the http-example's WEBHOOK command for
// http-server: status, path and response packet in the meta, a form body.
func TestWriteServerResponse(t *testing.T) {
	c := keyedtest.Codec(t, "HttpAccessor", nil, []byte(""))
	d, _ := c.Parse(nil, nil)
	for _, w := range []struct {
		name string
		val  any
	}{{"HTTP_PATH", "/webhook"}, {"HTTP_PACKET", "REQUEST"}, {"HTTP_STATUS", json.Number("201.9")}, {"RESPONSE_TEXT", "Webhook Received!"}, {"HTTP_HEADER_X_REPLY", "yes"}} {
		if err := d.Set(keyedtest.Compile(t, c, w.name, ""), w.val); err != nil {
			t.Fatal(err)
		}
	}
	extra := map[string]any{"PEER": "127.0.0.1:5000", "HTTP_HEADERS": map[string]any{"server": "c3kit"}}
	out, err := d.Bytes(extra)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "RESPONSE_TEXT=Webhook+Received%21" {
		t.Errorf("body %q", out)
	}
	want := map[string]any{"PEER": "127.0.0.1:5000", "HTTP_PATH": "/webhook", "HTTP_PACKET": "REQUEST", "HTTP_STATUS": int64(201),
		"HTTP_HEADERS": map[string]any{"server": "c3kit", "x_reply": "yes"}}
	if !keyedtest.Equal(extra, want) {
		t.Errorf("extra = %#v\nwant %#v", extra, want)
	}
}

func TestWriteErrors(t *testing.T) {
	c := keyedtest.Codec(t, "HttpAccessor", nil, nil)
	for _, tc := range []struct {
		name string
		val  any
		want string
	}{
		{"HTTP_STATUS", "abc", `HTTP_STATUS "abc" is not a number`},
		{"HTTP_STATUS", true, "HTTP_STATUS must be a number"},
		{"HTTP_HEADERS", "x", "HTTP_HEADERS takes an object"},
	} {
		d, _ := c.Parse(nil, nil)
		err := d.Set(keyedtest.Compile(t, c, tc.name, ""), tc.val)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Set(%s, %#v) = %v, want %q", tc.name, tc.val, err, tc.want)
		}
	}
	d, _ := c.Parse(nil, nil)
	_ = d.Set(keyedtest.Compile(t, c, "HTTP_PATH", ""), "/x")
	if _, err := d.Bytes(nil); err == nil {
		t.Error("Bytes(nil) with HTTP_ items written succeeded")
	}
}

// TestCompileFallback: an engine that passes only KEY-or-name still gets
// the HTTP_ items by name.
func TestCompileFallback(t *testing.T) {
	c := keyedtest.Codec(t, "HttpAccessor", nil, nil)
	for key, want := range map[string]any{"HTTP_STATUS": json.Number("200"), "HTTP_QUERY_SCOPE": "DEFAULT", "temperature": "21.5"} {
		k, err := c.Compile(key)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := c.Parse([]byte("temperature=21.5"), responseMeta())
		if got, err := d.Get(k); err != nil || got != want {
			t.Errorf("Compile(%q): %#v, %v; want %#v", key, got, err, want)
		}
	}
}

func FuzzHTTPParse(f *testing.F) {
	f.Add([]byte("temperature=21.5&a=1&a=2"), false)
	f.Add([]byte("<html><body><p id=x>1</p>"), true)
	form := keyedtest.Codec(f, "HttpAccessor", nil, nil)
	page := keyedtest.Codec(f, "HttpAccessor", []string{"HtmlAccessor"}, nil)
	odd := map[string]any{"HTTP_STATUS": "x", "HTTP_HEADERS": []any{uint64(1)}, "HTTP_QUERIES": map[string]any{"a": nil}}
	f.Fuzz(func(t *testing.T, body []byte, html bool) {
		c, keys := form, []string{"temperature", "a", "HTTP_STATUS", "HTTP_QUERY_A", "HTTP_HEADER_X"}
		if html {
			c, keys = page, []string{"//p/@id", "normalize-space(//p)", "HTTP_PATH"}
		}
		for _, extra := range []map[string]any{nil, responseMeta(), odd} {
			keyedtest.FuzzBody(t, c, body, extra, keys, func(k string) bool { return k == "temperature" || k == "//p/@id" })
		}
	})
}
