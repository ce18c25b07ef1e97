package engine

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
)

// keyedTargets are the targets of the key-based accessor tests (INST2
// mixes binary CCSDS packets with JSON and CBOR ones).
var keyedTargets = []string{"CBOR", "FORM", "HTML", "HTTP", "INST2", "JSON", "SCPI_PS", "XML"}

// keyedCase is one line of testdata/keyed_cases.txt.
type keyedCase struct {
	kind string // cmd, tlm, json, cbor, hex
	text string
}

func keyedCases(t *testing.T) []keyedCase {
	var out []keyedCase
	for _, l := range caseLines(t, "testdata/keyed_cases.txt") {
		k, rest, _ := strings.Cut(l, " ")
		out = append(out, keyedCase{k, rest})
	}
	return out
}

func parseAnyRequest(s string) (*Request, error) {
	if strings.HasPrefix(s, "{") {
		return ParseJSONRequest([]byte(s))
	}
	return ParseCommandString(s)
}

// body is the record bytes of a json/cbor/hex case.
func (c keyedCase) body(t *testing.T) []byte {
	if c.kind == "json" {
		return []byte(c.text)
	}
	b, err := hex.DecodeString(c.text)
	if err != nil {
		t.Fatalf("%s: %v", c.text, err)
	}
	return b
}

func showBytes(b []byte) string {
	if len(b) > 0 && (b[0] == '{' || b[0] == '[') {
		return "text: " + string(b)
	}
	return "hex: " + hex.EncodeToString(b)
}

// TestGoldenKeyed builds every cmd/tlm case (the bytes are golden), then
// identifies the bytes without meta as c3decode does and decodes them in
// every mode; body cases are identified and decoded the same way. Errors
// (refused values, bad bodies, keys that do not resolve) are part of the
// golden output.
func TestGoldenKeyed(t *testing.T) {
	set := testtargets.Load(t, keyedTargets...)
	enc := NewEncoder(EncodeOptions{Set: set})
	modes := []struct {
		name string
		opts Options
	}{
		{"converted", Options{Set: set, Limits: true, All: true}},
		{"raw", Options{Set: set, Mode: Raw}},
		{"formatted", Options{Set: set, Mode: Formatted}},
	}
	decs := map[def.Kind][]*Decoder{}
	for _, k := range []def.Kind{def.Command, def.Telemetry} {
		for _, m := range modes {
			decs[k] = append(decs[k], NewDecoder(m.opts))
		}
	}
	var out bytes.Buffer
	for _, c := range keyedCases(t) {
		fmt.Fprintf(&out, "> %s %s\n", c.kind, c.text)
		kind := def.Telemetry
		var data []byte
		switch c.kind {
		case "cmd", "tlm":
			if c.kind == "cmd" {
				kind = def.Command
			}
			req, err := parseAnyRequest(c.text)
			if err != nil {
				t.Fatalf("%s: %v", c.text, err)
			}
			p := set.Packet(req.Target, req.Packet, kind)
			if p == nil {
				t.Fatalf("%s: no such packet", c.text)
			}
			extra := map[string]any{}
			if data, err = enc.EncodeExtra(nil, p, req.Values, extra); err != nil {
				fmt.Fprintf(&out, "error: %v\n\n", err)
				continue
			}
			data = bytes.Clone(data)
			fmt.Fprintf(&out, "%s\n", showBytes(data))
			if len(extra) > 0 {
				fmt.Fprintf(&out, "extra: %v\n", extra)
			}
		default:
			data = c.body(t)
		}
		p, ok := set.Identify(data, kind)
		if !ok {
			fmt.Fprintf(&out, "identified: UNKNOWN\n\n")
			continue
		}
		fmt.Fprintf(&out, "identified: %s %s\n", p.Target, p.Name)
		meta := record.Meta{}
		meta.SetTime(goldenTime)
		for i, m := range modes {
			line, err := decs[kind][i].Decode(nil, p, &record.Record{Meta: meta, Data: data})
			fmt.Fprintf(&out, "%s: %s", m.name, line)
			if err != nil {
				fmt.Fprintf(&out, "%s error: %v\n", m.name, err)
			}
		}
		out.WriteByte('\n')
	}
	testutil.Golden(t, "testdata/keyed.golden", out.Bytes())
}

