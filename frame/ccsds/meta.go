package ccsds

import "github.com/c3kit/c3kit/frame/record"

// metaBuf builds the meta of emitted records in one reused map: the input
// record's meta plus the frame's fields in extra. The record writer
// encodes meta at once, so a record costs no allocation; the map is valid
// only during the emit call, like the data.
type metaBuf struct {
	out   record.Meta
	extra map[string]any
}

func (b *metaBuf) build(meta record.Meta, fill func(extra map[string]any)) record.Meta {
	if b.out == nil {
		b.out, b.extra = record.Meta{}, map[string]any{}
	}
	clear(b.out)
	clear(b.extra)
	for k, v := range meta {
		b.out[k] = v
	}
	for k, v := range meta.Extra() {
		b.extra[k] = v
	}
	fill(b.extra)
	b.out[record.KeyExtra] = b.extra
	return b.out
}
