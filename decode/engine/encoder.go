package engine

import (
	"errors"
	"fmt"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/internal/quote"
)

// Given is one value supplied for an item when building a packet: a number,
// a string (a state name, or text for a STRING item), bytes, or an array.
type Given struct {
	Name  string
	Value Value
	// Hex says a String value for a BLOCK item is hex text (the JSON form
	// c3decode prints).
	Hex bool
}

// ParamError is a value the encoder refused, naming the item.
type ParamError struct {
	Item string // "" for packet-level errors
	Msg  string
	Err  error // the accessor's error, if any
}

func (e *ParamError) Error() string { return e.Msg }
func (e *ParamError) Unwrap() error { return e.Err }

// EncodeOptions configure an Encoder.
type EncodeOptions struct {
	// Raw writes the given values as raw values: no write conversions (COSMOS
	// cmd_raw). Defaults still go through their conversions, as in COSMOS.
	Raw bool
	// NoRangeCheck skips the range check of given values (COSMOS
	// cmd_no_range_check); values must still fit their items.
	NoRangeCheck bool
	// MaxRecord is the record cap in bytes (record.DefaultMaxLen when 0):
	// no packet is built past it.
	MaxRecord int
	// Lenient turns write conversions that cannot be evaluated into a
	// warning (the value is written unconverted) instead of an error.
	Lenient bool
	Warn    func(msg string)
	// Set gives OBJECT_WRITE_CONVERSION the other packets' definitions.
	Set *def.Set
	// Unusable receives, once per packet, why a packet cannot be encoded
	// (Encode then refuses it with a *PacketError).
	Unusable func(msg string)
}

// Encoder builds packets from values as COSMOS's build_cmd does: the
// template or zeros, every default written (through write conversions),
// then the given values checked (states, ranges, REQUIRED) and written.
type Encoder struct {
	opts  EncodeOptions
	plans map[*def.Packet]*encPlan
	ctx   encCtx
}

type encPlan struct {
	*plan
	wconv []converter // by item index
	// lengthOf marks items that are the length of a VARIABLE_BIT_SIZE item.
	isLength []bool
	// defaults and hasDefault are defaultValue of each item, and stateVals
	// the values of its states, built once: a STRING default or state would
	// otherwise allocate its bytes in every packet.
	defaults   []Value
	hasDefault []bool
	stateVals  [][]Value
	// byPos remembers the item given at each position of the last
	// packet: lines of one command name their parameters in the same
	// order, and a string compare is a quarter of a map lookup.
	byPos []*itemPlan
}

// givenItem resolves the name given at position i (exact, then
// upper-cased); nil when the packet has no such item.
func (ep *encPlan) givenItem(i int, name string) *itemPlan {
	if i < len(ep.byPos) {
		if ip := ep.byPos[i]; ip != nil && ip.it.Name == name {
			return ip
		}
	}
	ip := ep.byName[name]
	if ip == nil {
		ip = ep.byName[upperASCII(name)]
	}
	if ip != nil && i < 256 { // a bound: a line may give any number of names
		for len(ep.byPos) <= i {
			ep.byPos = append(ep.byPos, nil)
		}
		ep.byPos[i] = ip
	}
	return ip
}

// NewEncoder returns an Encoder.
func NewEncoder(opts EncodeOptions) *Encoder {
	e := &Encoder{opts: opts, plans: map[*def.Packet]*encPlan{}}
	e.ctx.e = e
	return e
}

// Prepare compiles p's write side ahead of use.
func (e *Encoder) Prepare(p *def.Packet) error {
	_, err := e.compile(p)
	return err
}

