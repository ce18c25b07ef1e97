package def

import (
	"fmt"
	"sort"

	"github.com/c3kit/c3kit/decode/accessor"
)

// This file keeps a packet's item lists and lengths the way COSMOS's
// Structure#define and #append do.

func newPacket(target, name string, kind Kind, endian accessor.Endian, desc, file string, line int) *Packet {
	p := &Packet{
		Target: target, Name: name, Kind: kind, Endian: endian, Description: desc,
		FixedSize: true, File: file, Line: line,
		byName: map[string]*Item{},
	}
	p.defineReserved()
	return p
}

// reservedItems are the derived items COSMOS defines on every packet, with
// the internal conversions that give them their values.
var reservedItems = []struct {
	name, class, format, desc string
	ctype                     accessor.DataType
	csize                     int
}{
	{"PACKET_TIMESECONDS", "packet_time_seconds_conversion.rb", "%0.6f", "OpenC3 Packet Time (UTC, Floating point, Unix epoch)", accessor.FLOAT, 64},
	{"PACKET_TIMEFORMATTED", "packet_time_formatted_conversion.rb", "", "OpenC3 Packet Time (Local time zone, Formatted string)", accessor.STRING, 0},
	{"RECEIVED_TIMESECONDS", "received_time_seconds_conversion.rb", "%0.6f", "OpenC3 Received Time (UTC, Floating point, Unix epoch)", accessor.FLOAT, 64},
	{"RECEIVED_TIMEFORMATTED", "received_time_formatted_conversion.rb", "", "OpenC3 Received Time (Local time zone, Formatted string)", accessor.STRING, 0},
	{"RECEIVED_COUNT", "received_count_conversion.rb", "", "OpenC3 packet received count", accessor.UINT, 32},
}

// ReservedItemNames lists the items COSMOS adds to every packet.
var ReservedItemNames = []string{"PACKET_TIMESECONDS", "PACKET_TIMEFORMATTED", "RECEIVED_TIMESECONDS", "RECEIVED_TIMEFORMATTED", "RECEIVED_COUNT"}

func (p *Packet) defineReserved() {
	for _, r := range reservedItems {
		it := &Item{
			Name: r.name, DataType: accessor.DERIVED, Endian: p.Endian,
			Description: r.desc, FormatString: r.format, Reserved: true,
			ReadConversion: &Conversion{
				Kind: NamedConversion, Class: r.class, Params: []string{},
				HasConverted: true, ConvertedType: r.ctype, ConvertedBitSize: r.csize,
			},
		}
		p.define(it)
	}
}

// itemLess orders items as COSMOS's sorted_items: items at offset 0 by
// size (so derived items come first), then by offset with negative offsets
// after all others. Ties keep definition order (the sort is stable), which
// COSMOS's comparator leaves undefined.
func itemLess(a, b *Item) bool {
	if a.BitOffset == 0 && b.BitOffset == 0 {
		return a.BitSize < b.BitSize
	}
	if (a.BitOffset >= 0) == (b.BitOffset >= 0) {
		return a.BitOffset < b.BitOffset
	}
	return a.BitOffset >= 0
}

// insertSorted inserts it after every item that does not sort after it,
// which keeps equal items in definition order.
func insertSorted(items []*Item, it *Item) []*Item {
	i := sort.Search(len(items), func(i int) bool { return itemLess(it, items[i]) })
	items = append(items, nil)
	copy(items[i+1:], items[i:])
	items[i] = it
	return items
}

// define adds or replaces an item. A redefined item keeps its position in
// Items (COSMOS's items hash keeps the first insertion) and the caller is
// told so it can warn.
func (p *Packet) define(it *Item) (redefined bool) {
	if old, ok := p.byName[it.Name]; ok {
		redefined = true
		p.Sorted = removeItem(p.Sorted, old)
		p.IDItems = removeItem(p.IDItems, old)
		for i, x := range p.Items {
			if x == old {
				p.Items[i] = it
			}
		}
		p.removeSubItems(old.Name)
	} else {
		p.Items = append(p.Items, it)
	}
	p.byName[it.Name] = it
	p.Sorted = insertSorted(p.Sorted, it)
	if it.ID {
		p.IDItems = insertSorted(p.IDItems, it)
	}
	if it.DataType != accessor.DERIVED && it.BitSize <= 0 || it.Array && it.ArrayBitSize <= 0 {
		p.FixedSize = false
	}
	p.updateLength(it)
	return redefined
}

