package plugin

import (
	"encoding/hex"
	"path/filepath"
	"sort"
	"strings"

	"github.com/c3kit/c3kit/internal/cliutil"
)

// Stage is one process of a pipeline: Stage[0] is a c3kit binary.
type Stage []string

// Pipeline is the c3kit equivalent of one INTERFACE (commands in from the
// left, telemetry out to the right) or one ROUTER (a loop through the
// routed interface).
type Pipeline struct {
	Link   *Link
	Stages []Stage
	// Loop: the last stage's output feeds the first stage's input (a
	// router bridges its clients and the routed interface both ways).
	Loop bool
	// Notes name the plugin.txt settings that mean nothing to a filter
	// (COSMOS server settings), one line each with file:line.
	Notes []string
}

// Options steer Build.
type Options struct {
	// TargetsDir is how the targets folder is spelled in -d flags
	// (default: targets/ beside the plugin.txt).
	TargetsDir string
	// LinkArgs are extra c3link flags for every c3link stage
	// (--count, --linger, ...).
	LinkArgs []string
	// Has reports whether c3link has a subcommand (flag "") or a flag of
	// it; nil skips the check.
	Has func(sub, flag string) bool
	// Encode runs the command stages on one COSMOS command string and
	// returns the bytes the interface would write (CONNECT_CMD and
	// PERIODIC_CMD); nil makes those options an error.
	Encode func(stages []Stage, command string) ([]byte, error)
}

// Build returns the pipeline of the INTERFACE or ROUTER called name.
func (p *Plugin) Build(name string, o Options) (*Pipeline, error) {
	l := p.Link(name)
	if l == nil {
		return nil, errAt(p.Path, 0, "no INTERFACE or ROUTER %s (have: %s)", name, p.linkNames())
	}
	if o.TargetsDir == "" {
		o.TargetsDir = filepath.Join(p.Dir, "targets")
	}
	b := &builder{p: p, o: o, pl: &Pipeline{Link: l}}
	if l.Keyword == "ROUTER" {
		return b.router(l)
	}
	return b.iface(l)
}

func (p *Plugin) linkNames() string {
	var n []string
	for _, l := range p.Links {
		n = append(n, l.Name)
	}
	if len(n) == 0 {
		return "none"
	}
	return strings.Join(n, ", ")
}

type builder struct {
	p     *Plugin
	o     Options
	pl    *Pipeline
	notes []*Error
}

func (b *builder) note(w Where, format string, a ...any) {
	b.notes = append(b.notes, w.errf(format, a...))
}

// finish puts the notes in file order.
func (b *builder) finish() *Pipeline {
	sort.SliceStable(b.notes, func(i, j int) bool { return b.notes[i].Line < b.notes[j].Line })
	for _, n := range b.notes {
		b.pl.Notes = append(b.pl.Notes, n.Error())
	}
	return b.pl
}

// halves are the two directions of one interface.
type halves struct {
	read, write []Stage // protocol stages: read in listed order, write reversed
	ignore      []string
	canRead     bool
	canWrite    bool
	link        Stage
	pacing      []string // c3link's response flags (TEMPLATE, CmdResponse)
}

// iface: c3encode | write protocols | c3link | read protocols | c3decode.
func (b *builder) iface(l *Link) (*Pipeline, error) {
	cmdDefs, tlmDefs, err := b.mapped(l)
	if err != nil {
		return nil, err
	}
	h, err := b.link(l, cmdDefs, tlmDefs)
	if err != nil {
		return nil, err
	}
	var st []Stage
	if h.canWrite {
		enc := Stage{"c3encode"}
		if len(cmdDefs) == 0 {
			enc = append(enc, "--hex")
		}
		st = append(st, append(enc, cmdDefs...))
		st = append(st, h.write...)
	}
	st = append(st, h.link)
	if h.canRead {
		st = append(st, h.read...)
		dec := Stage{"c3decode"}
		if len(tlmDefs) == 0 {
			dec = append(dec, "--hex")
		}
		dec = append(dec, tlmDefs...)
		for _, ig := range h.ignore {
			dec = append(dec, "--ignore", ig)
		}
		st = append(st, dec)
	}
	b.pl.Stages = st
	return b.finish(), nil
}

