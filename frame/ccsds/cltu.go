package ccsds

import (
	"bytes"
	"fmt"
	"math/bits"
	"strings"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

const (
	defaultFill = 0x55
	// maxCLTUBlocks caps one CLTU on read (7 KiB of data, several maximal
	// TC frames), so a missing tail cannot make the reader buffer more.
	maxCLTUBlocks = 1024
)

// CLTUParams are COSMOS's CLTU parameters, in COSMOS's order.
type CLTUParams struct {
	Header []byte // start sequence, 0xEB90
	Footer []byte // tail sequence, 0xC5C5C5C5C5C5C579
	Fill   byte   // fill octet completing the last codeblock, 0x55
}

// DefaultCLTUParams are COSMOS's CLTU defaults.
func DefaultCLTUParams() CLTUParams {
	return CLTUParams{Header: []byte{0xEB, 0x90}, Footer: []byte{0xC5, 0xC5, 0xC5, 0xC5, 0xC5, 0xC5, 0xC5, 0x79}, Fill: defaultFill}
}

// CLTUStats count what the read direction corrected.
type CLTUStats struct {
	CLTUs         int64 // CLTUs decoded
	CorrectedBits int64 // single-bit errors corrected
	Uncorrectable int64 // CLTUs ended early by an uncorrectable codeblock
}

// CLTU is the TC synchronisation and channel coding layer (231.0-B) as a
// frame.Protocol: write encodes each record into BCH(63,56) codeblocks
// between the start and tail sequences; read finds the start sequence,
// decodes codeblocks correcting single-bit errors, and ends the CLTU at the
// tail or at the first uncorrectable codeblock (as a CCSDS decoder does).
// The data of a CLTU keeps its fill octets: the frame layer knows its own
// length.
type CLTU struct {
	p      CLTUParams
	out    []byte
	report func(string)
	offset func() int64
	stats  CLTUStats
}

// NewCLTU validates p. report receives the corrections and early ends.
func NewCLTU(p CLTUParams, report func(string)) (*CLTU, error) {
	if len(p.Header) == 0 {
		return nil, fmt.Errorf("the CLTU start sequence (header) cannot be empty")
	}
	return &CLTU{p: p, report: report}, nil
}

// SetOffset gives the reader the Deframer's stream offset for its reports.
func (c *CLTU) SetOffset(f func() int64) { c.offset = f }

// Stats returns the counters so far.
func (c *CLTU) Stats() CLTUStats { return c.stats }

func (c *CLTU) SyncPattern() []byte { return c.p.Header }
func (c *CLTU) DiscardLeading() int { return 0 }
func (c *CLTU) Reset()              {}

// Frame encodes pkt as one CLTU.
func (c *CLTU) Frame(_ record.Meta, pkt []byte) ([][]byte, error) {
	if len(pkt) == 0 {
		return nil, &frame.Fault{Msg: "an empty record has no codeblocks to send"}
	}
	nb := (len(pkt) + infoLen - 1) / infoLen
	out := append(c.out[:0], c.p.Header...)
	for i := 0; i < nb; i++ {
		var blk [blockLen]byte
		n := copy(blk[:infoLen], pkt[i*infoLen:])
		for j := n; j < infoLen; j++ {
			blk[j] = c.p.Fill
		}
		blk[infoLen] = bchParity(blk[:infoLen])
		out = append(out, blk[:]...)
	}
	out = append(out, c.p.Footer...)
	c.out = out
	return [][]byte{out}, nil
}

// Split decodes the CLTU at the start of buf (which begins with the start
// sequence).
func (c *CLTU) Split(buf []byte) (int, []byte, error) {
	i := len(c.p.Header)
	data := c.out[:0]
	var fixed []string
	for blocks := 0; ; blocks++ {
		if len(c.p.Footer) > 0 {
			m := min(len(c.p.Footer), len(buf)-i)
			if bytes.Equal(buf[i:i+m], c.p.Footer[:m]) {
				if m < len(c.p.Footer) {
					return 0, nil, nil
				}
				i += len(c.p.Footer)
				break
			}
		}
		if len(buf)-i < blockLen {
			return 0, nil, nil
		}
		if blocks == maxCLTUBlocks {
			return 0, nil, &frame.Fault{Skip: len(c.p.Header), Msg: fmt.Sprintf("no tail sequence after %d codeblocks: CLTU dropped", blocks)}
		}
		var blk [blockLen]byte
		copy(blk[:], buf[i:])
		bit, ok := bchDecode(blk[:])
		i += blockLen
		if !ok {
			if !c.nearTail(buf[i-blockLen : i]) {
				c.stats.Uncorrectable++
				c.say(fmt.Sprintf("codeblock %d is uncorrectable (two or more bit errors): the CLTU ends there, %d octets of %d codeblocks passed on", blocks+1, len(data), blocks))
				if len(c.p.Footer) > 0 && bytes.HasPrefix(buf[i:], c.p.Footer) {
					i += len(c.p.Footer) // the tail right after is not garbage
				}
			}
			break
		}
		if bit >= 0 {
			c.stats.CorrectedBits++
			fixed = append(fixed, fmt.Sprintf("codeblock %d bit %d", blocks+1, bit))
		}
		data = append(data, blk[:infoLen]...)
	}
	c.out = data
	c.stats.CLTUs++
	if len(fixed) > 0 {
		c.say(fmt.Sprintf("corrected %d single-bit error(s): %s", len(fixed), strings.Join(fixed, ", ")))
	}
	if len(data) == 0 {
		return 0, nil, &frame.Fault{Skip: i, Msg: "CLTU without a valid codeblock: dropped"}
	}
	return i, data, nil
}

// nearTail reports whether an uncorrectable block is the tail sequence
// with a few bits flipped (the CCSDS tail is chosen to be uncorrectable, so
// it ends the CLTU either way, but is not worth a report).
func (c *CLTU) nearTail(blk []byte) bool {
	if len(c.p.Footer) < blockLen {
		return false
	}
	d := 0
	for k := range blockLen {
		d += bits.OnesCount8(blk[k] ^ c.p.Footer[k])
	}
	return d <= 3
}

func (c *CLTU) say(msg string) {
	if c.report == nil {
		return
	}
	if c.offset != nil {
		msg = fmt.Sprintf("CLTU at stream offset %d: %s", c.offset(), msg)
	}
	c.report(msg)
}

// Explain is --explain on read.
func (c *CLTU) Explain(raw []byte) string {
	return fmt.Sprintf("CLTU of %d octets, %d data octets", len(raw), len(c.out))
}