func (e *Encoder) compile(p *def.Packet) (*encPlan, error) {
	if ep, ok := e.plans[p]; ok {
		return ep, nil
	}
	pl, err := compileLayout(p)
	if err != nil {
		return nil, err
	}
	n := len(pl.items)
	ep := &encPlan{plan: pl, wconv: make([]converter, n), isLength: make([]bool, n),
		defaults: make([]Value, n), hasDefault: make([]bool, n), stateVals: make([][]Value, n)}
	for _, ip := range pl.items {
		ep.defaults[ip.idx], ep.hasDefault[ip.idx] = defaultValue(ip)
		if sts := ip.it.States; len(sts) > 0 {
			ep.stateVals[ip.idx] = make([]Value, len(sts))
			for i, st := range sts {
				ep.stateVals[ip.idx][i] = fromDefValue(st.Value)
			}
		}
	}
	e.plans[p] = ep
	defer func() {
		if pl.broken != nil && e.opts.Unusable != nil {
			e.opts.Unusable(pl.broken.Error() + "; it cannot be encoded")
		}
	}()
	for _, ip := range pl.items {
		if pl.broken != nil {
			break
		}
		if ip.lengthItem != nil {
			ep.isLength[ip.lengthItem.idx] = true
		}
		c := ip.it.WriteConversion
		if c == nil {
			continue
		}
		conv, err := resolveConverter(c, ip.it, true)
		if err != nil {
			if !e.opts.Lenient {
				pl.broken = brokenPacket(p, fmt.Errorf("%s:%d: %s: %v", c.File, c.Line, ip.it.Name, err))
				break
			}
			if e.opts.Warn != nil {
				e.opts.Warn(fmt.Sprintf("%s %s %s: %v; writing values unconverted", p.Target, p.Name, ip.it.Name, err))
			}
			continue
		}
		ep.wconv[ip.idx] = conv
	}
	return ep, nil
}

// Encode appends the bytes of p built from given to dst[:0] and returns
// them. Errors are *ParamError naming the item at fault.
func (e *Encoder) Encode(dst []byte, p *def.Packet, given []Given) ([]byte, error) {
	return e.EncodeExtra(dst, p, given, nil)
}

// EncodeExtra is Encode for accessors that produce meta: extra is the
// request's extra map (may be nil), which a key-based accessor reads and
// fills (the HTTP accessor's HTTP_METHOD, HTTP_PATH, ...).
func (e *Encoder) EncodeExtra(dst []byte, p *def.Packet, given []Given, extra map[string]any) ([]byte, error) {
	if p.Disabled {
		return dst, &ParamError{Msg: fmt.Sprintf("%s %s is disabled", p.Target, p.Name)}
	}
	if err := e.checkStart(p); err != nil {
		return dst, err
	}
	ep, err := e.compile(p)
	if err != nil {
		return dst, err
	}
	if ep.broken != nil {
		return dst, ep.broken
	}
	// Resolve names first: every given item must exist.
	c := &e.ctx
	c.reset(ep, dst[:0])
	givenIdx := c.given[:0]
	for i := range given {
		ip := ep.givenItem(i, given[i].Name)
		if ip == nil {
			return dst, &ParamError{Item: strings.Clone(given[i].Name), Msg: fmt.Sprintf("packet item '%s %s %s' does not exist", p.Target, p.Name, quote.Clip(upperASCII(given[i].Name)))}
		}
		givenIdx = append(givenIdx, ip.idx)
		c.isGiven[ip.idx] = true
	}
	c.given = givenIdx
	if p.Kind == def.Command {
		for _, ip := range ep.items {
			if ip.it.Required && !c.isGiven[ip.idx] {
				return dst, &ParamError{Item: ip.it.Name, Msg: fmt.Sprintf("required command parameter '%s %s %s' not given", p.Target, p.Name, ip.it.Name)}
			}
		}
	}
	if ep.codec != nil {
		return e.encodeKeyed(dst, ep, given, extra)
	}
	// The initial buffer: the template, else zeros of the defined length.
	if p.Template != nil {
		c.buf = append(c.buf, p.Template...)
	}
	if len(c.buf) < p.DefinedLength {
		c.buf = append(c.buf, make([]byte, p.DefinedLength-len(c.buf))...)
	}
	if c.ep.variable || c.laidOut != ep || c.laidBits != len(c.buf)*8 {
		c.relayout()
		c.laidOut, c.laidBits = ep, len(c.buf)*8
	}
	// Defaults, in offset order (COSMOS's restore_defaults), skipping the
	// given items.
	for _, ip := range ep.sorted {
		if c.isGiven[ip.idx] || ip.it.Reserved || ip.typ == accessor.DERIVED || ip.it.Structure != nil {
			continue
		}
		if !ep.hasDefault[ip.idx] {
			continue
		}
		if err := c.write(ip, ep.defaults[ip.idx], true, false, false); err != nil {
			return dst, err
		}
	}
	for _, ip := range ep.items {
		if ip.parent == nil || c.isGiven[ip.idx] || ip.it.Reserved || ip.typ == accessor.DERIVED {
			continue
		}
		if ep.hasDefault[ip.idx] {
			if err := c.write(ip, ep.defaults[ip.idx], true, false, false); err != nil {
				return dst, err
			}
		}
	}
	// Given values in the order given. A length item whose variable item is
	// also given is left to that item's write, which sets it.
	for i, idx := range c.given {
		ip := ep.items[idx]
		if ip.it.Reserved || ip.typ == accessor.DERIVED {
			continue
		}
		if ep.isLength[idx] && c.variableGiven(ip) {
			continue
		}
		if err := c.write(ip, given[i].Value, !e.opts.Raw, !e.opts.NoRangeCheck, given[i].Hex); err != nil {
			return dst, err
		}
	}
	if err := c.checkEnd(); err != nil {
		return dst, err
	}
	return c.buf, nil
}

