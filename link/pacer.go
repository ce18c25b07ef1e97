package link

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// Meta keys of command/response pacing (docs/c3link-guide.md, "Commands
// that expect a response").
const (
	// ExtraResponse on a stdin record names the telemetry packet that
	// answers it, "TARGET PACKET" (COSMOS's RESPONSE keyword, or the
	// RSP_PACKET of the Template protocol). c3link then holds the next
	// command until that response is read or the response timeout passes,
	// and tags the response record with target and packet.
	ExtraResponse = "RESPONSE"
	// ExtraRspTemplate is copied from the command to its response, so the
	// stage that builds the response packet finds the template.
	ExtraRspTemplate = "RSP_TEMPLATE"
	// ExtraCommand on a response names the command it answers, "TARGET
	// PACKET" as the command record's meta named it.
	ExtraCommand = "CMD"
)

// PaceConfig is COSMOS's CmdResponseProtocol, with the read-side
// parameters of the (deprecated) TemplateProtocol.
type PaceConfig struct {
	Timeout time.Duration // response timeout (COSMOS: 5.0 s)
	Raise   bool          // a timeout or an unexpected response ends c3link (exit 1)
	// Term are the read termination characters: with them the link's
	// reads are split into lines, and a response is Lines lines after
	// IgnoreLines dropped ones. Without them one read is one response.
	Term        []byte
	Strip       bool // strip the final termination characters of a response
	Lines       int  // lines in a response (1)
	IgnoreLines int  // lines dropped before each response (0)
	// InitialReadDelay: after each connect, whatever arrives within this
	// long is dropped (connect banners, prompts).
	InitialReadDelay time.Duration
}

// maxLine bounds an unterminated line kept between reads.
const maxLine = 16 << 20

// pacer pairs commands with their responses. The writer registers the
// command before writing it (a fast device may answer before Write
// returns), then waits on the returned channel; the read side completes
// it.
type pacer struct {
	cfg    PaceConfig
	notify func(format string, a ...any)

	mu        sync.Mutex
	awaiting  *awaited
	partial   []byte
	resp      []byte
	ignored   int
	got       int
	dropUntil time.Time

	responses, timeouts, unexpected, dropped atomic.Int64
	fatal                                    chan error
}

type awaited struct {
	target, packet string // the response packet
	cmd            string // "TARGET PACKET" of the command, when its meta says
	template       any    // RSP_TEMPLATE to copy
	seq            int64
	done           chan struct{}
}

func newPacer(cfg PaceConfig, notify func(string, ...any)) *pacer {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 5 * time.Second
	}
	if cfg.Lines <= 0 {
		cfg.Lines = 1
	}
	return &pacer{cfg: cfg, notify: notify, fatal: make(chan error, 1)}
}

// wantsResponse returns the response packet a stdin record asks for.
func wantsResponse(meta record.Meta) (target, packet string, ok bool) {
	s, _ := meta.Extra()[ExtraResponse].(string)
	f := strings.Fields(s)
	if len(f) != 2 {
		return "", "", false
	}
	return f[0], f[1], true
}

// expect registers the command about to be written; nil when it expects
// no response.
func (p *pacer) expect(meta record.Meta, seq int64) *awaited {
	t, pk, ok := wantsResponse(meta)
	if !ok {
		return nil
	}
	a := &awaited{target: t, packet: pk, seq: seq, done: make(chan struct{}), template: meta.Extra()[ExtraRspTemplate]}
	if meta.Target() != "" {
		a.cmd = meta.Target() + " " + meta.Packet()
	}
	p.mu.Lock()
	p.awaiting, p.ignored, p.got, p.resp = a, 0, 0, p.resp[:0]
	p.mu.Unlock()
	return a
}

// cancel forgets a command whose write failed or whose response timed out.
func (p *pacer) cancel(a *awaited) {
	p.mu.Lock()
	if p.awaiting == a {
		p.awaiting = nil
	}
	p.mu.Unlock()
}

