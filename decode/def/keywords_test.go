package def

import (
	"math"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// loadText loads one definition text into target TGT.
func loadText(t *testing.T, text string) *Set {
	t.Helper()
	s, err := LoadText("t.txt", text, Options{Target: "TGT"})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

// testPacket loads text and returns TGT PKT (telemetry) or TGT CMD.
func testPacket(t *testing.T, text string, kind Kind) *Packet {
	t.Helper()
	name := "PKT"
	if kind == Command {
		name = "CMD"
	}
	p := loadText(t, text).Packet("TGT", name, kind)
	if p == nil {
		t.Fatalf("packet %s not found", name)
	}
	return p
}

var itemOpts = cmp.Options{
	cmpopts.IgnoreUnexported(Item{}),
	cmpopts.IgnoreFields(Item{}, "File", "Line"),
	cmpopts.IgnoreFields(Conversion{}, "File", "Line"),
	cmpopts.IgnoreFields(Limits{}, "File", "Line"),
	cmpopts.EquateEmpty(),
}

const tlmHead = "TELEMETRY TGT PKT BIG_ENDIAN \"Packet\"\n"
const cmdHead = "COMMAND TGT CMD BIG_ENDIAN \"Command\"\n"

func TestItemKeywords(t *testing.T) {
	be, le := accessor.BigEndian, accessor.LittleEndian
	tests := []struct {
		name string
		text string
		kind Kind
		item string
		want Item
	}{
		{"ITEM", tlmHead + `ITEM A 8 16 UINT "Item A"`, Telemetry, "A",
			Item{Name: "A", BitOffset: 8, BitSize: 16, DataType: accessor.UINT, Endian: be, Description: "Item A"}},
		{"ITEM endianness", tlmHead + `ITEM A 8 16 INT "d" LITTLE_ENDIAN`, Telemetry, "A",
			Item{Name: "A", BitOffset: 8, BitSize: 16, DataType: accessor.INT, Endian: le, Description: "d"}},
		{"lower-case names", tlmHead + `item abc 0 8 uint`, Telemetry, "ABC",
			Item{Name: "ABC", BitSize: 8, DataType: accessor.UINT}},
		{"packet endianness is the default", "TELEMETRY TGT PKT LITTLE_ENDIAN\nITEM A 0 16 UINT", Telemetry, "A",
			Item{Name: "A", BitSize: 16, DataType: accessor.UINT, Endian: le}},
		{"APPEND_ITEM", tlmHead + "ITEM A 0 8 UINT\nITEM B 8 16 UINT\nAPPEND_ITEM C 32 FLOAT", Telemetry, "C",
			Item{Name: "C", BitOffset: 24, BitSize: 32, DataType: accessor.FLOAT}},
		{"APPEND after array", tlmHead + "APPEND_ARRAY_ITEM A 8 UINT 40\nAPPEND_ITEM B 8 UINT", Telemetry, "B",
			Item{Name: "B", BitOffset: 40, BitSize: 8, DataType: accessor.UINT}},
		{"APPEND DERIVED is at 0", tlmHead + "APPEND_ITEM A 8 UINT\nAPPEND_ITEM D 0 DERIVED", Telemetry, "D",
			Item{Name: "D", DataType: accessor.DERIVED}},
		{"hex and negative offsets", tlmHead + "ITEM A -0x10 0x10 UINT", Telemetry, "A",
			Item{Name: "A", BitOffset: -16, BitSize: 16, DataType: accessor.UINT}},
		{"zero size fills the packet", tlmHead + "ITEM A 8 0 STRING", Telemetry, "A",
			Item{Name: "A", BitOffset: 8, DataType: accessor.STRING}},
		{"negative size", tlmHead + "ITEM A 8 -16 BLOCK", Telemetry, "A",
			Item{Name: "A", BitOffset: 8, BitSize: -16, DataType: accessor.BLOCK}},
		{"ID_ITEM hex value", tlmHead + "ID_ITEM OP 0 8 UINT 0x1F \"Opcode\"", Telemetry, "OP",
			Item{Name: "OP", BitSize: 8, DataType: accessor.UINT, ID: true, IDValue: IntValueOf(31), Description: "Opcode"}},
		{"ID_ITEM negative", tlmHead + "ID_ITEM OP 0 8 INT -2", Telemetry, "OP",
			Item{Name: "OP", BitSize: 8, DataType: accessor.INT, ID: true, IDValue: IntValueOf(-2)}},
		{"ID_ITEM float", tlmHead + "ID_ITEM F 0 32 FLOAT 1.5", Telemetry, "F",
			Item{Name: "F", BitSize: 32, DataType: accessor.FLOAT, ID: true, IDValue: FloatValueOf(1.5)}},
		{"APPEND_ID_ITEM string", tlmHead + `APPEND_ID_ITEM S 24 STRING "ABC"`, Telemetry, "S",
			Item{Name: "S", BitSize: 24, DataType: accessor.STRING, ID: true, IDValue: StringValueOf("ABC")}},
		{"ID_ITEM block from hex", tlmHead + "ID_ITEM B 0 16 BLOCK 0xDEAD", Telemetry, "B",
			Item{Name: "B", BitSize: 16, DataType: accessor.BLOCK, ID: true, IDValue: BytesValueOf([]byte{0xde, 0xad})}},
		{"ID_ITEM quoted 0x stays a string", tlmHead + `ID_ITEM S 0 32 STRING "0xAB"`, Telemetry, "S",
			Item{Name: "S", BitSize: 32, DataType: accessor.STRING, ID: true, IDValue: StringValueOf("0xAB")}},
		{"ARRAY_ITEM", tlmHead + `ARRAY_ITEM ARY 16 8 UINT 80 "Array"`, Telemetry, "ARY",
			Item{Name: "ARY", BitOffset: 16, BitSize: 8, DataType: accessor.UINT, Array: true, ArrayBitSize: 80, Description: "Array"}},
		{"APPEND_ARRAY_ITEM fills", tlmHead + "APPEND_ITEM A 8 UINT\nAPPEND_ARRAY_ITEM ARY 16 INT -16", Telemetry, "ARY",
			Item{Name: "ARY", BitOffset: 8, BitSize: 16, DataType: accessor.INT, Array: true, ArrayBitSize: -16}},
		{"DERIVED with READ_CONVERSION", tlmHead + "ITEM D 0 0 DERIVED \"Derived\"\n READ_CONVERSION unix_time_conversion.rb TIMESEC TIMEUS\n CONVERTED_DATA 64 FLOAT",
			Telemetry, "D",
			Item{Name: "D", DataType: accessor.DERIVED, Description: "Derived",
				ReadConversion: &Conversion{Kind: NamedConversion, Class: "unix_time_conversion.rb", Params: []string{"TIMESEC", "TIMEUS"},
					HasConverted: true, ConvertedType: accessor.FLOAT, ConvertedBitSize: 64}}},
		{"CONVERTED_DATA before the conversion", tlmHead + "ITEM D 0 0 DERIVED\n CONVERTED_DATA 16 UINT 64\n READ_CONVERSION x.py",
			Telemetry, "D",
			Item{Name: "D", DataType: accessor.DERIVED,
				ReadConversion: &Conversion{Kind: NamedConversion, Class: "x.py", HasConverted: true, ConvertedType: accessor.UINT, ConvertedBitSize: 16, ConvertedArrayBitSize: 64}}},
		{"POLY_READ_CONVERSION", tlmHead + "ITEM T 0 16 UINT\n POLY_READ_CONVERSION 10 0.5 0.25", Telemetry, "T",
			Item{Name: "T", BitSize: 16, DataType: accessor.UINT, ReadConversion: &Conversion{Kind: PolyConversion, Coeffs: []float64{10, 0.5, 0.25}}}},
		{"SEG_POLY_READ_CONVERSION lines add segments", tlmHead + "ITEM T 0 16 UINT\n SEG_POLY_READ_CONVERSION 0 10 0.5\n SEG_POLY_READ_CONVERSION 50 11 0.5 0.275",
			Telemetry, "T",
			Item{Name: "T", BitSize: 16, DataType: accessor.UINT, ReadConversion: &Conversion{Kind: SegPolyConversion,
				Segments: []Segment{{0, []float64{10, 0.5}}, {50, []float64{11, 0.5, 0.275}}}}}},
		{"GENERIC_READ_CONVERSION", tlmHead + "ITEM T 0 16 UINT\n GENERIC_READ_CONVERSION_START FLOAT 32\n  # comment dropped\n\n  value * 2.0\n  value / 3\n GENERIC_READ_CONVERSION_END\n UNITS Volts V",
			Telemetry, "T",
			Item{Name: "T", BitSize: 16, DataType: accessor.UINT, Units: "V", UnitsFull: "Volts",
				ReadConversion: &Conversion{Kind: GenericConversion, Body: "value * 2.0\nvalue / 3\n", HasConverted: true, ConvertedType: accessor.FLOAT, ConvertedBitSize: 32}}},
		{"GENERIC_WRITE_CONVERSION", cmdHead + "PARAMETER P 0 16 UINT 0 100 0\n GENERIC_WRITE_CONVERSION_START\n  (value * 1.5).to_i\n GENERIC_WRITE_CONVERSION_END",
			Command, "P",
			Item{Name: "P", BitSize: 16, DataType: accessor.UINT, Default: IntValueOf(0), HasRange: true, Minimum: IntValueOf(0), Maximum: IntValueOf(100),
				WriteConversion: &Conversion{Kind: GenericConversion, Body: "(value * 1.5).to_i\n"}}},
		{"POLY_WRITE_CONVERSION", cmdHead + "PARAMETER P 0 16 UINT 0 100 0\n POLY_WRITE_CONVERSION 1 2", Command, "P",
			Item{Name: "P", BitSize: 16, DataType: accessor.UINT, Default: IntValueOf(0), HasRange: true, Minimum: IntValueOf(0), Maximum: IntValueOf(100),
				WriteConversion: &Conversion{Kind: PolyConversion, Coeffs: []float64{1, 2}}}},
		{"PARAMETER INT MIN MAX", cmdHead + `PARAMETER P 0 8 INT MIN MAX -1 "Signed"`, Command, "P",
			Item{Name: "P", BitSize: 8, DataType: accessor.INT, Description: "Signed", Default: IntValueOf(-1), HasRange: true, Minimum: IntValueOf(-128), Maximum: IntValueOf(127)}},
		{"PARAMETER UINT 64 MAX", cmdHead + "PARAMETER P 0 64 UINT MIN MAX 0xFFFFFFFFFFFFFFFF", Command, "P",
			Item{Name: "P", BitSize: 64, DataType: accessor.UINT, Default: Value{Kind: UintValue, Uint: math.MaxUint64}, HasRange: true, Minimum: IntValueOf(0), Maximum: Value{Kind: UintValue, Uint: math.MaxUint64}}},
		{"PARAMETER 3-bit", cmdHead + "APPEND_PARAMETER P 3 UINT MIN MAX 7", Command, "P",
			Item{Name: "P", BitSize: 3, DataType: accessor.UINT, Default: IntValueOf(7), HasRange: true, Minimum: IntValueOf(0), Maximum: IntValueOf(7)}},
		{"PARAMETER FLOAT MIN MAX, integer default", cmdHead + "PARAMETER F 0 32 FLOAT MIN MAX 1", Command, "F",
			Item{Name: "F", BitSize: 32, DataType: accessor.FLOAT, Default: FloatValueOf(1), HasRange: true, Minimum: FloatValueOf(-3.402823e38), Maximum: FloatValueOf(3.402823e38)}},
		{"PARAMETER FLOAT 64 MAX", cmdHead + "PARAMETER F 0 64 FLOAT MIN MAX 0.5", Command, "F",
			Item{Name: "F", BitSize: 64, DataType: accessor.FLOAT, Default: FloatValueOf(0.5), HasRange: true, Minimum: FloatValueOf(-math.MaxFloat64), Maximum: FloatValueOf(math.MaxFloat64)}},
		{"named constants", cmdHead + "PARAMETER P 0 16 INT MIN_INT8 MAX_UINT8 NEG_INFINITY\n WRITE_CONVERSION x.rb", Command, "P",
			Item{Name: "P", BitSize: 16, DataType: accessor.INT, Default: FloatValueOf(math.Inf(-1)), HasRange: true, Minimum: IntValueOf(-128), Maximum: IntValueOf(255),
				WriteConversion: &Conversion{Kind: NamedConversion, Class: "x.rb"}}},
		{"nil range", cmdHead + "PARAMETER P 0 16 UINT nil nil 3", Command, "P",
			Item{Name: "P", BitSize: 16, DataType: accessor.UINT, Default: IntValueOf(3)}},
		{"quoted default for a write conversion", cmdHead + "APPEND_PARAMETER IP 32 UINT MIN MAX \"127.0.0.1\"\n WRITE_CONVERSION ip_write_conversion.rb", Command, "IP",
			Item{Name: "IP", BitSize: 32, DataType: accessor.UINT, Default: StringValueOf("127.0.0.1"), HasRange: true, Minimum: IntValueOf(0), Maximum: IntValueOf(math.MaxUint32),
				WriteConversion: &Conversion{Kind: NamedConversion, Class: "ip_write_conversion.rb"}}},
		{"PARAMETER STRING", cmdHead + `PARAMETER S 0 32 STRING "0x12" "Desc" LITTLE_ENDIAN`, Command, "S",
			Item{Name: "S", BitSize: 32, DataType: accessor.STRING, Endian: le, Default: StringValueOf("0x12"), Description: "Desc"}},
		{"PARAMETER BLOCK hex", cmdHead + "PARAMETER B 0 0 BLOCK 0x0A0B0", Command, "B",
			Item{Name: "B", DataType: accessor.BLOCK, Default: BytesValueOf([]byte{0, 0xa0, 0xb0})}},
		{"ID_PARAMETER", cmdHead + "ID_PARAMETER OP 0 16 UINT 0 100 42 \"Opcode\"", Command, "OP",
			Item{Name: "OP", BitSize: 16, DataType: accessor.UINT, ID: true, IDValue: IntValueOf(42), Default: IntValueOf(42), HasRange: true, Minimum: IntValueOf(0), Maximum: IntValueOf(100), Description: "Opcode"}},
		{"APPEND_ID_PARAMETER string", cmdHead + `APPEND_ID_PARAMETER OP 16 STRING "AB"`, Command, "OP",
			Item{Name: "OP", BitSize: 16, DataType: accessor.STRING, ID: true, IDValue: StringValueOf("AB"), Default: StringValueOf("AB")}},
		{"APPEND_ARRAY_PARAMETER", cmdHead + `APPEND_ARRAY_PARAMETER A 32 FLOAT 96 "Three"`, Command, "A",
			Item{Name: "A", BitSize: 32, DataType: accessor.FLOAT, Array: true, ArrayBitSize: 96, Description: "Three"}},
		{"DERIVED parameter", cmdHead + "PARAMETER D 0 0 DERIVED 0 10 5", Command, "D",
			Item{Name: "D", DataType: accessor.DERIVED, Default: IntValueOf(5), HasRange: true, Minimum: IntValueOf(0), Maximum: IntValueOf(10)}},
		{"telemetry STATE", tlmHead + "ITEM M 0 8 UINT\n STATE NORMAL 0 GREEN\n STATE diag 0x1 YELLOW\n STATE \"BAD ONE\" 2 RED\n STATE OTHER ANY", Telemetry, "M",
			Item{Name: "M", BitSize: 8, DataType: accessor.UINT, States: []State{
				{Name: "NORMAL", Value: IntValueOf(0), Color: "GREEN"}, {Name: "DIAG", Value: IntValueOf(1), Color: "YELLOW"},
				{Name: "BAD ONE", Value: IntValueOf(2), Color: "RED"}, {Name: "OTHER", Any: true}}}},
		{"string STATE", tlmHead + "ITEM S 0 32 STRING\n STATE NOOP \"NOOP\"\n STATE ONE 1", Telemetry, "S",
			Item{Name: "S", BitSize: 32, DataType: accessor.STRING, States: []State{{Name: "NOOP", Value: StringValueOf("NOOP")}, {Name: "ONE", Value: StringValueOf("1")}}}},
		{"duplicate STATE replaces", tlmHead + "ITEM M 0 8 UINT\n STATE A 0\n STATE B 1\n STATE A 2", Telemetry, "M",
			Item{Name: "M", BitSize: 8, DataType: accessor.UINT, States: []State{{Name: "A", Value: IntValueOf(2)}, {Name: "B", Value: IntValueOf(1)}}}},
		{"command STATE", cmdHead + "PARAMETER P 0 8 UINT 0 2 0\n STATE OFF 0 DISABLE_MESSAGES\n STATE ON 1 HAZARDOUS \"Danger\"\n STATE MAYBE 2 HAZARDOUS", Command, "P",
			Item{Name: "P", BitSize: 8, DataType: accessor.UINT, Default: IntValueOf(0), HasRange: true, Minimum: IntValueOf(0), Maximum: IntValueOf(2), States: []State{
				{Name: "OFF", Value: IntValueOf(0), DisableMessages: true}, {Name: "ON", Value: IntValueOf(1), Hazardous: true, HazardousDesc: "Danger"},
				{Name: "MAYBE", Value: IntValueOf(2), Hazardous: true}}}},
		{"item modifiers", tlmHead + "ITEM T 0 16 INT \"Temp\"\n FORMAT_STRING \"%0.2f\"\n UNITS Celsius C\n DESCRIPTION \"New\"\n META SRC a \"b c\"\n META EMPTY\n HIDDEN\n OBFUSCATE\n KEY $.temp\n OVERLAP\n LIMITS_RESPONSE resp.rb 10",
			Telemetry, "T",
			Item{Name: "T", BitSize: 16, DataType: accessor.INT, Description: "New", FormatString: "%0.2f", Units: "C", UnitsFull: "Celsius",
				Meta: map[string][]string{"SRC": {"a", "b c"}, "EMPTY": {}}, Hidden: true, Obfuscate: true, Key: "$.temp", Overlap: true,
				LimitsResponse: &ClassRef{Class: "resp.rb", Args: []string{"10"}}}},
		{"command modifiers", cmdHead + "PARAMETER P 0 16 UINT 0 10 5\n REQUIRED\n MINIMUM_VALUE 1\n MAXIMUM_VALUE MAX\n DEFAULT_VALUE 0x2\n OVERFLOW saturate",
			Command, "P",
			Item{Name: "P", BitSize: 16, DataType: accessor.UINT, Required: true, HasRange: true, Minimum: IntValueOf(1), Maximum: IntValueOf(65535),
				Default: IntValueOf(2), Overflow: accessor.OverflowSaturate}},
		{"DEFAULT_VALUE of a string", cmdHead + "PARAMETER S 0 16 STRING \"ab\"\n DEFAULT_VALUE \"cd\"", Command, "S",
			Item{Name: "S", BitSize: 16, DataType: accessor.STRING, Default: StringValueOf("cd")}},
		{"LIMITS", tlmHead + "ITEM T 0 16 INT\n LIMITS DEFAULT 3 ENABLED -80.0 -70 60 80 -20 20\n LIMITS TVAC 1 DISABLED -80 -30 30 80\n LIMITS DEFAULT 2 ENABLED -1 0 1 2",
			Telemetry, "T",
			Item{Name: "T", BitSize: 16, DataType: accessor.INT, Limits: []Limits{
				{Set: "DEFAULT", Persistence: 2, Enabled: true, RedLow: -1, YellowLow: 0, YellowHigh: 1, RedHigh: 2},
				{Set: "TVAC", Persistence: 1, RedLow: -80, YellowLow: -30, YellowHigh: 30, RedHigh: 80}}}},
		{"LIMITS with green", tlmHead + "ITEM T 0 16 INT\n LIMITS DEFAULT 3 ENABLED -80 -70 60 80 -20 20", Telemetry, "T",
			Item{Name: "T", BitSize: 16, DataType: accessor.INT, Limits: []Limits{
				{Set: "DEFAULT", Persistence: 3, Enabled: true, RedLow: -80, YellowLow: -70, YellowHigh: 60, RedHigh: 80, HasGreen: true, GreenLow: -20, GreenHigh: 20}}}},
		{"VARIABLE_BIT_SIZE", tlmHead + "APPEND_ITEM LEN 16 UINT\nAPPEND_ITEM DATA 0 BLOCK\n VARIABLE_BIT_SIZE LEN 16 8", Telemetry, "DATA",
			Item{Name: "DATA", BitOffset: 16, BitSize: 8, DataType: accessor.BLOCK, VariableBitSize: &VariableBitSize{LengthItem: "LEN", BitsPerCount: 16, ValueBitOffset: 8}}},
		{"VARIABLE_BIT_SIZE lets items follow", tlmHead + "APPEND_ITEM LEN 16 UINT\nAPPEND_ITEM DATA 0 BLOCK\n VARIABLE_BIT_SIZE LEN\nAPPEND_ITEM TRAILER 8 UINT", Telemetry, "TRAILER",
			Item{Name: "TRAILER", BitOffset: 16, BitSize: 8, DataType: accessor.UINT}},
		{"quotes keep escapes", tlmHead + `ITEM A 0 8 UINT "say \"hi\" # not a comment" # comment`, Telemetry, "A",
			Item{Name: "A", BitSize: 8, DataType: accessor.UINT, Description: `say \"hi\" # not a comment`}},
		{"single quotes", tlmHead + `ITEM A 0 8 UINT 'it is' 'BIG_ENDIAN'`, Telemetry, "A",
			Item{Name: "A", BitSize: 8, DataType: accessor.UINT, Description: "it is"}},
		{"SELECT_ITEM edits", tlmHead + "ITEM A 0 8 UINT\nITEM B 8 8 UINT\nSELECT_TELEMETRY TGT PKT\n SELECT_ITEM a\n  UNITS Volts V", Telemetry, "A",
			Item{Name: "A", BitSize: 8, DataType: accessor.UINT, Units: "V", UnitsFull: "Volts"}},
		{"redefined item replaced", tlmHead + "ITEM A 0 8 UINT\nITEM A 0 16 INT", Telemetry, "A",
			Item{Name: "A", BitSize: 16, DataType: accessor.INT}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPacket(t, tt.text, tt.kind)
			got := p.Item(tt.item)
			if got == nil {
				t.Fatalf("item %s not found", tt.item)
			}
			if tt.want.Endian == 0 && got.Endian == be {
				tt.want.Endian = be
			}
			if diff := cmp.Diff(&tt.want, got, itemOpts); diff != "" {
				t.Errorf("item mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPacketKeywords(t *testing.T) {
	tests := []struct {
		name string
		text string
		kind Kind
		want Packet
	}{
		{"TELEMETRY", "TELEMETRY other pkt LITTLE_ENDIAN \"Desc\"\nITEM A 0 16 UINT", Telemetry,
			Packet{Target: "TGT", Name: "PKT", Kind: Telemetry, Endian: accessor.LittleEndian, Description: "Desc", DefinedLengthBits: 16, DefinedLength: 2, FixedSize: true}},
		{"length rounds up", tlmHead + "ITEM A 0 3 UINT", Telemetry,
			Packet{Target: "TGT", Name: "PKT", Description: "Packet", DefinedLengthBits: 3, DefinedLength: 1, FixedSize: true}},
		{"negative offsets add to the length", tlmHead + "ITEM A 0 16 UINT\nITEM B 16 -16 BLOCK\nITEM CRC -16 16 UINT", Telemetry,
			Packet{Target: "TGT", Name: "PKT", Description: "Packet", DefinedLengthBits: 32, DefinedLength: 4}},
		{"flags", tlmHead + "ALLOW_SHORT\nHIDDEN\nVIRTUAL\nCATCHALL\nIGNORE_OVERLAP\nSUBPACKET\nACCESSOR JsonAccessor a b\nSUBPACKETIZER split.rb 4\nTEMPLATE '{\"a\":1}'\nMETA TYPE \"struct x\"\nPROCESSOR P1 watermark_processor.rb TEMP1", Telemetry,
			Packet{Target: "TGT", Name: "PKT", Description: "Packet", FixedSize: true, AllowShort: true, Hidden: true, Virtual: true, CatchAll: true, IgnoreOverlap: true, Subpacket: true,
				Accessor: &ClassRef{Class: "JsonAccessor", Args: []string{"a", "b"}}, Subpacketizer: &ClassRef{Class: "split.rb", Args: []string{"4"}},
				Template: []byte(`{"a":1}`), Meta: map[string][]string{"TYPE": {"struct x"}},
				Extras: []Keyword{{Keyword: "PROCESSOR", Args: []string{"P1", "watermark_processor.rb", "TEMP1"}}}}},
		{"command flags", cmdHead + "DISABLED\nDISABLE_MESSAGES\nHAZARDOUS \"Why\"\nRESTRICTED\nTEMPLATE_BASE64 AAEC\nRESPONSE tgt HS\nERROR_RESPONSE TGT ERR\nSCREEN TGT S\nRELATED_ITEM TGT HS A\nVALIDATOR v.rb 1", Command,
			Packet{Target: "TGT", Name: "CMD", Kind: Command, Description: "Command", FixedSize: true, Hidden: true, Disabled: true, MessagesDisabled: true,
				Hazardous: true, HazardousDesc: "Why", Restricted: true, Template: []byte{0, 1, 2},
				Response: &PacketRef{Target: "TGT", Packet: "HS"}, ErrorResponse: &PacketRef{Target: "TGT", Packet: "ERR"},
				Extras: []Keyword{{Keyword: "SCREEN", Args: []string{"TGT", "S"}}, {Keyword: "RELATED_ITEM", Args: []string{"TGT", "HS", "A"}}, {Keyword: "VALIDATOR", Args: []string{"v.rb", "1"}}}}},
		{"HAZARDOUS without description", cmdHead + "HAZARDOUS", Command,
			Packet{Target: "TGT", Name: "CMD", Kind: Command, Description: "Command", FixedSize: true, Hazardous: true}},
		{"byte order mark and CRLF", "\ufeffTELEMETRY TGT PKT BIG_ENDIAN \"D\"\r\n", Telemetry,
			Packet{Target: "TGT", Name: "PKT", Description: "D", FixedSize: true}},
		{"line continuation", "TELEMETRY TGT PKT BIG_ENDIAN &\n  \"Health and status\"", Telemetry,
			Packet{Target: "TGT", Name: "PKT", Description: "Health and status", FixedSize: true}},
		{"string concatenation with newline", "TELEMETRY TGT PKT BIG_ENDIAN \"Health and status\" +\n  \"Additional description\"", Telemetry,
			Packet{Target: "TGT", Name: "PKT", Description: "Health and status\nAdditional description", FixedSize: true}},
		{"string concatenation without newline", "TELEMETRY TGT PKT BIG_ENDIAN 'Health and status' \\\n # skipped comment\n  'Additional description'", Telemetry,
			Packet{Target: "TGT", Name: "PKT", Description: "Health and statusAdditional description", FixedSize: true}},
	}
	opts := cmp.Options{
		cmpopts.IgnoreUnexported(Packet{}),
		cmpopts.IgnoreFields(Packet{}, "Items", "Sorted", "IDItems", "File", "Line"),
		cmpopts.IgnoreFields(Keyword{}, "File", "Line"),
		cmpopts.EquateEmpty(),
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := testPacket(t, tt.text, tt.kind)
			if diff := cmp.Diff(&tt.want, got, opts); diff != "" {
				t.Errorf("packet mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func names(items []*Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Name)
	}
	return strings.Join(out, " ")
}

const reserved = "PACKET_TIMESECONDS PACKET_TIMEFORMATTED RECEIVED_TIMESECONDS RECEIVED_TIMEFORMATTED RECEIVED_COUNT"

func TestItemOrder(t *testing.T) {
	s := loadText(t, tlmHead+`
ITEM CRC -16 16 UINT
ITEM B 16 8 UINT
ITEM A 0 16 UINT
ITEM D 0 0 DERIVED
ID_ITEM ID2 40 8 UINT 1
ID_ITEM ID1 24 8 UINT 2
ITEM B 16 8 INT
ITEM DATA 48 -16 BLOCK
`)
	p := s.Packet("TGT", "PKT", Telemetry)
	if got, want := names(p.Items), reserved+" CRC B A D ID2 ID1 DATA"; got != want {
		t.Errorf("Items = %s\nwant %s", got, want)
	}
	// derived items first (reserved items included), then by offset,
	// negative offsets last
	if got, want := names(p.Sorted), "PACKET_TIMESECONDS PACKET_TIMEFORMATTED RECEIVED_TIMESECONDS RECEIVED_TIMEFORMATTED RECEIVED_COUNT D A B ID1 ID2 DATA CRC"; got != want {
		t.Errorf("Sorted = %s\nwant %s", got, want)
	}
	if got, want := names(p.IDItems), "ID1 ID2"; got != want {
		t.Errorf("IDItems = %s, want %s", got, want)
	}
	for _, it := range p.Items[:5] {
		if !it.Reserved || it.DataType != accessor.DERIVED || it.ReadConversion == nil || it.ReadConversion.Kind != NamedConversion {
			t.Errorf("reserved item %s: %+v", it.Name, it)
		}
	}
	if p.Item("PACKET_TIMESECONDS").FormatString != "%0.6f" {
		t.Errorf("PACKET_TIMESECONDS format = %q", p.Item("PACKET_TIMESECONDS").FormatString)
	}
	if w := s.Warnings; len(w) != 1 || !strings.Contains(w[0], "t.txt:9: TGT PKT B redefined.") {
		t.Errorf("warnings = %q", w)
	}
}

func TestReservedItemsOnCommands(t *testing.T) {
	s := loadText(t, cmdHead+"APPEND_PARAMETER A 8 UINT 0 1 0")
	if got, want := names(s.Packet("TGT", "CMD", Command).Items), reserved+" A"; got != want {
		t.Errorf("Items = %s, want %s", got, want)
	}
}

func TestSelectAndDelete(t *testing.T) {
	s := loadText(t, tlmHead+`
APPEND_ITEM A 8 UINT
APPEND_ITEM B 8 UINT
APPEND_ITEM C 8 UINT
SELECT_TELEMETRY TGT PKT
  DELETE_ITEM B
  ITEM B2 8 8 INT
TELEMETRY TGT PKT2 BIG_ENDIAN
  APPEND_ITEM X 8 UINT
SELECT_TELEMETRY TGT PKT
  APPEND_ITEM D 8 UINT
`)
	p := s.Packet("TGT", "PKT", Telemetry)
	if got, want := names(p.Items), reserved+" A C B2 D"; got != want {
		t.Errorf("Items = %s, want %s", got, want)
	}
	// deleting does not give back the bits: D is appended after C
	if d := p.Item("D"); d.BitOffset != 24 {
		t.Errorf("D at %d, want 24", d.BitOffset)
	}
	if got := len(s.Target("TGT").Telemetry); got != 2 {
		t.Errorf("%d packets, want 2", got)
	}
}

func TestPacketRedefinitionKeepsPosition(t *testing.T) {
	s := loadText(t, "TELEMETRY TGT A BIG_ENDIAN\nTELEMETRY TGT B BIG_ENDIAN\nTELEMETRY TGT A LITTLE_ENDIAN\n ITEM X 0 8 UINT")
	tg := s.Target("TGT")
	if len(tg.Telemetry) != 2 || tg.Telemetry[0].Name != "A" || tg.Telemetry[0].Endian != accessor.LittleEndian {
		t.Errorf("packets = %v", tg.Telemetry)
	}
	found := false
	for _, w := range s.Warnings {
		found = found || strings.Contains(w, "Telemetry Packet TGT A redefined.")
	}
	if !found {
		t.Errorf("no redefinition warning in %q", s.Warnings)
	}
}

func TestSystemTargetUsesFileNames(t *testing.T) {
	s, err := LoadText("t.txt", "TELEMETRY INST HS BIG_ENDIAN\n ITEM A 0 8 UINT\nLIMITS_GROUP FIRST\n LIMITS_GROUP_ITEM inst hs a", Options{Target: "SYSTEM"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Packet("INST", "HS", Telemetry) == nil {
		t.Error("SYSTEM definitions keep the target named in the file")
	}
	if diff := cmp.Diff([]*LimitsGroup{{Name: "FIRST", Items: []ItemRef{{"INST", "HS", "A"}}}}, s.LimitsGroups); diff != "" {
		t.Error(diff)
	}
}

func TestStructure(t *testing.T) {
	s := loadText(t, `
TELEMETRY TGT HDR BIG_ENDIAN
  VIRTUAL
  APPEND_ITEM A 16 UINT
    STATE ON 1
  APPEND_ITEM B 8 UINT
TELEMETRY TGT PKT BIG_ENDIAN
  APPEND_ITEM ID 8 UINT
  STRUCTURE H1 8 DEFINED TLM TGT HDR
  APPEND_STRUCTURE H2 24 TELEMETRY TGT HDR
  APPEND_ITEM TAIL 8 UINT
`)
	p := s.Packet("TGT", "PKT", Telemetry)
	if got, want := names(p.Items), reserved+" ID H1 H1.A H1.B H2 H2.A H2.B TAIL"; got != want {
		t.Fatalf("Items = %s\nwant %s", got, want)
	}
	h2 := p.Item("H2")
	want := &Item{Name: "H2", BitOffset: 32, BitSize: 24, DataType: accessor.BLOCK, Hidden: true, Structure: &PacketRef{Kind: Telemetry, Target: "TGT", Packet: "HDR"}}
	if diff := cmp.Diff(want, h2, itemOpts); diff != "" {
		t.Error(diff)
	}
	sub := p.Item("H2.B")
	if sub.Parent != "H2" || sub.BitOffset != 16 || sub.BitSize != 8 {
		t.Errorf("H2.B = %+v", sub)
	}
	if len(p.Item("H1.A").States) != 1 {
		t.Error("sub-item lost its states")
	}
	if tail := p.Item("TAIL"); tail.BitOffset != 56 {
		t.Errorf("TAIL at %d, want 56", tail.BitOffset)
	}
	if p.DefinedLengthBits != 64 {
		t.Errorf("length %d, want 64", p.DefinedLengthBits)
	}
}

func TestOverlap(t *testing.T) {
	text := tlmHead + "ITEM A 0 16 UINT\nITEM B 8 16 UINT\n"
	_, err := LoadText("t.txt", text, Options{Target: "TGT"})
	want := "t.txt:3: ITEM: Bit definition overlap at bit offset 8 for packet TGT PKT items B and A"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %v, want prefix %q", err, want)
	}
	var got []string
	s, err := LoadText("t.txt", text, Options{Target: "TGT", OverlapWarnings: true, Verbose: func(f string, l int, m string) { got = append(got, m) }})
	if err != nil || len(got) == 0 || !strings.HasPrefix(got[0], "Bit definition overlap") || s == nil {
		t.Errorf("OverlapWarnings: err %v, messages %q", err, got)
	}
	for _, ok := range []string{text + " OVERLAP", tlmHead + "IGNORE_OVERLAP\n" + "ITEM A 0 16 UINT\nITEM B 8 16 UINT",
		// little-endian bit fields: the offset is the most significant bit
		"TELEMETRY TGT PKT LITTLE_ENDIAN\nITEM A 4 12 UINT\nITEM B 8 4 UINT",
		tlmHead + "ITEM D 0 0 DERIVED\nITEM A 0 8 UINT\nITEM V 8 -8 BLOCK\nITEM C -8 8 UINT",
		tlmHead + "ITEM C -8 8 UINT"} {
		if _, err := LoadText("t.txt", ok, Options{Target: "TGT"}); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

func TestServerOnlyKeywordsReportedOnce(t *testing.T) {
	var got []string
	_, err := LoadText("t.txt", cmdHead+"SCREEN T S\nSCREEN T S2\nRELATED_ITEM T P I\nHAZARDOUS\nRESTRICTED\nVALIDATOR v.rb\nAPPEND_PARAMETER P 8 UINT 0 1 0\n OBFUSCATE\n", Options{Target: "TGT",
		Verbose: func(f string, l int, m string) {
			if strings.Contains(m, "COSMOS server") {
				got = append(got, m)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 {
		t.Errorf("reports = %q, want one each for SCREEN, RELATED_ITEM, HAZARDOUS, RESTRICTED, VALIDATOR, OBFUSCATE", got)
	}
}