// defaultValue is the value restore_defaults writes: DEFAULT_VALUE, or the
// ID value of an ID item, or an empty array.
func defaultValue(ip *itemPlan) (Value, bool) {
	it := ip.it
	if it.Default.IsSet() {
		return fromDefValue(it.Default), true
	}
	if it.ID && it.IDValue.IsSet() {
		return fromDefValue(it.IDValue), true
	}
	if it.Array && it.Default.Kind == def.NoValue && it.Parent == "" {
		return Value{K: Array}, true
	}
	return Value{}, false
}

func fromDefValue(v def.Value) Value {
	switch v.Kind {
	case def.IntValue:
		return IntVal(v.Int)
	case def.UintValue:
		return UintVal(v.Uint)
	case def.FloatValue:
		return FloatVal(v.Float)
	case def.StringValue:
		return Value{K: String, B: []byte(v.Str)}
	case def.BytesValue:
		return Value{K: Bytes, B: []byte(v.Str)}
	case def.BigValue:
		return Value{K: Big, S: v.Str}
	}
	return Value{}
}

// encCtx is the packet being built.
type encCtx struct {
	e       *Encoder
	ep      *encPlan
	buf     []byte
	offs    []int
	sizes   []int
	isGiven []bool
	given   []int
	// cin and cout are a write conversion's value in and out: fields, not
	// locals, so that passing their addresses does not move them to the
	// heap for every item.
	cin, cout Value
	nums      []accessor.Num // numsOf's
	hex       []byte         // bytes given as hex, for this packet
	// laidOut and laidBits are the plan and buffer size offs and sizes
	// were last laid out for: a packet without variable items keeps them
	// from one packet of its kind to the next.
	laidOut  *encPlan
	laidBits int
}

// numsOf puts the elements of a numeric array into c.nums, for a write
// without boxing each; false when an element is not an integer or float.
func (c *encCtx) numsOf(a []Value) bool {
	c.nums = c.nums[:0]
	for i := range a {
		switch e := &a[i]; e.K {
		case Int, Bool:
			c.nums = append(c.nums, accessor.Num{K: accessor.NumInt, I: e.I})
		case Uint:
			c.nums = append(c.nums, accessor.Num{K: accessor.NumUint, U: e.U})
		case Float:
			c.nums = append(c.nums, accessor.Num{K: accessor.NumFloat, F: e.F})
		default:
			return false
		}
	}
	return true
}

func (c *encCtx) reset(ep *encPlan, buf []byte) {
	c.ep, c.buf, c.hex = ep, buf, c.hex[:0]
	n := len(ep.items)
	if cap(c.offs) < n {
		c.offs, c.sizes, c.isGiven = make([]int, n), make([]int, n), make([]bool, n)
		c.laidOut = nil
	}
	c.offs, c.sizes, c.isGiven = c.offs[:n], c.sizes[:n], c.isGiven[:n]
	clear(c.isGiven)
}

