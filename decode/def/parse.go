package def

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor"
)

// fileParser processes the statements of one definition file into the
// set, keeping COSMOS's "current packet / current item" state.
type fileParser struct {
	l      *loader
	target *Target
	file   string
	dir    string // for TEMPLATE_FILE

	cmdOrTlm   Kind
	pkt        *Packet
	item       *Item
	limitsGrp  *LimitsGroup
	generic    *Conversion // being built between _START and _END
	genericSt  stmt
	pendingCvt *Conversion // CONVERTED_DATA seen before a read conversion
	skipPkt    *Packet     // a packet whose remaining statements are skipped (tolerate)
}

// errf builds an error at the statement's file:line naming its keyword.
func (p *fileParser) errf(st stmt, format string, args ...any) *Error {
	return errorf(st.file, st.line, st.keyword, format, args...)
}

func (p *fileParser) nargs(st stmt, min, max int, usage string) error {
	n := len(st.params)
	if n < min {
		return p.errf(st, "not enough parameters (usage: %s)", usage)
	}
	if max >= 0 && n > max {
		return p.errf(st, "too many parameters (usage: %s)", usage)
	}
	return nil
}

// checkName is COSMOS's verify_parameter_naming.
func (p *fileParser) checkName(st stmt, index int) error {
	name := st.params[index-1]
	switch {
	case strings.HasSuffix(name, "_"):
		return p.errf(st, "parameter %d (%s) cannot end with an underscore ('_')", index, name)
	case strings.Contains(name, "__"):
		return p.errf(st, "parameter %d (%s) cannot contain a double underscore ('__')", index, name)
	case strings.Contains(name, "[[") || strings.Contains(name, "]]"):
		return p.errf(st, "parameter %d (%s) cannot contain a double bracket ('[[' or ']]')", index, name)
	case strings.ContainsAny(name, " \t"):
		return p.errf(st, "parameter %d (%s) cannot contain a space", index, name)
	}
	return nil
}

// process runs every statement of the file.
func (p *fileParser) process(stmts []stmt) error {
	for _, st := range stmts {
		if p.generic != nil {
			if st.keyword == "GENERIC_READ_CONVERSION_END" || st.keyword == "GENERIC_WRITE_CONVERSION_END" {
				if err := p.nargs(st, 0, 0, st.keyword); err != nil {
					return err
				}
				p.endGeneric(st)
				continue
			}
			if st.keyword != "" { // COSMOS drops blank and comment lines
				p.generic.Body += st.raw + "\n"
			}
			continue
		}
		if st.keyword == "" {
			continue
		}
		if p.skipping(st) {
			continue
		}
		if err := p.statement(st); err != nil {
			if p.tolerate(st, err) {
				continue
			}
			return err
		}
	}
	if p.generic != nil {
		return p.errf(p.genericSt, "no %s before the end of the file", strings.Replace(p.genericSt.keyword, "_START", "_END", 1))
	}
	return p.finishPacket()
}

// Keywords that act on the current packet and on the current item.
var packetKeywords = map[string]bool{
	"SELECT_ITEM": true, "SELECT_PARAMETER": true, "DELETE_ITEM": true, "DELETE_PARAMETER": true,
	"ITEM": true, "PARAMETER": true, "ID_ITEM": true, "ID_PARAMETER": true, "ARRAY_ITEM": true,
	"ARRAY_PARAMETER": true, "APPEND_ITEM": true, "APPEND_PARAMETER": true, "APPEND_ID_ITEM": true,
	"APPEND_ID_PARAMETER": true, "APPEND_ARRAY_ITEM": true, "APPEND_ARRAY_PARAMETER": true,
	"STRUCTURE": true, "APPEND_STRUCTURE": true,
	"ALLOW_SHORT": true, "HAZARDOUS": true, "PROCESSOR": true, "META": true, "DISABLE_MESSAGES": true,
	"HIDDEN": true, "DISABLED": true, "ACCESSOR": true, "TEMPLATE": true, "TEMPLATE_FILE": true,
	"TEMPLATE_BASE64": true, "RESPONSE": true, "ERROR_RESPONSE": true, "SCREEN": true,
	"RELATED_ITEM": true, "IGNORE_OVERLAP": true, "VIRTUAL": true, "CATCHALL": true,
	"RESTRICTED": true, "SUBPACKET": true, "SUBPACKETIZER": true, "VALIDATOR": true,
}

