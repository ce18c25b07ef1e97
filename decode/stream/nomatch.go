package stream

import (
	"fmt"
	"strings"

	"github.com/c3kit/c3kit/decode/def"
)

// noMatchAfter is how many unidentified records in a row, from the start,
// make the definitions suspect: a stream's first record may be a partial
// one, ten are not.
const noMatchAfter = 10

// told is what a pipeline tells once per stream.
type told struct {
	started    bool  // the start-up checks ran
	meta       bool  // a wrong-typed meta key was reported
	identified int64 // records a packet matched
	noMatch    bool  // "none matched" (or "no packets") was told
}

// start tells, before the first record, that the definitions define no
// packet of the kind decoded.
func (p *pipeline) start() {
	p.told.started = true
	if msg := NoPacketsWarning(p.cfg.Set, p.cfg.Kind); msg != "" {
		p.report(msg)
		p.told.noMatch = true
	}
}

// noteMatch counts identified records and tells once, when the first
// noMatchAfter records all stayed UNKNOWN, that the definitions given
// identify nothing in this stream (the wrong -d, or commands without
// --cmd): otherwise the output is silently all UNKNOWN.
func (p *pipeline) noteMatch(pkt *def.Packet) {
	if pkt != nil {
		p.told.identified++
		return
	}
	if p.told.identified == 0 && !p.told.noMatch && p.stats.Records >= noMatchAfter {
		p.tellNoMatch()
	}
}

// endOfStream tells the same for a short stream that ended unidentified.
func (p *pipeline) endOfStream() {
	if p.told.identified == 0 && !p.told.noMatch && p.stats.Records > 0 {
		p.tellNoMatch()
	}
}

func (p *pipeline) tellNoMatch() {
	p.told.noMatch = true
	hint := "is -d the right target?"
	if p.cfg.Kind == def.Telemetry {
		hint += " commands need --cmd"
	}
	read := fmt.Sprintf("any of the %d records read", p.stats.Records)
	if p.stats.Records == 1 {
		read = "the 1 record read"
	}
	p.report(fmt.Sprintf("warning: no %s packet of %s matched %s; %s (told once)",
		kindWord(p.cfg.Kind), targetNames(p.cfg.Set), read, hint))
}

// NoPacketsWarning is the start-up warning for definitions that define no
// packet of kind at all ("" when they do).
func NoPacketsWarning(set *def.Set, kind def.Kind) string {
	for _, t := range set.Targets {
		if len(t.Packets(kind)) > 0 {
			return ""
		}
	}
	hint := ""
	if kind == def.Telemetry {
		hint = " (commands need --cmd)"
	}
	return fmt.Sprintf("warning: the definitions of %s define no %s packets: every record will be UNKNOWN%s", targetNames(set), kindWord(kind), hint)
}

func targetNames(set *def.Set) string {
	names := make([]string, 0, len(set.Targets))
	for _, t := range set.Targets {
		names = append(names, t.Name)
	}
	if len(names) > 5 {
		names = append(names[:5], "...")
	}
	return strings.Join(names, ", ")
}
