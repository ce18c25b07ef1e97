package frame

import (
	"bytes"
	"fmt"

	"github.com/c3kit/c3kit/frame/record"
)

// Cobs is COSMOS CobsProtocol: Consistent Overhead Byte Stuffing with a
// 0x00 delimiter. COSMOS quirk, kept for interoperability: an empty payload
// is written as just the delimiter (standard COBS writes 01 00); both 00
// and 01 00 read back as an empty packet.
type Cobs struct {
	scan    delimScanner
	scratch []byte
	parts   [1][]byte
}

// NewCobs returns a COBS protocol; maxLen caps one packet (0: DefaultMaxLen).
func NewCobs(maxLen int) (*Cobs, error) {
	if maxLen < 0 {
		return nil, fmt.Errorf("max length %d is negative", maxLen)
	}
	if maxLen == 0 {
		maxLen = DefaultMaxLen
	}
	// The cap is on the encoded frame, in both directions.
	return &Cobs{scan: delimScanner{term: []byte{0}, maxLen: maxLen}}, nil
}

// SyncPattern implements Protocol.
func (c *Cobs) SyncPattern() []byte { return nil }

// DiscardLeading implements Protocol.
func (c *Cobs) DiscardLeading() int { return 0 }

// MaxFrame implements Capped.
func (c *Cobs) MaxFrame() int { return c.scan.maxLen }

// Reset implements Splitter.
func (c *Cobs) Reset() { c.scan.reset() }

// Split implements Splitter.
func (c *Cobs) Split(buf []byte) (int, []byte, error) {
	n, err := c.scan.find(buf)
	if n == 0 || err != nil {
		return 0, nil, err
	}
	out, err := cobsDecode(c.scratch[:0], buf[:n-1])
	if err != nil {
		return 0, nil, faultf(n, "%v", err)
	}
	c.scratch = out
	return n, out, nil
}

// cobsDecode appends the decoding of enc (without its delimiter) to dst.
func cobsDecode(dst, enc []byte) ([]byte, error) {
	for i := 0; i < len(enc); {
		code := int(enc[i])
		if i+code > len(enc) {
			return nil, fmt.Errorf("COBS code byte 0x%02X at frame byte %d runs past the %d-byte frame", code, i, len(enc))
		}
		dst = append(dst, enc[i+1:i+code]...)
		i += code
		if code < 0xFF && i < len(enc) {
			dst = append(dst, 0)
		}
	}
	return dst, nil
}

// cobsEncode appends the encoding of src, and the 0x00 delimiter, to dst.
// Each block is a code byte (block length + 1) and up to 254 non-zero
// bytes; a block shorter than 254 stands for its bytes and a zero.
func cobsEncode(dst, src []byte) []byte {
	if len(src) == 0 {
		return append(dst, 0) // COSMOS quirk (see Cobs)
	}
	for {
		run := src[:min(len(src), 254)]
		if i := bytes.IndexByte(run, 0); i >= 0 {
			dst = append(append(dst, byte(i+1)), run[:i]...)
			src = src[i+1:]
			if len(src) == 0 {
				dst = append(dst, 1) // the trailing zero ends an empty last block
				break
			}
			continue
		}
		dst = append(append(dst, byte(len(run)+1)), run...)
		src = src[len(run):]
		if len(src) == 0 {
			break // a full 254-byte block at the very end needs no further code byte
		}
	}
	return append(dst, 0)
}

// Frame implements Framer.
func (c *Cobs) Frame(_ record.Meta, pkt []byte) ([][]byte, error) {
	c.scratch = cobsEncode(c.scratch[:0], pkt)
	if f := c.scan.fits(len(c.scratch) - 1); f != nil {
		return nil, f
	}
	c.parts[0] = c.scratch
	return c.parts[:], nil
}
