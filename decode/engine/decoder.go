package engine

import (
	"fmt"
	"strings"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
)

// Mode selects which of COSMOS's value types an item prints as.
type Mode uint8

// The value types of COSMOS's read_item.
const (
	Converted Mode = iota // conversions and states applied (COSMOS :CONVERTED)
	Raw                   // the bits as read (:RAW); DERIVED items give their converted value
	Formatted             // FORMAT_STRING and UNITS applied (:FORMATTED)
)

// Options configure a Decoder.
type Options struct {
	Mode Mode
	// All includes hidden items (HIDDEN, structure items).
	All bool
	// Limits adds a "limits" object with each printed item's limits state.
	Limits bool
	// LimitsSet selects a named limits set (default DEFAULT).
	LimitsSet string
	// Items, if set, prints only these items, in this order.
	Items []string
	// Lenient turns conversions that cannot be evaluated (GENERIC bodies
	// outside the supported subset, unknown conversion classes) into a
	// warning and the raw value instead of a load error.
	Lenient bool
	// Warn receives load-time warnings (Lenient fallbacks, server-only
	// conversions).
	Warn func(msg string)
	// Set gives OBJECT_READ_CONVERSION the other packets' definitions.
	Set *def.Set
	// Unusable receives, once per packet when it is compiled, why a packet
	// cannot be decoded (its records are then rejected with a
	// *PacketError); the rest of the definitions work as usual.
	Unusable func(msg string)
}

// Decoder decodes the records of one stream. It keeps COSMOS's per-stream
// state (received counts and limits persistence per packet), so use one
// Decoder per stream. It is not safe for concurrent use.
type Decoder struct {
	opts  Options
	plans map[*def.Packet]*plan
	ctx   recordCtx
	meta  record.Meta
	fbuf  []byte
	hbuf  []byte
	tmp   Value
	// state is the state itemValue last gave tmp (nil: none), for
	// appendItem's ready-made JSON.
	state *stateEntry
	errs  []string
	sub   *Decoder // for OBJECT_READ_CONVERSION
	// floats caches the JSON text of recent float values (floatcache.go).
	floats *floatText
	// ptmp and pbuf hold a processor's formatted input (processor.go).
	ptmp Value
	pbuf []byte
}

// NewDecoder returns a Decoder with opts.
func NewDecoder(opts Options) *Decoder {
	if opts.LimitsSet == "" {
		opts.LimitsSet = "DEFAULT"
	}
	d := &Decoder{opts: opts, plans: map[*def.Packet]*plan{}, meta: record.Meta{}}
	d.ctx.d = d
	return d
}

// Prepare compiles p ahead of the first record, so definition problems
// (conversions outside the supported subset) surface at start-up.
func (d *Decoder) Prepare(p *def.Packet) error {
	_, err := d.plan(p)
	return err
}

func (d *Decoder) plan(p *def.Packet) (*plan, error) {
	if pl, ok := d.plans[p]; ok {
		return pl, nil
	}
	pl, err := d.compile(p)
	if err != nil {
		return nil, err
	}
	d.plans[p] = pl
	return pl, nil
}

// ItemError is a value that could not be decoded: it printed as null.
type ItemError struct {
	Items []string // the items, in print order
	Err   error    // the first item's error
}

func (e *ItemError) Error() string {
	return fmt.Sprintf("%s: %v", strings.Join(e.Items, ", "), e.Err)
}

// Decode appends the JSON line of rec decoded as p (DESIGN §4) to dst. The
// line is always complete; values that could not be decoded print as null
// and come back as an *ItemError naming them.
func (d *Decoder) Decode(dst []byte, p *def.Packet, rec *record.Record) ([]byte, error) {
	pl, err := d.plan(p)
	if err != nil {
		return dst, err
	}
	if pl.broken != nil {
		return dst, pl.broken
	}
	c := d.begin(pl, rec)
	dst = d.appendHead(dst, pl, rec.Meta)
	dst = append(dst, `"items":{`...)
	for i, ip := range pl.out {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = ip.key.appendTo(dst)
		dst = d.appendItem(dst, c, ip)
	}
	dst = append(dst, '}')
	if d.opts.Limits {
		dst = d.appendLimits(dst, c, pl)
	}
	dst = append(dst, "}\n"...)
	return dst, d.finish(c)
}

