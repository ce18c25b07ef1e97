// Package tplproto is the packet side of COSMOS's (deprecated) Template
// protocol, for SCPI-style instruments: a command packet carries the items
// CMD_TEMPLATE ("SOUR:VOLT <VOLTAGE>, (@<CHANNEL>)"), RSP_TEMPLATE
// ("<VOLTAGE>") and RSP_PACKET ("READ_VOLTAGE").
//
//   - Command turns such a command record into the text sent to the
//     instrument: CMD_TEMPLATE with each <NAME> replaced by the value of
//     the command's item NAME. When the command has an RSP_TEMPLATE and an
//     RSP_PACKET, the record's meta asks c3link for that response
//     (extra.RESPONSE) and carries the template (extra.RSP_TEMPLATE).
//   - Response turns a response line that c3link tagged (target, packet,
//     extra.RSP_TEMPLATE) into that telemetry packet: the template's
//     placeholders are read from the line and written into the packet's
//     items of the same names, as COSMOS writes them into RSP_PACKET.
//
// The placeholders are read and written by the TemplateAccessor
// (decode/accessor/template), the one template engine of c3kit. Waiting
// for each response is c3link's job (link.PaceConfig).
package tplproto

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/decode/keyed"
	"github.com/c3kit/c3kit/frame/record"

	_ "github.com/c3kit/c3kit/decode/accessor/template" // TemplateAccessor
)

// The items of a Template-protocol command, and the meta keys they become.
const (
	ItemCmdTemplate  = "CMD_TEMPLATE"
	ItemRspTemplate  = "RSP_TEMPLATE"
	ItemRspPacket    = "RSP_PACKET"
	ExtraResponse    = "RESPONSE"
	ExtraRspTemplate = "RSP_TEMPLATE"
)

// Protocol converts commands and responses with one definition set.
type Protocol struct {
	Set *def.Set
	dec *engine.Decoder
	enc *engine.Encoder
	// codecs caches a TemplateAccessor per template text: a target has a
	// few templates, each compiled once.
	codecs map[string]keyed.Codec
	vals   map[string]engine.Value
}

// New returns a Protocol over set.
func New(set *def.Set) *Protocol {
	return &Protocol{Set: set,
		// COSMOS fills CMD_TEMPLATE with each item's RAW value.
		dec:    engine.NewDecoder(engine.Options{Mode: engine.Raw, All: true, Set: set}),
		enc:    engine.NewEncoder(engine.EncodeOptions{Set: set}),
		codecs: map[string]keyed.Codec{},
	}
}

func (p *Protocol) codec(template string) (keyed.Codec, error) {
	if c, ok := p.codecs[template]; ok {
		return c, nil
	}
	c, err := keyed.Lookup("TemplateAccessor", nil, []byte(template))
	if err != nil {
		return nil, err
	}
	p.codecs[template] = c
	return c, nil
}

// packet finds the definition a record's meta names.
func (p *Protocol) packet(meta record.Meta, kind def.Kind) (*def.Packet, error) {
	t, n := meta.Target(), meta.Packet()
	if t == "" || n == "" {
		return nil, errors.New("the record does not say which packet it is (meta target and packet; c3encode and c3link set them)")
	}
	pkt := p.Set.Packet(t, n, kind)
	if pkt == nil {
		what := "command"
		if kind == def.Telemetry {
			what = "telemetry packet"
		}
		return nil, fmt.Errorf("no %s %s %s in the definitions", what, t, n)
	}
	return pkt, nil
}

