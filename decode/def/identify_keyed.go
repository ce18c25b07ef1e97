package def

import (
	"math/big"

	"github.com/c3kit/c3kit/decode/keyed"
)

// Packets with a key-based ACCESSOR are identified as COSMOS's identify?
// does for them: each ID item is read through the accessor (its KEY, or
// its name), converted to the item's type (keyed.ConvertToType) and
// compared with the ID value. A buffer is parsed once per accessor per
// identification, whatever the number of packets using it. They are tried
// after the target's binary layouts, in definition order.

type keyedIdent struct {
	pkt   *Packet
	codec keyed.Codec
	group string // codecs with the same class and arguments parse alike
	keys  []keyed.Key
}

func (ti *targetIndex) addKeyed(p *Packet) {
	group := keyed.Canonical(p.Accessor.Class) + "\x00" + joinArgs(p.Accessor.Args) + "\x00" + string(p.Template)
	var codec keyed.Codec
	for _, k := range ti.keyed {
		if k.group == group {
			codec = k.codec // one parse per body for all the packets alike
			break
		}
	}
	if codec == nil {
		c, err := keyed.Lookup(p.Accessor.Class, p.Accessor.Args, p.Template)
		if err != nil || p.Unusable != nil {
			return // the engine reports the packet; it is never identified
		}
		codec = keyed.Shared(c)
	}
	p.readCodec = codec
	ti.packets = append(ti.packets, p) // unique mode tries them in definition order
	if len(p.IDItems) == 0 {
		ti.catchAll = p
		return
	}
	ki := &keyedIdent{pkt: p, codec: codec, group: group}
	for _, it := range p.IDItems {
		k, err := codec.Compile(it.KeyOrName())
		if err != nil {
			return
		}
		ki.keys = append(ki.keys, k)
	}
	ti.keyed = append(ti.keyed, ki)
}

func joinArgs(a []string) string {
	s := ""
	for _, x := range a {
		s += x + "\x00"
	}
	return s
}

// KeyOrName is the key an accessor finds the item by: its KEY, or its
// name when it has none (COSMOS's item.key default).
func (it *Item) KeyOrName() string {
	if it.Key != "" {
		return it.Key
	}
	if it.Parent != "" {
		return it.Name[len(it.Parent)+1:]
	}
	return it.Name
}

func (ti *targetIndex) identifyKeyed(buf []byte) *Packet {
	var docs map[string]keyed.Doc
	for _, ki := range ti.keyed {
		if ki.matchesBuf(buf, &docs) {
			return ki.pkt
		}
	}
	return nil
}

// matchesBuf parses buf with ki's codec (once per group, kept in docs)
// and compares the ID items.
func (ki *keyedIdent) matchesBuf(buf []byte, docs *map[string]keyed.Doc) bool {
	doc, ok := (*docs)[ki.group]
	if !ok {
		d, err := ki.codec.Parse(buf, nil)
		if err != nil {
			d = nil
		}
		if *docs == nil {
			*docs = map[string]keyed.Doc{}
		}
		(*docs)[ki.group], doc = d, d
	}
	return doc != nil && ki.matches(doc)
}

// identifyUnique is TLM/CMD_UNIQUE_ID_MODE: every packet in definition
// order, binary or key-based, the first whose ID items match.
func (ti *targetIndex) identifyUnique(buf []byte) *Packet {
	var docs map[string]keyed.Doc
	for _, p := range ti.packets {
		if !p.keyedLayout() {
			if matches(p, buf) {
				return p
			}
			continue
		}
		if len(p.IDItems) == 0 {
			return p // a key-based packet without ID items matches anything
		}
		for _, ki := range ti.keyed {
			if ki.pkt == p && ki.matchesBuf(buf, &docs) {
				return p
			}
		}
	}
	return nil
}

func (ki *keyedIdent) matches(doc keyed.Doc) bool {
	for i, it := range ki.pkt.IDItems {
		v, err := doc.Get(ki.keys[i])
		if err != nil {
			return false
		}
		c, err := keyed.ConvertToType(v, it.DataType, it.Array)
		if err != nil || !IDValueMatches(c, it.IDValue) {
			return false
		}
	}
	return true
}

// IDValueMatches compares a value read through an accessor (after
// ConvertToType) with an ID value, as Ruby's == does (1 == 1.0).
func IDValueMatches(v any, id Value) bool {
	switch t := v.(type) {
	case int64:
		switch id.Kind {
		case IntValue:
			return t == id.Int
		case UintValue:
			return t >= 0 && uint64(t) == id.Uint
		case FloatValue:
			return float64(t) == id.Float
		}
	case uint64:
		return id.Kind == UintValue && t == id.Uint || id.Kind == FloatValue && float64(t) == id.Float
	case *big.Int:
		switch id.Kind {
		case IntValue:
			return t.IsInt64() && t.Int64() == id.Int
		case UintValue:
			return t.IsUint64() && t.Uint64() == id.Uint
		}
	case float64:
		if id.IsNumber() {
			return t == id.Float64()
		}
	case string:
		return (id.Kind == StringValue || id.Kind == BytesValue) && t == id.Str
	case []byte:
		return (id.Kind == StringValue || id.Kind == BytesValue) && string(t) == id.Str
	case bool:
		return id.Kind == StringValue && (t && id.Str == "TRUE" || !t && id.Str == "FALSE")
	}
	return false
}

// ReadCodec is the codec identification reads the packet's bodies with
// (keyed.Shared: a body it parsed is not parsed again by a decoder using
// the same codec), or nil for binary packets and packets never indexed.
func (p *Packet) ReadCodec() keyed.Codec { return p.readCodec }
