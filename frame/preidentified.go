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
	MaxLen    int    // c3kit cap on one frame, header included (0: DefaultMaxLen)
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
	dataLen int
	names   *preNames // the last header's target and packet
	// Every name pair seen (up to maxNames), keyed by its header bytes, so
	// names that alternate are not converted, boxed and encoded again.
	nameCache map[string]*preNames

	hdr   []byte
	parts [2][]byte
}

// preNames is one target and packet name pair, with what each packet
// of that pair reuses.
type preNames struct {
	key            string // tgt_len tgt pkt_len pkt, as in the header
	target, packet string
	// Boxed once for the meta map: boxing a string per packet is an
	// allocation each.
	targetAny, packetAny any
	// The CBOR meta of a packet of this pair without extra, by stored
	// flag, time included: encoded by record.Meta.Encode the first time,
	// then AppendMeta patches the time in place of encoding a map per
	// packet.
	tmpl [2][]byte
}

// maxNames bounds the name cache: a stream of ever new names (garbage
// that parses) empties it rather than growing it.
const maxNames = 1024

// tmplTime is where the time's 8 bytes start in metaTmpl: after the map
// head, the text head and "time", and the 64-bit integer head. Times below
// 2^32 ns (1970, the first 4 s) have a shorter head: AppendMeta leaves them
// to Annotate.
const tmplTime = 7

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
	if p.MaxLen < 0 {
		return nil, fmt.Errorf("max record %d is negative", p.MaxLen)
	}
	if p.MaxLen == 0 {
		p.MaxLen = DefaultMaxLen
	}
	return &Preidentified{PreidentifiedParams: p, maxLen: p.MaxLen}, nil
}

// SyncPattern implements Protocol.
func (p *Preidentified) SyncPattern() []byte { return p.Sync }

// DiscardLeading implements Protocol: the header parser skips the sync
// pattern itself.
func (p *Preidentified) DiscardLeading() int { return 0 }

// Reset implements Splitter.
func (p *Preidentified) Reset() {}

// MaxFrame implements Capped.
func (p *Preidentified) MaxFrame() int { return p.maxLen }

// header is where a packet's parts lie, as parseHeader found them.
type header struct {
	flags      byte
	extra      []byte
	xoff       int
	sec, usec  uint32
	tgt, pkt   []byte
	names      []byte // tgt_len through pkt: the name pair's cache key
	data, n    int    // data start, whole packet length
	why        int    // hdrOK, hdrMore, or the fault
	what       string // which length field faulted
	v          uint32 // its value
	needs, cap int    // for hdrOverCap: the bytes the packet needs
}

const (
	hdrOK      = iota
	hdrMore    // more bytes needed
	hdrOverMax // a length field over --max-length: implausible, resync
	hdrOverCap // a plausible packet over the memory cap: skip it whole
	hdrHuge    // over the memory cap with no --max-length to vouch for it
)

// lenField checks a 4-byte length field whose bytes would end the frame at
// end: against --max-length (COSMOS's field limit), then the frame against
// the memory cap. Frame applies the same rule.
func (p *Preidentified) lenField(h *header, what string, v uint32, end int64) bool {
	switch {
	case p.MaxLength > 0 && int64(v) > p.MaxLength:
		h.why = hdrOverMax
	case end > int64(p.maxLen) && p.MaxLength > 0 && what == "data":
		h.why = hdrOverCap // only the data length gives the packet's end
	case end > int64(p.maxLen):
		h.why = hdrHuge
	default:
		return true
	}
	h.what, h.v, h.needs = what, v, int(min(end, 1<<62))
	return false
}