var itemKeywords = map[string]bool{
	"STATE": true, "READ_CONVERSION": true, "WRITE_CONVERSION": true, "POLY_READ_CONVERSION": true,
	"POLY_WRITE_CONVERSION": true, "SEG_POLY_READ_CONVERSION": true, "SEG_POLY_WRITE_CONVERSION": true,
	"GENERIC_READ_CONVERSION_START": true, "GENERIC_WRITE_CONVERSION_START": true, "REQUIRED": true,
	"LIMITS": true, "LIMITS_RESPONSE": true, "UNITS": true, "FORMAT_STRING": true, "DESCRIPTION": true,
	"MINIMUM_VALUE": true, "MAXIMUM_VALUE": true, "DEFAULT_VALUE": true, "OVERFLOW": true,
	"OVERLAP": true, "KEY": true, "VARIABLE_BIT_SIZE": true, "CONVERTED_DATA": true, "OBFUSCATE": true,
}

func (p *fileParser) statement(st stmt) error {
	switch st.keyword {
	case "COMMAND", "TELEMETRY":
		return p.startPacket(st)
	case "SELECT_COMMAND", "SELECT_TELEMETRY":
		return p.selectPacket(st)
	case "LIMITS_GROUP":
		if err := p.nargs(st, 1, 1, "LIMITS_GROUP <GROUP NAME>"); err != nil {
			return err
		}
		name := upper(st.params[0])
		for _, g := range p.l.set.LimitsGroups {
			if g.Name == name {
				p.limitsGrp = g
				return nil
			}
		}
		p.limitsGrp = &LimitsGroup{Name: name}
		p.l.set.LimitsGroups = append(p.l.set.LimitsGroups, p.limitsGrp)
		return nil
	case "LIMITS_GROUP_ITEM":
		if err := p.nargs(st, 3, 3, "LIMITS_GROUP_ITEM <TARGET NAME> <PACKET NAME> <ITEM NAME>"); err != nil {
			return err
		}
		if p.limitsGrp == nil {
			return p.errf(st, "no LIMITS_GROUP before LIMITS_GROUP_ITEM")
		}
		p.limitsGrp.Items = append(p.limitsGrp.Items, ItemRef{upper(st.params[0]), upper(st.params[1]), upper(st.params[2])})
		return nil
	}
	if packetKeywords[st.keyword] {
		if p.pkt == nil {
			return p.errf(st, "no current packet for %s", st.keyword)
		}
		return p.packetKeyword(st)
	}
	if itemKeywords[st.keyword] {
		if p.item == nil {
			return p.errf(st, "no current item for %s", st.keyword)
		}
		return p.itemKeyword(st)
	}
	return p.errf(st, "unknown keyword '%s'", st.keyword)
}

// packetTarget is the target a COMMAND/TELEMETRY/SELECT line applies to:
// the target being loaded (the name in the file is ignored, as in COSMOS,
// so one folder can serve several target names) unless that is SYSTEM.
func (p *fileParser) packetTarget(given string) string {
	if p.target.Name == "SYSTEM" {
		return upper(given)
	}
	return p.target.Name
}