// router: routed interface | its read protocols | the router's write
// protocols | router link | its read protocols | the interface's write
// protocols, back into the interface.
func (b *builder) router(r *Link) (*Pipeline, error) {
	if len(r.Routes) != 1 {
		return nil, r.errf("ROUTER %s routes %d interfaces; c3kit bridges exactly one (one ROUTE line)", r.Name, len(r.Routes))
	}
	il := b.p.Link(r.Routes[0])
	if il == nil || il.Keyword != "INTERFACE" {
		return nil, r.errf("ROUTER %s: ROUTE %s names no INTERFACE of this plugin", r.Name, r.Routes[0])
	}
	cmdDefs, tlmDefs, err := b.mapped(il)
	if err != nil {
		return nil, err
	}
	ih, err := b.link(il, cmdDefs, tlmDefs)
	if err != nil {
		return nil, err
	}
	rh, err := b.link(r, nil, nil)
	if err != nil {
		return nil, err
	}
	if len(ih.ignore)+len(rh.ignore) > 0 {
		return nil, r.errf("ROUTER %s: IgnorePacketProtocol needs packet definitions, which a router pipeline does not decode", r.Name)
	}
	var st []Stage
	st = append(st, ih.link)
	st = append(st, ih.read...)
	st = append(st, rh.write...)
	st = append(st, rh.link)
	st = append(st, rh.read...)
	st = append(st, ih.write...)
	b.pl.Stages, b.pl.Loop = st, true
	return b.finish(), nil
}

// mapped gives the -d flags of the command and the telemetry targets of an
// interface (MAP_TARGET counts for both).
func (b *builder) mapped(l *Link) (cmd, tlm []string, err error) {
	if cmd, err = b.defs(l, append(append([]string{}, l.MapTarget...), l.MapCmd...)); err != nil {
		return nil, nil, err
	}
	tlm, err = b.defs(l, append(append([]string{}, l.MapTarget...), l.MapTlm...))
	return cmd, tlm, err
}

// defs gives the -d flags of the named targets (and --target when the one
// target is renamed, as TARGET FOLDER NAME does).
func (b *builder) defs(l *Link, names []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	var renamed *Target
	n := 0
	for _, name := range names {
		if seen[strings.ToUpper(name)] {
			continue
		}
		seen[strings.ToUpper(name)] = true
		t := b.p.Target(name)
		if t == nil {
			return nil, l.errf("%s %s maps target %s, but no TARGET line of this plugin names it", l.Keyword, l.Name, name)
		}
		n++
		if t.Name != t.Folder {
			renamed = t
		}
		out = append(out, "-d", filepath.Join(b.o.TargetsDir, t.Folder))
	}
	if renamed != nil {
		if n > 1 {
			return nil, l.errf("%s %s: target %s is folder %s renamed; c3decode renames one target at a time (--target), and %d are mapped",
				l.Keyword, l.Name, renamed.Name, renamed.Folder, n)
		}
		out = append(out, "--target", renamed.Name)
	}
	return out, nil
}

// link builds the c3link stage and the protocol stages of one interface.
func (b *builder) link(l *Link, cmdDefs, tlmDefs []string) (*halves, error) {
	lc, ok := linkClasses[className(l.Class)]
	if !ok {
		return nil, l.errf("%s %s: %s is not an interface c3kit has (c3link has %s); a custom Ruby or Python interface cannot run here",
			l.Keyword, l.Name, l.Class, knownLinks(b.o.Has))
	}
	if b.o.Has != nil && !b.o.Has(lc.sub, "") {
		return nil, l.errf("%s %s: %s needs c3link %s, which this c3link does not have", l.Keyword, l.Name, l.Class, lc.sub)
	}
	if len(l.Params) < lc.required {
		return nil, l.errf("%s %s: %s needs at least %d parameters, %d given", l.Keyword, l.Name, l.Class, lc.required, len(l.Params))
	}
	h := &halves{canRead: true, canWrite: true}
	if lc.writeIdx >= 0 {
		h.canWrite = lc.writeIdx < len(l.Params) && !cliutil.IsNil(l.Params[lc.writeIdx])
	}
	if lc.readIdx >= 0 {
		h.canRead = lc.readIdx < len(l.Params) && !cliutil.IsNil(l.Params[lc.readIdx])
	}
	if err := b.protocols(l, h, cmdDefs, tlmDefs); err != nil {
		return nil, err
	}
	st := Stage{"c3link", lc.sub}
	st = append(st, l.Params...)
	st = append(st, "--name", l.Name)
	flags, err := b.modifiers(l, lc)
	if err != nil {
		return nil, err
	}
	st = append(st, flags...)
	flags, err = b.options(l, lc, h, cmdDefs)
	if err != nil {
		return nil, err
	}
	st = append(st, flags...)
	if lc.sub == "mqtt" && h.canRead {
		if flags, err = b.mqttTopics(l); err != nil {
			return nil, err
		}
		st = append(st, flags...)
	}
	st = append(st, h.pacing...)
	h.link = append(st, b.o.LinkArgs...)
	return h, nil
}

