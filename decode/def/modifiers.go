package def

import (
	"fmt"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor"
)

// itemKeyword handles the keywords that modify the current item.
func (p *fileParser) itemKeyword(st stmt) error {
	it := p.item
	cmdOnly := func() error {
		if p.cmdOrTlm == Telemetry {
			return p.errf(st, "%s only applies to command parameters", st.keyword)
		}
		return nil
	}
	switch st.keyword {
	case "STATE":
		return p.state(st)
	case "READ_CONVERSION", "WRITE_CONVERSION":
		if err := p.nargs(st, 1, -1, st.keyword+" <conversion class filename> <custom parameters> ..."); err != nil {
			return err
		}
		p.setConversion(st, &Conversion{Kind: NamedConversion, Class: st.params[0], Params: append([]string{}, st.params[1:]...)})
		return nil
	case "POLY_READ_CONVERSION", "POLY_WRITE_CONVERSION":
		if err := p.nargs(st, 1, -1, st.keyword+" <C0> <C1> <C2> ..."); err != nil {
			return err
		}
		coeffs, err := p.floats(st, st.params)
		if err != nil {
			return err
		}
		p.setConversion(st, &Conversion{Kind: PolyConversion, Coeffs: coeffs})
		return nil
	case "SEG_POLY_READ_CONVERSION", "SEG_POLY_WRITE_CONVERSION":
		if err := p.nargs(st, 2, -1, st.keyword+" <Lower Bound> <C0> <C1> <C2> ..."); err != nil {
			return err
		}
		nums, err := p.floats(st, st.params)
		if err != nil {
			return err
		}
		seg := Segment{LowerBound: nums[0], Coeffs: nums[1:]}
		cur := &it.ReadConversion
		if strings.Contains(st.keyword, "WRITE") {
			cur = &it.WriteConversion
		}
		if *cur != nil && (*cur).Kind == SegPolyConversion {
			(*cur).Segments = append((*cur).Segments, seg)
			return nil
		}
		p.setConversion(st, &Conversion{Kind: SegPolyConversion, Segments: []Segment{seg}})
		return nil
	case "GENERIC_READ_CONVERSION_START", "GENERIC_WRITE_CONVERSION_START":
		if err := p.nargs(st, 0, 2, st.keyword+" <Converted Type (optional)> <Converted Bit Size (optional)>"); err != nil {
			return err
		}
		c := &Conversion{Kind: GenericConversion, File: st.file, Line: st.line}
		if len(st.params) > 0 {
			t, err := convertedType(st.params[0])
			if err != nil {
				return p.errf(st, "invalid converted_type: %s", st.params[0])
			}
			c.HasConverted, c.ConvertedType = true, t
		}
		if len(st.params) > 1 {
			n, err := parseRubyInt(st.params[1])
			if err != nil {
				return p.errf(st, "%v", err)
			}
			c.ConvertedBitSize = n
		}
		p.generic, p.genericSt = c, st
		return nil
	case "CONVERTED_DATA":
		if err := p.nargs(st, 2, 3, "CONVERTED_DATA <Converted Bit Size> <Converted Type> <Converted Array Size (optional)>"); err != nil {
			return err
		}
		size, err := parseRubyInt(st.params[0])
		if err != nil {
			return p.errf(st, "%v", err)
		}
		t, err := convertedType(st.params[1])
		if err != nil {
			return p.errf(st, "invalid converted type: %s", st.params[1])
		}
		arr := 0
		if len(st.params) > 2 {
			if arr, err = parseRubyInt(st.params[2]); err != nil {
				return p.errf(st, "%v", err)
			}
		}
		c := it.ReadConversion
		if c == nil {
			// applied when the read conversion arrives
			c = &Conversion{}
			p.pendingCvt = c
		}
		c.HasConverted, c.ConvertedType, c.ConvertedBitSize, c.ConvertedArrayBitSize = true, t, size, arr
		return nil
	case "LIMITS":
		return p.limits(st)
	case "LIMITS_RESPONSE":
		if err := p.nargs(st, 1, -1, "LIMITS_RESPONSE <RESPONSE CLASS FILENAME> <RESPONSE SPECIFIC OPTIONS>"); err != nil {
			return err
		}
		if p.cmdOrTlm == Command {
			return p.errf(st, "%s only applies to telemetry items", st.keyword)
		}
		it.LimitsResponse = &ClassRef{Class: st.params[0], Args: append([]string{}, st.params[1:]...)}
		p.l.serverOnly(st)
		return nil
	case "UNITS":
		if err := p.nargs(st, 2, 2, "UNITS <FULL UNITS NAME> <ABBREVIATED UNITS NAME>"); err != nil {
			return err
		}
		it.UnitsFull, it.Units = st.params[0], st.params[1]
		return nil
	case "FORMAT_STRING":
		if err := p.nargs(st, 1, 1, "FORMAT_STRING <PRINTF STYLE STRING>"); err != nil {
			return err
		}
		if !validFormat(st.params[0]) {
			return p.errf(st, "invalid FORMAT_STRING specified for type %s: %s", it.DataType, st.params[0])
		}
		it.FormatString = st.params[0]
		return nil
	case "DESCRIPTION":
		if err := p.nargs(st, 1, 1, "DESCRIPTION <DESCRIPTION>"); err != nil {
			return err
		}
		it.Description = st.params[0]
		return nil
	case "REQUIRED":
		if err := p.nargs(st, 0, 0, "REQUIRED"); err != nil {
			return err
		}
		if err := cmdOnly(); err != nil {
			return err
		}
		it.Required = true
		return nil
	case "MINIMUM_VALUE", "MAXIMUM_VALUE":
		if err := cmdOnly(); err != nil {
			return err
		}
		if err := p.nargs(st, 1, 1, st.keyword+" <VALUE>"); err != nil {
			return err
		}
		if !it.HasRange {
			return p.errf(st, "%s has no range to change", it.Name)
		}
		v, err := p.rangeValue(st.params[0], it)
		if err != nil {
			return p.errf(st, "%v", err)
		}
		if st.keyword == "MINIMUM_VALUE" {
			it.Minimum = v
		} else {
			it.Maximum = v
		}
		return nil
	case "DEFAULT_VALUE":
		if err := cmdOnly(); err != nil {
			return err
		}
		if err := p.nargs(st, 1, 1, "DEFAULT_VALUE <DEFAULT VALUE>"); err != nil {
			return err
		}
		if it.DataType == accessor.STRING || it.DataType == accessor.BLOCK {
			it.Default = StringValueOf(st.params[0])
			return nil
		}
		v, err := p.rangeValue(st.params[0], it)
		if err != nil {
			return p.errf(st, "%v", err)
		}
		it.Default = v
		return nil
	case "OVERFLOW":
		if err := p.nargs(st, 1, 1, "OVERFLOW <OVERFLOW VALUE - ERROR, ERROR_ALLOW_HEX, TRUNCATE, or SATURATE>"); err != nil {
			return err
		}
		o, err := accessor.ParseOverflow(st.params[0])
		if err != nil {
			return p.errf(st, "%v", err)
		}
		it.Overflow = o
		return nil
	case "OVERLAP", "OBFUSCATE":
		if err := p.nargs(st, 0, 0, st.keyword); err != nil {
			return err
		}
		if st.keyword == "OVERLAP" {
			it.Overlap = true
		} else {
			it.Obfuscate = true
			p.l.serverOnly(st)
		}
		return nil
	case "KEY":
		if err := p.nargs(st, 1, 1, "KEY <key or path into data>"); err != nil {
			return err
		}
		it.Key = st.params[0]
		return nil
	case "VARIABLE_BIT_SIZE":
		if err := p.nargs(st, 1, 3, "VARIABLE_BIT_SIZE <LENGTH ITEM NAME> <LENGTH BITS PER COUNT (default 8)> <LENGTH VALUE BIT OFFSET (default 0)>"); err != nil {
			return err
		}
		v := &VariableBitSize{LengthItem: upper(st.params[0]), BitsPerCount: 8}
		var err error
		if len(st.params) > 1 {
			if v.BitsPerCount, err = parseRubyInt(st.params[1]); err != nil {
				return p.errf(st, "%v", err)
			}
		}
		if len(st.params) > 2 {
			if v.ValueBitOffset, err = parseRubyInt(st.params[2]); err != nil {
				return p.errf(st, "%v", err)
			}
		}
		if p.pkt.byName[v.LengthItem] == nil {
			return p.errf(st, "length item %s not found in %s %s", v.LengthItem, p.pkt.Target, p.pkt.Name)
		}
		it.VariableBitSize = v
		p.pkt.applyVariableBitSize(it)
		if err := checkExtent(it, p.l.opts.maxRecord()); err != nil {
			return p.errf(st, "%v", err)
		}
		if err := checkPacketLength(p.pkt, it, p.l.opts.maxRecord()); err != nil {
			return p.errf(st, "%v", err)
		}
		return nil
	}
	return p.errf(st, "unknown keyword '%s'", st.keyword)
}

