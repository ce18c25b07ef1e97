package convert

import (
	"github.com/c3kit/c3kit/internal/ruby"
	"math/bits"
	"strconv"
	"strings"
	"time"

	"github.com/c3kit/c3kit/decode/accessor"
)

// BitReverse reverses the low bitSize bits of an integer
// (bit_reverse_conversion). COSMOS does not reverse floats.
type BitReverse struct{ base }

// NewBitReverse returns a BIT_REVERSE conversion for an INT or UINT of bitSize bits.
func NewBitReverse(t accessor.DataType, bitSize int) (*BitReverse, error) {
	if t == accessor.FLOAT {
		return nil, errorf(ErrBadParams, "Float Bit Reverse Not Yet Supported")
	}
	if t != accessor.INT && t != accessor.UINT {
		return nil, errorf(ErrBadParams, "bit_reverse_conversion needs an INT or UINT type, not %v", t)
	}
	if bitSize < 1 || bitSize > 64 {
		return nil, errorf(ErrBadParams, "bit_reverse_conversion bit size %d must be 1..64", bitSize)
	}
	return &BitReverse{base{t, bitSize}}, nil
}

func (b *BitReverse) Convert(v any, _ Packet) (any, error) {
	var u uint64
	switch x := v.(type) {
	case uint64:
		u = x
	case int64:
		u = uint64(x)
	default:
		i, ok := ruby.AsInt(v)
		if !ok {
			return nil, errorf(ErrConvert, "bit reverse of non-integer value %v (%T)", v, v)
		}
		u = uint64(i)
	}
	r := bits.Reverse64(u) >> uint(64-b.bits)
	if b.typ == accessor.INT {
		return int64(r), nil
	}
	return r, nil
}

func (b *BitReverse) String() string {
	return "BitReverseConversion.new(:" + b.typ.String() + ", " + strconv.Itoa(b.bits) + ")"
}

// IPRead turns a packed 32-bit integer into "a.b.c.d" (ip_read_conversion).
type IPRead struct{}

func (IPRead) Convert(v any, _ Packet) (any, error) {
	var u uint64
	if x, ok := v.(uint64); ok {
		u = x
	} else if i, ok := ruby.AsInt(v); ok {
		u = uint64(i)
	} else {
		return nil, errorf(ErrConvert, "IP read conversion of non-integer value %v (%T)", v, v)
	}
	return strconv.Itoa(int(u>>24&0xFF)) + "." + strconv.Itoa(int(u>>16&0xFF)) + "." +
		strconv.Itoa(int(u>>8&0xFF)) + "." + strconv.Itoa(int(u&0xFF)), nil
}
func (IPRead) ConvertedType() accessor.DataType { return accessor.STRING }
func (IPRead) ConvertedBitSize() int            { return 120 }
func (IPRead) String() string                   { return "IpReadConversion.new" }

// IPWrite turns "a.b.c.d" into a packed 32-bit integer (ip_write_conversion).
type IPWrite struct{}

func (IPWrite) Convert(v any, _ Packet) (any, error) {
	s, ok := v.(string)
	if !ok {
		return nil, errorf(ErrConvert, "IP write conversion needs a string like '255.255.128.0', got %v (%T)", v, v)
	}
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return nil, errorf(ErrConvert, "invalid IP address %q (want x.x.x.x)", s)
	}
	var r uint64
	for _, p := range parts {
		n, err := strconv.ParseInt(strings.TrimSpace(p), 0, 64) // Ruby Integer(): 0x.. allowed
		if err != nil || n < 0 || n > 255 {
			return nil, errorf(ErrConvert, "invalid IP address %q (each part 0..255)", s)
		}
		r = r<<8 | uint64(n)
	}
	return r, nil
}
func (IPWrite) ConvertedType() accessor.DataType { return accessor.UINT }
func (IPWrite) ConvertedBitSize() int            { return 32 }
func (IPWrite) String() string                   { return "IpWriteConversion.new" }

// Object reads (OBJECT_READ) or writes (OBJECT_WRITE) the items of another
// packet stored in this item's bytes. It needs a Packet that implements
// ObjectCodec.
type Object struct {
	Write              bool
	Kind, Target, Name string // Kind is "CMD" or "TLM"
}

func (o *Object) Convert(v any, p Packet) (any, error) {
	codec, ok := p.(ObjectCodec)
	if !ok {
		return nil, errorf(ErrUnavailable, "%s needs the definitions of %s %s %s", o.String(), o.Kind, o.Target, o.Name)
	}
	if o.Write {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, errorf(ErrConvert, "object write conversion needs a map of item values, got %T", v)
		}
		return codec.WriteObject(o.Kind, o.Target, o.Name, m)
	}
	b, ok := v.([]byte)
	if !ok {
		if s, isStr := v.(string); isStr {
			b = []byte(s)
		} else {
			return nil, errorf(ErrConvert, "object read conversion needs BLOCK data, got %T", v)
		}
	}
	return codec.ReadObject(o.Kind, o.Target, o.Name, b)
}

func (o *Object) ConvertedType() accessor.DataType {
	if o.Write {
		return accessor.BLOCK
	}
	return accessor.OBJECT
}
func (o *Object) ConvertedBitSize() int { return 0 }
func (o *Object) String() string {
	cls := "ObjectReadConversion"
	if o.Write {
		cls = "ObjectWriteConversion"
	}
	return cls + " " + o.Kind + " " + o.Target + " " + o.Name
}

