package plugin

import (
	"strings"

	"github.com/c3kit/c3kit/internal/cliutil"
)

// gemsTerm is GEMS's read and write termination ("|END"): the
// TerminatedProtocol under a GemsProtocol is part of c3frame gems.
const gemsTerm = "0x7C454E44"

// pacing is what the response protocols of one interface (TEMPLATE,
// CmdResponseProtocol) ask of c3link, the one stage that sees commands go
// out and responses come in (docs/c3link-guide.md, "Commands that expect a response").
type pacing struct {
	owner       *Protocol // the Template or CmdResponse protocol that paces
	cmdResponse bool      // a CmdResponseProtocol is listed
	gems        bool      // a GemsProtocol is listed
	// gemsRead and gemsWrite: the directions a GemsProtocol works in.
	gemsRead, gemsWrite bool
	// term is the TerminatedProtocol whose read side c3link's response
	// splitting (--response-term) takes over under CmdResponse.
	term      *Protocol
	termStrip bool // term's STRIP_READ_TERMINATION
	flags     []string
}

// scanPacing finds the protocols whose presence changes how the others
// map: CmdResponse moves a TerminatedProtocol's read side into c3link,
// Gems absorbs its TerminatedProtocol.
func scanPacing(l *Link) *pacing {
	pc := &pacing{}
	for _, pr := range l.Protocols {
		switch protoClasses[className(pr.Class)].kind {
		case protoCmdResponse:
			pc.cmdResponse = true
		case protoGems:
			pc.gems = true
			pc.gemsRead = pc.gemsRead || pr.Dir != "WRITE"
			pc.gemsWrite = pc.gemsWrite || pr.Dir != "READ"
		}
	}
	return pc
}

// param returns the i-th parameter unless it is absent or nil.
func param(params []string, i int) (string, bool) {
	if i < len(params) && !cliutil.IsNil(params[i]) {
		return params[i], true
	}
	return "", false
}

// boolParam reads the i-th parameter as a COSMOS boolean (absent or nil:
// def).
func boolParam(pr *Protocol, where string, i int, name string, def bool) (bool, error) {
	v, ok := param(pr.Params, i)
	if !ok {
		return def, nil
	}
	b, err := cliutil.ParseBool(v)
	if err != nil {
		return false, pr.errf("%s: %s %v", where, name, err)
	}
	return b, nil
}

// takeOver marks a protocol as the one that paces; two are an error.
func (pc *pacing) takeOver(pr *Protocol, l *Link, where string) error {
	if pc.owner != nil {
		return pr.errf("%s %s: %s already paces commands (line %d); COSMOS would wait for two responses, c3link waits for one",
			l.Name, where, pc.owner.Class, pc.owner.Line)
	}
	pc.owner = pr
	return nil
}

// terminated decides which directions of a TerminatedProtocol stay
// c3frame terminated stages: GEMS's |END termination is c3frame gems's
// work in the directions a GemsProtocol covers, and under CmdResponse the
// read side is c3link's response splitting.
func (pc *pacing) terminated(pr *Protocol, l *Link, where string, read, write bool) (keepRead, keepWrite bool, err error) {
	if pc.gems && len(pr.Params) >= 2 && strings.EqualFold(pr.Params[1], gemsTerm) {
		pc.term = pr
		return read && !pc.gemsRead, write && !pc.gemsWrite, nil
	}
	if !pc.cmdResponse || !read {
		return read, write, nil
	}
	if pc.term != nil {
		return false, false, pr.errf("%s %s: a second TerminatedProtocol under CmdResponseProtocol; c3link splits responses at one termination (line %d's)", l.Name, where, pc.term.Line)
	}
	if v, ok := param(pr.Params, 3); ok && v != "0" {
		return false, false, pr.errf("%s %s: DISCARD_LEADING_BYTES %s under CmdResponseProtocol: c3link splits responses at --response-term and discards nothing", l.Name, where, v)
	}
	if v, ok := param(pr.Params, 4); ok {
		return false, false, pr.errf("%s %s: SYNC_PATTERN %s under CmdResponseProtocol: c3link splits responses at --response-term and has no sync pattern", l.Name, where, v)
	}
	if _, ok := param(pr.Params, 1); !ok {
		return false, false, pr.errf("%s %s: TerminatedProtocol needs READ_TERMINATION_CHARACTERS", l.Name, where)
	}
	if pc.termStrip, err = boolParam(pr, l.Name+" "+where, 2, "STRIP_READ_TERMINATION", true); err != nil {
		return false, false, err
	}
	pc.term = pr
	return false, write, nil
}