// convertedType parses a converted data type (RUBY_TIME is COSMOS's old
// name for TIME).
func convertedType(s string) (accessor.DataType, error) {
	if strings.EqualFold(s, "RUBY_TIME") {
		return accessor.TIME, nil
	}
	return accessor.ParseDataType(s)
}

func (p *fileParser) floats(st stmt, params []string) ([]float64, error) {
	out := make([]float64, len(params))
	for i, s := range params {
		f, err := parseFloatParam(s)
		if err != nil {
			return nil, p.errf(st, "%v", err)
		}
		out[i] = f
	}
	return out, nil
}

// setConversion installs a read or write conversion on the current item.
func (p *fileParser) setConversion(st stmt, c *Conversion) {
	c.File, c.Line = st.file, st.line
	if strings.Contains(st.keyword, "WRITE") {
		p.item.WriteConversion = c
		return
	}
	if pc := p.pendingCvt; pc != nil && !c.HasConverted {
		c.HasConverted, c.ConvertedType, c.ConvertedBitSize, c.ConvertedArrayBitSize = true, pc.ConvertedType, pc.ConvertedBitSize, pc.ConvertedArrayBitSize
		p.pendingCvt = nil
	}
	p.item.ReadConversion = c
}

// endGeneric completes a generic conversion: the _END keyword decides
// whether it is a read or a write conversion, as in COSMOS.
func (p *fileParser) endGeneric(st stmt) {
	c := p.generic
	p.generic = nil
	kw := "GENERIC_READ_CONVERSION"
	if strings.Contains(st.keyword, "WRITE") {
		kw = "GENERIC_WRITE_CONVERSION"
	}
	file, line := c.File, c.Line
	p.setConversion(stmt{keyword: kw, file: file, line: line}, c)
}