// protocols turns the inline protocol and the PROTOCOL lines into stages.
// COSMOS adds read protocols in order and write protocols each in front of
// the last, so data read passes them as listed and data written in reverse.
func (b *builder) protocols(l *Link, h *halves, cmdDefs, tlmDefs []string) error {
	pc := scanPacing(l)
	for i := range l.Protocols {
		pr := &l.Protocols[i]
		cls, ok := protoClasses[className(pr.Class)]
		where := "PROTOCOL " + pr.Dir + " " + pr.Class
		if pr.Inline {
			where = "inline protocol " + pr.Class
		}
		switch {
		case !ok:
			return pr.errf("%s %s: %s is not a protocol c3kit has (custom protocols cannot run here; c3kit has BURST, LENGTH, TERMINATED, SLIP, COBS, PREIDENTIFIED, FIXED, TEMPLATE, CrcProtocol, IgnorePacketProtocol, CmdResponseProtocol, GemsProtocol, CcsdsTmtfProtocol, CcsdsTctfProtocol, CcsdsCltuProtocol and the demo's encryption_protocol.rb)", l.Name, where, pr.Class)
		case cls.kind == protoMissing:
			return pr.errf("%s %s: c3kit has no stage for COSMOS's %s protocol yet", l.Name, where, strings.ToUpper(className(pr.Class)))
		}
		read := pr.Dir != "WRITE"
		write := pr.Dir != "READ"
		switch cls.kind {
		case protoFrame:
			if cls.stage == "terminated" {
				var err error
				if read, write, err = pc.terminated(pr, l, where, read, write); err != nil {
					return err
				}
			}
			if read {
				h.read = append(h.read, frameStage(cls.stage, pr.Params, false, tlmDefs))
			}
			if write {
				h.write = append([]Stage{frameStage(cls.stage, pr.Params, true, cmdDefs)}, h.write...)
			}
		case protoGems:
			if read {
				h.read = append(h.read, frameStage(cls.stage, pr.Params, false, nil))
			}
			if write {
				h.write = append([]Stage{frameStage(cls.stage, pr.Params, true, nil)}, h.write...)
			}
		case protoTemplate:
			if err := b.template(l, pr, where, h, pc, cmdDefs, tlmDefs); err != nil {
				return err
			}
		case protoCmdResponse:
			if err := b.cmdResponse(l, pr, where, pc); err != nil {
				return err
			}
		case protoCRC:
			if read {
				h.read = append(h.read, append(Stage{"c3crc", "verify"}, pr.Params...))
			}
			if write {
				h.write = append([]Stage{append(Stage{"c3crc", "add"}, pr.Params...)}, h.write...)
			}
		case protoIgnore:
			if len(pr.Params) != 2 {
				return pr.errf("%s %s: IgnorePacketProtocol takes a target and a packet name", l.Name, where)
			}
			if write {
				return pr.errf("%s %s: dropping commands (IgnorePacketProtocol on WRITE) has no c3kit stage; leave them out of c3encode's input", l.Name, where)
			}
			h.ignore = append(h.ignore, pr.Params[0]+"."+pr.Params[1])
		}
	}
	h.pacing = b.linkFlags(l, pc)
	return nil
}

func frameStage(sub string, params []string, write bool, defs []string) Stage {
	st := append(Stage{"c3frame", sub}, params...)
	if sub == "fixed" {
		st = append(st, defs...)
	}
	if write {
		st = append(st, "--write")
	}
	return st
}

// modifiers maps the INTERFACE modifiers to c3link flags.
func (b *builder) modifiers(l *Link, lc linkClass) ([]string, error) {
	var out []string
	for _, m := range l.Modifiers {
		switch m.Keyword {
		case "RECONNECT_DELAY":
			if len(m.Params) != 1 {
				return nil, m.errf("RECONNECT_DELAY takes one value (seconds)")
			}
			out = append(out, "--reconnect-delay", m.Params[0])
		case "DONT_RECONNECT":
			out = append(out, "--dont-reconnect")
		case "LOG_STREAM":
			if len(m.Params) > 4 {
				return nil, m.errf("LOG_STREAM takes at most 4 values (cycle time, size, hour, minute)")
			}
			out = append(out, "--log-stream", filepath.Join("stream_logs", l.Name))
			for i, f := range []string{"--log-cycle-time", "--log-cycle-size", "--log-cycle-hour", "--log-cycle-minute"} {
				if i < len(m.Params) {
					out = append(out, f, m.Params[i])
				}
			}
		case "SECRET":
			flags, err := b.secret(l, lc, m)
			if err != nil {
				return nil, err
			}
			out = append(out, flags...)
		case "DONT_CONNECT", "DISABLE_DISCONNECT", "ENV", "WORK_DIR", "PORT", "CMD", "CONTAINER", "ROUTE_PREFIX", "SHARD":
			b.note(m.Where, "%s: a COSMOS server setting with no c3kit equivalent; not used", m.Keyword)
		default:
			return nil, m.errf("%s is not a keyword of %s (plugins.md)", m.Keyword, l.Keyword)
		}
	}
	return out, nil
}

