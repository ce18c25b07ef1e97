package def

import (
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/c3kit/c3kit/decode/keyed"
)

// MaxIntBits is the widest INT/UINT item accepted. COSMOS's Ruby and
// Python integers have no width; the engine reads and writes items wider
// than 64 bits with math/big.
const MaxIntBits = 1024

// IsBinaryAccessor reports whether an ACCESSOR class names COSMOS's
// BinaryAccessor in any spelling (class, .rb, .py path).
func IsBinaryAccessor(class string) bool { return keyed.Canonical(class) == "binaryaccessor" }

// KeyedAccessor reports whether the packet's items are found by KEY (JSON,
// CBOR, XML, HTML, Template, Form, HTTP or any other non-binary ACCESSOR)
// rather than by bit offset.
func (p *Packet) KeyedAccessor() bool { return p.keyedLayout() }

func (p *Packet) keyedLayout() bool {
	return p.Accessor != nil && !IsBinaryAccessor(p.Accessor.Class)
}

// appendOffsetFor is where an APPEND_* item goes. For key-based accessors
// COSMOS sizes nothing from the bits: a variably sized item (an
// APPEND_ARRAY_PARAMETER ... 0, a STRING of size 0) may be followed by
// more items, which get the defined length as their nominal offset.
func (p *Packet) appendOffsetFor(t accessor.DataType) (int, error) {
	if p.keyedLayout() {
		if t == accessor.DERIVED {
			return 0, nil
		}
		return p.DefinedLengthBits, nil
	}
	return p.appendOffset(t)
}

// errOutsideLanguage marks a statement c3kit does not know: tolerated by
// making its packet unusable instead of failing the whole load.
var errOutsideLanguage = errors.New("outside the documented definition language")

// tolerate decides whether a statement's error only spoils the current
// packet: a keyword c3kit does not know (a COSMOS extension, a plugin's own
// keyword) inside a packet. The packet is kept, marked Unusable with the
// file:line, and the rest of its statements are skipped; everything else
// of the target loads as usual.
func (p *fileParser) tolerate(st stmt, err error) bool {
	if p.pkt == nil || !strings.Contains(err.Error(), "unknown keyword") {
		return false
	}
	pkt := p.pkt
	if pkt.Unusable == nil {
		pkt.Unusable = fmt.Errorf("%s:%d: %s: %w", st.file, st.line, st.keyword, errOutsideLanguage)
	}
	p.skipPkt = pkt
	p.item = nil
	return true
}

// skipping reports whether st belongs to a packet being skipped after a
// tolerated error: everything up to the next packet or group keyword.
func (p *fileParser) skipping(st stmt) bool {
	if p.skipPkt == nil || p.pkt != p.skipPkt {
		p.skipPkt = nil
		return false
	}
	switch st.keyword {
	case "COMMAND", "TELEMETRY", "SELECT_COMMAND", "SELECT_TELEMETRY", "LIMITS_GROUP", "LIMITS_GROUP_ITEM":
		p.skipPkt = nil
		return false
	}
	return true
}

// AccessorLine is the line of the packet's ACCESSOR keyword in File's
// neighbourhood (0 when it has none), for messages naming file:line.
func (p *Packet) AccessorLine() int {
	if p.accessorLine == 0 {
		return p.Line
	}
	return p.accessorLine
}

// bigRange is calculate_range_value for INT/UINT items wider than 64 bits.
func bigRange(t accessor.DataType, bitSize int, max bool) Value {
	one := big.NewInt(1)
	var v *big.Int
	switch {
	case t == accessor.UINT && max:
		v = new(big.Int).Sub(new(big.Int).Lsh(one, uint(bitSize)), one)
	case t == accessor.UINT:
		v = new(big.Int)
	case max:
		v = new(big.Int).Sub(new(big.Int).Lsh(one, uint(bitSize-1)), one)
	default:
		v = new(big.Int).Neg(new(big.Int).Lsh(one, uint(bitSize-1)))
	}
	return bigValueOf(v)
}

// bigValueOf keeps an integer in the narrowest Value kind that holds it.
func bigValueOf(v *big.Int) Value {
	switch {
	case v.IsInt64():
		return IntValueOf(v.Int64())
	case v.IsUint64():
		return uintValueOf(v.Uint64())
	}
	return Value{Kind: BigValue, Str: v.String()}
}

// readTemplateFile reads a TEMPLATE_FILE (binary files too) as COSMOS's
// read_file does, relative to the definition file's folder, and failing
// that relative to the target's folder (targets/NAME/templates/...).
func (p *fileParser) readTemplateFile(name string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(p.dir, name))
	if err == nil || p.target.Dir == "" || !errors.Is(err, fs.ErrNotExist) {
		return b, err
	}
	if b, err2 := os.ReadFile(filepath.Join(p.target.Dir, name)); err2 == nil {
		return b, nil
	}
	return nil, err
}
