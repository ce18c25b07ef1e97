package def

import (
	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/c3kit/c3kit/decode/keyed"
)

// Kind says whether a packet is a command or a telemetry packet.
type Kind uint8

const (
	Telemetry Kind = iota
	Command
)

// String returns COSMOS's keyword for the kind: TELEMETRY or COMMAND.
func (k Kind) String() string {
	if k == Command {
		return "COMMAND"
	}
	return "TELEMETRY"
}

// Set is every target loaded by one Load call.
type Set struct {
	// Targets in load order.
	Targets []*Target
	// LimitsGroups in definition order (LIMITS_GROUP / LIMITS_GROUP_ITEM).
	LimitsGroups []*LimitsGroup
	// Warnings COSMOS would log while loading (redefinitions, packets
	// without ID items, ...), also passed to Options.Verbose.
	Warnings []string

	targets map[string]*Target
	index   [2][2]*identIndex // by Kind and subpacket, built once after loading
}

// Target is one COSMOS target: a folder with a cmd_tlm directory, or a set
// of files given with a target name.
type Target struct {
	Name string
	// Dir is the target folder ("" when single files were loaded).
	Dir string
	// Files are the definition files in the order they were processed.
	Files []string
	// Commands and Telemetry in definition order (a redefined packet keeps
	// its first position, as COSMOS's hashes do).
	Commands  []*Packet
	Telemetry []*Packet
	// CmdUniqueIDMode / TlmUniqueIDMode come from target.txt
	// (CMD_UNIQUE_ID_MODE / TLM_UNIQUE_ID_MODE): identify by trying every
	// packet in order instead of by the first packet's ID layout.
	CmdUniqueIDMode bool
	TlmUniqueIDMode bool
	// IgnoredParameters / IgnoredItems are target.txt's IGNORE_PARAMETER
	// and IGNORE_ITEM names (what COSMOS tools leave out of comparisons).
	IgnoredParameters []string
	IgnoredItems      []string

	byName [2]map[string]*Packet
}

// Packet returns the target's packet of a kind by name (case-insensitive),
// or nil.
func (t *Target) Packet(name string, kind Kind) *Packet { return t.byName[kind][upper(name)] }

// Packets returns the target's packets of one kind in definition order.
func (t *Target) Packets(kind Kind) []*Packet {
	if kind == Command {
		return t.Commands
	}
	return t.Telemetry
}

// Packet is a COMMAND or TELEMETRY definition.
type Packet struct {
	Target      string
	Name        string
	Kind        Kind
	Endian      accessor.Endian // default endianness of its items
	Description string

	// Items in definition order, the order COSMOS's items hash keeps and
	// c3decode prints: the reserved items first (PACKET_TIMESECONDS ...
	// RECEIVED_COUNT, defined when the packet is created), then the items
	// of the file. STRUCTURE sub-items follow their structure item.
	Items []*Item
	// Sorted holds the items ordered by bit offset as COSMOS's
	// sorted_items (derived items first, negative offsets last); overlap
	// checks and default filling walk this order.
	Sorted []*Item
	// IDItems in the order they were defined.
	IDItems []*Item

	// DefinedLengthBits is COSMOS's defined_length_bits: the largest
	// positive extent plus the largest negative offset.
	DefinedLengthBits int
	// DefinedLength is DefinedLengthBits rounded up to bytes.
	DefinedLength int
	// FixedSize is false once an item of size <= 0 (not DERIVED) or an
	// array of size <= 0 exists; nothing may be appended after that.
	FixedSize bool

	AllowShort       bool // ALLOW_SHORT
	Hidden           bool // HIDDEN (also set by DISABLED)
	Disabled         bool // DISABLED
	Virtual          bool // VIRTUAL: never identified, used as a structure
	CatchAll         bool // CATCHALL: intentionally has no ID items
	Subpacket        bool // SUBPACKET
	IgnoreOverlap    bool // IGNORE_OVERLAP
	MessagesDisabled bool // DISABLE_MESSAGES
	Hazardous        bool // HAZARDOUS
	HazardousDesc    string
	Restricted       bool // RESTRICTED

	// Accessor is the ACCESSOR class and its arguments; nil means
	// BinaryAccessor.
	Accessor *ClassRef
	// Subpacketizer is the SUBPACKETIZER class, kept as metadata.
	Subpacketizer *ClassRef
	// Template is the TEMPLATE / TEMPLATE_FILE / TEMPLATE_BASE64 bytes
	// (nil when none was given).
	Template []byte
	// Unusable is set when the packet uses something c3kit cannot run (a
	// keyword outside the documented language): the rest of the target
	// loads, and the engine rejects this packet's records with this error.
	Unusable error

	// Response and ErrorResponse are the RESPONSE / ERROR_RESPONSE
	// telemetry packets of a command.
	Response      *PacketRef
	ErrorResponse *PacketRef

	// Meta is META NAME VALUES... (names upper-cased).
	Meta map[string][]string
	// Extras are the keywords only a COSMOS server acts on (SCREEN,
	// RELATED_ITEM, VALIDATOR, PROCESSOR, ...), kept in order.
	Extras []Keyword

	File string // where COMMAND/TELEMETRY was
	Line int

	byName           map[string]*Item
	accessorLine     int         // the ACCESSOR line, for messages
	readCodec        keyed.Codec // set by identification (identify_keyed.go)
	posBits, negBits int         // COSMOS's pos_bit_size / neg_bit_size
}

