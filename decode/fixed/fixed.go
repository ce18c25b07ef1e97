// Package fixed is COSMOS's Fixed protocol: it reads the minimum number of
// bytes that identify any packet of the interface's targets, identifies the
// packet with the definitions, and then takes exactly that packet's defined
// length. It plugs into frame.Deframer as a Splitter (c3frame fixed), so it
// shares the other deframers' sync-pattern search, discarding, meta and
// resync-on-error behaviour; the write direction is Burst's (fill the sync
// pattern).
//
// Where COSMOS returns everything buffered as one unknown packet, Fixed
// reports the unidentified bytes as a fault (one diagnostic with the stream
// offset) and the Deframer resyncs: at the next sync pattern, or one byte
// further when there is none. COSMOS's "unknown raise" stops the stream
// instead (UnknownRaise, which c3frame maps to --on-error fail).
package fixed

import (
	"fmt"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

// Params are COSMOS FixedProtocol's parameters, in COSMOS order, plus the
// definitions it identifies with.
type Params struct {
	// MinIDSize is the number of bytes (counting discarded leading bytes)
	// buffered before identification: every ID item must lie within them.
	MinIDSize int
	// Discard, Sync and Fill are BurstProtocol's parameters.
	frame.BurstParams
	// Telemetry identifies telemetry packets (COSMOS default true); false
	// identifies commands.
	Telemetry bool
	// UnknownRaise makes an unidentified packet stop the stream.
	UnknownRaise bool

	// Set holds the definitions; Targets, if given, limits and orders the
	// targets tried (COSMOS's interface target list), else all in load
	// order.
	Set     *def.Set
	Targets []string
}

// Fixed is the protocol. It is not safe for concurrent use.
type Fixed struct {
	*frame.Burst // the write direction, sync pattern and discard
	p            Params
	kind         def.Kind
	last         *def.Packet // identified by the last successful Split
}

// New validates p and returns the protocol.
func New(p Params) (*Fixed, error) {
	if p.Set == nil {
		return nil, fmt.Errorf("fixed: packet definitions are required")
	}
	if p.MinIDSize < 1 {
		return nil, fmt.Errorf("fixed: minimum ID size %d must be at least 1", p.MinIDSize)
	}
	if p.MinIDSize > frame.DefaultMaxLen {
		return nil, fmt.Errorf("fixed: minimum ID size %d is over the %d-byte cap", p.MinIDSize, frame.DefaultMaxLen)
	}
	for _, t := range p.Targets {
		if p.Set.Target(t) == nil {
			return nil, fmt.Errorf("fixed: target %s is not defined", t)
		}
	}
	b, err := frame.NewBurst(p.BurstParams)
	if err != nil {
		return nil, fmt.Errorf("fixed: %w", err)
	}
	f := &Fixed{Burst: b, p: p, kind: def.Command}
	if p.Telemetry {
		f.kind = def.Telemetry
	}
	return f, nil
}

// UnknownRaise reports COSMOS's unknown raise: the caller should stop at
// the first unidentified packet (frame.Options.FailFast).
func (f *Fixed) UnknownRaise() bool { return f.p.UnknownRaise }

// Split implements frame.Splitter: wait for MinIDSize bytes, identify the
// packet from the bytes after the discarded ones, then wait for its
// defined length.
func (f *Fixed) Split(buf []byte) (int, []byte, error) {
	if len(buf) < f.p.MinIDSize {
		return 0, nil, nil
	}
	d := f.p.Discard
	if d > len(buf) {
		return 0, nil, nil
	}
	pkt, ok := f.p.Set.Identify(buf[d:], f.kind, f.p.Targets...)
	if !ok {
		return 0, nil, &frame.Fault{Msg: fmt.Sprintf("unknown data: no %s packet matches the %d bytes read (minimum ID size %d)",
			f.kindName(), min(len(buf), f.p.MinIDSize), f.p.MinIDSize), Skip: 1}
	}
	n := pkt.DefinedLength + d
	if n <= 0 {
		return 0, nil, &frame.Fault{Msg: fmt.Sprintf("%s %s has no defined length", pkt.Target, pkt.Name), Skip: 1}
	}
	if n > f.MaxLen {
		return 0, nil, &frame.Fault{Msg: fmt.Sprintf("%s %s is %d bytes, over the %d-byte cap", pkt.Target, pkt.Name, n, f.MaxLen), Skip: 1}
	}
	if len(buf) < n {
		return 0, nil, nil
	}
	f.last = pkt
	return n, buf[:n], nil
}

func (f *Fixed) kindName() string {
	if f.kind == def.Command {
		return "command"
	}
	return "telemetry"
}

// Reset implements frame.Splitter.
func (f *Fixed) Reset() { f.last = nil }

// Annotate implements frame.Annotator: like COSMOS's read_packet, the
// packet carries the target and packet names it was identified as.
func (f *Fixed) Annotate(chunk record.Meta) record.Meta {
	m := chunk.Clone()
	if m == nil {
		m = record.Meta{}
	}
	if f.last != nil {
		m[record.KeyTarget] = f.last.Target
		m[record.KeyPacket] = f.last.Name
	}
	return m
}

// Explain implements frame.Explainer for --explain.
func (f *Fixed) Explain(pkt []byte) string {
	if f.last == nil {
		return fmt.Sprintf("%d bytes", len(pkt))
	}
	return fmt.Sprintf("identified as %s %s from the first %d bytes; defined length %d", f.last.Target, f.last.Name, f.p.MinIDSize, f.last.DefinedLength)
}