// Processor stands for processor_conversion. Its value is a result of one
// of the packet's processors, whose state spans the stream: Convert alone
// fails with ErrUnavailable, and decode/engine, which runs COSMOS's
// watermark and statistics processors, resolves the result itself.
type Processor struct {
	base
	ProcessorName, Result string
	err                   error // the same for every call: made once
}

func (c *Processor) Convert(any, Packet) (any, error) {
	if c.err != nil {
		return nil, c.err
	}
	return nil, c.unavailable()
}

func (c *Processor) unavailable() error {
	return errorf(ErrUnavailable, "processor %s result %s is not available outside COSMOS", c.ProcessorName, c.Result)
}
func (c *Processor) String() string { return "ProcessorConversion " + c.ProcessorName + " " + c.Result }

// TimeConversion is packet_time_seconds_conversion,
// packet_time_formatted_conversion, received_time_seconds_conversion and
// received_time_formatted_conversion: the packet's (or received) time as
// float seconds or as COSMOS's formatted string.
type TimeConversion struct{ Received, Formatted bool }

func (c TimeConversion) Convert(_ any, p Packet) (any, error) {
	if c.Received {
		t, ok := p.ReceivedTime()
		return timeValue(t, ok, c.Formatted, "No Packet Received Time"), nil
	}
	t, ok := p.PacketTime()
	return timeValue(t, ok, c.Formatted, "No Packet Time"), nil
}

func (c TimeConversion) ConvertedType() accessor.DataType {
	if c.Formatted {
		return accessor.STRING
	}
	return accessor.FLOAT
}

func (c TimeConversion) ConvertedBitSize() int {
	if c.Formatted {
		return 0
	}
	return 64
}

func (c TimeConversion) String() string {
	s := "Packet"
	if c.Received {
		s = "Received"
	}
	if c.Formatted {
		return s + "TimeFormattedConversion"
	}
	return s + "TimeSecondsConversion"
}

func timeValue(t time.Time, ok, formatted bool, none string) any {
	switch {
	case formatted && ok:
		return FormatTime(t)
	case formatted:
		return none
	case ok:
		return TimeSeconds(t)
	}
	return 0.0
}

// ReceivedCount is received_count_conversion: the packet's received count.
type ReceivedCount struct{}

func (ReceivedCount) Convert(_ any, p Packet) (any, error) { return p.ReceivedCount(), nil }
func (ReceivedCount) ConvertedType() accessor.DataType     { return accessor.UINT }
func (ReceivedCount) ConvertedBitSize() int                { return 32 }
func (ReceivedCount) String() string                       { return "ReceivedCountConversion" }

// UnixTimeForm selects what a unix time conversion returns.
type UnixTimeForm uint8

const (
	UnixTimeObject    UnixTimeForm = iota // unix_time_conversion: a time.Time
	UnixTimeFormatted                     // unix_time_formatted_conversion: "YYYY/MM/DD HH:MM:SS.sss"
	UnixTimeSeconds                       // unix_time_seconds_conversion: float seconds
)

// UnixTime builds a time from a seconds item and an optional microseconds
// item of the same packet, read RAW unless told otherwise.
type UnixTime struct {
	Form                  UnixTimeForm
	SecondsItem, UsecItem string // UsecItem "" when absent
	SecondsMode, UsecMode Mode
}

func (c *UnixTime) Convert(_ any, p Packet) (any, error) {
	sec, err := p.ReadItem(c.SecondsItem, c.SecondsMode)
	if err != nil {
		return nil, err
	}
	var usec any
	if c.UsecItem != "" {
		if usec, err = p.ReadItem(c.UsecItem, c.UsecMode); err != nil {
			return nil, err
		}
	}
	t, err := unixTime(sec, usec)
	if err != nil {
		return nil, err
	}
	switch c.Form {
	case UnixTimeFormatted:
		return FormatTime(t), nil
	case UnixTimeSeconds:
		return TimeSeconds(t), nil
	}
	return t, nil
}

// ConvertTime is the numeric path of the conversion (see NumPacket): the
// time without boxing. ok is false when the items are not plain numbers or
// are read FORMATTED; Convert then gives the value or the error.
func (c *UnixTime) ConvertTime(p NumPacket) (t time.Time, ok bool) {
	if c.SecondsMode >= Formatted || c.UsecItem != "" && c.UsecMode >= Formatted {
		return time.Time{}, false
	}
	sec, ok := p.ReadNum(c.SecondsItem, c.SecondsMode == Raw)
	if !ok {
		return time.Time{}, false
	}
	var usec Num
	if c.UsecItem != "" {
		if usec, ok = p.ReadNum(c.UsecItem, c.UsecMode == Raw); !ok {
			return time.Time{}, false
		}
	}
	t, bad := unixTimeNum(sec, usec, c.UsecItem != "")
	return t, bad == timeOK
}

func (c *UnixTime) ConvertedType() accessor.DataType {
	switch c.Form {
	case UnixTimeFormatted:
		return accessor.STRING
	case UnixTimeSeconds:
		return accessor.FLOAT
	}
	return accessor.TIME
}

func (c *UnixTime) ConvertedBitSize() int {
	if c.Form == UnixTimeSeconds {
		return 64
	}
	return 0
}

func (c *UnixTime) String() string {
	s := "Time.at(packet.read('" + c.SecondsItem + "', :" + c.SecondsMode.String() + ", buffer), "
	if c.UsecItem != "" {
		s += "packet.read('" + c.UsecItem + "', :" + c.UsecMode.String() + ", buffer)).sys"
	} else {
		s += "0).sys"
	}
	switch c.Form {
	case UnixTimeFormatted:
		s += ".formatted"
	case UnixTimeSeconds:
		s += ".to_f"
	}
	return s
}
