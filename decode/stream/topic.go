package stream

import (
	"maps"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
)

// MQTT topics, as COSMOS's MQTT interface uses them: a command's
// `META TOPIC name` is the topic it is published to (c3encode puts it in
// the record's extra.TOPIC for c3link mqtt), and a telemetry packet's
// `META TOPIC name` / `META TOPICS a b c` are the topics whose messages it
// is (c3decode identifies a record carrying extra.TOPIC by it, before
// looking at the bytes).

// KeyTopic is the extra meta key holding an MQTT topic.
const KeyTopic = "TOPIC"

// topicIndex maps every telemetry topic of set to its packet (the last
// definition wins, as COSMOS's hash does). Commands are not identified by
// topic.
func topicIndex(set *def.Set, kind def.Kind) map[string]*def.Packet {
	if set == nil || kind != def.Telemetry {
		return nil
	}
	var idx map[string]*def.Packet
	for _, t := range set.Targets {
		for _, p := range t.Telemetry {
			var topics []string
			if v := p.Meta["TOPIC"]; len(v) > 0 {
				topics = append(topics, v[0])
			}
			topics = append(topics, p.Meta["TOPICS"]...)
			for _, tp := range topics {
				if idx == nil {
					idx = map[string]*def.Packet{}
				}
				idx[tp] = p
			}
		}
	}
	return idx
}

// byTopic returns the packet a record's extra.TOPIC names, or nil.
func (p *pipeline) byTopic(rec *record.Record) *def.Packet {
	if p.topics == nil {
		return nil
	}
	t, _ := rec.Meta.Extra()[KeyTopic].(string)
	if t == "" {
		return nil
	}
	return p.topics[t]
}

// commandExtra is the extra meta of a command record: the request's own
// extra (copied, so the request is untouched), plus the command's
// `META TOPIC` as TOPIC unless the request gives one. The engine's
// accessor may add more (HTTP_METHOD, ...).
func commandExtra(pkt *def.Packet, meta record.Meta) map[string]any {
	extra := maps.Clone(meta.Extra())
	if v := pkt.Meta["TOPIC"]; len(v) > 0 {
		if _, given := extra[KeyTopic]; !given {
			if extra == nil {
				extra = map[string]any{}
			}
			extra[KeyTopic] = v[0]
		}
	}
	if extra == nil && pkt.KeyedAccessor() {
		extra = map[string]any{}
	}
	return extra
}
