package engine

import (
	"fmt"
	"strconv"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/keyed"
)

// A plan is a packet definition compiled for decoding: item lookups,
// pre-quoted JSON keys, state tables and conversions resolved once, so the
// per-record work is reads and appends.
type plan struct {
	pkt    *def.Packet
	items  []*itemPlan // definition order (def.Packet.Items)
	byName map[string]*itemPlan
	// sorted is the layout order for variable-sized packets.
	sorted []*itemPlan
	// variable is set when item offsets or sizes depend on the record
	// (VARIABLE_BIT_SIZE, or a size <= 0 followed by positioned items).
	variable bool
	// targetAny/packetAny are the names boxed once for record meta.
	targetAny, packetAny any
	// received is COSMOS's per-packet received count for this stream.
	received uint64
	// packetTime is the PACKET_TIME item, if the packet defines one.
	packetTime *itemPlan
	// out is the item list printed (selection and --all applied).
	out []*itemPlan
	// head is `{"target":...,"packet":...,` for records without those keys.
	head []byte
	// codec reads and writes the items of a key-based ACCESSOR (keyed.go);
	// writesDerived says DERIVED items are written through it (HTTP).
	codec         keyed.Codec
	writesDerived bool
	// broken rejects every record of a packet c3kit cannot use.
	broken *PacketError
	// procs are the PROCESSORs c3kit runs (processor.go); procVals their
	// results for this record; procFed says SetProcessed gave them.
	procs    []*processor
	procVals []Value
	procFed  bool
	// numNames memoizes the numeric path's reads (numpath.go).
	numNames [4]nameMemo
	numNext  int
}

// itemPlan is one item compiled.
type itemPlan struct {
	it   *def.Item
	idx  int
	key  smallText // `"NAME":`
	typ  accessor.DataType
	off  int // as defined (negative: from the end); absolute for sub-items of fixed parents
	size int
	e    accessor.Endian
	// array: size is the element size, arrSize the total (<= 0: fill).
	array   bool
	arrSize int
	parent  *itemPlan // structure item of a sub-item
	relOff  int       // offset inside the parent

	states   []stateEntry
	anyState *stateEntry
	strState bool // states compare strings

	rconv     converter
	limits    *limitsCheck
	tracker   limitsTracker
	arr       []Value // scratch for array reads
	persist   int
	hasColors bool

	format string
	units  string
	hidden bool

	// variable layout (per record): set by layout()
	varSize    *def.VariableBitSize
	lengthItem *itemPlan
	// quic marks a variable-sized INT/UINT: COSMOS sizes it with the QUIC
	// variable-length integer encoding (6, 14, 30 or 62 bits).
	quic bool
	// kkey is the compiled KEY of an item of a key-based packet.
	kkey keyed.Key
	// viaCodec marks a DERIVED item the packet's accessor reads and writes
	// itself (the HTTP accessor's HTTP_ items): no conversion to its type.
	viaCodec bool
}

type stateEntry struct {
	name  string
	json  smallText // name as a JSON string, made once: states print on every packet
	i     int64
	u     uint64
	isU   bool
	f     float64
	isF   bool
	s     string
	isS   bool
	color LimitsState
}

// compileLayout builds the part of a plan both directions need: the items
// with their positions, states, structure parents and length items.
func compileLayout(p *def.Packet) (*plan, error) {
	pl := &plan{pkt: p, byName: make(map[string]*itemPlan, len(p.Items)),
		targetAny: p.Target, packetAny: p.Name}
	for i, it := range p.Items {
		ip := &itemPlan{it: it, idx: i, typ: it.DataType, off: it.BitOffset, size: it.BitSize, e: it.Endian,
			array: it.Array, arrSize: it.ArrayBitSize, format: it.FormatString, units: it.Units,
			hidden: it.Hidden || it.Structure != nil}
		ip.key = newSmallText(append(strconv.AppendQuote(nil, it.Name), ':'))
		if err := ip.compileStates(); err != nil {
			return nil, fmt.Errorf("%s %s %s: %v", p.Target, p.Name, it.Name, err)
		}
		if it.VariableBitSize != nil {
			ip.varSize = it.VariableBitSize
			pl.variable = true
		}
		if it.DataType != accessor.DERIVED && (!it.Array && it.BitSize <= 0 || it.Array && it.ArrayBitSize <= 0) {
			pl.variable = true
		}
		pl.items = append(pl.items, ip)
		pl.byName[it.Name] = ip
	}
	for _, ip := range pl.items {
		if ip.it.Parent != "" {
			ip.parent = pl.byName[ip.it.Parent]
			if ip.parent == nil {
				return nil, fmt.Errorf("%s %s %s: structure item %s not found", p.Target, p.Name, ip.it.Name, ip.it.Parent)
			}
			ip.relOff = ip.it.BitOffset
			if ip.parent.off >= 0 {
				ip.off = ip.parent.off + ip.relOff
			}
		}
		if ip.varSize != nil {
			ip.lengthItem = pl.byName[upperASCII(ip.varSize.LengthItem)]
			if ip.lengthItem == nil {
				return nil, fmt.Errorf("%s %s %s: VARIABLE_BIT_SIZE length item %s not found", p.Target, p.Name, ip.it.Name, ip.varSize.LengthItem)
			}
			ip.quic = (ip.typ == accessor.INT || ip.typ == accessor.UINT) && !ip.array
		}
	}
	for _, it := range p.Sorted {
		if ip := pl.byName[it.Name]; ip != nil && ip.parent == nil {
			pl.sorted = append(pl.sorted, ip)
		}
	}
	if pt := pl.byName["PACKET_TIME"]; pt != nil && !pt.it.Reserved {
		pl.packetTime = pt
	}
	switch {
	case p.Unusable != nil:
		pl.broken = brokenPacket(p, p.Unusable)
	case p.KeyedAccessor():
		if err := pl.compileKeyed(); err != nil {
			pl.broken = brokenPacket(p, err)
		}
	}
	return pl, nil
}

