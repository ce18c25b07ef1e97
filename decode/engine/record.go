package engine

import (
	"errors"
	"fmt"
	"time"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/c3kit/c3kit/decode/keyed"
	"github.com/c3kit/c3kit/frame/record"
)

// recordCtx is the record being decoded: items are read and converted on
// demand and memoised, so DERIVED items and conversions can read other
// items (COSMOS's packet.read) in any order.
type recordCtx struct {
	d       *Decoder
	pl      *plan
	buf     []byte
	pad     []byte
	rtime   time.Time
	hasTime bool
	count   uint64

	raws  []Value
	convs []Value
	flags []uint8
	offs  []int
	sizes []int

	firstErr error
	in       Value // a DERIVED item's (empty) conversion input

	doc    keyed.Doc // the parsed body of a key-based packet
	docErr error
}

const (
	fRaw uint8 = 1 << iota
	fConv
	fBusy
	fRawErr
	fConvErr
)

func (c *recordCtx) reset(pl *plan, rec *record.Record) {
	c.pl = pl
	c.buf = rec.Data
	p := pl.pkt
	if p.AllowShort && pl.codec == nil && len(c.buf) < p.DefinedLength {
		// COSMOS fills a short ALLOW_SHORT packet with zeros.
		c.pad = append(c.pad[:0], c.buf...)
		c.pad = append(c.pad, make([]byte, p.DefinedLength-len(c.buf))...)
		c.buf = c.pad
	}
	c.rtime, c.hasTime = rec.Meta.Time()
	c.count = pl.received
	n := len(pl.items)
	if cap(c.flags) < n {
		c.raws = make([]Value, n)
		c.convs = make([]Value, n)
		c.flags = make([]uint8, n)
		c.offs = make([]int, n)
		c.sizes = make([]int, n)
	}
	c.raws, c.convs, c.flags = c.raws[:n], c.convs[:n], c.flags[:n]
	c.offs, c.sizes = c.offs[:n], c.sizes[:n]
	clear(c.flags)
	c.doc, c.docErr = nil, nil
	if pl.codec != nil {
		c.doc, c.docErr = pl.codec.Parse(rec.Data, rec.Meta.Extra())
	}
	if pl.variable {
		c.layout()
	}
}

var errCycle = errors.New("item depends on itself")

// raw returns ip's raw value (memoised).
func (c *recordCtx) raw(ip *itemPlan) (*Value, error) {
	f := c.flags[ip.idx]
	if f&fRaw != 0 {
		if f&fRawErr != 0 {
			return nil, c.rawErr(ip)
		}
		return &c.raws[ip.idx], nil
	}
	if ip.typ == accessor.DERIVED && !ip.viaCodec {
		// COSMOS's read of a DERIVED item as RAW gives its converted value.
		return c.conv(ip)
	}
	dst := &c.raws[ip.idx]
	err := c.readInto(ip, dst)
	c.flags[ip.idx] |= fRaw
	if err != nil {
		c.flags[ip.idx] |= fRawErr
		*dst = Value{K: Null, S: err.Error()}
		return nil, err
	}
	return dst, nil
}

func (c *recordCtx) rawErr(ip *itemPlan) error { return errors.New(c.raws[ip.idx].S) }

