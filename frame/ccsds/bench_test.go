package ccsds

import (
	"bytes"
	"io"
	"testing"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
)

// BenchmarkTMRead: 1115-octet randomized frames with FECF, 1 KiB packets,
// read from a raw stream (the make bench case, without the process).
func BenchmarkTMRead(b *testing.B) {
	p := DefaultLinkParams()
	p.SCID, p.FrameLength, p.FECF = 0x1AB, 1115, true
	var in bytes.Buffer
	rw := record.NewWriter(&in)
	for i := 0; i < 4096; i++ {
		rw.Write(nil, spacePacket(i%0x7FF, i, 1018))
	}
	rw.Flush()
	var out bytes.Buffer
	w := record.NewRawWriter(&out)
	lw, _ := NewLinkWriter(p, false, 0, frame.Options{}, w)
	lw.Run(record.NewReader(&in))
	w.Flush()
	stream := out.Bytes()
	b.SetBytes(int64(len(stream)))
	b.ReportAllocs()
	for b.Loop() {
		r, _ := NewLinkReader(p, false, frame.Options{})
		ow := record.NewRawWriter(io.Discard)
		if err := r.ReadRaw(bytes.NewReader(stream), func(m record.Meta, pkt []byte) error { return ow.Write(m, pkt) }); err != nil {
			b.Fatal(err)
		}
	}
}