// serverOptions are OPTIONs of COSMOS's server that a filter has no use for.
var serverOptions = map[string]bool{"UPDATE_INTERVAL": true, "OPTIMIZE_THROUGHPUT": true, "SYNC_PACKET_COUNT_DELAY_SECONDS": true}

// options maps OPTION lines to c3link flags. COSMOS option names are c3link
// flag names (LISTEN_ADDRESS is --listen-address); CONNECT_CMD and
// PERIODIC_CMD name a command, which is encoded through the command stages.
func (b *builder) options(l *Link, lc linkClass, h *halves, cmdDefs []string) ([]string, error) {
	var out []string
	for _, op := range l.Options {
		switch {
		case serverOptions[op.Name]:
			b.note(op.Where, "OPTION %s: a COSMOS server setting with no c3kit equivalent; not used", op.Name)
		case op.Name == "CONNECT_CMD" || op.Name == "PERIODIC_CMD":
			v, err := b.command(l, op, h, cmdDefs)
			if err != nil {
				return nil, err
			}
			out = append(out, "--"+flagName(op.Name), v)
		default:
			flag := flagName(op.Name)
			if b.o.Has != nil && !b.o.Has(lc.sub, flag) {
				if b.o.Has(lc.sub, flag+"-env") {
					return nil, op.errf("OPTION %s: c3link %s takes it only from the environment or a file, never the command line: SECRET ENV %s VAR %s gives --%s-env VAR",
						op.Name, lc.sub, op.Name, op.Name, flag)
				}
				return nil, op.errf("OPTION %s: c3link %s has no --%s", op.Name, lc.sub, flag)
			}
			out = append(out, "--"+flag)
			if len(op.Params) > 0 {
				out = append(out, strings.Join(op.Params, " "))
			}
		}
	}
	return out, nil
}

func flagName(option string) string { return strings.ToLower(strings.ReplaceAll(option, "_", "-")) }

// command encodes a CONNECT_CMD or PERIODIC_CMD command into the value of
// c3link's flag: "[LOG|DONT_LOG] [SECONDS] 0xHEX".
func (b *builder) command(l *Link, op Option, h *halves, cmdDefs []string) (string, error) {
	words := op.Params
	var prefix []string
	if len(words) > 0 && (strings.EqualFold(words[0], "LOG") || strings.EqualFold(words[0], "DONT_LOG")) {
		prefix, words = append(prefix, strings.ToUpper(words[0])), words[1:]
	}
	if op.Name == "PERIODIC_CMD" {
		if len(words) < 1 {
			return "", op.errf("OPTION PERIODIC_CMD takes [LOG|DONT_LOG] SECONDS \"COMMAND\"")
		}
		prefix, words = append(prefix, words[0]), words[1:]
	}
	if len(words) != 1 {
		return "", op.errf("OPTION %s takes one command string (quote it: \"INST ABORT\")", op.Name)
	}
	if !h.canWrite {
		return "", op.errf("OPTION %s: %s %s has no write direction", op.Name, l.Keyword, l.Name)
	}
	if len(cmdDefs) == 0 {
		return "", op.errf("OPTION %s %q: %s %s maps no command target to encode it with (MAP_TARGET)", op.Name, words[0], l.Keyword, l.Name)
	}
	if b.o.Encode == nil {
		return "", op.errf("OPTION %s %q: cannot encode commands here", op.Name, words[0])
	}
	stages := append([]Stage{append(Stage{"c3encode"}, cmdDefs...)}, h.write...)
	data, err := b.o.Encode(stages, words[0])
	if err != nil {
		return "", op.errf("OPTION %s %q: %v", op.Name, words[0], err)
	}
	if len(data) == 0 {
		return "", op.errf("OPTION %s %q: the command encodes to no bytes", op.Name, words[0])
	}
	return strings.Join(append(prefix, "0x"+strings.ToUpper(hex.EncodeToString(data))), " "), nil
}