// conv returns ip's converted value before states (memoised).
func (c *recordCtx) conv(ip *itemPlan) (*Value, error) {
	f := c.flags[ip.idx]
	if f&fConv != 0 {
		if f&fConvErr != 0 {
			return nil, errors.New(c.convs[ip.idx].S)
		}
		return &c.convs[ip.idx], nil
	}
	if f&fBusy != 0 {
		return nil, errCycle
	}
	if ip.rconv == nil {
		if ip.typ == accessor.DERIVED && !ip.viaCodec {
			c.flags[ip.idx] |= fConv
			c.convs[ip.idx] = Value{}
			return &c.convs[ip.idx], nil
		}
		return c.raw(ip)
	}
	c.flags[ip.idx] |= fBusy
	// The conversion's input is the raw value in its slot, or for DERIVED
	// items an empty value in the context: never a heap copy.
	in := &c.in
	if ip.typ != accessor.DERIVED || ip.viaCodec {
		r, err := c.raw(ip)
		if err != nil {
			c.flags[ip.idx] &^= fBusy
			return nil, err
		}
		in = r // stable for this record: other items live in other slots
	} else {
		c.in = Value{}
	}
	out := &c.convs[ip.idx]
	err := ip.rconv.convert(in, c, out)
	c.flags[ip.idx] = c.flags[ip.idx]&^fBusy | fConv
	if err != nil && isUnavailable(err) {
		*out, err = Value{}, nil // a server-only value (warned at load time)
	}
	if err != nil {
		err = convRunError(ip.it.ReadConversion, ip.it, err)
		c.flags[ip.idx] |= fConvErr
		*out = Value{K: Null, S: err.Error()}
		return nil, err
	}
	return out, nil
}

// Read is COSMOS's packet.read for conversions: the converted value with
// states applied, or the raw value.
func (c *recordCtx) Read(name string, raw bool) (Value, error) {
	ip := c.pl.byName[name]
	if ip == nil {
		ip = c.pl.byName[upperASCII(name)]
	}
	if ip == nil {
		return Value{}, fmt.Errorf("packet item '%s %s %s' does not exist", c.pl.pkt.Target, c.pl.pkt.Name, upperASCII(name))
	}
	if raw {
		v, err := c.raw(ip)
		if err != nil {
			return Value{}, err
		}
		return *v, nil
	}
	v, err := c.conv(ip)
	if err != nil {
		return Value{}, err
	}
	if st := ip.lookupState(v); st != nil {
		return NameVal(st.name), nil
	}
	return *v, nil
}

// position returns ip's bit offset and size (array total size for arrays)
// for this record. Offsets may be negative (counted from the end) and sizes
// <= 0 (fill), as the accessor takes them.
func (c *recordCtx) position(ip *itemPlan) (off, size int) {
	if c.pl.variable {
		return c.offs[ip.idx], c.sizes[ip.idx]
	}
	size = ip.size
	if ip.array {
		size = ip.arrSize
	}
	if ip.parent != nil && ip.parent.off < 0 {
		return len(c.buf)*8 + ip.parent.off + ip.relOff, size
	}
	return ip.off, size
}

// layout positions the items of a variable-sized packet for this record.
func (c *recordCtx) layout() {
	layoutItems(c.pl, len(c.buf)*8, func(l *itemPlan) int64 {
		if v, err := c.conv(l); err == nil {
			if f, ok := v.Float64(); ok {
				return int64(f)
			}
		}
		return 0
	}, c.offs, c.sizes)
}

// layoutItems is COSMOS's recalculate_bit_offsets: walking the items by
// offset, a VARIABLE_BIT_SIZE item takes its size from its length item and
// an item of size <= 0 fills the buffer; either shifts the items after it.
// Items at negative offsets stay where they are. Structure sub-items follow
// their structure item.
func layoutItems(pl *plan, nbits int, lengthOf func(*itemPlan) int64, offs, sizes []int) {
	adj := 0
	for _, ip := range pl.sorted {
		size := ip.size
		if ip.array {
			size = ip.arrSize
		}
		offs[ip.idx], sizes[ip.idx] = ip.off, size
		if ip.typ == accessor.DERIVED || ip.off < 0 {
			continue
		}
		off := ip.off + adj
		offs[ip.idx] = off
		newSize := size
		switch {
		case ip.quic:
			newSize = accessor.QuicBitSize(lengthOf(ip.lengthItem))
		case ip.varSize != nil:
			newSize = accessor.VariableBitSize(lengthOf(ip.lengthItem), ip.varSize.BitsPerCount, ip.varSize.ValueBitOffset)
			if newSize < 0 || newSize > nbits {
				newSize = nbits + 8 // cannot fit: the read reports a short buffer
			}
		case size <= 0:
			newSize = nbits - off + size
		}
		sizes[ip.idx] = newSize
		if newSize > 0 || ip.varSize != nil {
			adj += newSize - size
		}
	}
	for _, ip := range pl.items {
		if ip.parent != nil {
			po := offs[ip.parent.idx]
			if po < 0 {
				po += nbits
			}
			offs[ip.idx] = po + ip.relOff
			sizes[ip.idx] = ip.size
			if ip.array {
				sizes[ip.idx] = ip.arrSize
			}
		}
	}
}

