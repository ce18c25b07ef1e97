package engine

import (
	"bytes"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
)

// The encoder refuses packets past its record cap even when the
// definitions were loaded with a larger one, and quotes at most 80 bytes
// of a refused value (issue 7, faults 1 and 8).
func TestEncodeRecordCap(t *testing.T) {
	const text = `COMMAND TGT BIG BIG_ENDIAN "past a small cap"
  PARAMETER X 1024 8 UINT 0 255 0
COMMAND TGT FILL BIG_ENDIAN "grows with its value"
  APPEND_PARAMETER OP 8 UINT 0 255 1
  APPEND_PARAMETER DATA 0 BLOCK ""
COMMAND TGT STR BIG_ENDIAN "a fixed string"
  APPEND_PARAMETER S 64 STRING ""
`
	set, err := def.LoadText("t.txt", text, def.Options{Target: "TGT", MaxRecord: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("Z", 1<<20)
	tests := []struct {
		name, pkt string
		given     []Given
		want      string
	}{
		{"defined length", "BIG", nil, "TGT BIG: the packet would be 129 bytes, past the 128-byte record cap (raise it with --max-record)"},
		{"grown by a value", "FILL", []Given{{Name: "DATA", Value: Value{K: Bytes, B: make([]byte, 200)}}},
			"TGT FILL: the packet would be 201 bytes, past the 128-byte record cap (raise it with --max-record)"},
		{"fits", "FILL", []Given{{Name: "DATA", Value: Value{K: Bytes, B: make([]byte, 127)}}}, ""},
		{"long value quoted short", "STR", []Given{{Name: "S", Value: Value{K: String, B: []byte(huge)}}},
			"TGT STR S: value " + strings.Repeat("Z", 80) + "... (1048576 bytes) does not fit"},
		{"long number quoted short", "FILL", []Given{{Name: "OP", Value: NameVal(huge)}},
			`TGT FILL OP: "` + strings.Repeat("Z", 80) + `"... (1048576 bytes) is not a number`},
		{"long name quoted short", "STR", []Given{{Name: huge, Value: IntVal(1)}},
			"packet item 'TGT STR " + strings.Repeat("Z", 80) + "... (1048576 bytes)' does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEncoder(EncodeOptions{Set: set, MaxRecord: 128})
			out, err := e.Encode(nil, set.Packet("TGT", tt.pkt, def.Command), tt.given)
			if tt.want == "" {
				if err != nil || len(out) != 128 || !bytes.Equal(out[:1], []byte{1}) {
					t.Fatalf("got % x, %v", out, err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("got %v\nwant %s", err, tt.want)
			}
			if len(err.Error()) > 300 {
				t.Fatalf("message of %d bytes", len(err.Error()))
			}
		})
	}
}
