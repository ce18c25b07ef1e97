package crcproto

import (
	"fmt"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
)

// WriteItem is where COSMOS's write item lies in one record.
type WriteItem struct {
	BitOffset int // negative counts from the end of the record
	BitSize   int
	Endian    accessor.Endian
	Overflow  accessor.Overflow
}

// ItemFinder finds the write item in a record, or says why it cannot.
type ItemFinder func(meta record.Meta, data []byte) (WriteItem, error)

// DefItem is COSMOS's write_item_name with packet definitions: in each
// record's packet (the target and packet meta that c3encode sets, else
// identified from the bytes) the item called name is where the CRC goes.
// A name no packet of that kind defines is an error now, not per record.
func DefItem(set *def.Set, kind def.Kind, name string) (ItemFinder, error) {
	defined := false
	for _, t := range set.Targets {
		for _, p := range t.Packets(kind) {
			defined = defined || p.Item(name) != nil
		}
	}
	if !defined {
		var names []string
		for _, t := range set.Targets {
			names = append(names, t.Name)
		}
		return nil, fmt.Errorf("write item %q is not an item of any %s packet of %s", name, strings.ToLower(kind.String()), strings.Join(names, ", "))
	}
	return func(meta record.Meta, data []byte) (WriteItem, error) {
		var p *def.Packet
		if t, n := meta.Target(), meta.Packet(); t != "" && n != "" {
			if p = set.Packet(t, n, kind); p == nil {
				return WriteItem{}, fmt.Errorf("packet %s %s is not defined", t, n)
			}
		} else if p, _ = set.Identify(data, kind); p == nil {
			return WriteItem{}, fmt.Errorf("the record is no %s packet of the definitions", strings.ToLower(kind.String()))
		}
		it := p.Item(name)
		if it == nil {
			return WriteItem{}, fmt.Errorf("%s %s has no item %s", p.Target, p.Name, name)
		}
		if it.Array || it.BitSize <= 0 || it.BitSize > 64 || it.Parent != "" {
			return WriteItem{}, fmt.Errorf("%s %s item %s is not an integer field a CRC can be written into", p.Target, p.Name, name)
		}
		return WriteItem{BitOffset: it.BitOffset, BitSize: it.BitSize, Endian: it.Endian, Overflow: it.Overflow}, nil
	}, nil
}

// writeItem fills the item in data (in place) with the CRC of the bytes
// before it, as COSMOS's write_packet does.
func (a *Adder) writeItem(meta record.Meta, data []byte) error {
	it, err := a.Item(meta, data)
	if err != nil {
		return err
	}
	end := it.BitOffset / 8
	if it.BitOffset < 0 {
		end += len(data)
	}
	if end < 0 || end > len(data) {
		return fmt.Errorf("item at bit offset %d lies outside the %d-byte record", it.BitOffset, len(data))
	}
	if err := accessor.WriteUint(data, a.Table.Checksum(data[:end]), it.BitOffset, it.BitSize, it.Endian, it.Overflow); err != nil {
		return fmt.Errorf("writing the CRC into the item: %v", err)
	}
	return nil
}
