package engine

import (
	"github.com/c3kit/c3kit/decode/convert"
	"github.com/c3kit/c3kit/decode/def"
)

// InOrder reports whether the records of p must go through one Decoder in
// stream order: their output depends on the records before them beyond
// RECEIVED_COUNT (which SetReceivedCount hands over). That is limits
// persistence (Options.Limits and an item with limits), and
// OBJECT_READ_CONVERSION, whose nested packet keeps its own received
// count in this Decoder.
func (d *Decoder) InOrder(p *def.Packet) bool {
	pl, err := d.plan(p)
	if err != nil {
		return true
	}
	for _, ip := range pl.items {
		if d.opts.Limits && ip.limits != nil {
			return true
		}
		if lc, ok := ip.rconv.(libConv); ok {
			if o, isObj := lc.c.(*convert.Object); isObj && !o.Write {
				return true
			}
		}
	}
	return false
}