func (p *fileParser) startPacket(st stmt) error {
	if err := p.finishPacket(); err != nil {
		return err
	}
	usage := st.keyword + " <TARGET NAME> <PACKET NAME> <ENDIANNESS: BIG_ENDIAN/LITTLE_ENDIAN> <DESCRIPTION (Optional)>"
	if err := p.nargs(st, 3, 4, usage); err != nil {
		return err
	}
	if err := p.checkName(st, 2); err != nil {
		return err
	}
	endian, err := accessor.ParseEndian(st.params[2])
	if err != nil {
		return p.errf(st, "invalid endianness %s. Must be BIG_ENDIAN or LITTLE_ENDIAN", st.params[2])
	}
	kind := Telemetry
	if st.keyword == "COMMAND" {
		kind = Command
	}
	desc := ""
	if len(st.params) > 3 {
		desc = st.params[3]
	}
	target := p.packetTarget(st.params[0])
	p.cmdOrTlm = kind
	p.pkt = newPacket(target, upper(st.params[1]), kind, endian, desc, st.file, st.line)
	p.item = nil
	if t := p.l.set.targets[target]; t != nil && t.byName[kind][p.pkt.Name] != nil {
		noun := "Telemetry"
		if kind == Command {
			noun = "Command"
		}
		p.l.warn(st.file, st.line, fmt.Sprintf("%s Packet %s %s redefined.", noun, target, p.pkt.Name))
	}
	return nil
}

func (p *fileParser) selectPacket(st stmt) error {
	if err := p.finishPacket(); err != nil {
		return err
	}
	if err := p.nargs(st, 2, 2, st.keyword+" <TARGET NAME> <PACKET NAME>"); err != nil {
		return err
	}
	kind := Telemetry
	if st.keyword == "SELECT_COMMAND" {
		kind = Command
	}
	target := p.packetTarget(st.params[0])
	p.cmdOrTlm = kind
	p.pkt = p.l.set.Packet(target, st.params[1], kind)
	if p.pkt == nil {
		return p.errf(st, "packet not found: %s %s %s", kind, target, upper(st.params[1]))
	}
	p.item = nil
	return nil
}

// finishPacket completes the current packet: overlap check, command value
// types, and registration in its target.
func (p *fileParser) finishPacket() error {
	pkt := p.pkt
	if pkt == nil {
		return nil
	}
	p.pkt, p.item = nil, nil
	for _, o := range pkt.overlaps() {
		if !p.l.opts.OverlapWarnings {
			return errorf(o.item.File, o.item.Line, o.item.keyword, "%s (add OVERLAP to the item or IGNORE_OVERLAP to the packet if intended)", o.msg)
		}
		p.l.warn(o.item.File, o.item.Line, o.msg)
	}
	for _, it := range pkt.Items {
		// COSMOS warns when a generic conversion never learns its result
		// type (GENERIC_*_CONVERSION_START arguments or CONVERTED_DATA)
		for _, c := range []*Conversion{it.ReadConversion, it.WriteConversion} {
			if c != nil && c.Kind == GenericConversion && !c.HasConverted && it.Parent == "" {
				p.l.warnOnce(c, c.File, c.Line, fmt.Sprintf("Generic Conversion on item %s does not specify converted type or bit size", it.Name))
			}
		}
	}
	if pkt.Kind == Command {
		for _, it := range pkt.Sorted {
			if err := checkCommandValues(it); err != nil {
				return err
			}
		}
	}
	p.l.register(pkt)
	return nil
}

// checkCommandValues is COSMOS's check_default_and_range_data_types.
func checkCommandValues(it *Item) error {
	if !it.Default.IsSet() || it.WriteConversion != nil || it.Reserved {
		return nil
	}
	fail := func(what string, v Value, want string) error {
		return errorf(it.File, it.Line, it.keyword, "%s: %s must be a %s but is %s", it.Name, what, want, v)
	}
	isInt := func(v Value) bool { return v.Kind == IntValue || v.Kind == UintValue || v.Kind == BigValue }
	switch it.DataType {
	case accessor.INT, accessor.UINT:
		if it.Array {
			return nil
		}
		if !isInt(it.Default) {
			return fail("default", it.Default, "Integer")
		}
		if it.HasRange && !isInt(it.Minimum) {
			return fail("minimum", it.Minimum, "Integer")
		}
		if it.HasRange && !isInt(it.Maximum) {
			return fail("maximum", it.Maximum, "Integer")
		}
	case accessor.FLOAT:
		if it.Array {
			return nil
		}
		for _, v := range []*Value{&it.Default, &it.Minimum, &it.Maximum} {
			if v == &it.Default || it.HasRange {
				if !v.IsNumber() {
					what := map[*Value]string{&it.Default: "default", &it.Minimum: "minimum", &it.Maximum: "maximum"}[v]
					return fail(what, *v, "Float")
				}
				*v = FloatValueOf(v.Float64())
			}
		}
	case accessor.STRING, accessor.BLOCK:
		if it.Default.Kind != StringValue && it.Default.Kind != BytesValue {
			return fail("default", it.Default, "String")
		}
	}
	return nil
}

