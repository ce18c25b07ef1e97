package frame

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// PreidentifiedParams are COSMOS PreidentifiedProtocol's parameters, in order.
type PreidentifiedParams struct {
	Sync      []byte // sync pattern, discarded on read (nil: none)
	MaxLength int64  // max value of the extra and data length fields (0: none)
	// Mode is the third, legacy parameter. Current COSMOS ignores it and
	// always uses the COSMOS 4.3+ layout (4). c3frame honours 2, the
	// COSMOS <= 4.2 layout without the flags octet and extra, for old logs.
	Mode int
}

// Preidentified header flags (COSMOS mode 4).
const (
	preFlagStored = 0x80
	preFlagExtra  = 0x40
)

// Preidentified is COSMOS PreidentifiedProtocol: each packet carries its
// received time, target and packet names, stored flag and extra in a
// header, so records keep their identity through a byte stream (COSMOS
// routers, COSMOS 4 log files). Layout (big-endian): [sync] flags:u8
// [extra_len:u32 extra_json] time_sec:u32 time_usec:u32 tgt_len:u8 tgt
// pkt_len:u8 pkt data_len:u32 data.
type Preidentified struct {
	PreidentifiedParams
	maxLen int

	// The last header read, turned into meta by Annotate.
	flags   byte
	extra   map[string]any
	sec     uint32
	usec    uint32
	target  string
	packet  string
	dataLen int
	// The names boxed once for the meta map: consecutive packets usually
	// share them, and boxing a string per packet is an allocation each.
	targetAny, packetAny any

	hdr   []byte
	parts [2][]byte
}

// NewPreidentified validates p and returns a Preidentified protocol.
func NewPreidentified(p PreidentifiedParams) (*Preidentified, error) {
	switch p.Mode {
	case 0:
		p.Mode = 4
	case 2, 4:
	default:
		return nil, fmt.Errorf("mode %d is not 2 or 4", p.Mode)
	}
	if p.MaxLength < 0 {
		return nil, fmt.Errorf("max length %d is negative", p.MaxLength)
	}
	return &Preidentified{PreidentifiedParams: p, maxLen: DefaultMaxLen}, nil
}

// SyncPattern implements Protocol.
func (p *Preidentified) SyncPattern() []byte { return p.Sync }

// DiscardLeading implements Protocol: the header parser skips the sync
// pattern itself.
func (p *Preidentified) DiscardLeading() int { return 0 }

// Reset implements Splitter.
func (p *Preidentified) Reset() {}

// lenField checks a 4-byte length field against --max-length and the cap.
func (p *Preidentified) lenField(what string, v uint32) *Fault {
	if p.MaxLength > 0 && int64(v) > p.MaxLength {
		return faultf(1, "%s length field %d exceeds --max-length %d", what, v, p.MaxLength)
	}
	if int64(v) > int64(p.maxLen) {
		return faultf(1, "%s length field %d exceeds the %d-byte cap (set --max-length)", what, v, p.maxLen)
	}
	return nil
}

// Split implements Splitter: parse the header as far as the bytes go.
func (p *Preidentified) Split(buf []byte) (int, []byte, error) {
	i := len(p.Sync)
	var flags byte
	if p.Mode == 4 {
		if len(buf) < i+1 {
			return 0, nil, nil
		}
		flags = buf[i]
		i++
	}
	var extra []byte
	var xoff int
	if flags&preFlagExtra != 0 {
		if len(buf) < i+4 {
			return 0, nil, nil
		}
		n := binary.BigEndian.Uint32(buf[i:])
		if f := p.lenField("extra", n); f != nil {
			return 0, nil, f
		}
		i += 4
		if len(buf) < i+int(n) {
			return 0, nil, nil
		}
		extra = buf[i : i+int(n)]
		xoff = i
		i += int(n)
	}
	if len(buf) < i+9 {
		return 0, nil, nil
	}
	sec := binary.BigEndian.Uint32(buf[i:])
	usec := binary.BigEndian.Uint32(buf[i+4:])
	tl := int(buf[i+8])
	i += 9
	if len(buf) < i+(tl+1) {
		return 0, nil, nil
	}
	tgt := buf[i : i+tl]
	pl := int(buf[i+tl])
	i += tl + 1
	if len(buf) < i+(pl+4) {
		return 0, nil, nil
	}
	pkt := buf[i : i+pl]
	dl := binary.BigEndian.Uint32(buf[i+pl:])
	if f := p.lenField("data", dl); f != nil {
		return 0, nil, f
	}
	i += pl + 4
	if len(buf) < i+int(dl) {
		return 0, nil, nil
	}
	n := i + int(dl)
	p.extra = nil
	if extra != nil {
		x, err := parseExtra(extra)
		if err != nil {
			// The framing is intact: drop just this packet.
			return 0, nil, faultf(n, "extra at packet byte %d is not a JSON object (%v)", xoff, err)
		}
		p.extra = x
	}
	p.flags, p.sec, p.usec, p.dataLen = flags, sec, usec, int(dl)
	if string(tgt) != p.target || p.targetAny == nil {
		p.target = string(tgt)
		p.targetAny = p.target
	}
	if string(pkt) != p.packet || p.packetAny == nil {
		p.packet = string(pkt)
		p.packetAny = p.packet
	}
	return n, buf[i:n], nil
}