// template maps the Template protocol (write_term read_term ignore_lines
// initial_read_delay response_lines strip_read_termination
// discard_leading_bytes sync_pattern fill_fields response_timeout
// response_polling_period raise_exceptions allow_empty_data) to c3frame
// template on both sides and c3link's pacing flags.
func (b *builder) template(l *Link, pr *Protocol, where string, h *halves, pc *pacing, cmdDefs, tlmDefs []string) error {
	p := pr.Params
	if len(p) < 2 || cliutil.IsNil(p[0]) || cliutil.IsNil(p[1]) {
		return pr.errf("%s %s: TEMPLATE needs WRITE_TERMINATION_CHARACTERS and READ_TERMINATION_CHARACTERS (TEMPLATE 0xA 0xA)", l.Name, where)
	}
	if len(p) > 13 {
		return pr.errf("%s %s: TEMPLATE takes at most 13 parameters, %d given", l.Name, where, len(p))
	}
	if err := pc.takeOver(pr, l, where); err != nil {
		return err
	}
	if v, ok := param(p, 6); ok && v != "0" {
		return pr.errf("%s %s: DISCARD_LEADING_BYTES %s: c3link splits responses at the read termination and discards nothing", l.Name, where, v)
	}
	if v, ok := param(p, 7); ok {
		return pr.errf("%s %s: SYNC_PATTERN %s: c3link splits responses at the read termination and has no sync pattern", l.Name, where, v)
	}
	read, write := pr.Dir != "WRITE", pr.Dir != "READ"
	if read {
		if len(tlmDefs) == 0 {
			return pr.errf("%s %s: TEMPLATE builds RSP_PACKET telemetry from the definitions; map a target (MAP_TARGET)", l.Name, where)
		}
		h.read = append(h.read, append(Stage{"c3frame", "template", p[0], p[1]}, tlmDefs...))
	}
	if write {
		if len(cmdDefs) == 0 {
			return pr.errf("%s %s: TEMPLATE reads CMD_TEMPLATE from the command definitions; map a target (MAP_TARGET)", l.Name, where)
		}
		st := append(Stage{"c3frame", "template", p[0], p[1]}, cmdDefs...)
		h.write = append([]Stage{append(st, "--write")}, h.write...)
	}
	pc.flags = append(pc.flags, "--response-term", p[1])
	for _, f := range []struct {
		i    int
		flag string
	}{{2, "--ignore-lines"}, {3, "--initial-read-delay"}, {4, "--response-lines"}} {
		if v, ok := param(p, f.i); ok {
			pc.flags = append(pc.flags, f.flag, v)
		}
	}
	strip, err := boolParam(pr, l.Name+" "+where, 5, "STRIP_READ_TERMINATION", true)
	if err != nil {
		return err
	}
	if !strip {
		pc.flags = append(pc.flags, "--strip-term", "false")
	}
	if _, err := boolParam(pr, l.Name+" "+where, 8, "FILL_FIELDS", false); err != nil {
		return err // with no sync pattern there is nothing to fill
	}
	return b.responseFlags(l, pr, where, pc, p, 9, 12)
}

// cmdResponse maps CmdResponseProtocol (response_timeout
// response_polling_period raise_exceptions) to c3link's pacing flags. Its
// responses are delimited by the interface's TerminatedProtocol, whose
// read side c3link takes over (--response-term), or by GEMS's |END.
func (b *builder) cmdResponse(l *Link, pr *Protocol, where string, pc *pacing) error {
	if len(pr.Params) > 4 {
		return pr.errf("%s %s: CmdResponseProtocol takes at most 4 parameters (timeout, polling period, raise exceptions, allow empty data), %d given", l.Name, where, len(pr.Params))
	}
	if err := pc.takeOver(pr, l, where); err != nil {
		return err
	}
	return b.responseFlags(l, pr, where, pc, pr.Params, 0, 3)
}

// responseFlags maps the timeout, polling period and raise exceptions at
// params[first:first+3], and notes allow empty data at params[empty].
func (b *builder) responseFlags(l *Link, pr *Protocol, where string, pc *pacing, p []string, first, empty int) error {
	if v, ok := param(p, first); ok {
		pc.flags = append(pc.flags, "--response-timeout", v)
	}
	if v, ok := param(p, first+1); ok {
		pc.flags = append(pc.flags, "--response-polling", v)
	}
	raise, err := boolParam(pr, l.Name+" "+where, first+2, "RAISE_EXCEPTIONS", false)
	if err != nil {
		return err
	}
	if raise {
		pc.flags = append(pc.flags, "--raise")
	}
	allow, err := boolParam(pr, l.Name+" "+where, empty, "ALLOW_EMPTY_DATA", false)
	if err != nil {
		return err
	}
	if allow {
		b.note(pr.Where, "%s: ALLOW_EMPTY_DATA true: c3link passes every response on as read; not used", where)
	}
	return nil
}

// linkFlags are the pacing flags for the c3link stage, once every protocol
// is seen: CmdResponse learns its response termination from the
// TerminatedProtocol (or GEMS) it was listed with.
func (b *builder) linkFlags(l *Link, pc *pacing) []string {
	if !pc.cmdResponse {
		return pc.flags
	}
	var term []string
	switch {
	case pc.gems: // c3frame gems reads whole messages, |END included
		term = append(term, "--response-term", gemsTerm, "--strip-term", "false")
	case pc.term != nil:
		term = append(term, "--response-term", pc.term.Params[1])
		if !pc.termStrip {
			term = append(term, "--strip-term", "false")
		}
	default:
		b.note(pc.owner.Where, "%s: no TerminatedProtocol to delimit responses: c3link takes each read as one response", pc.owner.Class)
	}
	return append(term, pc.flags...)
}