// TestRoundTripKeyed is c3decode --raw --all | c3encode --raw over the
// key-based cases: the JSON form rebuilds a packet that decodes to the
// same values, for JSON, CBOR and the binary packets beside them. (Bytes
// may differ in the order of members the TEMPLATE lacks: the rebuild
// writes them in definition order, the original in the order given, as
// COSMOS's build_cmd would.)
func TestRoundTripKeyed(t *testing.T) {
	set := testtargets.Load(t, keyedTargets...)
	n := 0
	for _, c := range keyedCases(t) {
		if c.kind != "cmd" && c.kind != "tlm" {
			continue
		}
		kind := def.Telemetry
		if c.kind == "cmd" {
			kind = def.Command
		}
		req, _ := parseAnyRequest(c.text)
		if !roundTripTargets[strings.ToUpper(req.Target)] {
			continue
		}
		p := set.Packet(req.Target, req.Packet, kind)
		want, err := NewEncoder(EncodeOptions{Set: set}).Encode(nil, p, req.Values)
		if err != nil {
			continue // an error case
		}
		want = bytes.Clone(want)
		js, err := NewDecoder(Options{Set: set, Mode: Raw, All: true}).Decode(nil, p, &record.Record{Data: want})
		var ie *ItemError
		if err != nil && !errors.As(err, &ie) {
			t.Errorf("%s: decode: %v", c.text, err)
			continue
		}
		back, err := ParseJSONRequest(js)
		if err != nil {
			t.Errorf("%s: %s: %v", c.text, js, err)
			continue
		}
		back.Values = dropNulls(back.Values) // keys the document lacks stay absent
		back.Values = dropReadOnly(p, back.Values)
		got, err := NewEncoder(EncodeOptions{Set: set, Raw: true}).Encode(nil, p, back.Values)
		if err != nil {
			t.Errorf("%s: re-encode %s: %v", c.text, js, err)
			continue
		}
		js2, _ := NewDecoder(Options{Set: set, Mode: Raw, All: true}).Decode(nil, p, &record.Record{Data: got})
		if !bytes.Equal(js, js2) {
			t.Errorf("%s:\n want %s\n got  %s\n (bytes %s)", c.text, js, js2, showBytes(got))
		}
		if !p.KeyedAccessor() && !bytes.Equal(got, want) {
			t.Errorf("%s: binary bytes differ:\n want %s\n got  %s", c.text, showBytes(want), showBytes(got))
		}
		n++
	}
	if n < 15 {
		t.Errorf("only %d cases round-tripped", n)
	}
}

func dropNulls(g []Given) []Given {
	out := g[:0]
	for _, x := range g {
		if x.Value.K != Null {
			out = append(out, x)
		}
	}
	return out
}

// TestBigFormatted: integers beyond 64 bits format with FORMAT_STRING
// verbs and name their kind in messages like any Integer.
func TestBigFormatted(t *testing.T) {
	v := Value{K: Big, S: "73786976294838206463"}
	for _, c := range []struct{ f, want string }{{"%d", "73786976294838206463"}, {"0x%X", "0x3FFFFFFFFFFFFFFFF"}, {"%s", "73786976294838206463"}} {
		got, err := appendPrintf(nil, c.f, &v)
		if err != nil || string(got) != c.want {
			t.Errorf("%s: %s %v", c.f, got, err)
		}
	}
	if kindName(Big) != "Integer" {
		t.Error(kindName(Big))
	}
}

// TestBigArray: an array of 72-bit UINTs in a binary packet reads and
// writes exactly.
func TestBigArray(t *testing.T) {
	set, err := def.LoadText("x.txt", `COMMAND X C BIG_ENDIAN
  APPEND_ARRAY_PARAMETER A 72 UINT 144 ""
  APPEND_PARAMETER B 8 UINT MIN MAX 5 ""
`, def.Options{Target: "X"})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Packet("X", "C", def.Command)
	req, _ := ParseCommandString("X C with A [4722366482869645213695, 1]")
	b, err := NewEncoder(EncodeOptions{Set: set}).Encode(nil, p, req.Values)
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(b); got != "ffffffffffffffffff00000000000000000105" {
		t.Errorf("bytes %s", got)
	}
	line, err := NewDecoder(Options{Set: set, Items: []string{"A", "B"}}).Decode(nil, p, &record.Record{Data: b})
	if err != nil || !strings.Contains(string(line), `"items":{"A":[4722366482869645213695,1],"B":5}`) {
		t.Errorf("%s %v", line, err)
	}
}

// dropReadOnly leaves out items whose KEY is an XPath function (count(...),
// normalize-space(...)): their values are computed, never written back.
func dropReadOnly(p *def.Packet, vals []Given) []Given {
	out := vals[:0]
	for _, g := range vals {
		if it := p.Item(g.Name); it != nil && strings.Contains(it.Key, "(") {
			continue
		}
		out = append(out, g)
	}
	return out
}

// roundTripTargets are the targets whose decoded raw values re-encode to
// the same document. The XML and HTML targets do not yet: a raw re-encode
// of their decoded values leaves some template text in place (a known gap,
// docs/c3decode-guide.md, "What is supported").
var roundTripTargets = map[string]bool{"CBOR": true, "INST2": true, "JSON": true, "FORM": true, "HTTP": true, "SCPI_PS": true}
