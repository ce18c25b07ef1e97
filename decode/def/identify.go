package def

import (
	"encoding/binary"
	"math"

	"github.com/c3kit/c3kit/decode/accessor"
)

// Identification works as COSMOS's does: a buffer is a packet when every
// ID item of the packet reads back its ID value (a buffer too short for an
// ID item does not match); VIRTUAL packets never match; a packet without ID
// items is the target's catch-all and matches only when nothing else does
// (the last one defined wins, as COSMOS's id hash keeps it).
//
// COSMOS hashes the ID values read with the first packet's ID layout. To
// stay correct when a target mixes layouts, the index groups a target's
// packets by ID layout (offsets, sizes, types, endianness), reads each
// layout's values once into a key and looks the key up in that layout's
// map. Layouts are tried in the order they first appear, so a target with
// one layout behaves exactly like COSMOS's hash (for equal ID values the
// last definition wins). Targets with TLM/CMD_UNIQUE_ID_MODE try their
// packets one by one in definition order, as COSMOS does.

// maxKeyLen bounds the stack buffer a lookup key is built in; keys longer
// than that (long STRING/BLOCK ID values) take a slower path.
const maxKeyLen = 256

type identIndex struct {
	targets map[string]*targetIndex
	order   []*targetIndex
}

type targetIndex struct {
	name     string
	unique   bool
	packets  []*Packet // identifiable packets in definition order (unique mode)
	layouts  []*layout
	catchAll *Packet
	keyed    []*keyedIdent // packets whose ID items are read through their accessor
}

type idField struct {
	offset, size int
	typ          accessor.DataType
	endian       accessor.Endian
}

type layout struct {
	fields []idField
	table  map[string]*Packet
}

// buildIndex builds one index per kind for interface-level
// identification and one for SUBPACKET packets, which COSMOS identifies
// separately (after a SUBPACKETIZER has split a packet).
func (s *Set) buildIndex() {
	for k := Telemetry; k <= Command; k++ {
		for sub := 0; sub < 2; sub++ {
			ix := &identIndex{targets: map[string]*targetIndex{}}
			for _, t := range s.Targets {
				ti := &targetIndex{name: t.Name, unique: t.TlmUniqueIDMode}
				if k == Command {
					ti.unique = t.CmdUniqueIDMode
				}
				for _, p := range t.Packets(k) {
					if p.Subpacket == (sub == 1) {
						ti.add(p)
					}
				}
				ix.targets[t.Name] = ti
				ix.order = append(ix.order, ti)
			}
			s.index[k][sub] = ix
		}
	}
}

// identifiable reports whether the binary reads used here can identify p.
func identifiable(p *Packet) bool {
	if p.Virtual || p.keyedLayout() {
		return false
	}
	for _, it := range p.IDItems {
		switch it.DataType {
		case accessor.INT, accessor.UINT, accessor.FLOAT, accessor.STRING, accessor.BLOCK:
		default:
			return false
		}
	}
	return true
}

func (ti *targetIndex) add(p *Packet) {
	if !p.Virtual && p.keyedLayout() {
		ti.addKeyed(p)
		return
	}
	if !identifiable(p) {
		return
	}
	if len(p.IDItems) == 0 {
		ti.catchAll = p
		ti.packets = append(ti.packets, p)
		return
	}
	ti.packets = append(ti.packets, p)
	fields := make([]idField, len(p.IDItems))
	for i, it := range p.IDItems {
		fields[i] = idField{it.BitOffset, it.BitSize, it.DataType, it.Endian}
	}
	key, ok := idKey(nil, p.IDItems)
	if !ok {
		return // an ID value no buffer can hold (e.g. 1.5 for a UINT)
	}
	for _, l := range ti.layouts {
		if sameFields(l.fields, fields) {
			l.table[string(key)] = p
			return
		}
	}
	ti.layouts = append(ti.layouts, &layout{fields: fields, table: map[string]*Packet{string(key): p}})
}

func sameFields(a, b []idField) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// idKey encodes the packet's ID values the way keyOf encodes values read
// from a buffer; false when a value can never be read back.
func idKey(dst []byte, items []*Item) ([]byte, bool) {
	for _, it := range items {
		v := it.IDValue
		switch it.DataType {
		case accessor.INT:
			n, ok := v.Int64()
			if !ok || !fitsInt(n, it.BitSize) {
				return nil, false
			}
			dst = binary.BigEndian.AppendUint64(dst, uint64(n))
		case accessor.UINT:
			n, ok := v.Uint64()
			if !ok || it.BitSize < 64 && n>>uint(it.BitSize) != 0 {
				return nil, false
			}
			dst = binary.BigEndian.AppendUint64(dst, n)
		case accessor.FLOAT:
			if !v.IsNumber() {
				return nil, false
			}
			f := v.Float64()
			if it.BitSize == 32 {
				if float64(float32(f)) != f {
					return nil, false
				}
			}
			if math.IsNaN(f) {
				return nil, false
			}
			dst = appendFloatKey(dst, f)
		case accessor.STRING, accessor.BLOCK:
			if v.Kind != StringValue && v.Kind != BytesValue || len(v.Str) > 0xffff {
				return nil, false
			}
			dst = binary.BigEndian.AppendUint16(dst, uint16(len(v.Str)))
			dst = append(dst, v.Str...)
		}
	}
	return dst, true
}

