package def

import (
	"errors"
	"strings"
	"testing"
)

// Every error names file:line and the keyword (or ERB).
func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // "t.txt:LINE: KEYWORD: message start"
	}{
		{"unknown keyword outside a packet", "FOO BAR", "t.txt:1: FOO: unknown keyword 'FOO'"},
		{"no current packet", "ITEM A 0 8 UINT", "t.txt:1: ITEM: no current packet for ITEM"},
		{"no current item", tlmHead + "STATE A 1", "t.txt:2: STATE: no current item for STATE"},
		{"too few", tlmHead + "ITEM A 0 8", "t.txt:2: ITEM: not enough parameters"},
		{"too many", tlmHead + "ITEM A 0 8 UINT d BIG_ENDIAN x", "t.txt:2: ITEM: too many parameters"},
		{"packet params", "TELEMETRY TGT", "t.txt:1: TELEMETRY: not enough parameters"},
		{"bad endianness", "TELEMETRY TGT PKT MIDDLE_ENDIAN", "t.txt:1: TELEMETRY: invalid endianness MIDDLE_ENDIAN"},
		{"bad item endianness", tlmHead + "ITEM A 0 8 UINT \"d\" SIDEWAYS", "t.txt:2: ITEM: invalid endianness SIDEWAYS"},
		{"bad data type", tlmHead + "ITEM A 0 8 NUMBER", "t.txt:2: ITEM: unknown data type NUMBER"},
		{"bad offset", tlmHead + "ITEM A zero 8 UINT", "t.txt:2: ITEM: invalid value for Integer()"},
		{"bad size", tlmHead + "APPEND_ITEM A 8.5 UINT", "t.txt:2: APPEND_ITEM: invalid value for Integer()"},
		{"name ends with _", tlmHead + "ITEM A_ 0 8 UINT", "t.txt:2: ITEM: parameter 1 (A_) cannot end with an underscore"},
		{"name has __", tlmHead + "ITEM A__B 0 8 UINT", "t.txt:2: ITEM: parameter 1 (A__B) cannot contain a double underscore"},
		{"packet name has [[", "TELEMETRY TGT P[[1]] BIG_ENDIAN", "t.txt:1: TELEMETRY: parameter 2 (P[[1]]) cannot contain a double bracket"},
		{"ITEM in a command", cmdHead + "ITEM A 0 8 UINT", "t.txt:2: ITEM: ITEM types are only valid with TELEMETRY"},
		{"PARAMETER in telemetry", tlmHead + "PARAMETER A 0 8 UINT 0 1 0", "t.txt:2: PARAMETER: PARAMETER types are only valid with COMMAND"},
		{"zero-size UINT", tlmHead + "ITEM A 0 0 UINT", "t.txt:2: ITEM: A: bit_size cannot be negative or zero"},
		{"FLOAT 16", tlmHead + "ITEM A 0 16 FLOAT", "t.txt:2: ITEM: A: bit_size for FLOAT items must be 32 or 64"},
		{"UINT 1025", tlmHead + "ITEM A 0 1025 UINT", "t.txt:2: ITEM: A: bit_size for INT and UINT items must be at most 1024"},
		{"UINT array element 2048", tlmHead + "ARRAY_ITEM A 0 2048 UINT 4096", "t.txt:2: ARRAY_ITEM: A: bit_size for INT and UINT items must be at most 1024"},
		{"DERIVED with an offset", tlmHead + "ITEM A 8 0 DERIVED", "t.txt:2: ITEM: A: DERIVED items must have bit_offset of zero"},
		{"DERIVED ID", tlmHead + "ID_ITEM A 0 0 DERIVED 1", "t.txt:2: ID_ITEM: DERIVED data type not allowed for Identifier"},
		{"append after variable", tlmHead + "APPEND_ITEM A 0 BLOCK\nAPPEND_ITEM B 8 UINT", "t.txt:3: APPEND_ITEM: can't append an item after a variably sized item"},
		{"append after variable array", tlmHead + "APPEND_ARRAY_ITEM A 8 UINT 0\nAPPEND_ITEM B 8 UINT", "t.txt:3: APPEND_ITEM: can't append"},
		{"bad constant", cmdHead + "PARAMETER P 0 8 UINT LOW 10 0", "t.txt:2: PARAMETER: could not convert constant: LOW"},
		{"MIN of a string", cmdHead + "PARAMETER P 0 8 UINT 0 10 abc", "t.txt:2: PARAMETER: could not convert constant: abc"},
		{"float default of an INT", cmdHead + "PARAMETER P 0 8 INT 0 10 1.5", "t.txt:2: PARAMETER: P: default must be a Integer but is 1.5"},
		{"quoted non-number without conversion", cmdHead + "PARAMETER P 0 8 UINT 0 10 \"x\"", "t.txt:2: PARAMETER: P: default must be a Integer"},
		{"bad hex block", cmdHead + "PARAMETER B 0 0 BLOCK 0xZZ", "t.txt:2: PARAMETER: invalid hex data"},
		{"BOOL default", tlmHead + "TELEMETRY TGT X BIG_ENDIAN\n" + cmdHead + "PARAMETER B 0 8 BOOL maybe", "t.txt:4: PARAMETER: default for BOOL"},
		{"state color", tlmHead + "ITEM A 0 8 UINT\n STATE X 1 BLUE", "t.txt:3: STATE: invalid state color BLUE"},
		{"state modifier", cmdHead + "PARAMETER P 0 8 UINT 0 1 0\n STATE X 1 RED", "t.txt:3: STATE: unknown state parameter RED"},
		{"state value", tlmHead + "ITEM A 0 8 UINT\n STATE X one", "t.txt:3: STATE: state value one of X is not a number"},
		{"ANY in a command", cmdHead + "PARAMETER P 0 8 UINT 0 1 0\n STATE X ANY", "t.txt:3: STATE: state value ANY of X is not a number"},
		{"LIMITS on a command", cmdHead + "PARAMETER P 0 8 UINT 0 1 0\n LIMITS DEFAULT 1 ENABLED 1 2 3 4", "t.txt:3: LIMITS: LIMITS only applies to telemetry items"},
		{"LIMITS count", tlmHead + "ITEM A 0 8 UINT\n LIMITS DEFAULT 1 ENABLED 1 2 3 4 5", "t.txt:3: LIMITS: must give both a green low and green high"},
		{"LIMITS order", tlmHead + "ITEM A 0 8 UINT\n LIMITS DEFAULT 1 ENABLED 1 5 3 4", "t.txt:3: LIMITS: invalid limits specified. Ensure yellow limits are within red limits"},
		{"LIMITS green", tlmHead + "ITEM A 0 8 UINT\n LIMITS DEFAULT 1 ENABLED 1 2 5 6 0 3", "t.txt:3: LIMITS: invalid limits specified. Ensure green limits are within yellow limits"},
		{"LIMITS state", tlmHead + "ITEM A 0 8 UINT\n LIMITS DEFAULT 1 ON 1 2 3 4", "t.txt:3: LIMITS: initial state must be ENABLED or DISABLED"},
		{"LIMITS set before DEFAULT", tlmHead + "ITEM A 0 8 UINT\n LIMITS TVAC 1 ENABLED 1 2 3 4", "t.txt:3: LIMITS: DEFAULT limits set must be defined for TGT PKT A before setting limits set TVAC"},
		{"LIMITS number", tlmHead + "ITEM A 0 8 UINT\n LIMITS DEFAULT 1 ENABLED 1 2 x 4", "t.txt:3: LIMITS: invalid value for Float()"},
		{"POLY coefficient", tlmHead + "ITEM A 0 8 UINT\n POLY_READ_CONVERSION 1 two", "t.txt:3: POLY_READ_CONVERSION: invalid value for Float()"},
		{"SEG_POLY count", tlmHead + "ITEM A 0 8 UINT\n SEG_POLY_READ_CONVERSION 1", "t.txt:3: SEG_POLY_READ_CONVERSION: not enough parameters"},
		{"generic without end", tlmHead + "ITEM A 0 8 UINT\n GENERIC_READ_CONVERSION_START\n value", "t.txt:3: GENERIC_READ_CONVERSION_START: no GENERIC_READ_CONVERSION_END"},
		{"generic type", tlmHead + "ITEM A 0 8 UINT\n GENERIC_READ_CONVERSION_START WORD 8", "t.txt:3: GENERIC_READ_CONVERSION_START: invalid converted_type: WORD"},
		{"CONVERTED_DATA type", tlmHead + "ITEM A 0 8 UINT\n CONVERTED_DATA 8 WORD", "t.txt:3: CONVERTED_DATA: invalid converted type: WORD"},
		{"FORMAT_STRING", tlmHead + "ITEM A 0 8 UINT\n FORMAT_STRING \"value\"", "t.txt:3: FORMAT_STRING: invalid FORMAT_STRING specified for type UINT: value"},
		{"OVERFLOW", cmdHead + "PARAMETER P 0 8 UINT 0 1 0\n OVERFLOW WRAP", "t.txt:3: OVERFLOW: unknown overflow type"},
		{"REQUIRED on telemetry", tlmHead + "ITEM A 0 8 UINT\n REQUIRED", "t.txt:3: REQUIRED: REQUIRED only applies to command parameters"},
		{"DEFAULT_VALUE on telemetry", tlmHead + "ITEM A 0 8 UINT\n DEFAULT_VALUE 1", "t.txt:3: DEFAULT_VALUE: DEFAULT_VALUE only applies to command parameters"},
		{"MINIMUM_VALUE without range", cmdHead + "PARAMETER S 0 8 STRING \"a\"\n MINIMUM_VALUE 1", "t.txt:3: MINIMUM_VALUE: S has no range to change"},
		{"VARIABLE_BIT_SIZE item", tlmHead + "APPEND_ITEM D 0 BLOCK\n VARIABLE_BIT_SIZE LEN", "t.txt:3: VARIABLE_BIT_SIZE: length item LEN not found in TGT PKT"},
		{"SELECT unknown packet", "SELECT_TELEMETRY TGT NOPE", "t.txt:1: SELECT_TELEMETRY: packet not found: TELEMETRY TGT NOPE"},
		{"SELECT unknown item", tlmHead + "ITEM A 0 8 UINT\nSELECT_TELEMETRY TGT PKT\n SELECT_ITEM B", "t.txt:4: SELECT_ITEM: B not found in telemetry packet TGT PKT"},
		{"DELETE unknown item", tlmHead + "DELETE_ITEM B", "t.txt:2: DELETE_ITEM: B not found in telemetry packet TGT PKT"},
		{"SELECT_ITEM in a command", cmdHead + "SELECT_ITEM B", "t.txt:2: SELECT_ITEM: SELECT_ITEM only applies to telemetry packets"},
		{"RESPONSE on telemetry", tlmHead + "RESPONSE TGT PKT", "t.txt:2: RESPONSE: RESPONSE only applies to command packets"},
		{"SCREEN on telemetry", tlmHead + "SCREEN TGT S", "t.txt:2: SCREEN: SCREEN only applies to command packets"},
		{"TEMPLATE_BASE64", tlmHead + "TEMPLATE_BASE64 !!!", "t.txt:2: TEMPLATE_BASE64: invalid base64 template"},
		{"TEMPLATE_FILE missing", tlmHead + "TEMPLATE_FILE _nope.bin", "t.txt:2: TEMPLATE_FILE: open _nope.bin"},
		{"STRUCTURE packet", tlmHead + "STRUCTURE S 0 8 TLM TGT NOPE", "t.txt:2: STRUCTURE: structure packet TELEMETRY TGT NOPE not found"},
		{"STRUCTURE type", tlmHead + "STRUCTURE S 0 8 PKT TGT NOPE", "t.txt:2: STRUCTURE: unknown type: PKT"},
		{"LIMITS_GROUP_ITEM without group", "LIMITS_GROUP_ITEM A B C", "t.txt:1: LIMITS_GROUP_ITEM: no LIMITS_GROUP before LIMITS_GROUP_ITEM"},
		{"HIDDEN params", tlmHead + "HIDDEN yes", "t.txt:2: HIDDEN: too many parameters"},
		{"overlap", tlmHead + "ITEM A 0 16 UINT\nITEM B 8 8 UINT", "t.txt:3: ITEM: Bit definition overlap at bit offset 8 for packet TGT PKT items B and A"},
		{"ERB", tlmHead + "ITEM A <%= nope %> 8 UINT", "t.txt:2: ERB: undefined local variable or method 'nope'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadText("t.txt", tt.text, Options{Target: "TGT"})
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			var de *Error
			if !errors.As(err, &de) {
				t.Fatalf("error %T is not a *def.Error: %v", err, err)
			}
			if de.File == "" || de.Line == 0 || de.Keyword == "" {
				t.Errorf("error lacks file, line or keyword: %#v", de)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error:\n got %q\nwant %q...", err, tt.want)
			}
		})
	}
}
