package def

import (
	"fmt"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor"
)

// itemTypes are the data types an ITEM/PARAMETER line may use.
var itemTypes = map[accessor.DataType]bool{
	accessor.INT: true, accessor.UINT: true, accessor.FLOAT: true, accessor.STRING: true,
	accessor.BLOCK: true, accessor.DERIVED: true, accessor.BOOL: true, accessor.ARRAY: true,
	accessor.OBJECT: true, accessor.ANY: true,
}

func isNumeric(t accessor.DataType) bool {
	return t == accessor.INT || t == accessor.UINT || t == accessor.FLOAT || t == accessor.DERIVED
}

// itemShape describes where each parameter of an item keyword sits.
type itemShape struct {
	append, id, array, param bool
	offIdx, sizeIdx, typeIdx int
	minIdx                   int // numeric PARAMETER: MIN, MAX, then value
	valueIdx                 int // default / ID value, -1 if none
	arrayIdx                 int
	n                        int // required parameter count (+2 optional)
	usage                    string
}

func shapeOf(st stmt) itemShape {
	k := st.keyword
	s := itemShape{
		append: strings.HasPrefix(k, "APPEND"), id: strings.Contains(k, "ID_"),
		array: strings.Contains(k, "ARRAY"), param: strings.Contains(k, "PARAMETER"),
		offIdx: -1, minIdx: -1, valueIdx: -1, arrayIdx: -1,
	}
	u := []string{k, "<ITEM NAME>"}
	i := 1
	if !s.append {
		s.offIdx = i
		i++
		u = append(u, "<BIT OFFSET>")
	}
	s.sizeIdx = i
	i++
	s.typeIdx = i
	i++
	if s.array {
		u = append(u, "<ARRAY ITEM BIT SIZE>", "<TYPE>", "<TOTAL ARRAY BIT SIZE>")
		s.arrayIdx = i
		i++
	} else {
		u = append(u, "<BIT SIZE>", "<TYPE>")
		if s.param {
			t := accessor.INT
			if len(st.params) > s.typeIdx {
				if pt, err := accessor.ParseDataType(st.params[s.typeIdx]); err == nil {
					t = pt
				}
			}
			if isNumeric(t) {
				s.minIdx = i
				i += 2
				u = append(u, "<MIN VALUE>", "<MAX VALUE>")
			}
			s.valueIdx = i
			i++
			if s.id {
				u = append(u, "<DEFAULT AND ID VALUE>")
			} else {
				u = append(u, "<DEFAULT VALUE>")
			}
		} else if s.id {
			s.valueIdx = i
			i++
			u = append(u, "<ID VALUE>")
		}
	}
	s.n = i
	s.usage = strings.Join(append(u, "<DESCRIPTION (Optional)>", "<ENDIANNESS (Optional)>"), " ")
	return s
}

// defineItem handles the ITEM / PARAMETER family (PacketItemParser).
func (p *fileParser) defineItem(st stmt) error {
	pkt := p.pkt
	if strings.Contains(st.keyword, "ITEM") && p.cmdOrTlm == Command {
		return p.errf(st, "ITEM types are only valid with TELEMETRY")
	}
	if strings.Contains(st.keyword, "PARAMETER") && p.cmdOrTlm == Telemetry {
		return p.errf(st, "PARAMETER types are only valid with COMMAND")
	}
	s := shapeOf(st)
	if err := p.nargs(st, s.n, s.n+2, s.usage); err != nil {
		return err
	}
	if err := p.checkName(st, 1); err != nil {
		return err
	}
	it := &Item{Name: upper(st.params[0]), File: st.file, Line: st.line, keyword: st.keyword, Endian: pkt.Endian}
	var err error
	if it.DataType, err = accessor.ParseDataType(st.params[s.typeIdx]); err != nil || !itemTypes[it.DataType] {
		return p.errf(st, "unknown data type %s", st.params[s.typeIdx])
	}
	if s.id && it.DataType == accessor.DERIVED {
		return p.errf(st, "DERIVED data type not allowed for Identifier")
	}
	if it.BitSize, err = parseRubyInt(st.params[s.sizeIdx]); err != nil {
		return p.errf(st, "%v (usage: %s)", err, s.usage)
	}
	if s.offIdx >= 0 {
		if it.BitOffset, err = parseRubyInt(st.params[s.offIdx]); err != nil {
			return p.errf(st, "%v (usage: %s)", err, s.usage)
		}
	}
	if s.array {
		it.Array = true
		if it.ArrayBitSize, err = parseRubyInt(st.params[s.arrayIdx]); err != nil {
			return p.errf(st, "%v (usage: %s)", err, s.usage)
		}
	}
	if len(st.params) > s.n {
		it.Description = st.params[s.n]
	}
	if len(st.params) > s.n+1 {
		if it.Endian, err = accessor.ParseEndian(st.params[s.n+1]); err != nil {
			return p.errf(st, "invalid endianness %s. Must be BIG_ENDIAN or LITTLE_ENDIAN", st.params[s.n+1])
		}
	}
	if err := checkItemSizes(it); err != nil {
		return p.errf(st, "%s: %v", it.Name, err)
	}
	if err := p.itemValues(st, s, it); err != nil {
		return err
	}
	it.ID = s.id
	if it.ID && isNumeric(it.DataType) || it.ID && (it.DataType == accessor.STRING || it.DataType == accessor.BLOCK) {
		if _, ok := idKey(nil, []*Item{it}); !ok {
			p.l.warn(st.file, st.line, fmt.Sprintf("ID value %s of %s can never be read from a %d-bit %s item: the packet will never be identified", it.IDValue, it.Name, it.BitSize, it.DataType))
		}
	}
	return p.place(st, it, s.append)
}