// relayout recomputes item positions from the buffer's length items.
func (c *encCtx) relayout() {
	layoutItems(c.ep.plan, len(c.buf)*8, func(l *itemPlan) int64 {
		v, err := readScalar(c.buf, l.typ, c.offs[l.idx], c.sizes[l.idx], l.e)
		if err != nil {
			return 0
		}
		f, _ := v.Float64()
		return int64(f)
	}, c.offs, c.sizes)
}

func (c *encCtx) variableGiven(length *itemPlan) bool {
	for _, idx := range c.given {
		if ip := c.ep.items[idx]; ip.lengthItem == length {
			return true
		}
	}
	return false
}

// write checks and writes one value. convert applies the write conversion;
// check applies COSMOS's state lookup and range check to given values.
func (c *encCtx) write(ip *itemPlan, v Value, convert, check, hexText bool) error {
	p := c.ep.pkt
	it := ip.it
	// v is worked on in place from here: a Value is large, and passing it
	// in and out of each step copied it six times per item.
	if err := c.prepare(ip, &v, convert, check); err != nil {
		return err
	}
	var err error
	if err = coerce(ip, &v, hexText, &c.hex); err != nil {
		return &ParamError{Item: it.Name, Msg: fmt.Sprintf("%s %s %s: %v", p.Target, p.Name, it.Name, err), Err: err}
	}
	off, size := c.offs[ip.idx], c.sizes[ip.idx]
	if err := c.checkWrite(ip, off, size); err != nil {
		return err
	}
	if ip.quic {
		return c.writeQuic(ip, v, off, size)
	}
	if ip.varSize != nil {
		return c.writeVariable(ip, v, off, size)
	}
	fill := ip.array && ip.arrSize <= 0 || !ip.array && ip.size <= 0
	if fill {
		// the accessor resizes a fill item around the bytes after it
		size = ip.size
		if ip.array {
			size = ip.arrSize
		}
	}
	switch {
	case !ip.array && size > 64 && (ip.typ == accessor.INT || ip.typ == accessor.UINT):
		err = writeBig(c.buf, v, off, size, ip.typ, ip.e, it.Overflow)
	case ip.array && ip.size > 64 && (ip.typ == accessor.INT || ip.typ == accessor.UINT):
		err = writeBigArray(c.buf, v, off, size, ip.size, ip.typ, ip.e, it.Overflow)
	case ip.array && isNumeric(ip.typ) && c.numsOf(v.A):
		c.buf, err = accessor.WriteNumArray(c.buf, c.nums, off, size, ip.size, ip.typ, ip.e, it.Overflow)
	case ip.array:
		c.buf, err = accessor.WriteArray(c.buf, arrayAny(v), off, size, ip.size, ip.typ, ip.e, it.Overflow)
	default:
		c.buf, err = writeScalar(c.buf, &v, off, size, ip.typ, ip.e, it.Overflow)
	}
	if err != nil {
		return c.writeErr(ip, v, err)
	}
	if fill {
		c.relayout()
	}
	return nil
}

func (c *encCtx) writeErr(ip *itemPlan, v Value, err error) error {
	p := c.ep.pkt
	if errors.Is(err, accessor.ErrOverflow) {
		return &ParamError{Item: ip.it.Name, Msg: fmt.Sprintf("%s %s %s: value %s does not fit: %v", p.Target, p.Name, ip.it.Name, clippedText(&v), err), Err: err}
	}
	return &ParamError{Item: ip.it.Name, Msg: fmt.Sprintf("%s %s %s: %v", p.Target, p.Name, ip.it.Name, err), Err: err}
}