// updateLength grows DefinedLengthBits as COSMOS does: the furthest
// positive extent plus the largest negative offset.
func (p *Packet) updateLength(it *Item) {
	if it.BitOffset >= 0 {
		if it.BitSize > 0 {
			end := it.BitOffset + it.BitSize
			if it.Array {
				end = it.BitOffset
				if it.ArrayBitSize >= 0 {
					end += it.ArrayBitSize
				}
			}
			if end > p.posBits {
				p.posBits = end
			}
		} else if it.BitOffset > p.posBits {
			p.posBits = it.BitOffset
		}
	} else if -it.BitOffset > p.negBits {
		p.negBits = -it.BitOffset
	}
	p.DefinedLengthBits = p.posBits + p.negBits
	p.DefinedLength = (p.DefinedLengthBits + 7) / 8
}

// appendOffset is where an APPEND_* item goes.
func (p *Packet) appendOffset(t accessor.DataType) (int, error) {
	if !p.FixedSize {
		return 0, fmt.Errorf("can't append an item after a variably sized item")
	}
	if t == accessor.DERIVED {
		return 0, nil
	}
	return p.DefinedLengthBits, nil
}

// deleteItem removes an item (and a structure's sub-items). Its bits stay
// defined, as in COSMOS.
func (p *Packet) deleteItem(name string) bool {
	it, ok := p.byName[name]
	if !ok {
		return false
	}
	p.Items = removeItem(p.Items, it)
	p.Sorted = removeItem(p.Sorted, it)
	p.IDItems = removeItem(p.IDItems, it)
	delete(p.byName, name)
	p.removeSubItems(name)
	return true
}

func (p *Packet) removeSubItems(parent string) {
	prefix := parent + "."
	kept := p.Items[:0]
	for _, x := range p.Items {
		if x.Parent != "" && (x.Parent == parent || len(x.Parent) > len(prefix) && x.Parent[:len(prefix)] == prefix) {
			delete(p.byName, x.Name)
			continue
		}
		kept = append(kept, x)
	}
	p.Items = kept
}

func removeItem(list []*Item, it *Item) []*Item {
	for i, x := range list {
		if x == it {
			return append(list[:i:i], list[i+1:]...)
		}
	}
	return list
}

// littleEndianBitField is COSMOS's little_endian_bit_field?.
func (it *Item) littleEndianBitField() bool {
	if it.Endian != accessor.LittleEndian || it.DataType != accessor.INT && it.DataType != accessor.UINT {
		return false
	}
	if it.BitOffset%8 != 0 {
		return true
	}
	switch it.BitSize {
	case 8, 16, 32, 64:
		return false
	}
	return true
}

// nextBitOffset is COSMOS's Packet.next_bit_offset.
func nextBitOffset(it *Item) int {
	if it.Array {
		if it.ArrayBitSize > 0 {
			return it.BitOffset + it.ArrayBitSize
		}
		return it.ArrayBitSize
	}
	if it.BitOffset > 0 && it.littleEndianBitField() {
		// the offset names the most significant bit of the field
		remaining := 8 - it.BitOffset%8
		if it.BitSize > remaining {
			return it.BitOffset + remaining
		}
	}
	if it.BitSize > 0 {
		return it.BitOffset + it.BitSize
	}
	return it.BitSize
}

// overlaps returns COSMOS's check_bit_offsets messages, skipping items
// marked OVERLAP (and everything under IGNORE_OVERLAP).
func (p *Packet) overlaps() []overlapMsg {
	if p.IgnoreOverlap || p.keyedLayout() {
		return nil
	}
	var out []overlapMsg
	var prev *Item
	next := 0
	for _, it := range p.Sorted {
		if it.DataType == accessor.DERIVED {
			continue // no bits (COSMOS's Python check skips them too)
		}
		if prev != nil && it.BitOffset < next && !it.Overlap {
			out = append(out, overlapMsg{it, fmt.Sprintf("Bit definition overlap at bit offset %d for packet %s %s items %s and %s",
				it.BitOffset, p.Target, p.Name, it.Name, prev.Name)})
		}
		next = nextBitOffset(it)
		prev = it
	}
	return out
}

type overlapMsg struct {
	item *Item
	msg  string
}

// applyVariableBitSize gives an item sized by VARIABLE_BIT_SIZE its
// minimum size (a length value of 0) as COSMOS's set_item does, and lets
// items be appended after it: their offsets are nominal, and the engine
// shifts them by the item's actual size.
func (p *Packet) applyVariableBitSize(it *Item) {
	v := it.VariableBitSize
	switch {
	case it.Array:
		it.ArrayBitSize = v.ValueBitOffset
	case it.DataType == accessor.INT || it.DataType == accessor.UINT:
		it.BitSize = 6 // QUIC variable-length integer, smallest encoding
	default:
		it.BitSize = v.ValueBitOffset
	}
	p.updateLength(it)
	p.FixedSize = true
	for _, x := range p.Sorted {
		if x.VariableBitSize == nil && (x.DataType != accessor.DERIVED && x.BitSize <= 0 || x.Array && x.ArrayBitSize <= 0) {
			p.FixedSize = false
		}
	}
}
