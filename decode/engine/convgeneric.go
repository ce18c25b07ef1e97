package engine

import (
	"github.com/c3kit/c3kit/decode/convert"
	"github.com/c3kit/c3kit/decode/def"
)

// genericConversion compiles a GENERIC_*_CONVERSION body.
func genericConversion(c *def.Conversion, write bool) (convert.Conversion, error) {
	return convert.Generic(c.Body, c.ConvertedType, c.ConvertedBitSize, write)
}
