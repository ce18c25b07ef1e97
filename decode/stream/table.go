package stream

import (
	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
)

// tableOut prints each packet as a block for humans: a title line
// "TARGET PACKET  time" and one line per item with the names padded to the
// packet's longest name, and the limits state after the value with
// --limits. Blocks are complete when written, so a live stream shows each
// packet as it arrives.
type tableOut struct {
	dec   *engine.Decoder
	width map[*def.Packet]int
}

func (o *tableOut) appendRecord(b []byte, pkt *def.Packet, rec *record.Record) ([]byte, error) {
	if pkt == nil {
		b = append(b, "UNKNOWN UNKNOWN  "...)
		b = appendTime(b, rec.Meta)
		b = append(b, "  length "...)
		b = appendInt(b, len(rec.Data))
		return append(b, "\n\n"...), nil
	}
	if o.width == nil {
		o.width = map[*def.Packet]int{}
	}
	width, ok := o.width[pkt]
	if !ok {
		names, _, err := o.dec.Columns(pkt)
		if err != nil {
			return b, err
		}
		for _, n := range names {
			width = max(width, len(n))
		}
		o.width[pkt] = width
	}
	b = append(b, pkt.Target...)
	b = append(b, ' ')
	b = append(b, pkt.Name...)
	if t, ok := rec.Meta.Time(); ok {
		b = append(b, "  "...)
		b = t.UTC().AppendFormat(b, jsonform.TimeLayout)
	}
	b = append(b, '\n')
	derr := o.dec.Values(pkt, rec, func(name string, v *engine.Value, ls engine.LimitsState) {
		b = append(b, "  "...)
		b = append(b, name...)
		for i := len(name); i < width+2; i++ {
			b = append(b, ' ')
		}
		if v.K == engine.Null {
			b = append(b, "null"...)
		} else {
			b = appendPlain(b, o.dec, v)
		}
		if ls != engine.LimitsNone {
			b = append(b, "  ("...)
			b = append(b, ls.String()...)
			b = append(b, ')')
		}
		b = append(b, '\n')
	})
	return append(b, '\n'), derr
}