// Values decodes rec as p and calls fn for every printed item with its
// value in the selected mode (Formatted gives Name values). Values alias
// the record and are valid until the next call.
func (d *Decoder) Values(p *def.Packet, rec *record.Record, fn func(name string, v *Value, limits LimitsState)) error {
	c, err := d.open(p, rec)
	if err != nil {
		return err
	}
	for _, ip := range c.pl.out {
		v := d.itemValue(c, ip)
		ls := LimitsNone
		if d.opts.Limits {
			ls = d.limitsState(c, ip)
		}
		fn(ip.it.Name, v, ls)
	}
	return d.finish(c)
}

// ValuesOf is Values for the named items only, in the order given, for a
// caller that needs a few items of a packet (c3encode's hazard check): the
// others are not decoded. Names not in p are skipped.
func (d *Decoder) ValuesOf(p *def.Packet, rec *record.Record, names []string, fn func(name string, v *Value)) error {
	c, err := d.open(p, rec)
	if err != nil {
		return err
	}
	for _, name := range names {
		if ip := c.pl.byName[name]; ip != nil {
			fn(name, d.itemValue(c, ip))
		}
	}
	return d.finish(c)
}

// open plans p (once) and begins decoding rec as p.
func (d *Decoder) open(p *def.Packet, rec *record.Record) (*recordCtx, error) {
	pl, err := d.plan(p)
	if err != nil {
		return nil, err
	}
	if pl.broken != nil {
		return nil, pl.broken
	}
	return d.begin(pl, rec), nil
}

// Columns returns the printed item names of p (for CSV and table headers),
// and whether each has a limits column.
func (d *Decoder) Columns(p *def.Packet) ([]string, []bool, error) {
	pl, err := d.plan(p)
	if err != nil {
		return nil, nil, err
	}
	names := make([]string, len(pl.out))
	lim := make([]bool, len(pl.out))
	for i, ip := range pl.out {
		names[i] = ip.it.Name
		lim[i] = ip.limits != nil || ip.hasColors
	}
	return names, lim, nil
}

// ReceivedCount returns how many records of p this Decoder has seen.
func (d *Decoder) ReceivedCount(p *def.Packet) uint64 {
	if pl, ok := d.plans[p]; ok {
		return pl.received
	}
	return 0
}

// SetReceivedCount makes the next record of p decode with RECEIVED_COUNT n.
// A parallel decode gives each worker its own Decoder, so the per-stream
// count is kept by whoever reads the stream in order and handed over here.
func (d *Decoder) SetReceivedCount(p *def.Packet, n uint64) {
	if pl, err := d.plan(p); err == nil {
		pl.received = n - 1
	}
}

// begin sets up the record context: the buffer (zero-padded for
// ALLOW_SHORT), the received count and time, and the variable layout.
func (d *Decoder) begin(pl *plan, rec *record.Record) *recordCtx {
	pl.received++
	c := &d.ctx
	c.reset(pl, rec)
	d.errs = d.errs[:0]
	c.firstErr = nil
	if len(pl.procs) > 0 {
		if pl.procFed {
			pl.procFed = false
		} else {
			d.runProcessors(c)
		}
	}
	return c
}

func (d *Decoder) finish(c *recordCtx) error {
	if c.docErr != nil {
		return &ItemError{Items: []string{c.pl.codec.Name() + " body"}, Err: c.docErr}
	}
	if len(d.errs) == 0 {
		return nil
	}
	return &ItemError{Items: append([]string(nil), d.errs...), Err: c.firstErr}
}

// appendHead writes the envelope: target and packet from the plan, the
// rest from the record's meta. The common case (meta without target and
// packet) costs no map copy: the plan's pre-quoted names go first and the
// meta's own head follows.
func (d *Decoder) appendHead(dst []byte, pl *plan, m record.Meta) []byte {
	_, hasT := m[record.KeyTarget]
	_, hasP := m[record.KeyPacket]
	if !hasT && !hasP {
		if pl.head == nil {
			pl.head = jsonform.AppendHead(nil, record.Meta{record.KeyTarget: pl.pkt.Target, record.KeyPacket: pl.pkt.Name})
		}
		dst = append(dst, pl.head...)
		d.hbuf = jsonform.AppendHead(d.hbuf[:0], m)
		return append(dst, d.hbuf[1:]...)
	}
	if t, _ := m[record.KeyTarget].(string); t == pl.pkt.Target {
		if n, _ := m[record.KeyPacket].(string); n == pl.pkt.Name {
			return jsonform.AppendHead(dst, m) // preidentified with these very names
		}
	}
	meta := d.meta
	clear(meta)
	for k, v := range m {
		meta[k] = v
	}
	meta[record.KeyTarget] = pl.targetAny
	meta[record.KeyPacket] = pl.packetAny
	return jsonform.AppendHead(dst, meta)
}

