package stream

import (
	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/frame/record"
)

// csvOut writes RFC 4180 CSV rows: target, packet, time, the items, and
// NAME.LIMITS columns with --limits. Values are as in the JSON form but
// unquoted: strings as text, BLOCK as hex, arrays and objects as JSON,
// null as an empty field. The header lines come from csvHeads, which the
// writer of the ordered output owns.
type csvOut struct {
	dec    *engine.Decoder
	lims   map[*def.Packet][]bool // each packet's limits columns
	cell   []byte
	limits []engine.LimitsState
}

func (o *csvOut) appendRecord(row []byte, pkt *def.Packet, rec *record.Record) ([]byte, error) {
	if pkt == nil {
		row = append(row, "UNKNOWN,UNKNOWN,"...)
		row = appendTime(row, rec.Meta)
		row = append(row, ',')
		row = appendInt(row, len(rec.Data))
		return append(row, '\n'), nil
	}
	var lim []bool
	if o.limitsOn() {
		var seen bool
		if lim, seen = o.lims[pkt]; !seen {
			_, l, err := o.dec.Columns(pkt)
			if err != nil {
				return row, err
			}
			lim = l
			o.lims[pkt] = lim
		}
	}
	row = appendCSVField(row, []byte(pkt.Target))
	row = append(row, ',')
	row = appendCSVField(row, []byte(pkt.Name))
	row = append(row, ',')
	row = appendTime(row, rec.Meta)
	o.limits = o.limits[:0]
	derr := o.dec.Values(pkt, rec, func(_ string, v *engine.Value, ls engine.LimitsState) {
		row = append(row, ',')
		o.cell = appendPlain(o.cell[:0], o.dec, v)
		row = appendCSVField(row, o.cell)
		o.limits = append(o.limits, ls)
	})
	if o.limitsOn() {
		for i, ls := range o.limits {
			if lim[i] {
				row = append(row, ',')
				row = append(row, ls.String()...)
			}
		}
	}
	return append(row, '\n'), derr
}

// csvHeads writes a packet type's header line the first time the type
// appears in the output.
type csvHeads struct {
	dec     *engine.Decoder
	seen    map[*def.Packet]bool
	unknown bool
}

func (h *csvHeads) appendHeader(row []byte, pkt *def.Packet) ([]byte, error) {
	if pkt == nil {
		if !h.unknown {
			h.unknown = true
			row = append(row, "target,packet,time,length\n"...)
		}
		return row, nil
	}
	if h.seen[pkt] {
		return row, nil
	}
	names, lim, err := h.dec.Columns(pkt)
	if err != nil {
		return row, err
	}
	h.seen[pkt] = true
	row = append(row, "target,packet,time"...)
	for _, n := range names {
		row = append(row, ',')
		row = appendCSVField(row, []byte(n))
	}
	if h.dec.LimitsEnabled() {
		for i, n := range names {
			if lim[i] {
				row = append(row, ',')
				row = appendCSVField(row, []byte(n+".LIMITS"))
			}
		}
	}
	return append(row, '\n'), nil
}

func (o *csvOut) limitsOn() bool { return o.dec.LimitsEnabled() }

// appendCSVField quotes a field when it holds a comma, quote or line break.
func appendCSVField(dst, f []byte) []byte {
	if !needsCSVQuote(f) {
		return append(dst, f...)
	}
	dst = append(dst, '"')
	for _, c := range f {
		if c == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, c)
	}
	return append(dst, '"')
}

// needsCSVQuote is a byte loop: strings.ContainsAny over a four-byte set
// cost a fifth of CSV time.
func needsCSVQuote(f []byte) bool {
	for _, c := range f {
		if c <= ',' && (c == ',' || c == '"' || c == '\r' || c == '\n') {
			return true
		}
	}
	return false
}
