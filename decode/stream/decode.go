// Package stream runs the decoder and encoder over streams: records in,
// JSON lines (or CSV, a table, or identified records) out for c3decode, and
// text lines in, records out for c3encode. It owns the per-record policy
// (identification, filters, COSMOS's Ignore Packet protocol, diagnostics,
// counters); decode/engine owns the packet work.
package stream

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
)

// Format is c3decode's output form.
type Format uint8

// The output forms.
const (
	JSON  Format = iota // one JSON object per packet (DESIGN §4)
	CSV                 // one header per packet type, when it first appears
	Table               // an aligned block per packet, for humans
)

// DecodeConfig configures Decode and Identify.
type DecodeConfig struct {
	Set *def.Set
	// Kind is what the records hold: telemetry (default) or commands.
	Kind   def.Kind
	Engine engine.Options
	Format Format
	// Packets, if set, passes only these packets (the filter runs after
	// identification; unknown packets are filtered out too).
	Packets []PacketName
	// Ignore drops these packets, as COSMOS's Ignore Packet protocol does.
	Ignore []PacketName
	// Report receives one line per problem (undecodable items, undefined
	// preidentified packets).
	Report func(msg string)
	// Jobs is how many workers decode at once (<= 1: in the reading
	// goroutine). Output, reports and counts are the same for any Jobs;
	// --limits decodes in order (limits persistence runs from packet to
	// packet).
	Jobs int
	// Flush, if set, is what c3decode puts under its reader
	// (record.FlushBefore): Decode points it at whatever makes the output
	// so far visible before the reader blocks.
	Flush *Flusher
}

// Stats are the --stats counters.
type Stats struct {
	Records  int64 // records read
	Packets  int64 // records written (decoded or passed on)
	Unknown  int64 // records no definition matched
	Ignored  int64 // dropped by --ignore
	Filtered int64 // dropped by --packet
	Errors   int64 // records with undecodable items
	Bytes    int64 // record bytes read
	BadTime  int64 // records whose meta time is before 1970 (a located error)
}

// pipeline is the per-stream identification and filtering state.
type pipeline struct {
	told         told // what was told once (meta.go, nomatch.go)
	cfg          *DecodeConfig
	stats        Stats
	missing      map[string]bool        // preidentified names already reported
	topics       map[string]*def.Packet // MQTT topic -> packet (topic.go)
	rejected     int64                  // records of packets that cannot be used
	target, name string                 // of the record next returned
}

// identify returns the packet a record holds: the one its meta names
// (COSMOS's preidentified packets), else the one the definitions identify.
// nil means UNKNOWN.
func (p *pipeline) identify(rec *record.Record) *def.Packet {
	set := p.cfg.Set
	if t, n := rec.Meta.Target(), rec.Meta.Packet(); t != "" && n != "" && !(t == "UNKNOWN" && n == "UNKNOWN") {
		if pkt := set.Packet(t, n, p.cfg.Kind); pkt != nil {
			return pkt
		}
		key := t + " " + n
		if !p.missing[key] {
			p.missing[key] = true
			p.report(fmt.Sprintf("record %d: %s %s %s is not defined; decoded as UNKNOWN (reported once)", p.stats.Records, t, n, p.cfg.Kind))
		}
		return nil
	}
	if pkt := p.byTopic(rec); pkt != nil {
		return pkt
	}
	pkt, ok := set.Identify(rec.Data, p.cfg.Kind)
	if !ok {
		return nil
	}
	return pkt
}

// pass applies --ignore and --packet; false drops the record.
func (p *pipeline) pass(target, packet string) bool {
	if matchAny(p.cfg.Ignore, target, packet) {
		p.stats.Ignored++
		return false
	}
	if len(p.cfg.Packets) > 0 && !matchAny(p.cfg.Packets, target, packet) {
		p.stats.Filtered++
		return false
	}
	return true
}

func (p *pipeline) report(msg string) {
	if p.cfg.Report != nil {
		p.cfg.Report(msg)
	}
}

