package engine

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
)

// encodeDecode builds the command string line as cmd, checks its bytes
// against wantHex, then decodes them as tlm and checks the decoded items
// object starts with wantItems ("" skips that check).
func encodeDecode(t *testing.T, enc *Encoder, dec *Decoder, cmd, tlm *def.Packet, line, wantHex, wantItems string) {
	t.Helper()
	r, err := ParseCommandString(line)
	if err != nil {
		t.Fatal(err)
	}
	b, err := enc.Encode(nil, cmd, r.Values)
	if err != nil {
		t.Errorf("%s: %v", line, err)
		return
	}
	b = bytes.Clone(b)
	if got := hex.EncodeToString(b); got != wantHex {
		t.Errorf("%s: got %s want %s", line, got, wantHex)
	}
	out, err := dec.Decode(nil, tlm, &record.Record{Data: b})
	if err != nil {
		t.Errorf("%s: decode: %v", line, err)
	}
	if wantItems != "" && !bytes.Contains(out, []byte(`"items":`+wantItems)) {
		t.Errorf("%s: decoded %s, want items %s", line, out, wantItems)
	}
}

// TestVariableBitSize: STRING, BLOCK and array items sized by length
// items (with bits per count and a value offset), several in one packet,
// items after them moving, encode and decode agreeing.
func TestVariableBitSize(t *testing.T) {
	set, err := def.LoadText("v.txt", `
COMMAND V CMD BIG_ENDIAN "variable items"
  APPEND_ID_PARAMETER OP 8 UINT 7 7 7 "op"
  APPEND_PARAMETER NAMELEN 8 UINT MIN MAX 0 "bytes in NAME"
  APPEND_PARAMETER NAME 0 STRING "" "name"
    VARIABLE_BIT_SIZE NAMELEN
  APPEND_PARAMETER WORDS 8 UINT MIN MAX 0 "16-bit words in DATA"
  APPEND_ARRAY_PARAMETER DATA 16 UINT 0 "words"
    VARIABLE_BIT_SIZE WORDS 16
  APPEND_PARAMETER TAIL 16 UINT MIN MAX 0xBEEF "after both"
TELEMETRY V TLM BIG_ENDIAN "same layout"
  APPEND_ID_ITEM OP 8 UINT 7 "op"
  APPEND_ITEM NAMELEN 8 UINT "bytes in NAME"
  APPEND_ITEM NAME 0 STRING "name"
    VARIABLE_BIT_SIZE NAMELEN
  APPEND_ITEM WORDS 8 UINT "16-bit words in DATA"
  APPEND_ARRAY_ITEM DATA 16 UINT 0 "words"
    VARIABLE_BIT_SIZE WORDS 16
  APPEND_ITEM TAIL 16 UINT "after both"
`, def.Options{Target: "V"})
	if err != nil {
		t.Fatal(err)
	}
	cmd := set.Packet("V", "CMD", def.Command)
	tlm := set.Packet("V", "TLM", def.Telemetry)
	enc := NewEncoder(EncodeOptions{Set: set})
	dec := NewDecoder(Options{Set: set, Items: []string{"NAMELEN", "NAME", "WORDS", "DATA", "TAIL"}})
	cases := []struct {
		line, hex, json string
	}{
		// WORDS counts 16-bit words (bits per count 16).
		{"V CMD", "070000beef", `{"NAMELEN":0,"NAME":"","WORDS":0,"DATA":[],"TAIL":48879}`},
		{"V CMD with NAME 'abc', DATA [1, 2, 3], TAIL 5", "0703616263" + "03000100020003" + "0005", `{"NAMELEN":3,"NAME":"abc","WORDS":3,"DATA":[1,2,3],"TAIL":5}`},
		{"V CMD with DATA [9], NAME 'xy'", "07027879" + "010009" + "beef", `{"NAMELEN":2,"NAME":"xy","WORDS":1,"DATA":[9],"TAIL":48879}`},
	}
	for _, c := range cases {
		encodeDecode(t, enc, dec, cmd, tlm, c.line, c.hex, c.json)
	}
}

// TestQuic: a variable-sized UINT/INT takes COSMOS's QUIC sizes (2-bit
// length code, 6/14/30/62 value bits) and moves the items after it.
func TestQuic(t *testing.T) {
	set, err := def.LoadText("q.txt", `
TELEMETRY Q P BIG_ENDIAN "QUIC integers"
  APPEND_ID_ITEM ID 8 UINT 1 "id"
  APPEND_ITEM LEN 2 UINT "size code"
  APPEND_ITEM VAL 6 UINT "QUIC value"
    VARIABLE_BIT_SIZE LEN
  APPEND_ITEM SLEN 2 UINT "size code"
  APPEND_ITEM SVAL 6 INT "QUIC signed value"
    VARIABLE_BIT_SIZE SLEN
  APPEND_ITEM TAIL 8 UINT "after"
`, def.Options{Target: "Q"})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Packet("Q", "P", def.Telemetry)
	enc := NewEncoder(EncodeOptions{Set: set})
	dec := NewDecoder(Options{Set: set, Items: []string{"LEN", "VAL", "SLEN", "SVAL", "TAIL"}})
	for _, c := range []struct{ line, hex, items string }{
		{"Q P with VAL 5, SVAL -3, TAIL 9", "01053d09", `{"LEN":0,"VAL":5,"SLEN":0,"SVAL":-3,"TAIL":9}`},
		{"Q P with VAL 300, SVAL 1000, TAIL 9", "01412c43e809", `{"LEN":1,"VAL":300,"SLEN":1,"SVAL":1000,"TAIL":9}`},
		{"Q P with VAL 1073741823, TAIL 7", "01bfffffff0007", `{"LEN":2,"VAL":1073741823,"SLEN":0,"SVAL":0,"TAIL":7}`},
	} {
		encodeDecode(t, enc, dec, p, p, c.line, c.hex, c.items)
	}
}
