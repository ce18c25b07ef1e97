package engine

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/keyed"
)

// Packets whose ACCESSOR is not the binary one (JSON, CBOR, XML, HTML,
// Template, Form, HTTP, ...) are read and written through a keyed.Codec:
// each item's KEY (or its name) is compiled once with the plan, each
// record's body is parsed once, and values convert to and from the item's
// data type with COSMOS's convert_to_type (keyed.ConvertToType).

// PacketError says a packet cannot be decoded or encoded at all (an
// accessor or conversion class c3kit does not have, a keyword outside the
// documented language): each of its records is rejected with it, while
// the other packets work as usual.
type PacketError struct {
	Target, Packet string
	Err            error
}

func (e *PacketError) Error() string {
	return fmt.Sprintf("%s %s cannot be used: %v", e.Target, e.Packet, e.Err)
}

func (e *PacketError) Unwrap() error { return e.Err }

func brokenPacket(p *def.Packet, err error) *PacketError {
	return &PacketError{Target: p.Target, Packet: p.Name, Err: err}
}

// compileKeyed finds the packet's codec and compiles every item's key.
func (pl *plan) compileKeyed() error {
	p := pl.pkt
	codec, err := keyed.Lookup(p.Accessor.Class, p.Accessor.Args, p.Template)
	if err != nil {
		return fmt.Errorf("%s:%d: ACCESSOR: %v", p.File, p.AccessorLine(), err)
	}
	pl.codec = codec
	pl.writesDerived = keyed.WritesDerived(codec)
	dh, _ := codec.(keyed.DerivedHandler)
	ic, _ := codec.(keyed.ItemCompiler)
	for _, ip := range pl.items {
		it := ip.it
		viaCodec := it.DataType == accessor.DERIVED && dh != nil && dh.HandlesDerived(it.Name)
		if it.DataType == accessor.DERIVED && !pl.writesDerived && !viaCodec || it.Reserved || it.Structure != nil {
			continue
		}
		var k keyed.Key
		if ic != nil { // the HTTP accessor chooses by item name and uses KEY as the header or query name
			k, err = ic.CompileItem(it.Name, it.Key)
		} else {
			k, err = codec.Compile(it.KeyOrName())
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %s: KEY %q: %v", it.File, it.Line, it.Name, it.KeyOrName(), err)
		}
		ip.kkey, ip.viaCodec = k, viaCodec
	}
	pl.variable = false // nothing is positioned by bits
	return nil
}

// readKeyed reads ip through the record's parsed document.
func (c *recordCtx) readKeyed(ip *itemPlan, dst *Value) error {
	if ip.typ == accessor.DERIVED && !ip.viaCodec { // never reached: DERIVED items have no raw read
		*dst = Value{}
		return nil
	}
	if c.docErr != nil {
		return c.docErr
	}
	if ip.kkey == nil { // a structure item: its members are items of their own
		*dst = Value{}
		return nil
	}
	v, err := c.doc.Get(ip.kkey)
	if err != nil {
		return err
	}
	if ip.viaCodec { // the accessor's own item (HTTP_STATUS ...): no convert_to_type
		*dst = fromKeyed(v, accessor.ANY)
		return nil
	}
	cv, err := keyed.ConvertToType(v, ip.typ, ip.array)
	if err != nil {
		return fmt.Errorf("KEY %s: %v", ip.it.KeyOrName(), err)
	}
	*dst = fromKeyed(cv, ip.typ)
	return nil
}

// fromKeyed turns a converted accessor value into a Value. BLOCK items
// give bytes (printed as hex), STRING items text.
func fromKeyed(v any, t accessor.DataType) Value {
	switch x := v.(type) {
	case nil:
		return Value{}
	case int64:
		return IntVal(x)
	case uint64:
		return UintVal(x)
	case *big.Int:
		return BigVal(x)
	case float64:
		return FloatVal(x)
	case bool:
		if x {
			return Value{K: Bool, I: 1}
		}
		return Value{K: Bool}
	case string:
		if t == accessor.BLOCK {
			return BytesVal([]byte(x))
		}
		return Value{K: String, B: []byte(x)}
	case []byte:
		if t == accessor.STRING {
			return Value{K: String, B: x}
		}
		return BytesVal(x)
	case json.Number:
		return numberValue(string(x))
	case []any:
		a := make([]Value, len(x))
		for i, e := range x {
			a[i] = fromKeyed(e, t)
		}
		return Value{K: Array, A: a}
	case *keyed.Object:
		o := make([]Field, x.Len())
		for i := range o {
			k, e := x.At(i)
			o[i] = Field{k, fromKeyed(e, accessor.ANY)}
		}
		return Value{K: Object, O: o}
	case map[string]any:
		o := make([]Field, 0, len(x))
		for _, k := range keyed.SortedKeys(x) {
			o = append(o, Field{k, fromKeyed(x[k], accessor.ANY)})
		}
		return Value{K: Object, O: o}
	}
	return StringVal(fmt.Sprint(v))
}

// numberValue reads a JSON number's text exactly: integers as Int, Uint or
// Big, everything else as Float (NaN and infinities included).
func numberValue(s string) Value {
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return IntVal(i)
	}
	if u, err := strconv.ParseUint(s, 10, 64); err == nil {
		return UintVal(u)
	}
	if b, ok := new(big.Int).SetString(s, 10); ok {
		return BigVal(b)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return Value{K: String, B: []byte(s)}
	}
	return FloatVal(f)
}

