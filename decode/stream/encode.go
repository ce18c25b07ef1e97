package stream

import (
	"fmt"
	"io"
	"maps"
	"strings"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/quote"
)

// EncodeConfig configures Encode.
type EncodeConfig struct {
	Set *def.Set
	// Kind is what to build: def.Command (c3encode's default) or
	// def.Telemetry (--tlm).
	Kind   def.Kind
	Engine engine.EncodeOptions
	// OnBad decides about a bad line: return nil to skip it (after
	// reporting it) or an error to stop.
	OnBad func(*jsonform.LineError) error
	// Hazard receives, for a command, one message per hazard: the command
	// marked HAZARDOUS, an item's value that is a HAZARDOUS state. With
	// RefuseHazardous such a command is a bad line instead (not written).
	Hazard          func(lineNo int, msg string)
	RefuseHazardous bool
	// Jobs is how many workers build packets at once (<= 1: in the reading
	// goroutine); the output, reports and counts are the same for any Jobs.
	Jobs int
	// Flush, if set, is what c3encode puts under its input
	// (record.FlushBefore), as DecodeConfig.Flush.
	Flush *Flusher
}

// EncodeStats are c3encode's --stats counters.
type EncodeStats struct {
	Lines   int64 // non-blank, non-comment input lines
	Packets int64 // records written
	Bad     int64 // lines refused
	Bytes   int64 // packet bytes written
}

// Encode reads one request per line (a JSON line or a COSMOS command
// string; blank lines and lines starting with # are skipped) and writes
// one record per packet built, with target and packet meta (plus time,
// stored and extra from JSON lines).
func Encode(in io.Reader, w *record.Writer, cfg EncodeConfig) (EncodeStats, error) {
	enc := engine.NewEncoder(cfg.Engine)
	if err := prepareAll(cfg.Set, cfg.Kind, enc.Prepare); err != nil {
		return EncodeStats{}, err
	}
	if cfg.Jobs > 1 {
		return encodeParallel(in, w, &cfg)
	}
	cfg.Flush.set(w.Flush)
	o := encodeOut{cfg: &cfg, w: w}
	b := builder{enc: enc, cfg: &cfg, hz: newHazardCheck(&cfg), meta: record.Meta{}}
	ls := jsonform.Lines{Max: jsonform.LineCap(cfg.Engine.MaxRecord), TooLong: o.tooLong}
	err := ls.Read(in, func(lineNo int, t []byte) error {
		if t[0] == '#' {
			return nil
		}
		bl := b.build(lineNo, t, b.meta)
		return o.put(lineNo, &bl)
	})
	return o.st, err
}

// builtLine is one input line built into a record, or why it was not.
type builtLine struct {
	meta    record.Meta
	data    []byte // valid until the next build
	hazards []string
	err     error
}

// builder builds lines into packets; one per goroutine.
type builder struct {
	enc *engine.Encoder
	cfg *EncodeConfig
	hz  *hazards
	buf []byte
	req engine.Request // reused line to line
	// plain is, by packet, the meta of a line without meta of its own
	// (target, packet, RESPONSE): built once, shared, never changed.
	plain map[*def.Packet]record.Meta
	meta  record.Meta // Encode's scratch meta (encodepar has one per line)
}

func newHazardCheck(cfg *EncodeConfig) *hazards {
	if cfg.Kind == def.Command && (cfg.Hazard != nil || cfg.RefuseHazardous) {
		return newHazards(cfg.Set)
	}
	return nil
}

// encodeOut writes built lines in input order and keeps the counters.
type encodeOut struct {
	cfg *EncodeConfig
	w   *record.Writer
	st  EncodeStats
}

func (o *encodeOut) tooLong(le *jsonform.LineError) error {
	o.st.Lines++
	o.st.Bad++
	if o.cfg.OnBad == nil {
		return le
	}
	return o.cfg.OnBad(le)
}

// put reports a line's hazards and writes its record, or reports it as
// bad; the error stops Encode.
func (o *encodeOut) put(lineNo int, bl *builtLine) error {
	o.st.Lines++
	if bl.err != nil {
		o.st.Bad++
		le := &jsonform.LineError{Line: lineNo, Err: bl.err}
		if o.cfg.OnBad == nil {
			return le
		}
		return o.cfg.OnBad(le)
	}
	for _, m := range bl.hazards {
		o.cfg.Hazard(lineNo, m)
	}
	if err := o.w.Write(bl.meta, bl.data); err != nil {
		return err
	}
	o.st.Packets++
	o.st.Bytes += int64(len(bl.data))
	return nil
}