func (p *fileParser) packetKeyword(st stmt) error {
	pkt := p.pkt
	switch st.keyword {
	case "SELECT_ITEM", "SELECT_PARAMETER", "DELETE_ITEM", "DELETE_PARAMETER":
		isItem := strings.HasSuffix(st.keyword, "_ITEM")
		if isItem && p.cmdOrTlm == Command {
			return p.errf(st, "%s only applies to telemetry packets", st.keyword)
		}
		if !isItem && p.cmdOrTlm == Telemetry {
			return p.errf(st, "%s only applies to command packets", st.keyword)
		}
		noun := "ITEM"
		if !isItem {
			noun = "PARAMETER"
		}
		if err := p.nargs(st, 1, 1, fmt.Sprintf("%s <%s NAME>", st.keyword, noun)); err != nil {
			return err
		}
		p.item, p.pendingCvt = nil, nil
		name := upper(st.params[0])
		notFound := p.errf(st, "%s not found in %s packet %s %s", st.params[0], strings.ToLower(p.cmdOrTlm.String()), pkt.Target, pkt.Name)
		if strings.HasPrefix(st.keyword, "SELECT") {
			if p.item = pkt.byName[name]; p.item == nil {
				return notFound
			}
			return nil
		}
		if !pkt.deleteItem(name) {
			return notFound
		}
		return nil
	case "ITEM", "PARAMETER", "ID_ITEM", "ID_PARAMETER", "ARRAY_ITEM", "ARRAY_PARAMETER",
		"APPEND_ITEM", "APPEND_PARAMETER", "APPEND_ID_ITEM", "APPEND_ID_PARAMETER",
		"APPEND_ARRAY_ITEM", "APPEND_ARRAY_PARAMETER":
		return p.defineItem(st)
	case "STRUCTURE", "APPEND_STRUCTURE":
		return p.defineStructure(st)
	case "ALLOW_SHORT":
		pkt.AllowShort = true
		return p.nargs(st, 0, 0, "ALLOW_SHORT")
	case "HAZARDOUS":
		if err := p.nargs(st, 0, 1, "HAZARDOUS <HAZARDOUS DESCRIPTION (Optional)>"); err != nil {
			return err
		}
		pkt.Hazardous = true
		if len(st.params) > 0 {
			pkt.HazardousDesc = st.params[0]
		}
		p.l.serverOnly(st)
		return nil
	case "DISABLE_MESSAGES":
		pkt.MessagesDisabled = true
		p.l.serverOnly(st)
		return p.nargs(st, 0, 0, st.keyword)
	case "META":
		if err := p.nargs(st, 1, -1, "META <META NAME> <META VALUES (optional)>"); err != nil {
			return err
		}
		values := append([]string{}, st.params[1:]...)
		if p.item != nil {
			if p.item.Meta == nil {
				p.item.Meta = map[string][]string{}
			}
			p.item.Meta[upper(st.params[0])] = values
		} else {
			if pkt.Meta == nil {
				pkt.Meta = map[string][]string{}
			}
			pkt.Meta[upper(st.params[0])] = values
		}
		return nil
	case "HIDDEN":
		if err := p.nargs(st, 0, 0, st.keyword); err != nil {
			return err
		}
		if p.item != nil {
			p.item.Hidden = true
		} else {
			pkt.Hidden = true
		}
		return nil
	case "DISABLED":
		pkt.Hidden, pkt.Disabled = true, true
		return p.nargs(st, 0, 0, st.keyword)
	case "ACCESSOR", "SUBPACKETIZER":
		if err := p.nargs(st, 1, -1, st.keyword+" <CLASS NAME> <ARGUMENTS (optional)...>"); err != nil {
			return err
		}
		ref := &ClassRef{Class: st.params[0], Args: append([]string{}, st.params[1:]...)}
		if st.keyword == "ACCESSOR" {
			pkt.Accessor = ref
			pkt.accessorLine = st.line
		} else {
			pkt.Subpacketizer = ref
			p.l.serverOnly(st)
		}
		return nil
	case "TEMPLATE":
		if err := p.nargs(st, 1, 1, "TEMPLATE <Template string>"); err != nil {
			return err
		}
		pkt.Template = []byte(st.params[0])
		return nil
	case "TEMPLATE_BASE64":
		if err := p.nargs(st, 1, 1, "TEMPLATE_BASE64 <Template base64 data>"); err != nil {
			return err
		}
		b, err := base64.StdEncoding.DecodeString(st.params[0])
		if err != nil {
			return p.errf(st, "invalid base64 template: %v", err)
		}
		pkt.Template = b
		return nil
	case "TEMPLATE_FILE":
		if err := p.nargs(st, 1, 1, "TEMPLATE_FILE <Template file path>"); err != nil {
			return err
		}
		b, err := p.readTemplateFile(st.params[0])
		if err != nil {
			return p.errf(st, "%v", err)
		}
		pkt.Template = b
		return nil
	case "RESPONSE", "ERROR_RESPONSE":
		if err := p.nargs(st, 2, 2, st.keyword+" <Target Name> <Packet Name>"); err != nil {
			return err
		}
		if p.cmdOrTlm == Telemetry {
			return p.errf(st, "%s only applies to command packets", st.keyword)
		}
		ref := &PacketRef{Kind: Telemetry, Target: upper(st.params[0]), Packet: upper(st.params[1])}
		if st.keyword == "RESPONSE" {
			pkt.Response = ref
		} else {
			pkt.ErrorResponse = ref
		}
		return nil
	case "SCREEN", "RELATED_ITEM", "VALIDATOR":
		n := map[string]int{"SCREEN": 2, "RELATED_ITEM": 3, "VALIDATOR": 1}[st.keyword]
		max := n
		if st.keyword == "VALIDATOR" {
			max = -1
		}
		if err := p.nargs(st, n, max, st.keyword); err != nil {
			return err
		}
		if p.cmdOrTlm == Telemetry {
			return p.errf(st, "%s only applies to command packets", st.keyword)
		}
		pkt.Extras = append(pkt.Extras, keywordOf(st))
		p.l.serverOnly(st)
		return nil
	case "PROCESSOR":
		if err := p.nargs(st, 2, -1, "PROCESSOR <PROCESSOR NAME> <PROCESSOR CLASS FILENAME> <PROCESSOR SPECIFIC OPTIONS>"); err != nil {
			return err
		}
		// The decoder runs COSMOS's watermark and statistics processors
		// and warns about others (decode/engine/processor.go).
		pkt.Extras = append(pkt.Extras, keywordOf(st))
		return nil
	case "IGNORE_OVERLAP", "VIRTUAL", "CATCHALL", "RESTRICTED", "SUBPACKET":
		if err := p.nargs(st, 0, 0, st.keyword); err != nil {
			return err
		}
		switch st.keyword {
		case "IGNORE_OVERLAP":
			pkt.IgnoreOverlap = true
		case "VIRTUAL":
			pkt.Virtual = true
		case "CATCHALL":
			pkt.CatchAll = true
		case "RESTRICTED":
			pkt.Restricted = true
			p.l.serverOnly(st)
		case "SUBPACKET":
			pkt.Subpacket = true
		}
		return nil
	}
	return p.errf(st, "unknown keyword '%s'", st.keyword)
}

func keywordOf(st stmt) Keyword {
	return Keyword{Keyword: st.keyword, Args: append([]string{}, st.params...), File: st.file, Line: st.line}
}