// checkItemSizes applies StructureItem's rules on offsets and sizes.
func checkItemSizes(it *Item) error {
	switch it.DataType {
	case accessor.INT, accessor.UINT, accessor.FLOAT:
		if it.BitSize <= 0 {
			return fmt.Errorf("bit_size cannot be negative or zero for INT, UINT, and FLOAT items: %d", it.BitSize)
		}
		if it.DataType == accessor.FLOAT && it.BitSize != 32 && it.BitSize != 64 {
			return fmt.Errorf("bit_size for FLOAT items must be 32 or 64. Given: %d", it.BitSize)
		}
		if it.DataType != accessor.FLOAT && it.BitSize > MaxIntBits {
			return fmt.Errorf("bit_size for INT and UINT items must be at most %d. Given: %d", MaxIntBits, it.BitSize)
		}
	case accessor.DERIVED:
		if it.BitOffset != 0 {
			return fmt.Errorf("DERIVED items must have bit_offset of zero")
		}
	}
	if it.Array && it.BitSize <= 0 {
		return fmt.Errorf("bit_size must be positive for array items: %d", it.BitSize)
	}
	return nil
}

// itemValues reads range, default and ID value.
func (p *fileParser) itemValues(st stmt, s itemShape, it *Item) error {
	if s.array || s.valueIdx < 0 {
		return nil
	}
	raw, quoted := st.params[s.valueIdx], st.quoted[s.valueIdx]
	var v Value
	var err error
	switch {
	case it.DataType == accessor.STRING || it.DataType == accessor.BLOCK:
		v, err = stringValue(raw, quoted)
	case it.DataType == accessor.DERIVED:
		v = convertToValue(raw)
	case isNumeric(it.DataType) && quoted && convertToValue(raw).Kind == StringValue:
		// a quoted default such as "127.0.0.1" is for a write conversion
		// to turn into a number; checkCommandValues rejects it otherwise
		v = StringValueOf(raw)
	case isNumeric(it.DataType):
		v, err = constValue(raw, it.DataType, it.BitSize)
	case it.DataType == accessor.BOOL:
		u := strings.ToUpper(raw)
		if u != "TRUE" && u != "FALSE" {
			return p.errf(st, "default for BOOL data type must be TRUE or FALSE")
		}
		v = StringValueOf(u)
	default: // ARRAY, OBJECT, ANY: JSON text for their accessors
		v = StringValueOf(raw)
	}
	if err != nil {
		return p.errf(st, "%v", err)
	}
	if s.param {
		it.Default = v
		if it.DataType == accessor.DERIVED && isMinMax(st.params[s.minIdx]) {
			// COSMOS rejects this ("Invalid data type DERIVED when
			// calculating range"); a derived parameter has no bits to
			// range-check, so keep no range and say so.
			p.l.warn(st.file, st.line, fmt.Sprintf("%s: MIN/MAX on a DERIVED parameter has no meaning (COSMOS rejects it); no range kept", it.Name))
		} else if s.minIdx >= 0 && st.params[s.minIdx] != "nil" {
			it.HasRange = true
			if it.Minimum, err = p.rangeValue(st.params[s.minIdx], it); err != nil {
				return p.errf(st, "%v", err)
			}
			if it.Maximum, err = p.rangeValue(st.params[s.minIdx+1], it); err != nil {
				return p.errf(st, "%v", err)
			}
		}
	}
	if s.id {
		it.IDValue = v
	}
	return nil
}

