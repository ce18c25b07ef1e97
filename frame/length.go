package frame

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/c3kit/c3kit/decode/accessor"
	"github.com/c3kit/c3kit/frame/record"
)

// LengthParams are COSMOS LengthProtocol's parameters, in COSMOS order.
type LengthParams struct {
	BitOffset     int   // length bit offset (0)
	BitSize       int   // length bit size (16)
	ValueOffset   int64 // length value offset (0)
	BytesPerCount int   // bytes per count (1)
	LittleEndian  bool  // length endianness (BIG_ENDIAN)
	MaxLength     int64 // max allowed value in the length field (0: none)
	BurstParams         // discard leading bytes, sync pattern, fill length and sync pattern
}

// Length is COSMOS LengthProtocol: a length field at a fixed place in every
// packet gives the packet's total length.
type Length struct {
	LengthParams
	f      field
	vmax   uint64 // largest field value whose packet length cannot overflow
	lo, hi uint64 // the field values that give a packet (Scan)
	g      field  // the field as it sits in a packet without its discarded bytes (write, fill)
	parts  [2][]byte
	prefix []byte
	joined []byte
}

// NewLength validates p and returns a Length protocol.
func NewLength(p LengthParams) (*Length, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	f, err := newField(p.BitOffset, p.BitSize, p.LittleEndian)
	if err != nil {
		return nil, fmt.Errorf("length field: %w", err)
	}
	if p.BytesPerCount < 1 {
		return nil, fmt.Errorf("bytes per count %d must be at least 1", p.BytesPerCount)
	}
	if p.MaxLength < 0 {
		return nil, fmt.Errorf("max length %d is negative", p.MaxLength)
	}
	l := &Length{LengthParams: p, f: f, vmax: (1 << 62) / uint64(p.BytesPerCount)}
	l.lo, l.hi = l.usableRange()
	if p.Fill && p.BitOffset >= p.Discard*8 {
		if l.g, err = newField(p.BitOffset-p.Discard*8, p.BitSize, p.LittleEndian); err != nil {
			return nil, fmt.Errorf("length field without the %d discarded bytes: %w", p.Discard, err)
		}
	}
	return l, nil
}

// Why a length field value does not give a packet (lenOK: it does).
const (
	lenOK      = iota
	lenOverMax // over --max-length: implausible, resync
	lenShort   // smaller than the bytes up to the end of the length field
	lenOverCap // a plausible packet over the memory cap (--max-record)
	lenHuge    // over the memory cap with no --max-length to vouch for it
)

// packetLen turns a length field value into the packet's total length (sync
// pattern and discarded bytes included) and says whether that length is
// usable. It is the one rule Frame applies too: the field value is checked
// against --max-length (COSMOS's field limit), the packet length against
// the memory cap. It allocates nothing, since Scan runs it per byte.
func (l *Length) packetLen(v uint64) (int64, int) {
	if l.MaxLength > 0 && v > uint64(l.MaxLength) {
		return 0, lenOverMax
	}
	// v*bytes-per-count+offset, saturating: a 64-bit field times a count
	// size must not wrap into a small plausible length.
	if v > l.vmax {
		return 1 << 62, l.overCap()
	}
	n := int64(v)*int64(l.BytesPerCount) + l.ValueOffset
	if n < int64(l.f.need()) {
		return n, lenShort
	}
	if n > int64(l.MaxLen) {
		return n, l.overCap()
	}
	return n, lenOK
}

func (l *Length) overCap() int {
	if l.MaxLength > 0 {
		return lenOverCap
	}
	return lenHuge
}

