package frame

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
	"github.com/google/go-cmp/cmp"
)

// rtCase is a protocol configuration whose framing round-trips, with a
// generator of packets valid for it.
type rtCase struct {
	name     string
	p        func() (Protocol, error)
	gen      func(r *rand.Rand) []byte // one packet
	identity bool                      // deframe(frame(p)) == p exactly (framing does not fill fields in the packet)
}

func randBytes(r *rand.Rand, n int, avoid ...byte) []byte {
	b := make([]byte, n)
	for i := range b {
		for {
			b[i] = byte(r.IntN(256))
			if bytes.IndexByte(avoid, b[i]) < 0 {
				break
			}
		}
	}
	return b
}

// spicy returns bytes rich in the values framers must escape.
func spicy(r *rand.Rand, n int, special ...byte) []byte {
	b := randBytes(r, n)
	for i := range b {
		if r.IntN(3) == 0 {
			b[i] = special[r.IntN(len(special))]
		}
	}
	return b
}

func rtCases() []rtCase {
	sized := func(min, max int) func(r *rand.Rand) []byte {
		return func(r *rand.Rand) []byte { return randBytes(r, min+r.IntN(max-min+1)) }
	}
	return []rtCase{
		{"burst discard+sync+fill", burst(BurstParams{Discard: 4, Sync: asm, Fill: true}), sized(0, 40), true},
		{"length CCSDS fill", length(LengthParams{BitOffset: 32, ValueOffset: 7, BurstParams: BurstParams{Fill: true}}), sized(7, 80), false},
		{"length docs ASM discard 4 fill", length(LengthParams{BitOffset: 64, ValueOffset: 11, BurstParams: BurstParams{Discard: 4, Sync: asm, Fill: true}}), sized(7, 80), false},
		{"length ASM kept, fill", length(LengthParams{BitOffset: 64, ValueOffset: 11, BurstParams: BurstParams{Sync: asm, Fill: true}}), sized(11, 80), false},
		{"length field in discarded bytes", length(LengthParams{BitSize: 16, BurstParams: BurstParams{Discard: 2, Fill: true}}), sized(0, 60), true},
		{"length LE 32 at byte 1, max length", length(LengthParams{BitOffset: 8, BitSize: 32, LittleEndian: true, MaxLength: 1000, BurstParams: BurstParams{Fill: true}}), sized(5, 90), false},
		{"length LE bitfield, 2 bytes per count", length(LengthParams{BitOffset: 12, BitSize: 12, LittleEndian: true, BytesPerCount: 2, BurstParams: BurstParams{Fill: true}}),
			func(r *rand.Rand) []byte { return randBytes(r, 2*(1+r.IntN(30))) }, false},
		{"length BE bitfield at bit 3, value offset -1", length(LengthParams{BitOffset: 3, BitSize: 11, ValueOffset: -1, BurstParams: BurstParams{Fill: true}}), sized(2, 70), false},
		{"terminated CRLF", terminated(TerminatedParams{WriteTerm: []byte{0x0D, 0x0A}, ReadTerm: []byte{0x0D, 0x0A}, StripRead: true}),
			func(r *rand.Rand) []byte { return randBytes(r, r.IntN(40), 0x0D) }, true},
		{"terminated docs DATA sync discard 4 fill", terminated(TerminatedParams{WriteTerm: []byte{0x0A}, ReadTerm: []byte{0x0A}, StripRead: true, BurstParams: BurstParams{Discard: 4, Sync: []byte("DATA"), Fill: true}}),
			func(r *rand.Rand) []byte { return randBytes(r, r.IntN(40), 0x0A) }, true},
		{"slip defaults", slip(nil), func(r *rand.Rand) []byte { return spicy(r, r.IntN(40), 0xC0, 0xDB, 0xDC, 0xDD) }, true},
		{"slip start char", slip(func(p *SlipParams) { p.Start = 0xC0 }), func(r *rand.Rand) []byte { return spicy(r, r.IntN(40), 0xC0, 0xDB, 0xDC, 0xDD) }, true},
		{"slip custom characters", slip(func(p *SlipParams) { p.Start, p.End, p.Esc, p.EscEnd, p.EscEsc = 0x7B, 0x7E, 0x7D, 0x5E, 0x5D }),
			func(r *rand.Rand) []byte { return spicy(r, r.IntN(40), 0x7B, 0x7E, 0x7D, 0x5E, 0x5D) }, true},
		{"cobs", cobs(), func(r *rand.Rand) []byte { return spicy(r, r.IntN(300)+r.IntN(2)*254, 0) }, true},
		{"preidentified", preid(PreidentifiedParams{}), sized(0, 50), true},
		{"preidentified sync + max length", preid(PreidentifiedParams{Sync: []byte{0xDE, 0xAD}, MaxLength: 100}), sized(0, 50), true},
		{"preidentified mode 2", preid(PreidentifiedParams{Mode: 2}), sized(0, 50), true},
	}
}