// compile builds the decoding plan of p.
func (d *Decoder) compile(p *def.Packet) (*plan, error) {
	pl, err := compileLayout(p)
	if err != nil {
		return nil, err
	}
	if pl.broken == nil {
		d.compileProcessors(pl)
	}
	for _, ip := range pl.items {
		if pl.broken != nil {
			break
		}
		it := ip.it
		if it.ReadConversion != nil {
			c, err := d.newConverter(it.ReadConversion, pl, it)
			if err != nil {
				rc := it.ReadConversion
				pl.broken = brokenPacket(p, fmt.Errorf("%s:%d: %s: %v", rc.File, rc.Line, it.Name, err))
				break
			}
			ip.rconv = c
		}
		if l := pickLimits(it.Limits, d.opts.LimitsSet); l != nil && l.Enabled {
			ip.limits = &limitsCheck{l: *l}
			ip.persist = max(l.Persistence, 1)
		}
	}
	pl.out = d.selectItems(pl)
	if rc := p.ReadCodec(); rc != nil && pl.codec != nil {
		pl.codec = rc // shares identification's parse of each body
	}
	if pl.broken != nil {
		d.unusable(pl.broken)
	}
	return pl, nil
}

// selectItems applies --items and --all.
func (d *Decoder) selectItems(pl *plan) []*itemPlan {
	if len(d.opts.Items) > 0 {
		var out []*itemPlan
		for _, n := range d.opts.Items {
			if ip := pl.byName[upperASCII(n)]; ip != nil {
				out = append(out, ip)
			}
		}
		return out
	}
	out := make([]*itemPlan, 0, len(pl.items))
	for _, ip := range pl.items {
		if ip.hidden && !d.opts.All {
			continue
		}
		out = append(out, ip)
	}
	return out
}

func pickLimits(sets []def.Limits, name string) *def.Limits {
	if len(sets) == 0 {
		return nil
	}
	for i := range sets {
		if sets[i].Set == name {
			return &sets[i]
		}
	}
	return &sets[0] // DEFAULT is always first
}

func (ip *itemPlan) compileStates() error {
	for _, s := range ip.it.States {
		e := stateEntry{name: s.Name, json: newSmallText(appendJSONStringS(nil, s.Name)), color: stateColor(s.Color)}
		if e.color != LimitsNone {
			ip.hasColors = true
		}
		switch s.Value.Kind {
		case def.IntValue:
			e.i, e.f = s.Value.Int, float64(s.Value.Int)
		case def.UintValue:
			e.u, e.isU, e.f = s.Value.Uint, true, float64(s.Value.Uint)
		case def.FloatValue:
			e.f, e.isF = s.Value.Float, true
		case def.StringValue, def.BytesValue:
			e.s, e.isS = s.Value.Str, true
			ip.strState = true
		case def.NoValue:
			if !s.Any {
				return fmt.Errorf("state %s has no value", s.Name)
			}
		}
		if s.Any {
			ee := e
			ip.anyState = &ee
			continue
		}
		ip.states = append(ip.states, e)
	}
	return nil
}

// lookupState returns the state matching v, or nil.
func (ip *itemPlan) lookupState(v *Value) *stateEntry {
	for i := range ip.states {
		s := &ip.states[i]
		switch v.K {
		case Int:
			if s.isF && s.f == float64(v.I) || !s.isF && !s.isU && !s.isS && s.i == v.I {
				return s
			}
		case Uint:
			if s.isU && s.u == v.U || s.isF && s.f == float64(v.U) || !s.isF && !s.isU && !s.isS && s.i >= 0 && uint64(s.i) == v.U {
				return s
			}
		case Float:
			if !s.isS && s.f == v.F {
				return s
			}
		case String, Bytes:
			if s.isS && s.s == string(v.B) {
				return s
			}
		case Name:
			if s.isS && s.s == v.S {
				return s
			}
		}
	}
	if ip.anyState != nil && v.K != Null {
		return ip.anyState
	}
	return nil
}

func upperASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'a' && b[j] <= 'z' {
					b[j] -= 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