// Command returns the text to send for a Template-protocol command record
// (without the write termination characters) and the meta to send it
// with.
func (p *Protocol) Command(meta record.Meta, data []byte) ([]byte, record.Meta, error) {
	pkt, err := p.packet(meta, def.Command)
	if err != nil {
		return nil, nil, err
	}
	if p.vals == nil {
		p.vals = map[string]engine.Value{}
	}
	clear(p.vals)
	rec := &record.Record{Meta: meta, Data: data}
	err = p.dec.Values(pkt, rec, func(name string, v *engine.Value, _ engine.LimitsState) {
		c := *v
		c.B = append([]byte(nil), v.B...) // values alias the record
		p.vals[name] = c
	})
	if err != nil {
		return nil, nil, fmt.Errorf("%s %s: %w", pkt.Target, pkt.Name, err)
	}
	tpl, ok := p.text(ItemCmdTemplate)
	if !ok || tpl == "" {
		return nil, nil, fmt.Errorf("%s %s has no %s item: not a Template-protocol command", pkt.Target, pkt.Name, ItemCmdTemplate)
	}
	c, err := p.codec(tpl)
	if err != nil {
		return nil, nil, fmt.Errorf("%s %s %s: %w", pkt.Target, pkt.Name, ItemCmdTemplate, err)
	}
	doc, err := c.Parse([]byte(tpl), nil)
	if err != nil {
		return nil, nil, err
	}
	for _, it := range pkt.Items {
		k, err := c.Compile(it.Name)
		if err != nil {
			continue
		}
		v, ok := p.vals[it.Name]
		if !ok {
			continue
		}
		if err := doc.Set(k, v.Any()); err != nil && !errors.Is(err, keyed.ErrNotFound) {
			return nil, nil, fmt.Errorf("%s %s item %s: %w", pkt.Target, pkt.Name, it.Name, err)
		}
	}
	out, err := doc.Bytes(nil)
	if err != nil {
		return nil, nil, err
	}
	if m := leftover.FindSubmatch(out); m != nil {
		// COSMOS reads every placeholder from the packet: an unknown item is an error
		return nil, nil, fmt.Errorf("%s %s: %s has <%s> but the command has no item %s", pkt.Target, pkt.Name, ItemCmdTemplate, m[1], m[1])
	}
	m := meta.Clone()
	if m == nil {
		m = record.Meta{}
	}
	rspT, _ := p.text(ItemRspTemplate)
	rspP, _ := p.text(ItemRspPacket)
	if rspT != "" && rspP != "" {
		m.SetExtra(ExtraResponse, pkt.Target+" "+rspP)
		m.SetExtra(ExtraRspTemplate, rspT)
	}
	return out, m, nil
}

// leftover finds a placeholder no item filled.
var leftover = regexp.MustCompile(`<([A-Za-z_][A-Za-z0-9_]*)>`)

func (p *Protocol) text(item string) (string, bool) {
	v, ok := p.vals[item]
	if !ok {
		return "", false
	}
	s, ok := v.Str()
	return strings.TrimRight(s, "\x00"), ok
}

// Response builds the telemetry packet a tagged response line stands for.
// ok is false for a record that is not a Template response (no
// extra.RSP_TEMPLATE): it passes on unchanged.
func (p *Protocol) Response(meta record.Meta, line []byte) (pkt []byte, ok bool, err error) {
	tpl, _ := meta.Extra()[ExtraRspTemplate].(string)
	if tpl == "" {
		return nil, false, nil
	}
	def, err := p.packet(meta, def.Telemetry)
	if err != nil {
		return nil, true, err
	}
	c, err := p.codec(tpl)
	if err != nil {
		return nil, true, fmt.Errorf("%s: %w", ExtraRspTemplate, err)
	}
	doc, err := c.Parse(line, nil)
	if err != nil {
		return nil, true, fmt.Errorf("response %q does not match %s %q: %w", quote(line), ExtraRspTemplate, tpl, err)
	}
	var given []engine.Given
	for _, it := range def.Items {
		k, err := c.Compile(it.Name)
		if err != nil {
			continue
		}
		v, err := doc.Get(k)
		if errors.Is(err, keyed.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, true, fmt.Errorf("%s %s item %s: %w", def.Target, def.Name, it.Name, err)
		}
		given = append(given, engine.Given{Name: it.Name, Value: engine.FromAny(v)})
	}
	if len(given) == 0 {
		return nil, true, fmt.Errorf("%s %q names no item of %s %s", ExtraRspTemplate, tpl, def.Target, def.Name)
	}
	out, err := p.enc.Encode(nil, def, given)
	if err != nil {
		return nil, true, fmt.Errorf("%s %s from response %q: %w", def.Target, def.Name, quote(line), err)
	}
	return out, true, nil
}

func quote(b []byte) string {
	if len(b) > 80 {
		return string(b[:80]) + "..."
	}
	return string(b)
}