func newPipeline(cfg *DecodeConfig) *pipeline {
	return &pipeline{cfg: cfg, missing: map[string]bool{}, topics: topicIndex(cfg.Set, cfg.Kind)}
}

// Decode reads every record from r and writes it decoded to w in cfg's
// format. It returns at the end of input or on a read or write error; bad
// values never stop it (they print as null and are reported).
func Decode(r *record.Reader, w *bufio.Writer, cfg DecodeConfig) (Stats, error) {
	p := newPipeline(&cfg)
	dec := engine.NewDecoder(cfg.Engine)
	if err := prepareAll(cfg.Set, cfg.Kind, dec.Prepare); err != nil {
		return p.stats, err
	}
	if err := checkItems(cfg.Set, cfg.Kind, cfg.Engine.Items); err != nil {
		return p.stats, err
	}

	if cfg.Jobs > 1 && !cfg.Engine.Limits {
		cfg.Flush.set(nil) // decodeParallel points it at its batches
		return decodeParallel(r, w, p, dec, cfg)
	}
	cfg.Flush.set(w.Flush)
	out := newOutputter(dec, cfg.Format)
	heads := newHeads(dec, cfg.Format)
	var line []byte
	for {
		rec, pkt, err := p.next(r)
		if err == io.EOF {
			return p.end()
		}
		if err != nil {
			return p.stats, err
		}
		line = line[:0]
		if heads != nil {
			if line, err = heads.appendHeader(line, pkt); err != nil {
				return p.stats, err
			}
		}
		var derr error
		line, derr = out.appendRecord(line, pkt, rec)
		if _, err := w.Write(line); err != nil {
			return p.stats, err
		}
		if err := p.settle(derr, p.stats.Records, p.target, p.name); err != nil {
			return p.stats, err
		}
	}
}

// settle counts a written record and reports its decode error, as record
// number n named target name; a fatal error comes back.
func (p *pipeline) settle(derr error, n int64, target, name string) error {
	if derr == nil {
		p.stats.Packets++
		return nil
	}
	var ie *engine.ItemError
	var pe *engine.PacketError
	switch {
	case errors.As(derr, &ie):
		p.stats.Errors++
		p.report(fmt.Sprintf("record %d (%s %s): %v", n, target, name, ie))
	case errors.As(derr, &pe):
		p.stats.Errors++
		p.rejected++
		p.report(fmt.Sprintf("record %d rejected: %v", n, pe))
		return nil
	default:
		return derr
	}
	p.stats.Packets++
	return nil
}

// isItemError is errors.As for an *engine.ItemError, in a function of its
// own: the target escapes, and declared in a caller it would cost an
// allocation on every record, error or not.
func isItemError(err error) bool {
	var ie *engine.ItemError
	return errors.As(err, &ie)
}

// end is the result of a stream read to its end.
func (p *pipeline) end() (Stats, error) {
	if p.rejected > 0 {
		return p.stats, &RejectedError{p.rejected}
	}
	return p.stats, nil
}

// outputter appends the output of one decoded record (pkt nil: UNKNOWN),
// header lines aside. What it returns is written even with an error.
type outputter interface {
	appendRecord(dst []byte, pkt *def.Packet, rec *record.Record) ([]byte, error)
}

func newOutputter(dec *engine.Decoder, f Format) outputter {
	switch f {
	case CSV:
		return &csvOut{dec: dec, lims: map[*def.Packet][]bool{}}
	case Table:
		return &tableOut{dec: dec}
	}
	return &jsonOut{dec: dec}
}

// newHeads returns the header writer of CSV (nil for the other forms).
func newHeads(dec *engine.Decoder, f Format) *csvHeads {
	if f != CSV {
		return nil
	}
	return &csvHeads{dec: dec, seen: map[*def.Packet]bool{}}
}

type jsonOut struct {
	dec  *engine.Decoder
	meta record.Meta
}

