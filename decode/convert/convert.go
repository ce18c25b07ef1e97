package convert

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/c3kit/c3kit/decode/accessor"
)

// Mode selects which value of an item packet.read returns.
type Mode uint8

// COSMOS's value types. Converted is packet.read's default.
const (
	Converted Mode = iota
	Raw
	Formatted
	WithUnits
)

// String returns COSMOS's spelling: "CONVERTED", "RAW", "FORMATTED", "WITH_UNITS".
func (m Mode) String() string {
	switch m {
	case Raw:
		return "RAW"
	case Formatted:
		return "FORMATTED"
	case WithUnits:
		return "WITH_UNITS"
	}
	return "CONVERTED"
}

// ParseMode parses RAW, CONVERTED, FORMATTED or WITH_UNITS (a leading ':'
// of a Ruby symbol is allowed), case-insensitively.
func ParseMode(s string) (Mode, error) {
	switch strings.ToUpper(strings.TrimPrefix(strings.TrimSpace(s), ":")) {
	case "RAW":
		return Raw, nil
	case "CONVERTED":
		return Converted, nil
	case "FORMATTED":
		return Formatted, nil
	case "WITH_UNITS":
		return WithUnits, nil
	}
	return 0, fmt.Errorf("unknown value type %q (want RAW, CONVERTED, FORMATTED or WITH_UNITS)", s)
}

// Packet is what a conversion may ask of the packet being converted. The
// decoder and encoder implement it over their packet buffers.
type Packet interface {
	// ReadItem returns another item of the same packet (packet.read('X') in
	// Ruby or Python). Names arrive upper-cased.
	ReadItem(name string, mode Mode) (any, error)
	// ReceivedTime is the record's time; ok is false when it has none.
	ReceivedTime() (t time.Time, ok bool)
	// PacketTime is the PACKET_TIME item if defined, else the received time.
	PacketTime() (t time.Time, ok bool)
	// ReceivedCount counts the packets of this kind seen so far, this one included.
	ReceivedCount() uint64
	// Buffer is the packet's raw bytes.
	Buffer() []byte
}

// ObjectCodec is implemented by a Packet that can decode and build other
// packets of the definitions; OBJECT_READ_CONVERSION and
// OBJECT_WRITE_CONVERSION need it.
type ObjectCodec interface {
	// ReadObject decodes data as packet target/name (kind "CMD" or "TLM")
	// and returns its items' converted values by name.
	ReadObject(kind, target, name string, data []byte) (map[string]any, error)
	// WriteObject builds packet target/name from its defaults overridden by
	// values, and returns its bytes.
	WriteObject(kind, target, name string, values map[string]any) ([]byte, error)
}

// Conversion converts one item's value.
type Conversion interface {
	// Convert converts value (the raw value for READ_CONVERSION, the
	// user's value for WRITE_CONVERSION) in the context of packet p.
	Convert(value any, p Packet) (any, error)
	// ConvertedType and ConvertedBitSize describe the result as COSMOS
	// declares it (0 when the conversion does not say).
	ConvertedType() accessor.DataType
	ConvertedBitSize() int
	// String is COSMOS's to_s of the conversion, shown by --verbose.
	String() string
}

// FloatConverter is the allocation-free fast path of numeric conversions
// (Polynomial, SegmentedPolynomial): the decoder type-asserts to it and
// calls ConvertFloat on the raw value.
type FloatConverter interface {
	ConvertFloat(x float64) float64
}

// Error classes; every error of this package matches one with errors.Is.
var (
	// ErrUnknownConversion: a conversion class that is not one of COSMOS's
	// built-in conversions (a custom Ruby or Python class).
	ErrUnknownConversion = errors.New("unknown conversion")
	// ErrUnsupported: a GENERIC body outside the subset c3kit evaluates.
	ErrUnsupported = errors.New("unsupported generic conversion")
	// ErrUnavailable: the conversion needs something only a COSMOS server
	// has (processors, other packets' definitions).
	ErrUnavailable = errors.New("not available outside COSMOS")
	// ErrBadParams: wrong parameters for a conversion.
	ErrBadParams = errors.New("bad conversion parameters")
	// ErrConvert: the conversion failed on this value.
	ErrConvert = errors.New("conversion failed")
)

type classError struct {
	class error
	msg   string
}

func (e *classError) Error() string { return e.msg }
func (e *classError) Unwrap() error { return e.class }

func errorf(class error, format string, args ...any) error {
	return &classError{class, fmt.Sprintf(format, args...)}
}

// base holds the declared result of a conversion.
type base struct {
	typ  accessor.DataType
	bits int
}

func (b base) ConvertedType() accessor.DataType { return b.typ }
func (b base) ConvertedBitSize() int            { return b.bits }

// Passthrough returns a conversion that leaves values unchanged. A caller
// running leniently uses it in place of a GENERIC body that Generic
// rejected, after warning once; String shows the original body.
func Passthrough(body string) Conversion { return passthrough{body} }

type passthrough struct{ body string }

func (p passthrough) Convert(v any, _ Packet) (any, error) { return v, nil }
func (passthrough) ConvertedType() accessor.DataType       { return 0 }
func (passthrough) ConvertedBitSize() int                  { return 0 }
func (p passthrough) String() string                       { return "unconverted: " + p.body }