func (p *fileParser) rangeValue(raw string, it *Item) (Value, error) {
	if it.DataType == accessor.DERIVED {
		v := convertToValue(raw)
		if v.Kind == StringValue {
			return constValue(raw, it.DataType, it.BitSize)
		}
		return v, nil
	}
	return constValue(raw, it.DataType, it.BitSize)
}

// place defines or appends the item and makes it current.
func (p *fileParser) place(st stmt, it *Item, appendIt bool) error {
	pkt := p.pkt
	if appendIt {
		off, err := pkt.appendOffsetFor(it.DataType)
		if err != nil {
			return p.errf(st, "%v", err)
		}
		it.BitOffset = off
	}
	maxBytes := p.l.opts.maxRecord()
	if err := checkExtent(it, maxBytes); err != nil {
		return p.errf(st, "%v", err)
	}
	if pkt.define(it) {
		p.l.warn(st.file, st.line, fmt.Sprintf("%s %s %s redefined.", pkt.Target, pkt.Name, it.Name))
	}
	if err := checkPacketLength(pkt, it, maxBytes); err != nil {
		return p.errf(st, "%v", err)
	}
	p.item = it
	p.pendingCvt = nil
	return nil
}

// defineStructure handles STRUCTURE and APPEND_STRUCTURE: a hidden BLOCK
// item plus the structure packet's items under dotted names.
func (p *fileParser) defineStructure(st stmt) error {
	appendIt := st.keyword == "APPEND_STRUCTURE"
	usage := st.keyword + " <ITEM NAME> <BIT OFFSET> <BIT SIZE> <CMD or TLM> <Target Name> <Packet Name>"
	i := 2
	if appendIt {
		usage = strings.Replace(usage, " <BIT OFFSET>", "", 1)
		i = 1
	}
	if err := p.nargs(st, i+4, i+4, usage); err != nil {
		return err
	}
	if err := p.checkName(st, 1); err != nil {
		return err
	}
	var kind Kind
	switch strings.ToUpper(st.params[i+1]) {
	case "CMD", "COMMAND":
		kind = Command
	case "TLM", "TELEMETRY":
		kind = Telemetry
	default:
		return p.errf(st, "unknown type: %s (want CMD, COMMAND, TLM or TELEMETRY)", st.params[i+1])
	}
	ref := &PacketRef{Kind: kind, Target: upper(st.params[i+2]), Packet: upper(st.params[i+3])}
	sp := p.l.set.Packet(ref.Target, ref.Packet, kind)
	if sp == nil && p.target.Name != ref.Target {
		// the folder's own name may differ from the loaded target name
		sp = p.l.set.Packet(p.target.Name, ref.Packet, kind)
	}
	if sp == nil {
		return p.errf(st, "structure packet %s %s %s not found", kind, ref.Target, ref.Packet)
	}
	it := &Item{Name: upper(st.params[0]), DataType: accessor.BLOCK, Endian: accessor.BigEndian,
		Hidden: true, Structure: ref, File: st.file, Line: st.line, keyword: st.keyword}
	var err error
	if strings.EqualFold(st.params[i], "DEFINED") {
		it.BitSize = sp.DefinedLengthBits
	} else if it.BitSize, err = parseRubyInt(st.params[i]); err != nil {
		return p.errf(st, "%v (usage: %s)", err, usage)
	}
	if !appendIt {
		if it.BitOffset, err = parseRubyInt(st.params[1]); err != nil {
			return p.errf(st, "%v (usage: %s)", err, usage)
		}
	}
	if err := p.place(st, it, appendIt); err != nil {
		return err
	}
	for _, sub := range sp.Items {
		if sub.Reserved {
			continue
		}
		c := *sub
		c.Name = it.Name + "." + sub.Name
		c.Parent = it.Name
		if sub.Parent != "" {
			c.Parent = it.Name + "." + sub.Parent
		}
		c.ID = false
		c.States = sub.States[:len(sub.States):len(sub.States)]
		c.Limits = sub.Limits[:len(sub.Limits):len(sub.Limits)]
		p.pkt.Items = append(p.pkt.Items, &c)
		p.pkt.byName[c.Name] = &c
	}
	p.item = it
	return nil
}

func isMinMax(s string) bool { return strings.EqualFold(s, "MIN") || strings.EqualFold(s, "MAX") }