func randMeta(r *rand.Rand, i int) record.Meta {
	m := record.Meta{
		record.KeyTime:   uint64(1700000000_000000000 + r.IntN(1e9)*1000),
		record.KeyTarget: fmt.Sprintf("T%d", r.IntN(5)),
		record.KeyPacket: fmt.Sprintf("P%d", i),
		record.KeyStored: r.IntN(2) == 0,
	}
	if r.IntN(2) == 0 {
		m[record.KeyExtra] = map[string]any{"VCID": int64(r.IntN(8)), "NOTE": "a b"}
	}
	return m
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range rtCases() {
		t.Run(c.name, func(t *testing.T) {
			p, err := c.p()
			if err != nil {
				t.Fatal(err)
			}
			_, isPre := p.(*Preidentified)
			pkts := make([][]byte, 30)
			metas := make([]record.Meta, len(pkts))
			for i := range pkts {
				pkts[i] = c.gen(r)
				metas[i] = randMeta(r, i)
			}
			framed := frameAll(p, Options{}, pkts, metas)
			if framed.err != nil || len(framed.diags) > 0 || len(framed.pkts) != len(pkts) {
				t.Fatalf("frame: %v %q (%d records)", framed.err, framed.diags, len(framed.pkts))
			}
			in := framed.pkts // burst needs one chunk per packet
			if _, ok := p.(*Burst); !ok {
				in = [][]byte{framed.joined()}
			}
			got := deframe(p, Options{AllowEmpty: AllowEmptyTrue}, in, nil)
			if got.err != nil || len(got.diags) > 0 || len(got.pkts) != len(pkts) {
				t.Fatalf("deframe: %v %q (%d packets)", got.err, got.diags, len(got.pkts))
			}
			if c.identity {
				if diff := cmp.Diff(pkts, got.pkts); diff != "" {
					t.Errorf("round trip differs: %s", diff)
				}
			} else {
				// Framing filled fields: framing again must be stable.
				again := frameAll(p, Options{}, got.pkts, nil)
				if !bytes.Equal(again.joined(), framed.joined()) {
					t.Errorf("frame(deframe(frame(p))) != frame(p)")
				}
			}
			if isPre {
				for i := range metas {
					if p.(*Preidentified).Mode == 2 {
						// The COSMOS <= 4.2 header has no flags or extra.
						delete(metas[i], record.KeyExtra)
						metas[i][record.KeyStored] = false
					}
					if diff := cmp.Diff(metas[i], got.metas[i]); diff != "" {
						t.Errorf("meta %d: %s", i, diff)
					}
				}
			}
		})
	}
}

// TestEveryChunkBoundary: a stream split in two at every offset, or fed
// one byte at a time, gives the same packets, and each packet gets the meta
// of the chunk that completed it.
func TestEveryChunkBoundary(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range rtCases() {
		p, _ := c.p()
		if _, ok := p.(*Burst); ok {
			continue // Burst is one packet per chunk by definition
		}
		t.Run(c.name, func(t *testing.T) {
			pkts := make([][]byte, 6)
			for i := range pkts {
				pkts[i] = c.gen(r)
			}
			stream := frameAll(p, Options{}, pkts, fixedMeta(len(pkts))).joined()
			if p.SyncPattern() != nil {
				// Garbage in front exercises the sync search across chunks.
				stream = append([]byte{0x1A, 0xDE, 0x44, 0x0D, 0x7B}, stream...)
			}
			whole := deframe(p, Options{AllowEmpty: AllowEmptyTrue}, [][]byte{stream}, nil)
			if len(whole.pkts) < len(pkts) {
				t.Fatalf("whole stream: %d packets, want %d (%q)", len(whole.pkts), len(pkts), whole.diags)
			}
			for k := 1; k < len(stream); k++ {
				got := deframe(p, Options{AllowEmpty: AllowEmptyTrue}, [][]byte{stream[:k], stream[k:]}, nil)
				if samePackets(whole.pkts, got.pkts) {
					continue
				}
				if diff := cmp.Diff(whole.pkts, got.pkts); diff != "" {
					t.Fatalf("split at %d: %s", k, diff)
				}
			}
			bytewise := make([][]byte, len(stream))
			metas := make([]record.Meta, len(stream))
			for i := range stream {
				bytewise[i] = stream[i : i+1]
				metas[i] = record.Meta{"chunk": i}
			}
			got := deframe(p, Options{AllowEmpty: AllowEmptyTrue}, bytewise, metas)
			if diff := cmp.Diff(whole.pkts, got.pkts); diff != "" {
				t.Fatalf("byte by byte: %s", diff)
			}
			if _, ok := p.(*Preidentified); ok {
				return // its meta comes from the header (checked in TestRoundTrip)
			}
			// The packet ends at the chunk that completed it.
			end := 0
			ends := map[int]bool{}
			for _, m := range got.metas {
				i := m["chunk"].(int)
				if i < end || ends[i] && i != end {
					t.Fatalf("meta of chunk %d out of order", i)
				}
				end, ends[i] = i, true
			}
			if got.metas[len(got.metas)-1]["chunk"] != len(stream)-1 {
				t.Errorf("last packet has the meta of chunk %v, want %d", got.metas[len(got.metas)-1]["chunk"], len(stream)-1)
			}
		})
	}
}

func samePackets(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}
