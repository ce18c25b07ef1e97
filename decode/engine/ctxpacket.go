package engine

import (
	"fmt"
	"strings"
	"time"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/c3kit/c3kit/decode/convert"
	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
)

// The record being decoded and the packet being built are the "packet" a
// conversion sees (convert.Packet): other items, times, the received
// count, the bytes, and other packets' definitions for OBJECT conversions.

// ReadItem is packet.read for conversions.
func (c *recordCtx) ReadItem(name string, mode convert.Mode) (any, error) {
	ip := c.pl.byName[name]
	if ip == nil {
		ip = c.pl.byName[upperASCII(name)]
	}
	if ip == nil {
		return nil, fmt.Errorf("packet item '%s %s %s' does not exist", c.pl.pkt.Target, c.pl.pkt.Name, upperASCII(name))
	}
	switch mode {
	case convert.Raw:
		v, err := c.raw(ip)
		if err != nil {
			return nil, err
		}
		return v.Any(), nil
	case convert.Formatted, convert.WithUnits:
		v, err := c.conv(ip)
		if err != nil {
			return nil, err
		}
		if st := ip.lookupState(v); st != nil {
			return st.name, nil
		}
		b, err := c.d.formatValue(nil, ip, v)
		return string(b), err
	}
	v, err := c.conv(ip)
	if err != nil {
		return nil, err
	}
	if st := ip.lookupState(v); st != nil {
		return st.name, nil
	}
	return v.Any(), nil
}

// Buffer is the record's bytes.
func (c *recordCtx) Buffer() []byte { return c.buf }

// ReceivedTime is the record's time meta.
func (c *recordCtx) ReceivedTime() (time.Time, bool) { return c.rtime, c.hasTime }

// PacketTime is COSMOS's packet_time: the PACKET_TIME item when the packet
// defines one (and it converts to a time), else the received time.
func (c *recordCtx) PacketTime() (time.Time, bool) {
	if pt := c.pl.packetTime; pt != nil {
		if v, err := c.conv(pt); err == nil {
			switch v.K {
			case Time:
				return v.Time(), true
			case Float, Int, Uint:
				f, _ := v.Float64()
				return time.Unix(0, int64(f*1e9)).UTC(), true
			}
		}
	}
	return c.rtime, c.hasTime
}

// ReceivedCount is the per-stream count of this packet, this one included.
func (c *recordCtx) ReceivedCount() uint64 { return c.count }

// ReadObject decodes data as another packet (OBJECT_READ_CONVERSION) with
// a decoder of its own, so this record's state is untouched.
func (c *recordCtx) ReadObject(kind, target, name string, data []byte) (map[string]any, error) {
	set := c.d.opts.Set
	if set == nil {
		return nil, fmt.Errorf("no definitions to read %s %s %s", kind, target, name)
	}
	p := set.Packet(target, name, objectKind(kind))
	if p == nil {
		return nil, fmt.Errorf("packet %s %s %s is not defined", kind, target, name)
	}
	if c.d.sub == nil {
		c.d.sub = NewDecoder(Options{Set: set, LimitsSet: c.d.opts.LimitsSet, Lenient: c.d.opts.Lenient})
	}
	out := map[string]any{}
	err := c.d.sub.Values(p, &record.Record{Data: data}, func(n string, v *Value, _ LimitsState) {
		out[n] = v.Any()
	})
	return out, err
}

func objectKind(k string) def.Kind {
	if strings.HasPrefix(strings.ToUpper(k), "C") {
		return def.Command
	}
	return def.Telemetry
}

// ReadItem for the encoder: conversions see the buffer being built, raw.
func (c *encCtx) ReadItem(name string, _ convert.Mode) (any, error) {
	ip := c.ep.byName[upperASCII(name)]
	if ip == nil {
		return nil, fmt.Errorf("packet item '%s %s %s' does not exist", c.ep.pkt.Target, c.ep.pkt.Name, upperASCII(name))
	}
	if ip.typ == accessor.DERIVED {
		return nil, nil
	}
	v, err := readScalar(c.buf, ip.typ, c.offs[ip.idx], c.sizes[ip.idx], ip.e)
	if err != nil {
		return nil, err
	}
	return v.Any(), nil
}

func (c *encCtx) Buffer() []byte                  { return c.buf }
func (c *encCtx) ReceivedTime() (time.Time, bool) { return time.Time{}, false }
func (c *encCtx) PacketTime() (time.Time, bool)   { return time.Time{}, false }
func (c *encCtx) ReceivedCount() uint64           { return 0 }

// WriteObject builds another packet (OBJECT_WRITE_CONVERSION).
func (c *encCtx) WriteObject(kind, target, name string, values map[string]any) ([]byte, error) {
	return writeObject(c.e.opts.Set, kind, target, name, values)
}

func writeObject(set *def.Set, kind, target, name string, values map[string]any) ([]byte, error) {
	if set == nil {
		return nil, fmt.Errorf("no definitions to build %s %s %s", kind, target, name)
	}
	p := set.Packet(target, name, objectKind(kind))
	if p == nil {
		return nil, fmt.Errorf("packet %s %s %s is not defined", kind, target, name)
	}
	var given []Given
	for _, k := range sortedKeys(values) {
		given = append(given, Given{Name: k, Value: FromAny(values[k])})
	}
	sub := NewEncoder(EncodeOptions{Set: set})
	return sub.Encode(nil, p, given)
}

// WriteObject lets read conversions build packets too (convert.ObjectCodec
// has both directions).
func (c *recordCtx) WriteObject(kind, target, name string, values map[string]any) ([]byte, error) {
	return writeObject(c.d.opts.Set, kind, target, name, values)
}

// ReadObject lets write conversions decode packets too.
func (c *encCtx) ReadObject(kind, target, name string, data []byte) (map[string]any, error) {
	set := c.e.opts.Set
	if set == nil {
		return nil, fmt.Errorf("no definitions to read %s %s %s", kind, target, name)
	}
	p := set.Packet(target, name, objectKind(kind))
	if p == nil {
		return nil, fmt.Errorf("packet %s %s %s is not defined", kind, target, name)
	}
	out := map[string]any{}
	err := NewDecoder(Options{Set: set}).Values(p, &record.Record{Data: data}, func(n string, v *Value, _ LimitsState) {
		out[n] = v.Any()
	})
	return out, err
}

var (
	_ convert.ObjectCodec = (*recordCtx)(nil)
	_ convert.ObjectCodec = (*encCtx)(nil)
)