func fitsInt(n int64, bits int) bool {
	if bits >= 64 {
		return true
	}
	lim := int64(1) << uint(bits-1)
	return n >= -lim && n < lim
}

func appendFloatKey(dst []byte, f float64) []byte {
	if f == 0 {
		f = 0 // -0 equals 0
	}
	return binary.BigEndian.AppendUint64(dst, math.Float64bits(f))
}

// keyOf reads a layout's ID fields from buf into dst; false if buf is too
// short for one of them or a value cannot match (NaN).
func keyOf(dst []byte, fields []idField, buf []byte) ([]byte, bool) {
	for _, f := range fields {
		if !mayFit(f, len(buf)) {
			return nil, false
		}
		switch f.typ {
		case accessor.INT:
			n, err := accessor.ReadInt(buf, f.offset, f.size, f.endian)
			if err != nil {
				return nil, false
			}
			dst = binary.BigEndian.AppendUint64(dst, uint64(n))
		case accessor.UINT:
			n, err := accessor.ReadUint(buf, f.offset, f.size, f.endian)
			if err != nil {
				return nil, false
			}
			dst = binary.BigEndian.AppendUint64(dst, n)
		case accessor.FLOAT:
			v, err := accessor.ReadFloat(buf, f.offset, f.size, f.endian)
			if err != nil || math.IsNaN(v) {
				return nil, false
			}
			dst = appendFloatKey(dst, v)
		case accessor.STRING, accessor.BLOCK:
			var b []byte
			var err error
			if f.typ == accessor.STRING {
				b, err = accessor.ReadString(buf, f.offset, f.size)
			} else {
				b, err = accessor.ReadBytes(buf, f.offset, f.size)
			}
			if err != nil || len(b) > 0xffff {
				return nil, false
			}
			dst = binary.BigEndian.AppendUint16(dst, uint16(len(b)))
			dst = append(dst, b...)
		}
	}
	return dst, true
}

// Identify returns the packet of the given kind that buf holds, searching
// the named targets in order (all targets, in load order, when none are
// named). It does not allocate for binary ID items whose values fit in
// 256 bytes. ok is false for an unknown buffer: COSMOS then reports it as
// the UNKNOWN packet of target UNKNOWN, with its length.
//
// SUBPACKET packets are left out, as COSMOS leaves them out of
// interface-level identification; IdentifySubpacket finds them.
func (s *Set) Identify(buf []byte, kind Kind, targets ...string) (p *Packet, ok bool) {
	if kind > Command {
		return nil, false
	}
	return s.identify(s.index[kind][0], buf, targets)
}

// IdentifySubpacket is Identify among the SUBPACKET packets only, for the
// pieces a SUBPACKETIZER cut a packet into.
func (s *Set) IdentifySubpacket(buf []byte, kind Kind, targets ...string) (p *Packet, ok bool) {
	if kind > Command {
		return nil, false
	}
	return s.identify(s.index[kind][1], buf, targets)
}

func (s *Set) identify(ix *identIndex, buf []byte, targets []string) (*Packet, bool) {
	if ix == nil {
		return nil, false
	}
	if len(targets) == 0 {
		for _, ti := range ix.order {
			if p := ti.identify(buf); p != nil {
				return p, true
			}
		}
		return nil, false
	}
	for _, name := range targets {
		ti := ix.targets[name]
		if ti == nil {
			ti = ix.targets[upper(name)]
		}
		if ti == nil {
			continue
		}
		if p := ti.identify(buf); p != nil {
			return p, true
		}
	}
	return nil, false
}

func (ti *targetIndex) identify(buf []byte) *Packet {
	if ti.unique {
		return ti.identifyUnique(buf)
	}
	var stack [maxKeyLen]byte
	for _, l := range ti.layouts {
		key, ok := keyOf(stack[:0], l.fields, buf)
		if !ok {
			continue
		}
		// string(key) in a map index does not allocate
		if p := l.table[string(key)]; p != nil {
			return p
		}
	}
	if p := ti.identifyKeyed(buf); p != nil {
		return p
	}
	return ti.catchAll
}

// matches reports whether every ID item of p reads back its ID value.
func matches(p *Packet, buf []byte) bool {
	var a, b [maxKeyLen]byte
	want, ok := idKey(a[:0], p.IDItems)
	if !ok {
		return false
	}
	fields := make([]idField, 0, 8)
	for _, it := range p.IDItems {
		fields = append(fields, idField{it.BitOffset, it.BitSize, it.DataType, it.Endian})
	}
	got, ok := keyOf(b[:0], fields, buf)
	return ok && string(got) == string(want)
}

// mayFit rejects, without calling the accessor (whose errors allocate),
// fields that plainly lie outside a buffer of n bytes. Fields whose extent
// it cannot judge simply (little-endian bit fields, fill-to-end sizes) are
// left to the accessor.
func mayFit(f idField, n int) bool {
	if f.size <= 0 {
		return true
	}
	if f.endian == accessor.LittleEndian && (f.typ == accessor.INT || f.typ == accessor.UINT) &&
		(f.offset%8 != 0 || f.size != 8 && f.size != 16 && f.size != 32 && f.size != 64) {
		return true
	}
	start := f.offset
	if start < 0 {
		start += n * 8
	}
	return start >= 0 && start+f.size <= n*8
}