// state parses STATE (StateParser).
func (p *fileParser) state(st stmt) error {
	it := p.item
	usage := "STATE <STATE NAME> <STATE VALUE> <COLOR: GREEN/YELLOW/RED (Optional)>"
	max := 3
	if p.cmdOrTlm == Command {
		usage = "STATE <STATE NAME> <STATE VALUE> <HAZARDOUS/DISABLE_MESSAGES (Optional)> <Hazardous Description (Optional)>"
		max = 4
	}
	if err := p.nargs(st, 2, max, usage); err != nil {
		return err
	}
	s := State{Name: upper(st.params[0])}
	raw := st.params[1]
	switch {
	case p.cmdOrTlm == Telemetry && strings.EqualFold(raw, "ANY"):
		s.Any = true
	case it.DataType == accessor.STRING || it.DataType == accessor.BLOCK:
		s.Value = StringValueOf(raw)
	default:
		s.Value = convertToValue(raw)
		if !s.Value.IsNumber() && isNumeric(it.DataType) {
			return p.errf(st, "state value %s of %s is not a number", raw, s.Name)
		}
	}
	if len(st.params) > 2 {
		extra := strings.ToUpper(st.params[2])
		if p.cmdOrTlm == Command {
			switch extra {
			case "HAZARDOUS":
				s.Hazardous = true
				if len(st.params) > 3 {
					s.HazardousDesc = st.params[3]
				}
			case "DISABLE_MESSAGES":
				s.DisableMessages = true
				if len(st.params) > 3 {
					return p.errf(st, "too many parameters (usage: %s)", usage)
				}
			default:
				return p.errf(st, "unknown state parameter %s: must be HAZARDOUS or DISABLE_MESSAGES", st.params[2])
			}
		} else {
			switch extra {
			case "GREEN", "YELLOW", "RED":
				s.Color = extra
			default:
				return p.errf(st, "invalid state color %s. Must be one of GREEN YELLOW RED", st.params[2])
			}
		}
	}
	for i, old := range it.States {
		if old.Name == s.Name {
			p.l.warn(st.file, st.line, fmt.Sprintf("Duplicate state defined on line %d: %s", st.line, st.raw))
			it.States[i] = s
			return nil
		}
	}
	it.States = append(it.States, s)
	return nil
}