// writeVariable writes a VARIABLE_BIT_SIZE item: its bytes are spliced in
// place of the old ones, its length item updated and the items after it
// moved (accessor's recipe).
func (c *encCtx) writeVariable(ip *itemPlan, v Value, off, curSize int) error {
	bitsAfter := len(c.buf)*8 - (off + curSize)
	if bitsAfter < 0 {
		bitsAfter = 0
	}
	before := len(c.buf)
	var err error
	if ip.array {
		c.buf, err = accessor.WriteArray(c.buf, arrayAny(v), off, -bitsAfter, ip.size, ip.typ, ip.e, ip.it.Overflow)
	} else {
		c.buf, err = accessor.Write(c.buf, scalarAny(v), off, -bitsAfter, ip.typ, ip.e, ip.it.Overflow)
	}
	if err != nil {
		return c.writeErr(ip, v, err)
	}
	newSize := curSize + (len(c.buf)-before)*8
	n, err := accessor.VariableLength(newSize, ip.varSize.BitsPerCount, ip.varSize.ValueBitOffset)
	if err != nil {
		return c.writeErr(ip, v, err)
	}
	l := ip.lengthItem
	if c.buf, err = accessor.Write(c.buf, n, c.offs[l.idx], c.sizes[l.idx], l.typ, l.e, l.it.Overflow); err != nil {
		return c.writeErr(l, IntVal(n), err)
	}
	c.relayout()
	return nil
}

// writeQuic writes a variable-sized INT/UINT the way COSMOS does: the value
// picks the QUIC size (6, 14, 30 or 62 bits), the packet grows or shrinks
// by whole bytes at the item, and the length item gets the size code.
func (c *encCtx) writeQuic(ip *itemPlan, v Value, off, curSize int) error {
	var length int64
	var newSize int
	switch v.K {
	case Uint:
		length, newSize = accessor.QuicLengthUint(v.U)
	case Int:
		if ip.typ == accessor.UINT && v.I >= 0 {
			length, newSize = accessor.QuicLengthUint(uint64(v.I))
		} else {
			length, newSize = accessor.QuicLengthInt(v.I)
		}
	case Float:
		length, newSize = accessor.QuicLengthInt(int64(v.F))
	default:
		return c.writeErr(ip, v, fmt.Errorf("%s value for a variable-sized %s item", kindName(v.K), ip.typ))
	}
	var err error
	if c.buf, err = accessor.ResizeInt(c.buf, off, curSize, newSize); err != nil {
		return c.writeErr(ip, v, err)
	}
	if c.buf, err = accessor.Write(c.buf, scalarAny(v), off, newSize, ip.typ, ip.e, ip.it.Overflow); err != nil {
		return c.writeErr(ip, v, err)
	}
	l := ip.lengthItem
	if c.buf, err = accessor.Write(c.buf, length, c.offs[l.idx], c.sizes[l.idx], l.typ, l.e, l.it.Overflow); err != nil {
		return c.writeErr(l, IntVal(length), err)
	}
	c.relayout()
	return nil
}

// prepare applies to a value what every accessor needs before writing:
// COSMOS's state lookup, a bare word read as a number, the range check of
// given values, and the write conversion.
func (c *encCtx) prepare(ip *itemPlan, v *Value, convert, check bool) error {
	p := c.ep.pkt
	it := ip.it
	if err := c.resolveState(ip, v); err != nil {
		return err
	}
	if v.K == Name && isNumeric(ip.typ) {
		// a bare word for a number: read it now so the range check sees it
		n, perr := parseNumberFor(ip.typ, v.S)
		if perr == nil {
			*v = n
		} else if c.ep.wconv[ip.idx] == nil || !convert {
			return &ParamError{Item: it.Name, Msg: fmt.Sprintf("%s %s %s: %s is not a number", p.Target, p.Name, it.Name, quote.Q(v.S))}
		}
	}
	if check && it.HasRange && (v.IsNumber() || v.K == Big) {
		if !inRange(v, it.Minimum, it.Maximum) {
			return &ParamError{Item: it.Name, Msg: fmt.Sprintf("command parameter '%s %s %s' = %s not in valid range of %s to %s",
				p.Target, p.Name, it.Name, quote.Bytes(appendToS(nil, v)), it.Minimum.String(), it.Maximum.String())}
		}
	}
	if convert {
		if wc := c.ep.wconv[ip.idx]; wc != nil {
			c.cin, c.cout = *v, Value{}
			if err := wc.convert(&c.cin, c, &c.cout); err != nil {
				return &ParamError{Item: it.Name, Msg: fmt.Sprintf("%s %s %s: write conversion: %v", p.Target, p.Name, it.Name, convRunError(it.WriteConversion, it, err)), Err: err}
			}
			*v = c.cout
		}
	}
	return nil
}