// fault is the report for a packetLen verdict other than lenOK.
func (l *Length) fault(v uint64, n int64, why int) *Fault {
	switch why {
	case lenOverMax:
		return faultf(1, "length field %d exceeds --max-length %d", v, l.MaxLength)
	case lenShort:
		return faultf(1, "length field %d gives a %d-byte packet, smaller than the %d bytes up to the end of the length field", v, n, l.f.need())
	case lenOverCap:
		// The field is within --max-length, so this is a real packet: drop
		// it whole rather than find bogus packets inside it.
		return &Fault{Msg: fmt.Sprintf("length field %d gives a %d-byte packet, over the %d-byte cap (set --max-record)", v, n, l.MaxLen), Skip: int(n), Whole: true}
	}
	return faultf(1, "length field %d gives a %d-byte packet, over the %d-byte cap (set --max-record, and --max-length to skip such packets whole)", v, n, l.MaxLen)
}

// Split implements Splitter. Like COSMOS's Ruby implementation it reads the
// length field as soon as the bytes holding it are present.
func (l *Length) Split(buf []byte) (int, []byte, error) {
	if len(buf) < l.f.need() {
		return 0, nil, nil
	}
	v := l.f.read(buf)
	n, why := l.packetLen(v)
	if why != lenOK {
		return 0, nil, l.fault(v, n, why)
	}
	if int64(len(buf)) < n {
		return 0, nil, nil
	}
	return int(n), buf[:n], nil
}

// Scan implements Scanner: the bytes from which a length field gives no
// packet and Split would resync by one. A field value gives a packet (or a
// packet to skip whole) exactly when it lies in [lo, hi], so the loop is a
// load and one compare per byte.
func (l *Length) Scan(buf []byte) int {
	lo, span := l.lo, l.hi-l.lo
	if l.hi < l.lo {
		span = 0
		lo = ^uint64(0) // no value is usable: only the last byte could pass, and it cannot
	}
	need := l.f.need()
	if len(buf) < need {
		return 0
	}
	end := len(buf) - need // last start with a whole field
	off := l.f.off / 8
	le := l.f.endian == accessor.LittleEndian
	read := l.f.fastRead()
	if l.f.off%8 == 0 && !le && l.f.size >= 16 && l.f.size <= 64 && l.f.size%16 == 0 && l.hi>>(l.f.size-8) < 0xFF {
		// A big-endian field's first byte bounds its value: most garbage
		// is refused by one byte compare, in a loop without bounds checks.
		top := byte(l.hi >> (l.f.size - 8))
		firsts := buf[off : off+end+1]
		i := 0
		for i < len(firsts) {
			if top < 0x80 {
				// Eight first bytes at a time: no byte below top+1 in the
				// word means no candidate (the "has less" bit trick).
				ones := uint64(0x0101010101010101)
				below := ones * (uint64(top) + 1)
				for ; i+8 <= len(firsts); i += 8 {
					x := binary.LittleEndian.Uint64(firsts[i:])
					if (x-below)&^x&(ones<<7) != 0 {
						break
					}
				}
			}
			for stop := min(i+8, len(firsts)); i < stop; i++ {
				if firsts[i] <= top && read(buf[i:])-lo <= span {
					return i
				}
			}
		}
		return end + 1
	}
	for i := 0; i <= end; i++ {
		if read(buf[i:])-lo <= span {
			return i
		}
	}
	return end + 1
}

// usableRange is the range of field values packetLen accepts or skips
// whole (lenOK, lenOverCap): from the smallest that reaches the end of the
// length field up to --max-length, or without it up to the cap.
func (l *Length) usableRange() (lo, hi uint64) {
	bpc := int64(l.BytesPerCount)
	if d := int64(l.f.need()) - l.ValueOffset; d > 0 {
		lo = uint64((d + bpc - 1) / bpc)
	}
	if l.MaxLength > 0 {
		return lo, uint64(l.MaxLength)
	}
	d := int64(l.MaxLen) - l.ValueOffset
	if d < 0 {
		return 1, 0 // empty
	}
	return lo, min(uint64(d/bpc), l.vmax)
}

// Reset implements Splitter.
func (l *Length) Reset() {}

