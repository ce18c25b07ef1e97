package stream

import (
	"bufio"
	"strings"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/frame/record"
)

// csvOut writes RFC 4180 CSV: a header line (target, packet, time, the
// items, and NAME.LIMITS columns with --limits) the first time a packet type
// appears, then one row per packet. Values are as in the JSON form but
// unquoted: strings as text, BLOCK as hex, arrays and objects as JSON,
// null as an empty field.
type csvOut struct {
	dec     *engine.Decoder
	seen    map[*def.Packet][]bool // packet types whose header was written, with their limits columns
	unknown bool
	row     []byte
	cell    []byte
	limits  []engine.LimitsState
}

func (o *csvOut) write(w *bufio.Writer, pkt *def.Packet, rec *record.Record) error {
	row := o.row[:0]
	if pkt == nil {
		if !o.unknown {
			o.unknown = true
			row = append(row, "target,packet,time,length\n"...)
		}
		row = append(row, "UNKNOWN,UNKNOWN,"...)
		row = appendTime(row, rec.Meta)
		row = append(row, ',')
		row = appendInt(row, len(rec.Data))
		row = append(row, '\n')
		o.row = row
		_, err := w.Write(row)
		return err
	}
	lim, seen := o.seen[pkt]
	if !seen {
		names, l, err := o.dec.Columns(pkt)
		if err != nil {
			return err
		}
		lim = l
		o.seen[pkt] = lim
		row = append(row, "target,packet,time"...)
		for _, n := range names {
			row = append(row, ',')
			row = appendCSVField(row, []byte(n))
		}
		if o.limitsOn() {
			for i, n := range names {
				if lim[i] {
					row = append(row, ',')
					row = appendCSVField(row, []byte(n+".LIMITS"))
				}
			}
		}
		row = append(row, '\n')
	}
	row = appendCSVField(row, []byte(pkt.Target))
	row = append(row, ',')
	row = appendCSVField(row, []byte(pkt.Name))
	row = append(row, ',')
	row = appendTime(row, rec.Meta)
	o.limits = o.limits[:0]
	derr := o.dec.Values(pkt, rec, func(_ string, v *engine.Value, ls engine.LimitsState) {
		row = append(row, ',')
		o.cell = appendPlain(o.cell[:0], v)
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
	row = append(row, '\n')
	o.row = row
	if _, err := w.Write(row); err != nil {
		return err
	}
	return derr
}

func (o *csvOut) limitsOn() bool { return o.dec.LimitsEnabled() }

// appendCSVField quotes a field when it holds a comma, quote or line break.
func appendCSVField(dst, f []byte) []byte {
	if !strings.ContainsAny(string(f), ",\"\r\n") {
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
