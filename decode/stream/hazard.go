package stream

import (
	"fmt"
	"strings"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/frame/record"
)

// hazards finds what COSMOS's cmd_pkt_hazardous? finds in a built command:
// the command itself marked HAZARDOUS, and every item whose value in the
// built packet (given or default) is a state marked HAZARDOUS. COSMOS stops
// at the first; c3kit names them all, one line each.
type hazards struct {
	dec   *engine.Decoder
	items map[*def.Packet]*hazardItems
	rec   record.Record // scratch: the packet checked
}

// hazardItems are a packet's items with hazardous states.
type hazardItems struct {
	names  []string                     // in definition order
	states map[string]map[string]string // item -> state name -> description
}

func newHazards(set *def.Set) *hazards {
	return &hazards{
		dec:   engine.NewDecoder(engine.Options{Set: set, All: true, Lenient: true}),
		items: map[*def.Packet]*hazardItems{},
	}
}

// stateItems lists p's items with hazardous states (nil when none).
func (h *hazards) stateItems(p *def.Packet) *hazardItems {
	if m, ok := h.items[p]; ok {
		return m
	}
	var m *hazardItems
	for _, it := range p.Items {
		for _, st := range it.States {
			if !st.Hazardous {
				continue
			}
			if m == nil {
				m = &hazardItems{states: map[string]map[string]string{}}
			}
			if m.states[it.Name] == nil {
				m.states[it.Name] = map[string]string{}
				m.names = append(m.names, it.Name)
			}
			m.states[it.Name][st.Name] = st.HazardousDesc
		}
	}
	h.items[p] = m
	return m
}

// check returns one message per hazard in the packet built as data. Only
// the items with hazardous states are decoded.
func (h *hazards) check(p *def.Packet, data []byte) []string {
	var out []string
	if p.Hazardous {
		out = append(out, hazardMsg(p.Target+" "+p.Name, p.HazardousDesc))
	}
	items := h.stateItems(p)
	if items == nil {
		return out
	}
	h.rec.Data = data
	_ = h.dec.ValuesOf(p, &h.rec, items.names, func(name string, v *engine.Value) {
		s, ok := v.Str()
		if !ok {
			return
		}
		for state, desc := range items.states[name] {
			if strings.EqualFold(state, s) {
				out = append(out, hazardMsg(fmt.Sprintf("%s %s %s = '%s'", p.Target, p.Name, name, state), desc))
			}
		}
	})
	return out
}

func hazardMsg(what, desc string) string {
	if desc == "" {
		return what + " is hazardous"
	}
	return what + " is hazardous: " + desc
}