// Annotate implements Annotator: the chunk's meta, overlaid with the
// header's time, names, stored flag and extra (header keys win).
func (p *Preidentified) Annotate(chunk record.Meta) record.Meta {
	m := chunk.Clone()
	if m == nil {
		m = make(record.Meta, 5) // sized for the header's keys: no growth
	}
	m.SetTime(time.Unix(int64(p.sec), int64(p.usec)*1000))
	m[record.KeyTarget] = p.targetAny
	m[record.KeyPacket] = p.packetAny
	m[record.KeyStored] = p.flags&preFlagStored != 0
	for k, v := range p.extra {
		m.SetExtra(k, v)
	}
	return m
}

// parseExtra parses the header's extra JSON. Integers stay integers (CBOR
// and c3decode keep them exact).
func parseExtra(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	for k, v := range m {
		m[k] = fromJSON(v)
	}
	return m, nil
}

func fromJSON(v any) any {
	switch t := v.(type) {
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return i
		}
		if f, err := t.Float64(); err == nil {
			return f
		}
		return t.String()
	case []any:
		for i := range t {
			t[i] = fromJSON(t[i])
		}
	case map[string]any:
		for k := range t {
			t[k] = fromJSON(t[k])
		}
	}
	return v
}

// Explain implements Explainer.
func (p *Preidentified) Explain(raw []byte) string {
	return fmt.Sprintf("%d-byte header + data length field %d = %d bytes (%s %s)", len(raw)-p.dataLen, p.dataLen, len(raw), p.target, p.packet)
}

// Frame implements Framer: build the header from the meta. A missing
// target or packet name is written as UNKNOWN and a missing time as now,
// as COSMOS does. Extra is written as compact JSON (COSMOS Ruby's to_json;
// Python writes ", " and ": " separators, which c3frame reads as well).
func (p *Preidentified) Frame(meta record.Meta, pkt []byte) ([][]byte, error) {
	h := append(p.hdr[:0], p.Sync...)
	if p.Mode == 4 {
		var flags byte
		if meta.Stored() {
			flags |= preFlagStored
		}
		x := meta.Extra()
		if len(x) > 0 {
			flags |= preFlagExtra
		}
		h = append(h, flags)
		if len(x) > 0 {
			js, err := json.Marshal(x)
			if err != nil {
				return nil, faultf(0, "extra cannot be written as JSON: %v", err)
			}
			h = binary.BigEndian.AppendUint32(h, uint32(len(js)))
			h = append(h, js...)
		}
	}
	t, ok := meta.Time()
	if !ok {
		t = time.Now()
	}
	h = binary.BigEndian.AppendUint32(h, uint32(t.Unix()))
	h = binary.BigEndian.AppendUint32(h, uint32(t.Nanosecond()/1000))
	for _, name := range []string{meta.Target(), meta.Packet()} {
		if name == "" {
			name = "UNKNOWN"
		}
		if len(name) > 255 {
			return nil, faultf(0, "name %q is longer than 255 bytes", strings.ToValidUTF8(name[:32], "?")+"...")
		}
		h = append(h, byte(len(name)))
		h = append(h, name...)
	}
	h = binary.BigEndian.AppendUint32(h, uint32(len(pkt)))
	p.hdr = h
	p.parts[0], p.parts[1] = h, pkt
	return p.parts[:], nil
}