// hazardMessages tells (returns) or refuses the hazards of a built command.
func hazardMessages(hz *hazards, cfg *EncodeConfig, pkt *def.Packet, data []byte) ([]string, error) {
	if hz == nil {
		return nil, nil
	}
	msgs := hz.check(pkt, data)
	if len(msgs) == 0 {
		return nil, nil
	}
	if cfg.RefuseHazardous {
		return nil, fmt.Errorf("refused (--refuse-hazardous): %s", strings.Join(msgs, "; "))
	}
	return msgs, nil
}

// build builds line t. scratch (a map the caller reuses once the built
// line is written) holds the line's meta when it has its own.
func (b *builder) build(lineNo int, t []byte, scratch record.Meta) builtLine {
	cfg := b.cfg
	req := &b.req
	if err := req.Parse(t); err != nil {
		return builtLine{err: err}
	}
	pkt := cfg.Set.Packet(req.Target, req.Packet, cfg.Kind)
	if pkt == nil {
		what := "command"
		if cfg.Kind == def.Telemetry {
			what = "telemetry packet"
		}
		if cfg.Set.Target(req.Target) == nil {
			return builtLine{err: fmt.Errorf("unknown target %s", quote.Clip(strings.ToUpper(req.Target)))}
		}
		return builtLine{err: fmt.Errorf("unknown %s %s %s", what, strings.ToUpper(req.Target), quote.Clip(strings.ToUpper(req.Packet)))}
	}
	if pkt.KeyedAccessor() {
		req.Detach() // given values may go into extra, which outlives req's next line
	}
	if b.sameAsPlain(pkt, req.Meta) {
		req.Meta = nil // built as a line without meta: the same record, no copies
	}
	extra := commandExtra(pkt, req.Meta)
	var err error
	b.buf, err = b.enc.EncodeExtra(b.buf, pkt, req.Values, extra)
	if err != nil {
		return builtLine{err: err}
	}
	hz, err := hazardMessages(b.hz, cfg, pkt, b.buf)
	if err != nil {
		return builtLine{err: err}
	}
	if len(req.Meta) == 0 && len(extra) == 0 {
		return builtLine{meta: b.plainMeta(pkt), data: b.buf, hazards: hz}
	}
	meta := scratch
	if meta == nil {
		meta = record.Meta{}
	}
	clear(meta)
	maps.Copy(meta, req.Meta)
	if len(extra) > 0 {
		meta[record.KeyExtra] = extra
	}
	plain := b.plainMeta(pkt) // its names, already boxed in interfaces
	meta[record.KeyTarget] = plain[record.KeyTarget]
	meta[record.KeyPacket] = plain[record.KeyPacket]
	if pkt.Response != nil {
		// c3link holds the next command until this response arrives
		// (COSMOS CmdResponseProtocol); an RESPONSE given in the input wins.
		if _, given := meta.Extra()[responseKey]; !given {
			meta = meta.Clone()
			meta.SetExtra(responseKey, pkt.Response.Target+" "+pkt.Response.Packet)
		}
	}
	return builtLine{meta: meta, data: b.buf, hazards: hz}
}

// plainMeta is the meta of a packet built from a line without meta and
// without extra: what build would make of an empty map, made once.
func (b *builder) plainMeta(pkt *def.Packet) record.Meta {
	if m, ok := b.plain[pkt]; ok {
		return m
	}
	m := record.Meta{record.KeyTarget: pkt.Target, record.KeyPacket: pkt.Name}
	if pkt.Response != nil {
		m.SetExtra(responseKey, pkt.Response.Target+" "+pkt.Response.Packet)
	}
	if b.plain == nil {
		b.plain = map[*def.Packet]record.Meta{}
	}
	b.plain[pkt] = m
	return m
}

// sameAsPlain reports whether a line's meta says nothing that a line
// without meta would not get: only the RESPONSE extra c3decode prints for a
// command that has one (c3decode --cmd | c3encode).
func (b *builder) sameAsPlain(pkt *def.Packet, m record.Meta) bool {
	if len(m) != 1 || pkt.Response == nil {
		return false
	}
	x := m.Extra()
	if len(x) != 1 {
		return false
	}
	v, ok := x[responseKey].(string)
	return ok && v == b.plainMeta(pkt).Extra()[responseKey]
}

// responseKey is the extra key c3link paces commands by (link.ExtraResponse;
// not imported, so the decode packages stay free of the link package).
const responseKey = "RESPONSE"