// parseHeader reads the header as far as the bytes go. It allocates
// nothing: Scan runs it at every byte of garbage.
func (p *Preidentified) parseHeader(buf []byte, h *header) {
	h.why = hdrMore
	i := len(p.Sync)
	h.flags = 0
	if p.Mode == 4 {
		if len(buf) < i+1 {
			return
		}
		h.flags = buf[i]
		i++
	}
	h.extra = nil
	if h.flags&preFlagExtra != 0 {
		if len(buf) < i+4 {
			return
		}
		n := binary.BigEndian.Uint32(buf[i:])
		if !p.lenField(h, "extra", n, int64(i)+4+int64(n)) {
			return
		}
		i += 4
		if len(buf) < i+int(n) {
			return
		}
		h.extra, h.xoff = buf[i:i+int(n)], i
		i += int(n)
	}
	if len(buf) < i+9 {
		return
	}
	h.sec = binary.BigEndian.Uint32(buf[i:])
	h.usec = binary.BigEndian.Uint32(buf[i+4:])
	tl := int(buf[i+8])
	i += 9
	if len(buf) < i+(tl+1) {
		return
	}
	h.tgt = buf[i : i+tl]
	pl := int(buf[i+tl])
	i += tl + 1
	if len(buf) < i+(pl+4) {
		return
	}
	h.pkt = buf[i : i+pl]
	h.names = buf[i-tl-2 : i+pl]
	dl := binary.BigEndian.Uint32(buf[i+pl:])
	i += pl + 4
	if !p.lenField(h, "data", dl, int64(i)+int64(dl)) {
		return
	}
	if len(buf) < i+int(dl) {
		return
	}
	h.data, h.n, h.v, h.why = i, i+int(dl), dl, hdrOK
}

// Scan implements Scanner: the bytes at which a header's length field is
// over --max-length or the cap, which Split would resync from one by one.
// The common garbage (a flags octet with the extra bit and an impossible
// extra length) is refused without parsing the rest of the header.
func (p *Preidentified) Scan(buf []byte) int {
	// The extra length field is refused above xmax (lenField's rule for a
	// field whose 4 bytes start after the flags octet).
	xmax := int64(p.maxLen) - 5
	if p.MaxLength > 0 {
		xmax = min(xmax, p.MaxLength)
	}
	var h header
	i := 0
	if p.Mode == 4 && len(buf) >= 5 && xmax < 0xFF<<24 {
		// Garbage with the extra flag and an extra length whose top byte
		// is already too big is refused by two byte compares.
		n, most := len(buf)-4, byte(xmax>>24)
		flags, top := buf[:n], buf[1:n+1]
		for j, c := range flags {
			if c&preFlagExtra == 0 || top[j] <= most {
				break
			}
			i = j + 1
		}
	}
	for ; i < len(buf); i++ {
		if b := buf[i:]; p.Mode == 4 && len(b) >= 5 && b[0]&preFlagExtra != 0 && int64(binary.BigEndian.Uint32(b[1:])) > xmax {
			continue
		}
		p.parseHeader(buf[i:], &h)
		if h.why != hdrOverMax && h.why != hdrHuge {
			return i
		}
	}
	return i
}

// Split implements Splitter: parse the header as far as the bytes go.
func (p *Preidentified) Split(buf []byte) (int, []byte, error) {
	var h header
	p.parseHeader(buf, &h)
	switch h.why {
	case hdrMore:
		return 0, nil, nil
	case hdrOverMax:
		return 0, nil, faultf(1, "%s length field %d exceeds --max-length %d", h.what, h.v, p.MaxLength)
	case hdrOverCap:
		return 0, nil, &Fault{Msg: fmt.Sprintf("%s length field %d gives a %d-byte packet, over the %d-byte cap (set --max-record)", h.what, h.v, h.needs, p.maxLen), Skip: h.needs, Whole: true}
	case hdrHuge:
		hint := "set --max-record, and --max-length to skip such packets whole"
		if p.MaxLength > 0 {
			hint = "set --max-record" // an extra this big cannot be skipped whole: its packet's end is unknown
		}
		return 0, nil, faultf(1, "%s length field %d gives a %d-byte packet, over the %d-byte cap (%s)", h.what, h.v, h.needs, p.maxLen, hint)
	}
	p.extra = nil
	if h.extra != nil {
		x, err := parseExtra(h.extra)
		if err != nil {
			// The framing is intact: drop just this packet.
			return 0, nil, faultf(h.n, "extra at packet byte %d is not a JSON object (%v)", h.xoff, err)
		}
		p.extra = x
	}
	p.flags, p.sec, p.usec, p.dataLen = h.flags, h.sec, h.usec, h.n-h.data
	if p.names == nil || string(h.names) != p.names.key {
		p.lookupNames(&h)
	}
	return h.n, buf[h.data:h.n], nil
}

