package frame

import (
	"fmt"

	"github.com/c3kit/c3kit/frame/record"
)

// BurstParams are COSMOS BurstProtocol's parameters, which Length and
// Terminated inherit.
type BurstParams struct {
	Discard int    // discard leading bytes (after reading)
	Sync    []byte // sync pattern (nil: none)
	Fill    bool   // fill fields (the sync pattern) when writing
	MaxLen  int    // c3kit cap on one packet in bytes (0: DefaultMaxLen)
}

// SyncPattern implements Protocol.
func (b *BurstParams) SyncPattern() []byte { return b.Sync }

// DiscardLeading implements Protocol.
func (b *BurstParams) DiscardLeading() int { return b.Discard }

// MaxFrame implements Capped.
func (b *BurstParams) MaxFrame() int { return b.MaxLen }

func (b *BurstParams) check() error {
	if b.Discard < 0 {
		return fmt.Errorf("discard leading bytes %d is negative", b.Discard)
	}
	if b.MaxLen < 0 {
		return fmt.Errorf("max length %d is negative", b.MaxLen)
	}
	if b.MaxLen == 0 {
		b.MaxLen = DefaultMaxLen
	}
	return nil
}

// fillPacket is COSMOS write_packet: with fill, a sync pattern and no
// discarded bytes the sync pattern is part of the packet, so it is written
// over the packet's first bytes.
func (b *BurstParams) fillPacket(pkt []byte) error {
	if !b.Fill || b.Sync == nil || b.Discard != 0 {
		return nil
	}
	if len(pkt) < len(b.Sync) {
		return faultf(0, "packet of %d bytes is shorter than the %d-byte sync pattern it must hold", len(pkt), len(b.Sync))
	}
	copy(pkt, b.Sync)
	return nil
}

// fillData is COSMOS write_data: with fill and discarded bytes, the bytes a
// reader discards are put back in front (zeros, with the sync pattern
// written over their start). It returns that prefix, which may be empty.
// A sync pattern longer than the discarded bytes runs on into pkt, as in
// COSMOS.
func (b *BurstParams) fillData(scratch []byte, pkt []byte) ([]byte, error) {
	if !b.Fill || b.Discard == 0 {
		return scratch[:0], nil
	}
	prefix := append(scratch[:0], make([]byte, b.Discard)...)
	if b.Sync != nil {
		if b.Discard+len(pkt) < len(b.Sync) {
			return nil, faultf(0, "packet of %d bytes plus %d discarded bytes is shorter than the %d-byte sync pattern", len(pkt), b.Discard, len(b.Sync))
		}
		k := copy(prefix, b.Sync)
		copy(pkt, b.Sync[k:])
	}
	return prefix, nil
}

// Burst is COSMOS BurstProtocol: each chunk (input record, or each read of a
// raw stream) is one packet, from the sync pattern if there is one.
type Burst struct {
	BurstParams
	parts  [2][]byte
	prefix []byte
}

// NewBurst returns a Burst protocol.
func NewBurst(p BurstParams) (*Burst, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	return &Burst{BurstParams: p}, nil
}

// Split implements Splitter: everything buffered is the packet.
func (b *Burst) Split(buf []byte) (int, []byte, error) {
	if len(buf) > b.MaxLen {
		return 0, nil, faultf(len(buf), "burst of %d bytes exceeds the %d-byte cap (set --max-record)", len(buf), b.MaxLen)
	}
	return len(buf), buf, nil
}

// Reset implements Splitter.
func (b *Burst) Reset() {}

// Frame implements Framer.
func (b *Burst) Frame(_ record.Meta, pkt []byte) ([][]byte, error) {
	if err := b.fillPacket(pkt); err != nil {
		return nil, err
	}
	prefix, err := b.fillData(b.prefix, pkt)
	if err != nil {
		return nil, err
	}
	b.prefix = prefix
	// The rule Split applies: the burst as it sits in the stream.
	if total := len(prefix) + len(pkt); total > b.MaxLen {
		return nil, faultf(0, "framed burst of %d bytes exceeds the %d-byte cap (set --max-record)", total, b.MaxLen)
	}
	b.parts[0], b.parts[1] = prefix, pkt
	return b.parts[:], nil
}