// wait blocks until the response to a arrives (true), the timeout passes
// (false, reported) or quit closes.
func (p *pacer) wait(a *awaited, quit <-chan struct{}) {
	t := time.NewTimer(p.cfg.Timeout)
	defer t.Stop()
	select {
	case <-a.done:
	case <-quit:
		p.cancel(a)
	case <-t.C:
		p.cancel(a)
		p.timeouts.Add(1)
		what := fmt.Sprintf("stdin record %d", a.seq)
		if a.cmd != "" {
			what += " (" + a.cmd + ")"
		}
		msg := fmt.Sprintf("%s: no %s %s response within %v", what, a.target, a.packet, p.cfg.Timeout)
		if p.cfg.Raise {
			p.fail(fmt.Errorf("%s (raise exceptions)", msg))
			return
		}
		p.notify("%s; sending the next command", msg)
	}
}

func (p *pacer) fail(err error) {
	select {
	case p.fatal <- err:
	default:
	}
}

// connected starts the initial read delay of a new connection.
func (p *pacer) connected() {
	p.mu.Lock()
	p.partial = p.partial[:0]
	if p.cfg.InitialReadDelay > 0 {
		p.dropUntil = time.Now().Add(p.cfg.InitialReadDelay)
	}
	p.mu.Unlock()
}

// emit takes one read of the link: it drops it during the initial read
// delay, splits it into lines with Term, and tags and completes responses.
func (p *pacer) emit(s *Sink, meta record.Meta, data []byte) error {
	p.mu.Lock()
	if !p.dropUntil.IsZero() && time.Now().Before(p.dropUntil) {
		p.mu.Unlock()
		p.dropped.Add(int64(len(data)))
		s.Recycle(data)
		return nil
	}
	if p.cfg.Term == nil {
		meta = p.complete(meta)
		p.mu.Unlock()
		return s.emitChunk(meta, data)
	}
	p.partial = append(p.partial, data...)
	s.Recycle(data)
	var out []chunk
	for {
		i := bytes.Index(p.partial, p.cfg.Term)
		if i < 0 {
			if len(p.partial) > maxLine {
				i = len(p.partial) - len(p.cfg.Term) // flush an endless line as one
			} else {
				break
			}
		}
		end := i + len(p.cfg.Term)
		line := p.partial[:end]
		if c, ok := p.line(s, meta, line); ok {
			out = append(out, c)
		}
		p.partial = append(p.partial[:0], p.partial[end:]...)
	}
	p.mu.Unlock()
	for _, c := range out {
		if err := s.emitChunk(c.meta, c.data); err != nil {
			return err
		}
	}
	return nil
}

// line handles one terminated line (mu held): dropped as an ignored line,
// gathered into a response, or passed on alone.
func (p *pacer) line(s *Sink, meta record.Meta, line []byte) (chunk, bool) {
	a := p.awaiting
	if a == nil {
		p.unexpected.Add(1)
		msg := fmt.Sprintf("%d-byte line read with no command awaiting a response", len(line))
		if p.cfg.Raise {
			p.fail(fmt.Errorf("%s (raise exceptions)", msg))
		} else {
			p.notify("%s; passed on untagged", msg)
		}
		return chunk{meta, p.copyOut(s, p.strip(line))}, true
	}
	if p.ignored < p.cfg.IgnoreLines {
		p.ignored++
		return chunk{}, false
	}
	p.resp = append(p.resp, line...)
	p.got++
	if p.got < p.cfg.Lines {
		return chunk{}, false
	}
	meta = p.complete(meta)
	return chunk{meta, p.copyOut(s, p.strip(p.resp))}, true
}

func (p *pacer) strip(b []byte) []byte {
	if p.cfg.Strip {
		return bytes.TrimSuffix(b, p.cfg.Term)
	}
	return b
}

// copyOut copies a line into a buffer the stdout writer may own.
func (p *pacer) copyOut(s *Sink, b []byte) []byte {
	if len(b) <= s.readSize {
		return append(s.Buffer()[:0], b...)
	}
	return append([]byte(nil), b...)
}

// complete tags meta as the response of the awaited command and releases
// the writer (mu held). Without an awaited command meta is returned as is.
func (p *pacer) complete(meta record.Meta) record.Meta {
	a := p.awaiting
	if a == nil {
		return meta
	}
	p.awaiting = nil
	p.responses.Add(1)
	close(a.done)
	if meta == nil { // --out raw: no meta is built at all
		return nil
	}
	out := meta.Clone()
	out[record.KeyTarget], out[record.KeyPacket] = a.target, a.packet
	if a.cmd != "" {
		out.SetExtra(ExtraCommand, a.cmd)
	}
	if a.template != nil {
		out.SetExtra(ExtraRspTemplate, a.template)
	}
	return out
}
