package engine

import (
	"fmt"

	"github.com/c3kit/c3kit/decode/def"
)

// Conversion errors name the definition line that set the conversion up
// (the GENERIC block's start, else the item's line), so a failing
// conversion can be found in the target folder.

// convPlace is "file:line" of conversion c of item it ("" when unknown).
func convPlace(c *def.Conversion, it *def.Item) string {
	switch {
	case c != nil && c.File != "" && c.Line > 0:
		return fmt.Sprintf("%s:%d", c.File, c.Line)
	case it != nil && it.File != "" && it.Line > 0:
		return fmt.Sprintf("%s:%d", it.File, it.Line)
	}
	return ""
}

// convRunError is a conversion that failed on a value: the error, then
// where the conversion is defined.
func convRunError(c *def.Conversion, it *def.Item, err error) error {
	if at := convPlace(c, it); at != "" {
		return fmt.Errorf("%w (conversion at %s)", err, at)
	}
	return err
}