// lookupNames makes h's name pair the current one, from the cache when
// it was seen before.
func (p *Preidentified) lookupNames(h *header) {
	if n := p.nameCache[string(h.names)]; n != nil {
		p.names = n
		return
	}
	if p.nameCache == nil || len(p.nameCache) >= maxNames {
		p.nameCache = make(map[string]*preNames)
	}
	n := &preNames{key: string(h.names), target: string(h.tgt), packet: string(h.pkt)}
	n.targetAny, n.packetAny = n.target, n.packet
	p.nameCache[n.key] = n
	p.names = n
}

// Annotate implements Annotator: the chunk's meta, overlaid with the
// header's time, names, stored flag and extra (header keys win).
func (p *Preidentified) Annotate(chunk record.Meta) record.Meta {
	m := chunk.Clone()
	if m == nil {
		m = make(record.Meta, 5) // sized for the header's keys: no growth
	}
	m.SetTime(time.Unix(int64(p.sec), int64(p.usec)*1000))
	m[record.KeyTarget] = p.names.targetAny
	m[record.KeyPacket] = p.names.packetAny
	m[record.KeyStored] = p.flags&preFlagStored != 0
	for k, v := range p.extra {
		m.SetExtra(k, v)
	}
	return m
}

// AppendMeta implements MetaAppender: Annotate's meta, encoded, for the
// common packet (no chunk meta, no extra) from a template with the time
// patched in; ok is false for any other packet.
func (p *Preidentified) AppendMeta(dst []byte, chunk record.Meta) ([]byte, bool) {
	if len(chunk) > 0 || p.extra != nil {
		return dst, false
	}
	ns := uint64(p.sec)*1e9 + uint64(p.usec)*1000 // time.Unix(sec, usec*1000).UnixNano()
	if ns < 1<<32 {
		return dst, false
	}
	stored := 0
	if p.flags&preFlagStored != 0 {
		stored = 1
	}
	tmpl := p.names.tmpl[stored]
	if tmpl == nil {
		if tmpl = p.template(); tmpl == nil {
			return dst, false
		}
		p.names.tmpl[stored] = tmpl
	}
	n := len(dst)
	dst = append(dst, tmpl...)
	binary.BigEndian.PutUint64(dst[n+tmplTime:], ns)
	return dst, true
}

// template encodes the meta Annotate gives this packet, or returns nil
// if the time does not lie where AppendMeta patches it.
func (p *Preidentified) template() []byte {
	b, err := p.Annotate(nil).Encode()
	if err != nil || len(b) < tmplTime+8 || string(b[1:tmplTime]) != "\x64time\x1b" {
		return nil
	}
	return b
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
	return fmt.Sprintf("%d-byte header + data length field %d = %d bytes (%s %s)", len(raw)-p.dataLen, p.dataLen, len(raw), p.names.target, p.names.packet)
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
			if p.MaxLength > 0 && int64(len(js)) > p.MaxLength {
				return nil, faultf(0, "extra of %d bytes as JSON exceeds --max-length %d", len(js), p.MaxLength)
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
	// The rule Split applies, so whatever is written reads back.
	if p.MaxLength > 0 && int64(len(pkt)) > p.MaxLength {
		return nil, faultf(0, "packet of %d bytes exceeds --max-length %d", len(pkt), p.MaxLength)
	}
	if n := len(h) + 4 + len(pkt); n > p.maxLen {
		return nil, faultf(0, "framed packet of %d bytes exceeds the %d-byte cap (set --max-record)", n, p.maxLen)
	}
	h = binary.BigEndian.AppendUint32(h, uint32(len(pkt)))
	p.hdr = h
	p.parts[0], p.parts[1] = h, pkt
	return p.parts[:], nil
}
