// Package gen generates synthetic CCSDS telemetry streams for the demo,
// benchmarks and tests: space packets with an optional sync marker, an
// optional trailing CRC-16 inside the packet, and deliberate faults (garbage
// between packets, corrupt CRCs) at chosen intervals.
package gen

import (
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"

	"github.com/c3kit/c3kit/frame/record"
)

// Options describe the stream.
type Options struct {
	PacketSize   int    // total bytes per packet incl. the 6-byte header (>= 7; >= 9 with CRC)
	Packets      int64  // how many packets (0: until Bytes is reached)
	Bytes        int64  // stop once this many packet bytes were written (when Packets is 0)
	Sync         []byte // written before every packet (e.g. the CCSDS ASM 1ACFFC1D)
	CRC          bool   // last 2 bytes of each packet: CRC-16/CCITT-FALSE over the rest
	GarbageEvery int    // insert a few garbage bytes before every Nth packet (0: never)
	BadCRCEvery  int    // corrupt the CRC of every Nth packet (0: never)
	APIDs        int    // packets cycle through APIDs 1..APIDs (default 1)
	Records      bool   // write a record stream (one record per packet, garbage as its own record) instead of raw bytes
	Seed         uint64
}

// Stats counts what was generated, so tests can check what a pipeline found.
type Stats struct {
	Packets, Bytes, Garbage, BadCRC int64
}

// Write generates the stream into w.
func Write(w io.Writer, o Options) (Stats, error) {
	var st Stats
	if o.PacketSize < 7 || (o.CRC && o.PacketSize < 9) || o.PacketSize-7 > 0xFFFF {
		return st, errors.New("packet size must be 7..65542 bytes (9.. with a CRC)")
	}
	if o.APIDs <= 0 {
		o.APIDs = 1
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0xC3))
	var rw *record.Writer
	var out *bufWriter
	if o.Records {
		rw = record.NewWriter(w)
	} else {
		out = newBufWriter(w)
	}
	emit := func(b []byte) error {
		if rw != nil {
			return rw.Write(nil, b)
		}
		return out.write(b)
	}
	pkt := make([]byte, len(o.Sync)+o.PacketSize)
	copy(pkt, o.Sync)
	body := pkt[len(o.Sync):]
	garbage := make([]byte, 0, 16)
	var seq uint16
	for n := int64(1); ; n++ {
		if o.Packets > 0 && n > o.Packets || o.Packets == 0 && st.Bytes >= o.Bytes {
			break
		}
		if o.GarbageEvery > 0 && n%int64(o.GarbageEvery) == 0 {
			garbage = garbage[:1+rng.IntN(12)]
			for i := range garbage {
				garbage[i] = byte(rng.Uint32())
			}
			if err := emit(garbage); err != nil {
				return st, err
			}
			st.Garbage += int64(len(garbage))
		}
		apid := uint16(1 + (n-1)%int64(o.APIDs))
		binary.BigEndian.PutUint16(body[0:], apid&0x7FF)          // version 0, TM, no secondary header
		binary.BigEndian.PutUint16(body[2:], 0xC000|seq&0x3FFF)   // unsegmented
		binary.BigEndian.PutUint16(body[4:], uint16(len(body)-7)) // CCSDS length = total - 7
		seq++
		fill(rng, body[6:])
		if o.CRC {
			c := CRC16(body[:len(body)-2])
			if o.BadCRCEvery > 0 && n%int64(o.BadCRCEvery) == 0 {
				c ^= 0x5A5A
				st.BadCRC++
			}
			binary.BigEndian.PutUint16(body[len(body)-2:], c)
		}
		if err := emit(pkt); err != nil {
			return st, err
		}
		st.Packets++
		st.Bytes += int64(len(body))
	}
	if rw != nil {
		return st, rw.Flush()
	}
	return st, out.flush()
}

func fill(rng *rand.Rand, b []byte) {
	for len(b) >= 8 {
		binary.LittleEndian.PutUint64(b, rng.Uint64())
		b = b[8:]
	}
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
}

// CRC16 is CRC-16/CCITT-FALSE (the COSMOS 16-bit default and the CCSDS FECF).
// Bitwise on purpose: the generator needs an implementation independent of
// the engine under test.
func CRC16(b []byte) uint16 {
	c := uint16(0xFFFF)
	for _, x := range b {
		c ^= uint16(x) << 8
		for i := 0; i < 8; i++ {
			if c&0x8000 != 0 {
				c = c<<1 ^ 0x1021
			} else {
				c <<= 1
			}
		}
	}
	return c
}

type bufWriter struct {
	w   io.Writer
	buf []byte
}

func newBufWriter(w io.Writer) *bufWriter { return &bufWriter{w: w, buf: make([]byte, 0, 1<<20)} }

func (b *bufWriter) write(p []byte) error {
	if len(b.buf)+len(p) > cap(b.buf) {
		if err := b.flush(); err != nil {
			return err
		}
	}
	b.buf = append(b.buf, p...)
	return nil
}

func (b *bufWriter) flush() error {
	_, err := b.w.Write(b.buf)
	b.buf = b.buf[:0]
	return err
}
