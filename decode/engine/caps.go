package engine

import (
	"fmt"
	"strconv"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/quote"
)

// The encoder never builds a packet larger than the record cap: the
// definitions are checked when they load, and this is the second line for
// definitions loaded with a larger cap, templates, and lengths read from the
// buffer being built.

func (o *EncodeOptions) maxRecord() int {
	if o.MaxRecord > 0 {
		return o.MaxRecord
	}
	return record.DefaultMaxLen
}

// checkStart refuses a packet whose template or defined length alone
// passes the cap, before its buffer is allocated.
func (e *Encoder) checkStart(p *def.Packet) error {
	limit := e.opts.maxRecord()
	if n := max(len(p.Template), p.DefinedLength); n > limit {
		return capError(p, "", n, limit)
	}
	return nil
}

// checkWrite refuses a write that would reach past the cap (an offset moved
// by a length item, or a size from the definitions).
func (c *encCtx) checkWrite(ip *itemPlan, off, size int) error {
	limit := int64(c.e.opts.maxRecord())
	end := int64(off)
	if size > 0 {
		end += int64(size)
	}
	if end > limit*8 || int64(off) < -limit*8 {
		return capError(c.ep.pkt, ip.it.Name, int((end+7)/8), int(limit))
	}
	return nil
}

// checkEnd refuses a finished packet past the cap (values that grew it).
func (c *encCtx) checkEnd() error {
	if limit := c.e.opts.maxRecord(); len(c.buf) > limit {
		return capError(c.ep.pkt, "", len(c.buf), limit)
	}
	return nil
}

func capError(p *def.Packet, item string, n, limit int) *ParamError {
	where := p.Target + " " + p.Name
	if item != "" {
		where += " " + item
	}
	return &ParamError{Item: item, Msg: fmt.Sprintf("%s: the packet would be %d bytes, past the %d-byte record cap (raise it with --max-record)", where, n, limit)}
}

// clippedText is appendToS(v) for a diagnostic, at most about quote.Max
// bytes of it, without first rendering a long string or byte value whole.
func clippedText(v *Value) string {
	switch {
	case v.K == String && len(v.B) > quote.Max:
		return quote.Bytes(v.B)
	case v.K == Bytes && len(v.B) > quote.Max/2:
		return string(appendHex(nil, v.B[:quote.Max/2])) + "... (" + strconv.Itoa(len(v.B)) + " bytes)"
	}
	return quote.Bytes(appendToS(nil, v))
}