// toKeyed turns a Value into the contract shapes an accessor's Set takes
// (numbers as json.Number, text as string, BLOCK bytes as []byte).
func toKeyed(v *Value) any {
	switch v.K {
	case Null:
		return nil
	case Int:
		return json.Number(strconv.FormatInt(v.I, 10))
	case Uint:
		return json.Number(strconv.FormatUint(v.U, 10))
	case Big:
		return json.Number(v.S)
	case Float:
		return json.Number(keyed.AppendRubyFloat(nil, v.F))
	case Bool:
		return v.I != 0
	case String:
		return string(v.B)
	case Name:
		return v.S
	case Bytes:
		return append([]byte(nil), v.B...)
	case Time:
		return v.Time().Format(jsonTimeLayout)
	case Array:
		a := make([]any, len(v.A))
		for i := range v.A {
			a[i] = toKeyed(&v.A[i])
		}
		return a
	case Object:
		o := keyed.NewObject(len(v.O))
		for i := range v.O {
			o.Append(v.O[i].Name, toKeyed(&v.O[i].Value))
		}
		return o
	}
	return nil
}

const jsonTimeLayout = "2006-01-02T15:04:05.999999999Z07:00"

// contractValue turns ConvertToType's result back into contract shapes.
func contractValue(v any) any {
	switch x := v.(type) {
	case int64:
		return json.Number(strconv.FormatInt(x, 10))
	case *big.Int:
		return json.Number(x.String())
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return json.Number(keyed.AppendRubyFloat(nil, x))
		}
		return json.Number(keyed.AppendRubyFloat(nil, x))
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = contractValue(e)
		}
		return out
	}
	return v
}

// encodeKeyed builds a key-based packet: the TEMPLATE (or the codec's
// empty document) parsed once, every default written, then the given
// values, each through COSMOS's checks, write conversion and
// convert_to_type, then the document serialised. extra is the request's
// extra meta; the accessor may add keys to it (HTTP_METHOD, ...).
func (e *Encoder) encodeKeyed(dst []byte, ep *encPlan, given []Given, extra map[string]any) ([]byte, error) {
	c := &e.ctx
	p := ep.pkt
	tmpl := p.Template
	if tmpl == nil {
		var err error
		if tmpl, err = ep.codec.Template(); err != nil {
			return dst, &ParamError{Msg: fmt.Sprintf("%s %s: %v", p.Target, p.Name, err), Err: err}
		}
	}
	doc, err := ep.codec.Parse(tmpl, extra)
	if err != nil {
		return dst, &ParamError{Msg: fmt.Sprintf("%s %s: TEMPLATE: %v", p.Target, p.Name, err), Err: err}
	}
	skip := func(ip *itemPlan) bool { // COSMOS writes DERIVED items only to the HTTP accessor
		return ip.kkey == nil || ip.it.Reserved || ip.typ == accessor.DERIVED && !ep.writesDerived && !ip.viaCodec
	}
	// restore_defaults: by (nominal) offset as COSMOS's sorted_items, then
	// structure members; the given items are left to the loop after
	order := append(append([]*itemPlan(nil), ep.sorted...), subItems(ep.plan)...)
	for _, ip := range order {
		if c.isGiven[ip.idx] || skip(ip) {
			continue
		}
		if v, ok := defaultValue(ip); ok {
			if err := c.writeKeyed(doc, ip, v, true, false, false); err != nil {
				return dst, err
			}
		}
	}
	for i, idx := range c.given {
		ip := ep.items[idx]
		if skip(ip) {
			continue
		}
		if err := c.writeKeyed(doc, ip, given[i].Value, !e.opts.Raw, true, given[i].Hex); err != nil {
			return dst, err
		}
	}
	out, err := doc.Bytes(extra)
	if err != nil {
		return dst, &ParamError{Msg: fmt.Sprintf("%s %s: %v", p.Target, p.Name, err), Err: err}
	}
	return append(dst[:0], out...), nil
}

// writeKeyed is write for a key-based packet.
func (c *encCtx) writeKeyed(doc keyed.Doc, ip *itemPlan, v Value, convert, check, hexText bool) error {
	p := c.ep.pkt
	if err := c.prepare(ip, &v, convert, check); err != nil {
		return err
	}
	var err error
	if !ip.array && (ip.typ == accessor.BLOCK || ip.typ == accessor.STRING) && (v.K == String || v.K == Name) {
		// 0x words are bytes; c3decode's BLOCK hex text comes back as bytes
		if v, err = coerceScalar(ip.typ, v, hexText, nil); err != nil {
			return &ParamError{Item: ip.it.Name, Msg: fmt.Sprintf("%s %s %s: %v", p.Target, p.Name, ip.it.Name, err), Err: err}
		}
	}
	var cv any = toKeyed(&v)
	if ip.typ != accessor.DERIVED {
		cv, err = keyed.ConvertToType(cv, ip.typ, ip.array)
	}
	if err != nil {
		return &ParamError{Item: ip.it.Name, Msg: fmt.Sprintf("%s %s %s: %v", p.Target, p.Name, ip.it.Name, err), Err: err}
	}
	if err := doc.Set(ip.kkey, contractValue(cv)); err != nil {
		return &ParamError{Item: ip.it.Name, Msg: fmt.Sprintf("%s %s %s: %v", p.Target, p.Name, ip.it.Name, err), Err: err}
	}
	return nil
}

func (d *Decoder) unusable(pe *PacketError) {
	if d.opts.Unusable != nil {
		d.opts.Unusable(pe.Error() + "; its records will be rejected")
	}
}

func subItems(pl *plan) []*itemPlan {
	var out []*itemPlan
	for _, ip := range pl.items {
		if ip.parent != nil {
			out = append(out, ip)
		}
	}
	return out
}
