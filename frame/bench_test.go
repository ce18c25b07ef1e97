package frame

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// benchProtocols are the configurations measured at 64 B and 1 KiB.
func benchProtocols() []struct {
	name  string
	p     func() (Protocol, error)
	avoid []byte
} {
	return []struct {
		name  string
		p     func() (Protocol, error)
		avoid []byte
	}{
		{"length", length(LengthParams{BitOffset: 32, ValueOffset: 7, BurstParams: BurstParams{Fill: true}}), nil},
		{"length-asm", length(LengthParams{BitOffset: 64, ValueOffset: 11, BurstParams: BurstParams{Discard: 4, Sync: asm, Fill: true}}), nil},
		{"burst", burst(BurstParams{Discard: 4, Sync: asm, Fill: true}), nil},
		{"terminated", terminated(TerminatedParams{WriteTerm: []byte{0x0D, 0x0A}, ReadTerm: []byte{0x0D, 0x0A}, StripRead: true}), []byte{0x0D}},
		{"slip", slip(nil), nil},
		{"cobs", cobs(), nil},
		{"preidentified", preid(PreidentifiedParams{}), nil},
	}
}

func benchPackets(size int, avoid []byte) [][]byte {
	r := rand.New(rand.NewPCG(11, 12))
	pkts := make([][]byte, 1024)
	for i := range pkts {
		pkts[i] = randBytes(r, size, avoid...)
	}
	return pkts
}

func BenchmarkDeframe(b *testing.B) {
	for _, bp := range benchProtocols() {
		for _, size := range []int{64, 1024} {
			b.Run(fmt.Sprintf("%s/%d", bp.name, size), func(b *testing.B) {
				p, _ := bp.p()
				framed := frameAll(p, Options{}, benchPackets(size, bp.avoid), fixedMeta(1024))
				var in [][]byte
				if _, ok := p.(*Burst); ok {
					in = framed.pkts // one chunk per packet
				} else {
					stream := framed.joined()
					for len(stream) > 0 { // 64 KiB chunks, as a raw read gives them
						n := min(len(stream), 64<<10)
						in, stream = append(in, stream[:n]), stream[n:]
					}
				}
				d := NewDeframer(p, Options{})
				w := record.NewWriter(io.Discard)
				emit := func(m record.Meta, pkt []byte) error { return w.Write(m, pkt) }
				d.SetEmitEncoded(w.WriteEncoded) // as c3frame does
				b.SetBytes(int64(len(framed.joined())) / 1024)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i += 1024 {
					for _, c := range in {
						if err := d.Feed(c, nil, emit); err != nil {
							b.Fatal(err)
						}
					}
				}
				if got := d.Stats().Packets; got < int64(b.N) {
					b.Fatalf("%d packets for b.N %d", got, b.N)
				}
			})
		}
	}
}

func BenchmarkFrame(b *testing.B) {
	for _, bp := range benchProtocols() {
		for _, size := range []int{64, 1024} {
			b.Run(fmt.Sprintf("%s/%d", bp.name, size), func(b *testing.B) {
				p, _ := bp.p()
				pkts := benchPackets(size, bp.avoid)
				meta := fixedMeta(1)[0]
				if _, ok := p.(*Preidentified); !ok {
					meta = nil
				}
				e := NewEncoder(p, Options{})
				w := record.NewRawWriter(io.Discard)
				b.SetBytes(int64(size))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if err := e.Encode(meta, pkts[i%len(pkts)], w); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkRunRecords: c3frame length reading records (one packet per
// record, as a previous stage writes them) into a record writer, per packet.
func BenchmarkRunRecords(b *testing.B) {
	for _, size := range []int{64, 1024} {
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			pkts := benchPackets(size, nil)
			for _, p := range pkts { // CCSDS length field: total = field + 7
				binary.BigEndian.PutUint16(p[4:], uint16(size-7))
			}
			var in bytes.Buffer
			w := record.NewWriter(&in)
			const n = 64 << 10 // records per run: the reader's setup is amortized
			for i := range n {
				w.Write(nil, pkts[i%len(pkts)])
			}
			w.Flush()
			p, _ := length(LengthParams{BitOffset: 32, ValueOffset: 7, BurstParams: BurstParams{Fill: true}})()
			out := record.NewWriter(io.Discard)
			emit := func(m record.Meta, pkt []byte) error { return out.Write(m, pkt) }
			rd := bytes.NewReader(in.Bytes())
			b.SetBytes(int64(size))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i += n {
				rd.Reset(in.Bytes())
				d := NewDeframer(p, Options{})
				if err := d.Run(record.NewReader(rd), emit); err != nil {
					b.Fatal(err)
				}
				if d.Stats().Packets != n {
					b.Fatal(d.Stats())
				}
			}
		})
	}
}