func (o *jsonOut) appendRecord(dst []byte, pkt *def.Packet, rec *record.Record) ([]byte, error) {
	if pkt == nil {
		if o.meta == nil {
			o.meta = record.Meta{}
		}
		return appendUnknown(dst, o.meta, rec), nil
	}
	n := len(dst)
	line, derr := o.dec.Decode(dst, pkt, rec)
	if derr != nil && !isItemError(derr) {
		return line[:n], derr // a rejected record prints nothing
	}
	return line, derr
}

// appendUnknown is the JSON line of an unidentified record: COSMOS's
// UNKNOWN packet, with its length. m is scratch meta.
func appendUnknown(dst []byte, m record.Meta, rec *record.Record) []byte {
	clear(m)
	for k, v := range rec.Meta {
		m[k] = v
	}
	m[record.KeyTarget] = "UNKNOWN"
	m[record.KeyPacket] = "UNKNOWN"
	dst = jsonform.AppendHead(dst, m)
	dst = append(dst, `"length":`...)
	dst = strconv.AppendInt(dst, int64(len(rec.Data)), 10)
	return append(dst, "}\n"...)
}

// Identify passes every record through unchanged except for its meta,
// which gains the identified target and packet (UNKNOWN when none
// matched), so later stages can rely on them. --packet and --ignore apply.
func Identify(r *record.Reader, w *record.Writer, cfg DecodeConfig) (Stats, error) {
	p := newPipeline(&cfg)
	for {
		rec, _, err := p.next(r)
		if err == io.EOF {
			return p.stats, nil
		}
		if err != nil {
			return p.stats, err
		}
		meta := rec.Meta.Clone()
		if meta == nil {
			meta = record.Meta{}
		}
		meta[record.KeyTarget] = p.target
		meta[record.KeyPacket] = p.name
		if err := w.Write(meta, rec.Data); err != nil {
			return p.stats, err
		}
		p.stats.Packets++
	}
}

// next reads records until one passes --ignore and --packet, and returns it
// with its packet (nil: UNKNOWN); p.target and p.name name it.
func (p *pipeline) next(r *record.Reader) (*record.Record, *def.Packet, error) {
	if !p.told.started {
		p.start()
	}
	for {
		rec, err := r.Read()
		if err != nil {
			if err == io.EOF {
				p.endOfStream()
			}
			return nil, nil, err
		}
		p.stats.Records++
		p.stats.Bytes += int64(len(rec.Data))
		if len(rec.Meta) > 0 {
			p.checkMeta(rec, r.Offset())
		}
		pkt := p.identify(rec)
		p.noteMatch(pkt)
		p.target, p.name = "UNKNOWN", "UNKNOWN"
		if pkt != nil {
			p.target, p.name = pkt.Target, pkt.Name
		}
		if !p.pass(p.target, p.name) {
			continue
		}
		if pkt == nil {
			p.stats.Unknown++
		}
		return rec, pkt, nil
	}
}

// prepareAll compiles every packet of kind up front, so a conversion that
// cannot run is an error at start-up (or, leniently, a warning) rather than
// a surprise at the first such packet.
func prepareAll(set *def.Set, kind def.Kind, prepare func(*def.Packet) error) error {
	for _, t := range set.Targets {
		for _, p := range t.Packets(kind) {
			if err := prepare(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkItems rejects --items names no packet has: a typo would otherwise
// just print nothing.
func checkItems(set *def.Set, kind def.Kind, names []string) error {
	for _, n := range names {
		found := false
		for _, t := range set.Targets {
			for _, p := range t.Packets(kind) {
				if p.Item(n) != nil {
					found = true
					break
				}
			}
		}
		if !found {
			return fmt.Errorf("--items: no %s packet has an item %s", kindWord(kind), n)
		}
	}
	return nil
}

func kindWord(k def.Kind) string {
	if k == def.Command {
		return "command"
	}
	return "telemetry"
}

// RejectedError ends a decode that rejected records of packets that cannot
// be used (each reported as it came): the output is complete, and the exit
// status says not everything was decoded.
type RejectedError struct{ N int64 }

func (e *RejectedError) Error() string {
	return fmt.Sprintf("%d records rejected: their packets cannot be used (see the warnings)", e.N)
}