// limits parses LIMITS (LimitsParser).
func (p *fileParser) limits(st stmt) error {
	it := p.item
	usage := "LIMITS <LIMITS SET> <PERSISTENCE> <ENABLED/DISABLED> <RED LOW LIMIT> <YELLOW LOW LIMIT> <YELLOW HIGH LIMIT> <RED HIGH LIMIT> <GREEN LOW LIMIT (Optional)> <GREEN HIGH LIMIT (Optional)>"
	if p.cmdOrTlm == Command {
		return p.errf(st, "LIMITS only applies to telemetry items")
	}
	if err := p.nargs(st, 7, 9, usage); err != nil {
		return err
	}
	if len(st.params) == 8 {
		return p.errf(st, "must give both a green low and green high value (usage: %s)", usage)
	}
	l := Limits{Set: upper(st.params[0]), File: st.file, Line: st.line}
	n, err := parseRubyInt(st.params[1])
	if err != nil {
		return p.errf(st, "persistence must be an integer: %v", err)
	}
	l.Persistence = n
	switch strings.ToUpper(st.params[2]) {
	case "ENABLED":
		l.Enabled = true
	case "DISABLED":
	default:
		return p.errf(st, "initial state must be ENABLED or DISABLED, not %s", st.params[2])
	}
	vals, err := p.floats(st, st.params[3:])
	if err != nil {
		return err
	}
	l.RedLow, l.YellowLow, l.YellowHigh, l.RedHigh = vals[0], vals[1], vals[2], vals[3]
	if !(l.RedLow <= l.YellowLow && l.YellowLow <= l.YellowHigh && l.YellowHigh <= l.RedHigh) {
		return p.errf(st, "invalid limits specified. Ensure yellow limits are within red limits")
	}
	if len(vals) == 6 {
		l.HasGreen, l.GreenLow, l.GreenHigh = true, vals[4], vals[5]
		if !(l.YellowLow <= l.GreenLow && l.GreenLow <= l.GreenHigh && l.GreenHigh <= l.YellowHigh) {
			return p.errf(st, "invalid limits specified. Ensure green limits are within yellow limits")
		}
	}
	for i, old := range it.Limits {
		if old.Set == l.Set {
			it.Limits[i] = l
			return nil
		}
	}
	if l.Set != "DEFAULT" && len(it.Limits) == 0 {
		return p.errf(st, "DEFAULT limits set must be defined for %s %s %s before setting limits set %s", p.pkt.Target, p.pkt.Name, it.Name, l.Set)
	}
	it.Limits = append(it.Limits, l)
	return nil
}

// validFormat accepts printf formats with exactly one value directive.
func validFormat(f string) bool {
	n := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(f) && strings.IndexByte("-+ #0123456789.*", f[j]) >= 0 {
			j++
		}
		if j >= len(f) {
			return false
		}
		if f[j] == '%' {
			i = j
			continue
		}
		if strings.IndexByte("diuxXobBeEfgGscpa", f[j]) < 0 {
			return false
		}
		n++
		i = j
	}
	return n == 1
}
