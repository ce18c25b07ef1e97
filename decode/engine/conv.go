package engine

import (
	"time"

	"github.com/c3kit/c3kit/decode/convert"
	"github.com/c3kit/c3kit/decode/def"
)

// converter is a read or write conversion as the engine runs it: the value
// in, the packet being decoded or built as context.
type converter interface {
	convert(in *Value, p convert.Packet) (Value, error)
}

// libConv runs a decode/convert conversion on plain Go values.
type libConv struct{ c convert.Conversion }

func (l libConv) convert(in *Value, p convert.Packet) (Value, error) {
	out, err := l.c.Convert(in.Any(), p)
	if err != nil {
		return Value{}, err
	}
	return FromAny(out), nil
}

// floatConv is the allocation-free path for polynomials.
type floatConv struct {
	f convert.FloatConverter
	c convert.Conversion
}

func (f floatConv) convert(in *Value, p convert.Packet) (Value, error) {
	if x, ok := in.Float64(); ok && in.K != Time {
		return FloatVal(f.f.ConvertFloat(x)), nil
	}
	return libConv{f.c}.convert(in, p)
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

func (t timeConv) convert(_ *Value, p convert.Packet) (Value, error) {
	var tm time.Time
	var ok bool
	if t.packet {
		tm, ok = p.PacketTime()
	} else {
		tm, ok = p.ReceivedTime()
	}
	switch {
	case t.seconds && !ok:
		return FloatVal(0), nil
	case t.seconds:
		return FloatVal(convert.TimeSeconds(tm)), nil
	case !ok && t.packet:
		return NameVal("No Packet Time"), nil
	case !ok:
		return NameVal("No Packet Received Time"), nil
	}
	if rc, isRec := p.(*recordCtx); isRec {
		rc.tbuf = formatTime(rc.tbuf[:0], tm)
		return Value{K: String, B: rc.tbuf}, nil
	}
	return Value{K: String, B: formatTime(nil, tm)}, nil
}

type countConv struct{}

func (countConv) convert(_ *Value, p convert.Packet) (Value, error) {
	return UintVal(p.ReceivedCount()), nil
}