func (d *Decoder) fail(c *recordCtx, ip *itemPlan, err error) {
	d.errs = append(d.errs, ip.it.Name)
	if c.firstErr == nil {
		c.firstErr = err
	}
}

// itemValue returns ip's value in the decoder's mode. The pointer is to a
// slot of the record (or the decoder's scratch value) and valid until the
// next call.
func (d *Decoder) itemValue(c *recordCtx, ip *itemPlan) *Value {
	d.state = nil
	if d.opts.Mode == Raw {
		v, err := c.raw(ip)
		if err != nil {
			d.fail(c, ip, err)
			return &nullValue
		}
		return v
	}
	v, err := c.conv(ip)
	if err != nil {
		d.fail(c, ip, err)
		return &nullValue
	}
	if st := ip.lookupState(v); st != nil {
		d.tmp, d.state = Value{K: Name, S: st.name}, st
		return &d.tmp
	}
	if d.opts.Mode != Formatted || v.K == Null {
		return v
	}
	b, err := d.formatValue(d.fbuf[:0], ip, v)
	d.fbuf = b
	if err != nil {
		d.fail(c, ip, err)
		return &nullValue
	}
	d.tmp = Value{K: String, B: b}
	return &d.tmp
}

// nullValue is the value of an item that could not be decoded.
var nullValue = Value{}

// appendItem appends ip's value as JSON.
func (d *Decoder) appendItem(dst []byte, c *recordCtx, ip *itemPlan) []byte {
	v := d.itemValue(c, ip)
	if d.state != nil {
		return d.state.json.appendTo(dst)
	}
	return d.AppendJSON(dst, v)
}

// formatValue is COSMOS's formatted value: FORMAT_STRING (or to_s) and
// " UNITS".
func (d *Decoder) formatValue(dst []byte, ip *itemPlan, v *Value) ([]byte, error) {
	return formatValueUnits(dst, ip, v, true)
}

// formatValueUnits is COSMOS's FORMATTED value (units false) or its
// WITH_UNITS value (units true).
func formatValueUnits(dst []byte, ip *itemPlan, v *Value, units bool) ([]byte, error) {
	var err error
	switch {
	case ip.format != "" && v.K == Array:
		dst = append(dst, '[')
		for i := range v.A {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			if dst, err = appendPrintf(dst, ip.format, &v.A[i]); err != nil {
				return dst, err
			}
		}
		dst = append(dst, ']')
	case ip.format != "":
		if dst, err = appendPrintf(dst, ip.format, v); err != nil {
			return dst, err
		}
	default:
		dst = appendToS(dst, v)
	}
	if units && ip.units != "" {
		dst = append(dst, ' ')
		dst = append(dst, ip.units...)
	}
	return dst, nil
}

// limitsState evaluates ip's limits for this record (persistence
// included). Items without limits or coloured states give LimitsNone.
func (d *Decoder) limitsState(c *recordCtx, ip *itemPlan) LimitsState {
	if ip.limits == nil && !ip.hasColors {
		return LimitsNone
	}
	v, err := c.conv(ip)
	if err != nil || v.K == Null {
		return LimitsNone
	}
	if ip.hasColors {
		if st := ip.lookupState(v); st != nil {
			return st.color
		}
	}
	if ip.limits == nil {
		return LimitsNone
	}
	f, ok := v.Float64()
	if !ok {
		return LimitsNone
	}
	return ip.tracker.update(ip.limits.classify(f), ip.persist)
}

func (d *Decoder) appendLimits(dst []byte, c *recordCtx, pl *plan) []byte {
	dst = append(dst, `,"limits":{`...)
	first := true
	for _, ip := range pl.out {
		if ip.limits == nil && !ip.hasColors {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = ip.key.appendTo(dst)
		if s := d.limitsState(c, ip); s != LimitsNone {
			dst = append(dst, '"')
			dst = append(dst, s.String()...)
			dst = append(dst, '"')
		} else {
			dst = append(dst, "null"...)
		}
	}
	return append(dst, '}')
}

// LimitsEnabled reports whether limits states are evaluated (Options.Limits).
func (d *Decoder) LimitsEnabled() bool { return d.opts.Limits }
