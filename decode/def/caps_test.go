package def

import (
	"strings"
	"testing"
)

// Sizes and offsets past the record cap are refused where they are
// written, before anything could allocate them (issue 7, fault 1).
func TestRecordCap(t *testing.T) {
	tests := []struct {
		name string
		text string
		max  int
		want string // "" when it loads
	}{
		{"huge array", cmdHead + `ARRAY_PARAMETER X 8 8 UINT 999999999999 ""`, 0,
			"t.txt:2: ARRAY_PARAMETER: X: array bit size 999999999999 is past the 67108864-byte record cap (raise it with --max-record)"},
		{"huge block", cmdHead + `PARAMETER X 8 99999999999999 BLOCK ""`, 0,
			"t.txt:2: PARAMETER: X: bit size 99999999999999 is past the 67108864-byte record cap (raise it with --max-record)"},
		{"huge offset", cmdHead + `PARAMETER X 8000000000000 8 UINT 0 255 0`, 0,
			"t.txt:2: PARAMETER: X: bit offset 8000000000000 is past the 67108864-byte record cap (raise it with --max-record)"},
		{"huge negative offset", tlmHead + `ITEM X -8000000000000 8 UINT`, 0,
			"t.txt:2: ITEM: X: bit offset -8000000000000 is past the 67108864-byte record cap (raise it with --max-record)"},
		{"appends past the cap", cmdHead + "APPEND_PARAMETER X 536870904 BLOCK \"\"\nAPPEND_PARAMETER Y 16 BLOCK \"\"", 0,
			"t.txt:3: APPEND_PARAMETER: Y: packet TGT CMD would be 67108865 bytes, past the 67108864-byte record cap (raise it with --max-record)"},
		{"exactly the cap", cmdHead + "APPEND_PARAMETER X 536870912 BLOCK \"\"", 0, ""},
		{"a smaller cap", tlmHead + "ITEM X 8 1024 BLOCK", 128,
			"t.txt:2: ITEM: X: packet TGT PKT would be 129 bytes, past the 128-byte record cap (raise it with --max-record)"},
		{"structure past the cap", tlmHead + "ITEM A 0 8 UINT\nTELEMETRY TGT P2 BIG_ENDIAN\nSTRUCTURE S 9999999999 8 TLM TGT PKT", 0,
			"t.txt:4: STRUCTURE: S: bit offset 9999999999 is past the 67108864-byte record cap (raise it with --max-record)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadText("t.txt", tt.text, Options{Target: "TGT", MaxRecord: tt.max})
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got %v\nwant %s", err, tt.want)
			}
			if !strings.Contains(err.Error(), ":") {
				t.Fatal("not located")
			}
		})
	}
}

// A line that is not UTF-8 is a located error (issue 8, item 4).
func TestNotUTF8(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"latin-1 description", cmdHead + "PARAMETER P 0 8 UINT 0 1 0 \"Temp \xb0C\"", "t.txt:2: not UTF-8 (byte 0xb0 at column 34); COSMOS reads definitions as UTF-8: convert the file, e.g. iconv -f latin1 -t utf-8"},
		{"first line", "\xffTELEMETRY TGT PKT BIG_ENDIAN", "t.txt:1: not UTF-8 (byte 0xff at column 1); COSMOS reads definitions as UTF-8: convert the file, e.g. iconv -f latin1 -t utf-8"},
		{"UTF-8 is fine", cmdHead + "PARAMETER P 0 8 UINT 0 1 0 \"Temp °C\"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadText("t.txt", tt.text, Options{Target: "TGT"})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRecordCapVariableBitSize(t *testing.T) {
	text := tlmHead + "APPEND_ITEM LEN 8 UINT\nAPPEND_ARRAY_ITEM A 8 UINT 0\n VARIABLE_BIT_SIZE LEN 8 99999999999"
	_, err := LoadText("t.txt", text, Options{Target: "TGT"})
	want := "t.txt:4: VARIABLE_BIT_SIZE: A: array bit size 99999999999 is past the 67108864-byte record cap (raise it with --max-record)"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}
