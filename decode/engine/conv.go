package engine

import (
	"time"

	"github.com/c3kit/c3kit/decode/convert"
	"github.com/c3kit/c3kit/decode/def"
)

// converter is a read or write conversion as the engine runs it: the value
// in, the packet being decoded or built as context, the result written to
// out (a reused slot: its buffers may be recycled; never the same as in).
type converter interface {
	convert(in *Value, p convert.Packet, out *Value) error
}

// libConv runs a decode/convert conversion on plain Go values.
type libConv struct{ c convert.Conversion }

func (l libConv) convert(in *Value, p convert.Packet, out *Value) error {
	v, err := l.c.Convert(in.Any(), p)
	if err != nil {
		return err
	}
	*out = FromAny(v)
	return nil
}

// serverOnly is a read conversion whose value only a COSMOS server has (a
// processor's result, warned about once at load time): null on every
// record, as its "not available" error made it, without running it.
// COSMOS's demo HEALTH_STATUS has six.
type serverOnly struct{ c convert.Conversion }

func (serverOnly) convert(_ *Value, _ convert.Packet, out *Value) error {
	*out = Value{}
	return nil
}

// floatConv is the allocation-free path for polynomials.
type floatConv struct {
	f convert.FloatConverter
	c convert.Conversion
}

func (f floatConv) convert(in *Value, p convert.Packet, out *Value) error {
	if x, ok := in.Float64(); ok && in.K != Time {
		out.K, out.F = Float, f.f.ConvertFloat(x)
		return nil
	}
	return libConv{f.c}.convert(in, p, out)
}

// numConv is the allocation-free path of GENERIC bodies that are
// arithmetic on numbers (convert.NumConverter); whatever it cannot do
// falls back to the VM, which gives the same value or the exact error.
type numConv struct {
	n convert.NumConverter
	c convert.Conversion
}

func (n numConv) convert(in *Value, p convert.Packet, out *Value) error {
	if np, ok := p.(convert.NumPacket); ok {
		x, has := in.num()
		if r, ok := n.n.ConvertNum(x, has, np); ok {
			*out = numValue(r)
			return nil
		}
	}
	return libConv{n.c}.convert(in, p, out)
}

// timeNumConv is the allocation-free path of unix_time_conversion and
// unix_time_seconds_conversion (the formatted form makes a string anyway).
type timeNumConv struct{ c *convert.UnixTime }

func (t timeNumConv) convert(in *Value, p convert.Packet, out *Value) error {
	if np, ok := p.(convert.NumPacket); ok {
		if tm, ok := t.c.ConvertTime(np); ok {
			if t.c.Form == convert.UnixTimeSeconds {
				*out = FloatVal(convert.TimeSeconds(tm))
			} else {
				*out = TimeVal(tm)
			}
			return nil
		}
	}
	return libConv{t.c}.convert(in, p, out)
}

// reservedConversion gives the items COSMOS adds to every packet
// (PACKET_TIMESECONDS ... RECEIVED_COUNT). They are computed here rather
// than through decode/convert so that the five of them cost no allocation
// per record; the values are the same (COSMOS's Time#formatted and to_f).
func reservedConversion(it *def.Item) (converter, bool) {
	if !it.Reserved {
		return nil, false
	}
	switch it.Name {
	case "PACKET_TIMESECONDS":
		return timeConv{packet: true, seconds: true}, true
	case "PACKET_TIMEFORMATTED":
		return timeConv{packet: true}, true
	case "RECEIVED_TIMESECONDS":
		return timeConv{seconds: true}, true
	case "RECEIVED_TIMEFORMATTED":
		return timeConv{}, true
	case "RECEIVED_COUNT":
		return countConv{}, true
	}
	return nil, false
}

// timeConv gives the packet or received time as Unix seconds or COSMOS's
// formatted string, with COSMOS's fallbacks when there is no time.
type timeConv struct{ packet, seconds bool }

func (t timeConv) convert(_ *Value, p convert.Packet, out *Value) error {
	var tm time.Time
	var ok bool
	if t.packet {
		tm, ok = p.PacketTime()
	} else {
		tm, ok = p.ReceivedTime()
	}
	switch {
	case t.seconds && !ok:
		out.K, out.F = Float, 0
	case t.seconds:
		out.K, out.F = Float, convert.TimeSeconds(tm)
	case !ok && t.packet:
		out.K, out.S = Name, "No Packet Time"
	case !ok:
		out.K, out.S = Name, "No Packet Received Time"
	default:
		// formatted into the slot's own buffer: no allocation once warm
		out.K, out.B = String, formatTime(out.B[:0], tm)
	}
	return nil
}

type countConv struct{}

func (countConv) convert(_ *Value, p convert.Packet, out *Value) error {
	out.K, out.U = Uint, p.ReceivedCount()
	return nil
}