// Explain implements Explainer: the number COSMOS users most often get
// wrong is the value offset, so show the arithmetic.
func (l *Length) Explain(pkt []byte) string {
	v := l.f.read(pkt)
	var b strings.Builder
	fmt.Fprintf(&b, "field %d", v)
	if l.BytesPerCount != 1 {
		fmt.Fprintf(&b, " x %d bytes per count", l.BytesPerCount)
	}
	fmt.Fprintf(&b, " + value offset %d = %d bytes", l.ValueOffset, len(pkt))
	return b.String()
}

// ExplainFrame implements FrameExplainer: the value written, and why.
func (l *Length) ExplainFrame(framed []byte) string {
	if !l.Fill {
		return "length field not filled (no --fill)"
	}
	if len(framed) < l.f.need() {
		return "frame too short for the length field"
	}
	s := fmt.Sprintf("length field %d = %d bytes", l.f.read(framed), len(framed))
	if l.BytesPerCount != 1 {
		s += fmt.Sprintf(" / %d bytes per count", l.BytesPerCount)
	}
	return s + fmt.Sprintf(" - value offset %d", l.ValueOffset)
}

// calcLength is COSMOS calculate_length: the field value for a packet of n
// bytes (counting discarded bytes).
func (l *Length) calcLength(n int) (uint64, error) {
	v := int64(n/l.BytesPerCount) - l.ValueOffset
	if l.MaxLength > 0 && v > l.MaxLength {
		return 0, faultf(0, "calculated length %d exceeds --max-length %d", v, l.MaxLength)
	}
	if v < 0 {
		return 0, faultf(0, "calculated length %d for a %d-byte packet is negative (value offset %d)", v, n, l.ValueOffset)
	}
	return uint64(v), nil
}

// Frame implements Framer. Without fill the packet passes unchanged. With
// fill it does what COSMOS's write_packet and write_data do, in order:
// write the length into a field inside the packet, write the sync pattern
// over the packet's start (no discarded bytes) or put the discarded bytes
// back in front, then write the length into a field that lies in those
// discarded bytes.
func (l *Length) Frame(_ record.Meta, pkt []byte) ([][]byte, error) {
	if !l.Fill {
		if len(pkt) > l.MaxLen {
			return nil, faultf(0, "packet of %d bytes exceeds the %d-byte cap (set --max-record)", len(pkt), l.MaxLen)
		}
		l.parts[0], l.parts[1] = nil, pkt
		return l.parts[:], nil
	}
	inside := l.BitOffset >= l.Discard*8
	if inside {
		v, err := l.calcLength(len(pkt) + l.Discard)
		if err != nil {
			return nil, err
		}
		if len(pkt) < l.g.need() {
			return nil, faultf(0, "packet of %d bytes is too short for the length field (%d bytes needed)", len(pkt), l.g.need())
		}
		if err := l.g.write(pkt, v); err != nil {
			return nil, faultf(0, "%v", err)
		}
	}
	if err := l.fillPacket(pkt); err != nil {
		return nil, err
	}
	prefix, err := l.fillData(l.prefix, pkt)
	if err != nil {
		return nil, err
	}
	l.prefix = prefix
	if !inside {
		v, err := l.calcLength(len(prefix) + len(pkt))
		if err != nil {
			return nil, err
		}
		if len(prefix)+len(pkt) < l.f.need() {
			return nil, faultf(0, "packet of %d bytes is too short for the length field (%d bytes needed)", len(prefix)+len(pkt), l.f.need())
		}
		target := prefix
		if l.f.need() > len(prefix) {
			// The field straddles the discarded bytes and the packet.
			l.joined = append(append(l.joined[:0], prefix...), pkt...)
			target, prefix, pkt = l.joined, nil, l.joined
		}
		if err := l.f.write(target, v); err != nil {
			return nil, faultf(0, "%v", err)
		}
	}
	if total := len(prefix) + len(pkt); total > l.MaxLen {
		return nil, faultf(0, "framed packet of %d bytes exceeds the %d-byte cap (set --max-record)", total, l.MaxLen)
	}
	l.parts[0], l.parts[1] = prefix, pkt
	return l.parts[:], nil
}
