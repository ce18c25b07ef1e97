package engine

import (
	"bytes"
	"fmt"
	"testing"
)

// jsonLines are JSON lines for the fast path and around its edges: each
// must parse as ParseJSONRequest (encoding/json) parses it, or fail the same
// way.
var jsonLines = []string{
	`{"target":"INST","packet":"CMD","items":{"A":1,"B":-2.5e3,"C":"text","D":[1,2,[3]],"E":{"hex":"00ff"},"F":null,"G":true,"H":false}}`,
	`{"target":"INST","packet":"CMD","time":"2026-11-21T08:41:41.01Z","stored":true,"items":{}}`,
	`  {"packet":"CMD" , "target":"INST"}  `,
	`{"target":"INST","packet":"CMD","items":{"A":01}}`,
	`{"target":"INST","packet":"CMD","items":{"A":1.}}`,
	`{"target":"INST","packet":"CMD","items":{"A":-0}}`,
	`{"target":"INST","packet":"CMD","items":{"A":-0.0,"B":1e400,"C":123456789012345678901234}}`,
	`{"target":"INST","packet":"CMD","items":{"A":"a\"b","B\n":1}}`,
	`{"target":"INST","packet":"CMD","items":{"A":{"hex":"0g"}}}`,
	`{"target":"INST","packet":"CMD","items":{"A":{"hex":"abc"}}}`,
	`{"target":"INST","packet":"CMD","items":{"A":{"x":1}}}`,
	`{"target":"INST","packet":"CMD","items":{"A":1,}}`,
	`{"target":"INST","packet":"CMD","items":{"A":1}} x`,
	`{"target":"INST","packet":"CMD","target":"X"}`,
	`{"target":"","packet":"CMD"}`,
	`{"target":"INSTé","packet":"CMD"}`,
	`{"target":"INST","packet":"CMD","time":"1969-12-31T23:59:59Z"}`,
	`{"target":"INST","packet":"CMD","time":"yesterday"}`,
	`{"target":"INST","packet":"CMD","extra":{"K":1}}`,
	`{"target":"INST","packet":"COLLECT","extra":{"RESPONSE":"INST HEALTH_STATUS"},"items":{"TYPE":"NORMAL","DURATION":1.5}}`,
	`{"target":"INST","packet":"CMD","extra":{}}`,
	`{"target":"INST","packet":"CMD","extra":{"A":"x","B":"y z"}}`,
	`{"target":"INST","packet":"CMD","extra":{"A":"x","A":"y"}}`,
	`{"target":"INST","packet":"CMD","extra":{"A":"x","B":{"hex":"00"}}}`,
	`{"target":"INST","packet":"CMD","extra":{"A":"é"}}`,
	`{"target":"INST","packet":"CMD","extra":{"A":"a\"b"}}`,
	`{"target":"INST","packet":"CMD","extra":null}`,
	`{"target":"INST","packet":"CMD","extra":{"A":"x"},"extra":{"B":"y"}}`,
	`{"target":"INST","packet":"CMD","items":null}`,
	`{"target":"INST","packet":"CMD","items":{"A":[]}}`,
	`{"target":"INST","packet":"CMD","items":{"A":tru}}`,
	`{"target":"INST","packet":"CMD","stored":1}`,
	`{}`,
	`{`,
}

// sameAsSlow parses line both ways and says how they differ, if they do.
func sameAsSlow(line []byte) string {
	var r Request
	ferr := r.Parse(line)
	slow, serr := ParseJSONRequest(bytes.TrimSpace(line))
	if (ferr == nil) != (serr == nil) || ferr != nil && ferr.Error() != serr.Error() {
		return fmt.Sprintf("error %v, want %v", ferr, serr)
	}
	if ferr != nil {
		return ""
	}
	got := fmt.Sprintf("%s %s %v %v %#v", r.Target, r.Packet, r.Meta, r.HexBlocks, r.Values)
	want := fmt.Sprintf("%s %s %v %v %#v", slow.Target, slow.Packet, slow.Meta, slow.HexBlocks, slow.Values)
	if len(r.Values) == 0 && len(slow.Values) == 0 { // nil or empty: the same to the encoder
		got = fmt.Sprintf("%s %s %v %v", r.Target, r.Packet, r.Meta, r.HexBlocks)
		want = fmt.Sprintf("%s %s %v %v", slow.Target, slow.Packet, slow.Meta, slow.HexBlocks)
	}
	if got != want {
		return fmt.Sprintf("got %s\nwant %s", got, want)
	}
	return ""
}

func TestParseJSONFastSameAsSlow(t *testing.T) {
	var reused Request
	for _, l := range jsonLines {
		if d := sameAsSlow([]byte(l)); d != "" {
			t.Errorf("%s: %s", l, d)
		}
		_ = reused.Parse([]byte(l)) // reuse across lines must not leak into the next
	}
}

func FuzzParseJSONFast(f *testing.F) {
	for _, l := range jsonLines {
		f.Add([]byte(l))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if line = bytes.TrimSpace(line); len(line) == 0 || line[0] != '{' {
			return
		}
		if d := sameAsSlow(line); d != "" {
			t.Errorf("%q: %s", line, d)
		}
	})
}

// TestParseJSONFastExtraOutlivesLine: the extra meta a line gives (cloned by
// c3encode into the record's meta, which is written after the next line is
// parsed) keeps its text when the next line overwrites the Request's copy.
func TestParseJSONFastExtraOutlivesLine(t *testing.T) {
	var r Request
	if err := r.Parse([]byte(`{"target":"INST","packet":"A","extra":{"RESPONSE":"INST HEALTH_STATUS"}}`)); err != nil {
		t.Fatal(err)
	}
	kept := map[string]any{}
	for k, v := range r.Meta.Extra() {
		kept[k] = v
	}
	if err := r.Parse([]byte(`{"target":"INST","packet":"B","extra":{"RESPONSE":"XXXX YYYYYYYYYYYYY"}}`)); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(kept); got != "map[RESPONSE:INST HEALTH_STATUS]" {
		t.Fatalf("extra of the first line after the second: %s", got)
	}
	if got := fmt.Sprint(r.Meta.Extra()); got != "map[RESPONSE:XXXX YYYYYYYYYYYYY]" {
		t.Fatalf("extra of the second line: %s", got)
	}
}
