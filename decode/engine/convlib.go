package engine

import (
	"github.com/c3kit/c3kit/decode/convert"
	"github.com/c3kit/c3kit/decode/def"
)

// libConverter builds a definition's conversion with decode/convert.
func libConverter(c *def.Conversion, it *def.Item, write bool) (converter, error) {
	var conv convert.Conversion
	var err error
	switch c.Kind {
	case def.PolyConversion:
		conv = convert.Poly(c.Coeffs)
	case def.SegPolyConversion:
		segs := make([]convert.Segment, len(c.Segments))
		for i, s := range c.Segments {
			segs[i] = convert.Segment{LowerBound: s.LowerBound, Coeffs: s.Coeffs}
		}
		conv = convert.SegPoly(segs...)
	case def.NamedConversion:
		conv, err = convert.NamedItem(c.Class, c.Params, it.DataType, it.BitSize)
	case def.GenericConversion:
		conv, err = genericConversion(c, write)
	default:
		return nil, errUnknownKind(c)
	}
	if err != nil {
		return nil, err
	}
	if p, ok := conv.(*convert.Processor); ok && !write {
		return serverOnly{p}, nil
	}
	if f, ok := conv.(convert.FloatConverter); ok {
		return floatConv{f, conv}, nil
	}
	if ut, ok := conv.(*convert.UnixTime); ok && ut.Form != convert.UnixTimeFormatted {
		return timeNumConv{ut}, nil
	}
	if n, ok := convert.AsNumConverter(conv); ok {
		return numConv{n, conv}, nil
	}
	return libConv{conv}, nil
}
