package all_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	_ "github.com/c3kit/c3kit/decode/accessor/all"
	"github.com/c3kit/c3kit/decode/accessor/keytext"
	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/keyed"
	"github.com/c3kit/c3kit/internal/testutil"
)

// keyedTargets are the targets of testdata/targets, the XML, HTML,
// Template, Form and HTTP examples of COSMOS's accessor pages completed.
var keyedTargets = []string{"XML", "HTML", "SCPI_PS", "FORM", "HTTP"}

func targetsDir() string { return filepath.Join("..", "..", "..", "testdata", "keyed-targets") }

// sample is a received record: body and meta extra.
type sample struct {
	body  string
	extra map[string]any
}

func searchPage(t *testing.T) string {
	b, err := os.ReadFile("../html/testdata/search.html")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// telemetrySamples are records as c3link would deliver them.
func telemetrySamples(t *testing.T) map[string]sample {
	return map[string]sample{
		"XML XMLTLM":      {body: `<html><head><script src="3"></script><noscript>50</noscript></head><body><img src="255"/><div><ul><li>2.5</li><li>Hello</li></ul></div><div></div></body></html>`},
		"XML CONFIG":      {body: "<?xml version=\"1.0\"?>\n<cfg:config xmlns:cfg=\"urn:c3kit:test\" opcode=\"7\" version=\"2\"><cfg:gain units=\"dB\">2.25</cfg:gain><cfg:mode>2</cfg:mode><label>x &amp; y</label><notes><![CDATA[<raw>]]></notes></cfg:config>"},
		"HTML RESPONSE":   {body: searchPage(t), extra: map[string]any{"HTTP_STATUS": uint64(200), "HTTP_HEADERS": map[string]any{"content-type": "text/html; charset=utf-8", "server": "nginx"}}},
		"HTML ERROR":      {body: "<html><head><title>\n 404  Not Found </title></head><body>gone</body></html>", extra: map[string]any{"HTTP_STATUS": uint64(404)}},
		"HTML PAGE":       {body: `<html><head><title>Status</title><meta name="packet" content="PAGE"></head><body><h1 class="ok">All good</h1><a href="/a">a</a><a href="/b">b</a></body></html>`},
		"SCPI_PS STATUS":  {body: "1.234,2.345"},
		"SCPI_PS IDN":     {body: "Keysight Technologies,E36313A,12345,2.1.0-1.0.4\n"},
		"SCPI_PS CURRENT": {body: "CURR 0.125 A, CH 2"},
		// The docs' FORMTLM KEYs look like JSONPath; FormAccessor takes a
		// KEY as the field name, so the form carries "$.id_item".
		"FORM FORMTLM":   {body: "%24.id_item=1&%24.item1=101"},
		"FORM SUBMITTED": {body: "id_item=3&user=ops+team&q=a%26b%3Dc%7Ed&rate=2.5&tag=1&tag=2&tag=3"},
		"HTTP REQUEST":   {body: "temperature=21.5", extra: map[string]any{"HTTP_METHOD": "post", "HTTP_PATH": "/webhook", "HTTP_QUERIES": map[string]any{"units": "C"}, "HTTP_HEADERS": map[string]any{"user-agent": "curl/8.5.0"}, "PEER": "127.0.0.1:40000"}},
		"HTTP XMLSTATUS": {body: `<status><value unit="mV">1250</value></status>`, extra: map[string]any{"HTTP_STATUS": uint64(200), "HTTP_REQUEST": map[string]any{"HTTP_METHOD": "get", "HTTP_PATH": "/status"}}},
	}
}

// commandValues override a parameter's default where the default cannot
// show the feature (an empty array).
var commandValues = map[string]any{"FORM SUBMIT TAGS": []any{json.Number("1"), json.Number("2")}}

// usesJSON marks packets whose accessors are the JSON and CBOR helpers'
// (decode/accessor/json, cbor): the engine tests cover them once merged.
func usesJSON(p *def.Packet) bool {
	if p.Accessor == nil {
		return false
	}
	for _, a := range append([]string{p.Accessor.Class}, p.Accessor.Args...) {
		if c := keyed.Canonical(a); c == "jsonaccessor" || c == "cboraccessor" {
			return true
		}
	}
	return false
}

// throughAccessor reports whether COSMOS reads or writes the item through
// the accessor: every item but the reserved ones and DERIVED ones, except
// the HTTP_ items the HttpAccessor maps to the meta.
func throughAccessor(p *def.Packet, it *def.Item) bool {
	if it.Reserved {
		return false
	}
	if it.DataType.String() != "DERIVED" {
		return true
	}
	return keyed.Canonical(p.Accessor.Class) == "httpaccessor" && strings.HasPrefix(it.Name, "HTTP_")
}

func compile(c keyed.Codec, it *def.Item) (keyed.Key, error) {
	if ic, ok := c.(keyed.ItemCompiler); ok {
		return ic.CompileItem(it.Name, it.Key)
	}
	key := it.Key
	if key == "" {
		key = it.Name
	}
	return c.Compile(key)
}

// defaultValue is a parameter's default in keyed value shapes, floats
// written as Ruby writes them.
func defaultValue(v def.Value) any {
	switch v.Kind {
	case def.IntValue:
		return json.Number(fmt.Sprint(v.Int))
	case def.UintValue:
		return json.Number(fmt.Sprint(v.Uint))
	case def.FloatValue:
		return json.Number(keytext.RubyFloat(v.Float))
	case def.StringValue:
		return v.Str
	case def.BytesValue:
		return []byte(v.Str)
	}
	return nil
}

func show(v any) string {
	if b, ok := v.([]byte); ok {
		return fmt.Sprintf("bytes %q", b)
	}
	var b strings.Builder
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// TestKeyedTargetsCodecsOnly loads the keyed test targets and runs every
// command and telemetry packet through its accessor codec directly: each
// command's parameters written at their defaults into its TEMPLATE, each
// telemetry packet read from a record as c3link delivers it, and read
// values written back and read again. It stands in for the engine's golden
// decode/encode tests of these targets until the engine drives the keyed
// accessors (decode/accessor/json and cbor packets are left to those).
func TestKeyedTargetsCodecsOnly(t *testing.T) {
	var paths []string
	for _, n := range keyedTargets {
		paths = append(paths, filepath.Join(targetsDir(), n))
	}
	set, err := def.Load(paths, def.Options{})
	if err != nil {
		t.Fatal(err)
	}
	samples := telemetrySamples(t)
	used := map[string]bool{}
	var out strings.Builder
	for _, name := range keyedTargets {
		tg := set.Target(name)
		for _, p := range tg.Commands {
			if usesJSON(p) {
				continue
			}
			writeCommand(t, &out, p)
		}
		for _, p := range tg.Telemetry {
			if usesJSON(p) {
				continue
			}
			id := p.Target + " " + p.Name
			s, ok := samples[id]
			if !ok {
				t.Errorf("no sample record for %s", id)
				continue
			}
			used[id] = true
			readTelemetry(t, &out, p, s)
		}
	}
	for id := range samples {
		if !used[id] {
			t.Errorf("sample %s matches no packet", id)
		}
	}
	testutil.Golden(t, "testdata/keyed_targets_codecs_only.golden", []byte(out.String()))
}

func codecOf(t *testing.T, p *def.Packet) keyed.Codec {
	t.Helper()
	c, err := keyed.Lookup(p.Accessor.Class, p.Accessor.Args, p.Template)
	if err != nil {
		t.Fatalf("%s:%d: %s %s: %v", p.File, p.Line, p.Target, p.Name, err)
	}
	return c
}

func writeCommand(t *testing.T, out *strings.Builder, p *def.Packet) {
	c := codecOf(t, p)
	start := p.Template
	if start == nil {
		var err error
		if start, err = c.Template(); err != nil {
			t.Fatalf("%s %s: %v", p.Target, p.Name, err)
		}
	}
	d, err := c.Parse(start, nil)
	if err != nil {
		t.Fatalf("%s %s: template: %v", p.Target, p.Name, err)
	}
	for _, it := range p.Items {
		if !throughAccessor(p, it) {
			continue
		}
		k, err := compile(c, it)
		if err != nil {
			t.Fatalf("%s %s %s: %v", p.Target, p.Name, it.Name, err)
		}
		v, ok := commandValues[p.Target+" "+p.Name+" "+it.Name]
		if !ok {
			v = defaultValue(it.Default)
		}
		if err := d.Set(k, v); err != nil {
			t.Errorf("%s %s %s = %v: %v", p.Target, p.Name, it.Name, v, err)
		}
	}
	extra := map[string]any{}
	b, err := d.Bytes(extra)
	if err != nil {
		t.Fatalf("%s %s: %v", p.Target, p.Name, err)
	}
	fmt.Fprintf(out, "COMMAND %s %s (%s)\n  data: %q\n", p.Target, p.Name, c.Name(), b)
	if len(extra) > 0 {
		fmt.Fprintf(out, "  extra: %s\n", show(extra))
	}
}

func readTelemetry(t *testing.T, out *strings.Builder, p *def.Packet, s sample) {
	c := codecOf(t, p)
	d, err := c.Parse([]byte(s.body), s.extra)
	if err != nil {
		t.Fatalf("%s %s: %v", p.Target, p.Name, err)
	}
	fmt.Fprintf(out, "TELEMETRY %s %s (%s)\n", p.Target, p.Name, c.Name())
	read := map[string]any{}
	var names []string
	for _, it := range p.Items {
		if !throughAccessor(p, it) {
			continue
		}
		k, err := compile(c, it)
		if err != nil {
			t.Fatalf("%s %s %s: %v", p.Target, p.Name, it.Name, err)
		}
		v, err := d.Get(k)
		if err != nil {
			fmt.Fprintf(out, "  %s: error: %v\n", it.Name, err)
			continue
		}
		fmt.Fprintf(out, "  %s = %s\n", it.Name, show(v))
		read[it.Name] = v
		names = append(names, it.Name)
	}
	if p.Template == nil {
		return
	}
	// Round trip: the values read, written into the TEMPLATE, read again.
	w, err := c.Parse(p.Template, nil)
	if err != nil {
		t.Fatalf("%s %s: template: %v", p.Target, p.Name, err)
	}
	sort.Strings(names)
	written := names[:0]
	for _, n := range names {
		k, _ := compile(c, p.Item(n))
		err := w.Set(k, read[n])
		if err != nil && strings.Contains(err.Error(), "function result cannot be written") {
			continue // count(//a) and friends are read-only
		}
		if err != nil {
			t.Errorf("%s %s %s: write back: %v", p.Target, p.Name, n, err)
		}
		written = append(written, n)
	}
	names = written
	extra := map[string]any{}
	b, err := w.Bytes(extra)
	if err != nil {
		t.Fatal(err)
	}
	back, err := c.Parse(b, extra)
	if err != nil {
		t.Fatalf("%s %s: written %q does not parse: %v", p.Target, p.Name, b, err)
	}
	for _, n := range names {
		k, _ := compile(c, p.Item(n))
		v, err := back.Get(k)
		if err != nil || show(v) != show(read[n]) {
			t.Errorf("%s %s %s: round trip gave %s, %v; want %s", p.Target, p.Name, n, show(v), err, show(read[n]))
		}
	}
}
