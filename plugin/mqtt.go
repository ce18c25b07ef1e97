package plugin

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/c3kit/c3kit/decode/def"
)

// mqttTopics gives the --topic flags of an mqtt_interface. COSMOS's MQTT
// interface subscribes to the `META TOPIC` / `META TOPICS` of every
// telemetry packet of its targets; c3link mqtt subscribes to what --topic
// names, so they are read here from the target folders beside the
// plugin.txt (the folders themselves, whatever -d spelling is printed).
func (b *builder) mqttTopics(l *Link) ([]string, error) {
	var names []string
	names = append(append(names, l.MapTarget...), l.MapTlm...)
	seen := map[string]bool{}
	var topics []string
	for _, name := range names {
		t := b.p.Target(name)
		if t == nil || seen[t.Folder+"\x00"+t.Name] {
			continue // defs() has reported an unknown target already
		}
		seen[t.Folder+"\x00"+t.Name] = true
		dir := filepath.Join(b.p.Dir, "targets", t.Folder)
		set, err := def.Load([]string{dir}, def.Options{Target: t.Name})
		if err != nil {
			return nil, l.errf("%s %s: %s subscribes to the META TOPIC of target %s's telemetry, which cannot be read: %v",
				l.Keyword, l.Name, l.Class, t.Name, err)
		}
		for _, tg := range set.Targets {
			for _, pk := range tg.Telemetry {
				if v := pk.Meta["TOPIC"]; len(v) > 0 {
					topics = append(topics, v[0])
				}
				topics = append(topics, pk.Meta["TOPICS"]...)
			}
		}
	}
	sort.Strings(topics)
	var out []string
	for i, tp := range topics {
		if i == 0 || tp != topics[i-1] {
			out = append(out, "--topic", tp)
		}
	}
	if len(out) == 0 {
		b.note(l.Where, "%s %s: no telemetry packet of its targets has META TOPIC; c3link mqtt reads nothing without --topic (add -- --topic T)", l.Keyword, l.Name)
	}
	return out, nil
}

// fileOptions are the OPTIONs whose c3link flag takes a file path.
var fileOptions = map[string]bool{"CERT": true, "KEY": true, "CA_FILE": true}

// secret maps `SECRET ENV|FILE NAME ENV_OR_PATH [OPTION [STORE]]`: COSMOS
// puts the secret in an environment variable or a file and gives its value
// to OPTION. c3link takes passwords from a file or the environment only
// (--password-env, --password-file), and certificates and keys as files
// (--cert, --key, --ca-file), so the secret's variable or file is named
// to c3link, never its value.
func (b *builder) secret(l *Link, lc linkClass, m Modifier) ([]string, error) {
	if len(m.Params) < 3 {
		return nil, m.errf("SECRET takes ENV|FILE, the secret name, the environment variable or file path, and the option name")
	}
	kind, where := strings.ToUpper(m.Params[0]), m.Params[2]
	if kind != "ENV" && kind != "FILE" {
		return nil, m.errf("SECRET type %q must be ENV or FILE", m.Params[0])
	}
	if len(m.Params) < 4 {
		b.note(m.Where, "SECRET %s %s: a secret for COSMOS's microservice, given to no OPTION; not used", kind, m.Params[1])
		return nil, nil
	}
	flag := flagName(m.Params[3])
	var candidates []string
	switch {
	case kind == "ENV":
		candidates = []string{flag + "-env"}
	case fileOptions[strings.ToUpper(m.Params[3])]:
		candidates = []string{flag} // the option is a file path already
	default:
		candidates = []string{flag + "-file"}
	}
	for _, f := range candidates {
		if b.o.Has == nil || b.o.Has(lc.sub, f) {
			return []string{"--" + f, where}, nil
		}
	}
	b.note(m.Where, "SECRET %s %s for OPTION %s: c3link %s takes no --%s; pass the value after -- (-- --%s VALUE)",
		kind, m.Params[1], m.Params[3], lc.sub, candidates[0], flag)
	return nil, nil
}