// readInto reads ip's raw value from the buffer into dst. Only the fields
// of dst's kind are meaningful afterwards (dst is a reused slot).
func (c *recordCtx) readInto(ip *itemPlan, dst *Value) error {
	if c.pl.codec != nil {
		return c.readKeyed(ip, dst)
	}
	off, size := c.position(ip)
	if c.pl.variable && size == 0 && (ip.array || ip.typ == accessor.STRING || ip.typ == accessor.BLOCK) {
		// An empty variable-sized item: the layout resolved its size, and
		// to the accessor a size of 0 would mean "to the end of the buffer".
		switch {
		case ip.array:
			dst.K, dst.A = Array, ip.arr[:0]
		case ip.typ == accessor.STRING:
			dst.K, dst.B = String, c.buf[:0:0]
		default:
			dst.K, dst.B = Bytes, c.buf[:0:0]
		}
		return nil
	}
	if ip.array {
		v, err := c.readArray(ip, off, size)
		*dst = v
		return err
	}
	return readScalarInto(dst, c.buf, ip.typ, off, size, ip.e)
}

func readScalar(buf []byte, t accessor.DataType, off, size int, e accessor.Endian) (Value, error) {
	var v Value
	err := readScalarInto(&v, buf, t, off, size, e)
	return v, err
}

// readScalarInto reads one INT, UINT, FLOAT, STRING or BLOCK value.
func readScalarInto(dst *Value, buf []byte, t accessor.DataType, off, size int, e accessor.Endian) error {
	var err error
	if size > 64 && (t == accessor.INT || t == accessor.UINT) {
		return readBigInto(dst, buf, t, off, size, e)
	}
	switch t {
	case accessor.INT:
		dst.K = Int
		dst.I, err = accessor.ReadInt(buf, off, size, e)
	case accessor.UINT:
		dst.K = Uint
		dst.U, err = accessor.ReadUint(buf, off, size, e)
	case accessor.FLOAT:
		dst.K = Float
		dst.F, err = accessor.ReadFloat(buf, off, size, e)
	case accessor.STRING:
		dst.K = String
		dst.B, err = accessor.ReadString(buf, off, size)
	case accessor.BLOCK:
		dst.K = Bytes
		dst.B, err = accessor.ReadBytes(buf, off, size)
	default:
		return fmt.Errorf("data type %s cannot be read by the binary accessor", t)
	}
	return err
}

func (c *recordCtx) readArray(ip *itemPlan, off, arrSize int) (Value, error) {
	if ip.size <= 0 {
		return Value{}, fmt.Errorf("array element bit size %d must be positive", ip.size)
	}
	if len(c.buf) == 0 {
		return Value{K: Array, A: ip.arr[:0]}, nil
	}
	abs, total, err := accessor.Resolve(len(c.buf), off, arrSize)
	if err != nil {
		return Value{}, err
	}
	if total%ip.size != 0 {
		return Value{}, fmt.Errorf("array size %d is not a multiple of bit size %d", total, ip.size)
	}
	n := total / ip.size
	// The elements are read in place into the plan's reused slice: a
	// Value is large, so building each one and appending it would copy it.
	a := ip.arr
	if cap(a) < n {
		a = make([]Value, n)
	}
	a = a[:n]
	for k := range a {
		if err := readScalarInto(&a[k], c.buf, ip.typ, abs+k*ip.size, ip.size, ip.e); err != nil {
			return Value{}, err
		}
	}
	ip.arr = a
	return Value{K: Array, A: a}, nil
}
