package accessor

import (
	"fmt"
	"strings"
)

// DataType is the data type of an item as written in a definition file.
type DataType uint8

// The data types of COSMOS definitions. The binary accessor reads and writes
// INT, UINT, FLOAT, STRING and BLOCK; DERIVED items have no bytes. BOOL,
// ARRAY, OBJECT, ANY and TIME exist for converted types (CONVERTED_DATA,
// GENERIC conversions) and for other accessors.
const (
	INT DataType = iota + 1
	UINT
	FLOAT
	STRING
	BLOCK
	DERIVED
	BOOL
	ARRAY
	OBJECT
	ANY
	TIME
)

var dataTypeNames = [...]string{
	INT: "INT", UINT: "UINT", FLOAT: "FLOAT", STRING: "STRING", BLOCK: "BLOCK",
	DERIVED: "DERIVED", BOOL: "BOOL", ARRAY: "ARRAY", OBJECT: "OBJECT", ANY: "ANY", TIME: "TIME",
}

// String returns the definition-file spelling, e.g. "UINT".
func (t DataType) String() string {
	if int(t) < len(dataTypeNames) && dataTypeNames[t] != "" {
		return dataTypeNames[t]
	}
	return fmt.Sprintf("DataType(%d)", uint8(t))
}

// ParseDataType parses a data type name, case-insensitively.
func ParseDataType(s string) (DataType, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	for t, name := range dataTypeNames {
		if name != "" && name == u {
			return DataType(t), nil
		}
	}
	return 0, invalidf("unknown data type %q (want INT, UINT, FLOAT, STRING, BLOCK, DERIVED, BOOL, ARRAY, OBJECT, ANY or TIME)", s)
}

// Endian is the byte order of an item.
type Endian uint8

// The two COSMOS endiannesses. The zero value is BigEndian, COSMOS's default.
const (
	BigEndian Endian = iota
	LittleEndian
)

// String returns "BIG_ENDIAN" or "LITTLE_ENDIAN".
func (e Endian) String() string {
	switch e {
	case BigEndian:
		return "BIG_ENDIAN"
	case LittleEndian:
		return "LITTLE_ENDIAN"
	}
	return fmt.Sprintf("Endian(%d)", uint8(e))
}

// ParseEndian parses BIG_ENDIAN or LITTLE_ENDIAN, case-insensitively.
func ParseEndian(s string) (Endian, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "BIG_ENDIAN":
		return BigEndian, nil
	case "LITTLE_ENDIAN":
		return LittleEndian, nil
	}
	return 0, invalidf("unknown endianness %q (want BIG_ENDIAN or LITTLE_ENDIAN)", s)
}

// Overflow is the OVERFLOW behaviour of a command parameter: what a write
// does with an integer outside the item's range.
type Overflow uint8

// The OVERFLOW keyword's values. The zero value is COSMOS's default, ERROR.
const (
	// OverflowError rejects values outside the item's signed or unsigned range.
	OverflowError Overflow = iota
	// OverflowErrorAllowHex also accepts, for INT items, values up to the
	// unsigned maximum of the bit size (255 for an 8-bit INT), written as
	// their bit pattern.
	OverflowErrorAllowHex
	// OverflowTruncate keeps the low bit_size bits of any value. For STRING
	// and BLOCK it cuts a value that is too long.
	OverflowTruncate
	// OverflowSaturate clamps the value to the item's minimum or maximum.
	OverflowSaturate
)

var overflowNames = [...]string{
	OverflowError: "ERROR", OverflowErrorAllowHex: "ERROR_ALLOW_HEX",
	OverflowTruncate: "TRUNCATE", OverflowSaturate: "SATURATE",
}

// String returns the definition-file spelling, e.g. "ERROR_ALLOW_HEX".
func (o Overflow) String() string {
	if int(o) < len(overflowNames) {
		return overflowNames[o]
	}
	return fmt.Sprintf("Overflow(%d)", uint8(o))
}

// ParseOverflow parses ERROR, ERROR_ALLOW_HEX, TRUNCATE or SATURATE.
func ParseOverflow(s string) (Overflow, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	for o, name := range overflowNames {
		if name == u {
			return Overflow(o), nil
		}
	}
	return 0, invalidf("unknown overflow type %q (want ERROR, ERROR_ALLOW_HEX, TRUNCATE or SATURATE)", s)
}
