package stream

import (
	"fmt"

	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
)

// checkMeta reports well-known meta keys with the wrong type once per
// stream (the JSON line keeps them under "meta"), and a time before 1970
// at every record, counted in BadTime.
func (p *pipeline) checkMeta(rec *record.Record, offset int64) {
	msg, negative := jsonform.MetaProblem(rec.Meta)
	switch {
	case msg == "":
	case negative:
		p.stats.BadTime++
		p.report(fmt.Sprintf("record %d at offset %d: %s; kept under \"meta\"", p.stats.Records, offset, msg))
	case !p.told.meta:
		p.told.meta = true
		p.report(fmt.Sprintf("record %d at offset %d: %s; kept under \"meta\" (told once per stream)", p.stats.Records, offset, msg))
	}
}