// Item returns the item called name (case-insensitive), or nil.
func (p *Packet) Item(name string) *Item {
	if it, ok := p.byName[name]; ok {
		return it
	}
	return p.byName[upper(name)]
}

// Item is one ITEM or PARAMETER (or a reserved or structure sub-item).
type Item struct {
	Name string
	// BitOffset and BitSize as COSMOS defines them: a negative offset
	// counts from the end of the packet; a size <= 0 fills the packet up
	// to that many bits from its end. APPEND_* items carry the offset
	// computed when they were appended. For a structure sub-item (Parent
	// != "") the offset is relative to the start of the parent item.
	BitOffset int
	BitSize   int
	DataType  accessor.DataType
	// Array is true for ARRAY_ITEM / ARRAY_PARAMETER; ArrayBitSize is then
	// the total array bit size (<= 0: fills the packet to that many bits
	// from its end) and BitSize the size of one element.
	Array        bool
	ArrayBitSize int
	Endian       accessor.Endian
	Overflow     accessor.Overflow // OVERFLOW, default ERROR

	Description string

	// ID is set for ID_ITEM / ID_PARAMETER; IDValue is the value the
	// buffer must hold (for ID_PARAMETER, its default).
	ID      bool
	IDValue Value

	// Command parameters: Default (DEFAULT_VALUE), and Minimum/Maximum
	// (MINIMUM_VALUE/MAXIMUM_VALUE; MIN/MAX words already resolved to the
	// type's range). HasRange is false when COSMOS keeps no range
	// (STRING, BLOCK, arrays, or "nil" given).
	Default  Value
	HasRange bool
	Minimum  Value
	Maximum  Value
	Required bool // REQUIRED

	Hidden    bool // HIDDEN
	Obfuscate bool // OBFUSCATE
	Overlap   bool // OVERLAP
	// Key is the KEY used by non-binary accessors (JSONPath, XPath, ...).
	Key string
	// VariableBitSize is VARIABLE_BIT_SIZE, or nil.
	VariableBitSize *VariableBitSize

	States []State // STATE, definition order

	Units        string // UNITS abbreviated
	UnitsFull    string // UNITS full name
	FormatString string // FORMAT_STRING

	ReadConversion  *Conversion
	WriteConversion *Conversion

	// Limits sets in definition order; the DEFAULT set is always first.
	Limits         []Limits
	LimitsResponse *ClassRef // LIMITS_RESPONSE, metadata only

	Meta   map[string][]string
	Extras []Keyword

	// Reserved marks the items COSMOS adds to every packet
	// (PACKET_TIMESECONDS, PACKET_TIMEFORMATTED, RECEIVED_TIMESECONDS,
	// RECEIVED_TIMEFORMATTED, RECEIVED_COUNT).
	Reserved bool
	// Structure is set on a STRUCTURE / APPEND_STRUCTURE item (a hidden
	// BLOCK): the packet whose items were flattened into this one.
	Structure *PacketRef
	// Parent is the structure item a sub-item belongs to; its Name is
	// "PARENT.SUBITEM".
	Parent string

	File string
	Line int

	keyword string // the keyword that defined it, for messages
}

// Value is a literal from a definition file: an ID value, a default, a
// range end or a state value.
type Value struct {
	Kind  ValueKind
	Int   int64   // IntValue
	Uint  uint64  // UintValue: integers above math.MaxInt64
	Float float64 // FloatValue
	Str   string  // StringValue; BytesValue (raw bytes from a 0x literal)
}

// ValueKind says which field of a Value is set.
type ValueKind uint8

const (
	NoValue ValueKind = iota
	IntValue
	UintValue
	FloatValue
	StringValue
	BytesValue
	// BigValue is an integer beyond 64 bits (MIN/MAX of a 67-bit INT, a
	// large literal), its decimal text in Str.
	BigValue
)

