package stream

import (
	"bufio"
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
	"github.com/google/go-cmp/cmp"
)

// recordsOf writes one record per body with the given extra meta.
func recordsOf(t *testing.T, recs ...rec) []byte {
	var out bytes.Buffer
	w := record.NewWriter(&out)
	for _, r := range recs {
		var m record.Meta
		if r.extra != nil {
			m = record.Meta{record.KeyExtra: r.extra}
		}
		if r.packet != "" {
			if m == nil {
				m = record.Meta{}
			}
			m[record.KeyTarget], m[record.KeyPacket] = "TOL", r.packet
		}
		if err := w.Write(m, []byte(r.body)); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return out.Bytes()
}

type rec = struct {
	extra  map[string]any
	body   string
	packet string // preidentified as TOL packet
}

func decodeAll(t *testing.T, set *def.Set, in []byte, items []string) (string, []string, error) {
	var reports, warnings []string
	cfg := DecodeConfig{Set: set, Engine: engine.Options{Set: set, Items: items, Unusable: func(m string) { warnings = append(warnings, "warning: "+m) }},
		Report: func(m string) { reports = append(reports, m) }}
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	_, err := Decode(record.NewReader(bytes.NewReader(in)), w, cfg)
	w.Flush()
	return out.String(), append(warnings, reports...), err
}

// TestTopics: a record carrying extra.TOPIC is the telemetry packet whose
// META TOPIC or META TOPICS names it, as COSMOS's MQTT interface reads
// them, whatever its bytes; other records are identified from their bytes.
func TestTopics(t *testing.T) {
	set := testtargets.Load(t, "INST2")
	in := recordsOf(t,
		rec{map[string]any{"TOPIC": "inst2/tlm/json"}, `{"item1":3}`, ""},
		rec{map[string]any{"TOPIC": "inst2/tlm/cbor2"}, "\xa1\x65item1\x04", ""},
		rec{map[string]any{"TOPIC": "elsewhere"}, `{"id_item":2,"item1":5}`, ""},
		rec{nil, `{"id_item":3}`, ""},
	)
	out, _, err := decodeAll(t, set, in, []string{"ITEM1"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"target":"INST2","packet":"JSONTLM","extra":{"TOPIC":"inst2/tlm/json"},"items":{"ITEM1":6}}
{"target":"INST2","packet":"CBORTLM","extra":{"TOPIC":"inst2/tlm/cbor2"},"items":{"ITEM1":4}}
{"target":"INST2","packet":"JSONTLM","extra":{"TOPIC":"elsewhere"},"items":{"ITEM1":10}}
{"target":"UNKNOWN","packet":"UNKNOWN","length":13}
`
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("-want +got\n%s", diff)
	}
}

// TestEncodeTopic: c3encode copies a command's META TOPIC into the
// record's extra.TOPIC (c3link mqtt publishes there); a TOPIC the request
// gives wins.
func TestEncodeTopic(t *testing.T) {
	set := testtargets.Load(t, "INST2")
	b := encodeRecords(t, set, def.Command, "INST2 JSONCMD\n"+`{"target":"INST2","packet":"CBORCMD","extra":{"TOPIC":"mine","X":1}}`+"\nINST2 COLLECT with TYPE 0\n")
	r := record.NewReader(bytes.NewReader(b))
	var got []any
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		got = append(got, rec.Meta.Extra()["TOPIC"])
	}
	if diff := cmp.Diff([]any{"inst2/cmd/json", "mine", nil}, got); diff != "" {
		t.Errorf("-want +got\n%s", diff)
	}
}

// TestTolerance: packets that use a class from lib/ (accessor or
// conversion) or a keyword outside the documented language do not stop
// the target from loading: one warning each naming file:line, their
// records rejected one line each, the others decoded; the end of the
// stream says records were rejected.
func TestTolerance(t *testing.T) {
	set, err := def.Load([]string{"testdata/tolerant/TOL"}, def.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := recordsOf(t,
		rec{nil, "\x01\x00\x07", ""}, rec{nil, "\x02\x00\x07", ""}, rec{nil, "\x03\x00\x07", ""},
		rec{nil, "\x04\x00\x07", ""}, rec{nil, `{"id":5,"value":9}`, ""}, rec{nil, "\x01\x00\x08", ""},
		rec{nil, "\x02\x00\x07", "CUSTOM_ACCESSOR"},
	)
	out, msgs, err := decodeAll(t, set, in, []string{"VALUE"})
	var rej *RejectedError
	if !errors.As(err, &rej) || rej.N != 3 {
		t.Errorf("err %v, want 3 records rejected", err)
	}
	// record 2 cannot even be identified without the custom accessor
	want := `{"target":"TOL","packet":"GOOD","items":{"VALUE":7}}
{"target":"UNKNOWN","packet":"UNKNOWN","length":3}
{"target":"TOL","packet":"JSON","items":{"VALUE":9}}
{"target":"TOL","packet":"GOOD","items":{"VALUE":8}}
`
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("-want +got\n%s", diff)
	}
	wantMsgs := []string{
		"warning: TOL CUSTOM_ACCESSOR cannot be used: testdata/tolerant/TOL/cmd_tlm/tol_tlm.txt:8: ACCESSOR: accessor my_accessor.rb is not one c3kit has (known: CborAccessor, FormAccessor, GemsAccessor, HtmlAccessor, HttpAccessor, JsonAccessor, TemplateAccessor, XmlAccessor)",
		"warning: TOL CUSTOM_CONVERSION cannot be used: testdata/tolerant/TOL/cmd_tlm/tol_tlm.txt:15: VALUE: ",
		"warning: TOL PLUGIN_KEYWORD cannot be used: testdata/tolerant/TOL/cmd_tlm/tol_tlm.txt:19: MY_PLUGIN_KEYWORD: outside the documented definition language",
		"record 3 rejected: TOL CUSTOM_CONVERSION cannot be used: ",
		"record 4 rejected: TOL PLUGIN_KEYWORD cannot be used: ",
		"record 7 rejected: TOL CUSTOM_ACCESSOR cannot be used: testdata/tolerant/TOL/cmd_tlm/tol_tlm.txt:8: ACCESSOR: ",
	}
	if len(msgs) != len(wantMsgs) {
		t.Fatalf("messages:\n%s", strings.Join(msgs, "\n"))
	}
	for i, w := range wantMsgs {
		if !strings.HasPrefix(msgs[i], w) {
			t.Errorf("message %d:\n got  %s\n want %s...", i, msgs[i], w)
		}
	}
}
