package engine

import (
	"errors"
	"fmt"

	"github.com/c3kit/c3kit/decode/convert"
	"github.com/c3kit/c3kit/decode/def"
)

// newConverter resolves a read conversion for the decoder. Conversions that
// cannot be evaluated here are a load error, or with Lenient a warning and
// the raw value.
func (d *Decoder) newConverter(c *def.Conversion, pl *plan, it *def.Item) (converter, error) {
	p := pl.pkt
	conv, err := resolveConverter(c, it, false)
	if err != nil {
		if d.opts.Lenient {
			d.warn(fmt.Sprintf("%s %s %s: %v; using the raw value", p.Target, p.Name, it.Name, err))
			return nil, nil
		}
		return nil, err
	}
	if so, ok := conv.(serverOnly); ok {
		if pc, isProc := so.c.(*convert.Processor); isProc {
			slot, err := pl.processorResult(pc.ProcessorName, pc.Result)
			if err == nil {
				return procConv{pl, slot}, nil
			}
			d.warn(fmt.Sprintf("%s:%d: %s %s %s: %s: %v; decoded as null", c.File, c.Line, p.Target, p.Name, it.Name, so.c, err))
			return conv, nil
		}
		d.warn(fmt.Sprintf("%s %s %s: %s exists only in a COSMOS server; decoded as null", p.Target, p.Name, it.Name, so.c))
	}
	return conv, nil
}

func (d *Decoder) warn(msg string) {
	if d.opts.Warn != nil {
		d.opts.Warn(msg)
	}
}

// resolveConverter picks the implementation of a conversion.
func resolveConverter(c *def.Conversion, it *def.Item, write bool) (converter, error) {
	if rc, ok := reservedConversion(it); ok && !write {
		return rc, nil
	}
	return libConverter(c, it, write)
}

func errUnknownKind(c *def.Conversion) error {
	return fmt.Errorf("conversion kind %s is not supported", c.Kind)
}

// isUnavailable reports a conversion error that means "only a COSMOS
// server has this value": the item decodes as null without complaint.
func isUnavailable(err error) bool { return errors.Is(err, convert.ErrUnavailable) }