// State is one STATE line. Any marks COSMOS's catch-all "ANY" value.
type State struct {
	Name  string
	Value Value
	Any   bool
	// Color is GREEN, YELLOW or RED for telemetry ("" if not given).
	Color string
	// Hazardous and HazardousDesc (commands), DisableMessages (commands).
	Hazardous       bool
	HazardousDesc   string
	DisableMessages bool
}

// ConversionKind is the family of a conversion.
type ConversionKind uint8

const (
	// PolyConversion: POLY_READ/WRITE_CONVERSION c0 c1 ...
	PolyConversion ConversionKind = iota + 1
	// SegPolyConversion: one or more SEG_POLY_*_CONVERSION lines.
	SegPolyConversion
	// NamedConversion: READ/WRITE_CONVERSION class-file params...
	NamedConversion
	// GenericConversion: GENERIC_*_CONVERSION_START ... _END.
	GenericConversion
)

// String names the kind as the golden files and messages do.
func (k ConversionKind) String() string {
	switch k {
	case PolyConversion:
		return "POLY"
	case SegPolyConversion:
		return "SEG_POLY"
	case NamedConversion:
		return "NAMED"
	case GenericConversion:
		return "GENERIC"
	}
	return "NONE"
}

// Conversion describes a read or write conversion. decode/convert turns it
// into code; nothing is evaluated here.
type Conversion struct {
	Kind ConversionKind
	// Coeffs of a POLY conversion (c0 first).
	Coeffs []float64
	// Segments of a SEG_POLY conversion in definition order.
	Segments []Segment
	// Class is the class file named by READ/WRITE_CONVERSION as written
	// (e.g. "unix_time_conversion.rb" or
	// "openc3/conversions/unix_time_conversion.py"); Params its arguments.
	Class  string
	Params []string
	// Body is the code between GENERIC_*_CONVERSION_START and _END, one
	// line per source line, each ending in "\n".
	Body string
	// ConvertedType/ConvertedBitSize/ConvertedArrayBitSize come from
	// CONVERTED_DATA or the GENERIC_READ_CONVERSION_START arguments;
	// HasConverted says whether any was given.
	HasConverted          bool
	ConvertedType         accessor.DataType
	ConvertedBitSize      int
	ConvertedArrayBitSize int

	File string
	Line int
}

// Segment is one SEG_POLY segment: applies to values >= LowerBound.
type Segment struct {
	LowerBound float64
	Coeffs     []float64
}

// Limits is one LIMITS line (one limits set).
type Limits struct {
	Set         string // DEFAULT, TVAC, ...
	Persistence int
	Enabled     bool // initial state ENABLED
	RedLow      float64
	YellowLow   float64
	YellowHigh  float64
	RedHigh     float64
	HasGreen    bool
	GreenLow    float64
	GreenHigh   float64
	File        string
	Line        int
}

// VariableBitSize is VARIABLE_BIT_SIZE: the item's size comes from
// LengthItem's value * BitsPerCount + ValueBitOffset.
type VariableBitSize struct {
	LengthItem     string
	BitsPerCount   int // default 8
	ValueBitOffset int // default 0
}

// ClassRef names a class (accessor, subpacketizer, limits response) and
// its constructor arguments.
type ClassRef struct {
	Class string
	Args  []string
}

// PacketRef names another packet (RESPONSE, STRUCTURE, ...).
type PacketRef struct {
	Kind   Kind
	Target string
	Packet string
}

// LimitsGroup is a LIMITS_GROUP with its LIMITS_GROUP_ITEM entries.
type LimitsGroup struct {
	Name  string
	Items []ItemRef
}

// ItemRef names an item of a packet.
type ItemRef struct {
	Target string
	Packet string
	Item   string
}

// Keyword is a definition line kept verbatim as metadata.
type Keyword struct {
	Keyword string
	Args    []string
	File    string
	Line    int
}

// Options control Load.
type Options struct {
	// Target names the target when single files or one target folder are
	// loaded (COSMOS's plugin.txt TARGET folder-name target-name); by
	// default the folder name is used. Required for single files.
	Target string
	// Verbose, if set, receives warnings COSMOS would log and, once per
	// keyword, the server-only keywords kept as metadata.
	Verbose func(file string, line int, msg string)
	// Vars are extra ERB variables (ints, floats, strings, bools),
	// available next to target_name.
	Vars map[string]any
	// OverlapWarnings reports overlapping items (without OVERLAP or
	// IGNORE_OVERLAP) as warnings, as COSMOS does, instead of errors.
	OverlapWarnings bool
	// MaxRecord is the record cap in bytes (record.DefaultMaxLen when 0):
	// an item or packet reaching past it is a definition error.
	MaxRecord int
}
