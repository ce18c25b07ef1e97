package stream

import (
	"errors"
	"fmt"
	"io"
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
	var st EncodeStats
	enc := engine.NewEncoder(cfg.Engine)
	if err := prepareAll(cfg.Set, cfg.Kind, enc.Prepare); err != nil {
		return st, err
	}
	var buf []byte
	var hz *hazards
	if cfg.Kind == def.Command && (cfg.Hazard != nil || cfg.RefuseHazardous) {
		hz = newHazards(cfg.Set)
	}
	ls := jsonform.Lines{Max: jsonform.LineCap(cfg.Engine.MaxRecord), TooLong: func(le *jsonform.LineError) error {
		st.Lines++
		st.Bad++
		if cfg.OnBad == nil {
			return le
		}
		return cfg.OnBad(le)
	}}
	err := ls.Read(in, func(lineNo int, t []byte) error {
		if t[0] == '#' {
			return nil
		}
		st.Lines++
		var perr error
		buf, perr = encodeLine(enc, &cfg, t, buf, w, &st, func(pkt *def.Packet, data []byte) error {
			return checkHazards(hz, &cfg, lineNo, pkt, data)
		})
		if perr == nil {
			return nil
		}
		var werr *writeError
		if errors.As(perr, &werr) {
			return werr.err
		}
		st.Bad++
		le := &jsonform.LineError{Line: lineNo, Err: perr}
		if cfg.OnBad == nil {
			return le
		}
		return cfg.OnBad(le)
	})
	return st, err
}

// writeError marks an output failure, which always stops Encode.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

// checkHazards tells or refuses the hazards of a built command.
func checkHazards(hz *hazards, cfg *EncodeConfig, lineNo int, pkt *def.Packet, data []byte) error {
	if hz == nil {
		return nil
	}
	msgs := hz.check(pkt, data)
	if len(msgs) == 0 {
		return nil
	}
	if cfg.RefuseHazardous {
		return fmt.Errorf("refused (--refuse-hazardous): %s", strings.Join(msgs, "; "))
	}
	for _, m := range msgs {
		cfg.Hazard(lineNo, m)
	}
	return nil
}

func encodeLine(enc *engine.Encoder, cfg *EncodeConfig, t []byte, buf []byte, w *record.Writer, st *EncodeStats, built func(*def.Packet, []byte) error) ([]byte, error) {
	req, err := engine.ParseRequest(t)
	if err != nil {
		return buf, err
	}
	pkt := cfg.Set.Packet(req.Target, req.Packet, cfg.Kind)
	if pkt == nil {
		what := "command"
		if cfg.Kind == def.Telemetry {
			what = "telemetry packet"
		}
		if cfg.Set.Target(req.Target) == nil {
			return buf, fmt.Errorf("unknown target %s", quote.Clip(strings.ToUpper(req.Target)))
		}
		return buf, fmt.Errorf("unknown %s %s %s", what, strings.ToUpper(req.Target), quote.Clip(strings.ToUpper(req.Packet)))
	}
	meta := req.Meta
	if meta == nil {
		meta = record.Meta{}
	}
	extra := commandExtra(pkt, meta)
	buf, err = enc.EncodeExtra(buf, pkt, req.Values, extra)
	if err != nil {
		return buf, err
	}
	if err := built(pkt, buf); err != nil {
		return buf, err
	}
	if len(extra) > 0 {
		meta[record.KeyExtra] = extra
	}
	meta[record.KeyTarget] = pkt.Target
	meta[record.KeyPacket] = pkt.Name
	if pkt.Response != nil {
		// c3link holds the next command until this response arrives
		// (COSMOS CmdResponseProtocol); an RESPONSE given in the input wins.
		if _, given := meta.Extra()[responseKey]; !given {
			meta = meta.Clone()
			meta.SetExtra(responseKey, pkt.Response.Target+" "+pkt.Response.Packet)
		}
	}
	if err := w.Write(meta, buf); err != nil {
		return buf, &writeError{err}
	}
	st.Packets++
	st.Bytes += int64(len(buf))
	return buf, nil
}

// responseKey is the extra key c3link paces commands by (link.ExtraResponse;
// not imported, so the decode packages stay free of the link package).
const responseKey = "RESPONSE"
