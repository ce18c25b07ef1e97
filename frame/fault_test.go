package frame

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// asmStream frames n CCSDS packets behind the ASM (the docs example
// configuration) and returns the stream, the packets as a reader returns
// them (ASM discarded) and each packet's stream offset.
func asmStream(t *testing.T, r *rand.Rand, n int) (p Protocol, stream []byte, pkts [][]byte, offs []int) {
	t.Helper()
	p, err := NewLength(LengthParams{BitOffset: 64, BitSize: 16, ValueOffset: 11, BytesPerCount: 1, MaxLength: 200,
		BurstParams: BurstParams{Discard: 4, Sync: asm, Fill: true}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		pk := randBytes(r, 7+r.IntN(60))
		offs = append(offs, len(stream))
		framed := frameAll(p, Options{}, [][]byte{pk}, nil).joined()
		stream = append(stream, framed...)
		pkts = append(pkts, framed[4:])
	}
	return p, stream, pkts, offs
}

func TestCorruptLengthField(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for k := 0; k < 10; k++ {
		p, stream, pkts, offs := asmStream(t, r, 10)
		binary.BigEndian.PutUint16(stream[offs[k]+8:], 0xFFFF)
		got := deframe(p, Options{}, [][]byte{stream}, nil)
		want := append(append([][]byte{}, pkts[:k]...), pkts[k+1:]...)
		if !samePackets(got.pkts, want) {
			t.Fatalf("corrupt packet %d: got %d packets, want %d intact ones", k, len(got.pkts), len(want))
		}
		wantDiag := fmt.Sprintf("length field 65535 exceeds --max-length 200 at stream offset %d; resyncing", offs[k])
		if len(got.diags) != 1 || got.diags[0] != wantDiag {
			t.Fatalf("diags %q, want [%q]", got.diags, wantDiag)
		}
		if got.stats.Resyncs != 1 || k < 9 && got.stats.Discarded != int64(offs[k+1]-offs[k]) {
			t.Errorf("stats %+v", got.stats)
		}
		// --on-error fail stops there, after every packet before it.
		got = deframe(p, Options{FailFast: true}, [][]byte{stream}, nil)
		if !samePackets(got.pkts, pkts[:k]) || got.err == nil || !strings.Contains(got.err.Error(), fmt.Sprintf("at stream offset %d", offs[k])) {
			t.Fatalf("fail fast: %d packets, err %v", len(got.pkts), got.err)
		}
	}
}

func TestGarbageBetweenPackets(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	p, stream, pkts, offs := asmStream(t, r, 12)
	// Insert garbage (never containing the ASM) before packets 0, 3 and 7.
	var out []byte
	var garbageAt []int
	for i := range pkts {
		end := len(stream)
		if i+1 < len(offs) {
			end = offs[i+1]
		}
		if i == 0 || i == 3 || i == 7 {
			garbageAt = append(garbageAt, len(out))
			out = append(out, randBytes(r, 1+r.IntN(30), 0x1A)...)
		}
		out = append(out, stream[offs[i]:end]...)
	}
	got := deframe(p, Options{}, [][]byte{out}, nil)
	if !samePackets(got.pkts, pkts) {
		t.Fatalf("got %d packets, want %d", len(got.pkts), len(pkts))
	}
	if len(got.diags) != 3 {
		t.Fatalf("diags %q", got.diags)
	}
	for i, d := range got.diags {
		if !strings.Contains(d, fmt.Sprintf("at stream offset %d before", garbageAt[i])) {
			t.Errorf("diag %q does not name offset %d", d, garbageAt[i])
		}
	}
}

// TestTruncatedFinal: every intact packet, then one line naming the offset
// and the bytes lost; with FailFast an error.
func TestTruncatedFinal(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	p, stream, pkts, offs := asmStream(t, r, 5)
	cut := offs[4] + 9
	got := deframe(p, Options{}, [][]byte{stream[:cut]}, nil)
	want := fmt.Sprintf("truncated packet: 9 bytes lost at end of input at stream offset %d", offs[4])
	if !samePackets(got.pkts, pkts[:4]) || len(got.diags) != 1 || got.diags[0] != want || got.err != nil {
		t.Fatalf("got %d packets, diags %q, err %v", len(got.pkts), got.diags, got.err)
	}
	got = deframe(p, Options{FailFast: true}, [][]byte{stream[:cut]}, nil)
	if got.err == nil || len(got.pkts) != 4 {
		t.Fatalf("fail fast: err %v", got.err)
	}
}

// TestSyncInsideData: packets whose data holds the sync pattern, and a
// corrupt packet whose data holds one: resync finds the embedded pattern,
// which must not cost any intact packet after it.
func TestSyncInsideData(t *testing.T) {
	p, _ := NewLength(LengthParams{BitOffset: 32, BitSize: 16, ValueOffset: 6, BytesPerCount: 1, MaxLength: 64, BurstParams: BurstParams{Sync: asm}})
	good := hx(t, "1ACFFC1D 0008 1ACFFC1D 1ACFFC1D")
	bad := hx(t, "1ACFFC1D FFFF 1ACFFC1D 0000")
	stream := bytes.Join([][]byte{good, bad, good, good}, nil)
	got := deframe(p, Options{}, [][]byte{stream}, nil)
	// The embedded sync in the bad packet starts a bogus 6-byte "packet":
	// without a CRC that cannot be told apart; every intact packet still
	// comes out.
	n := 0
	for _, pk := range got.pkts {
		if bytes.Equal(pk, good) {
			n++
		}
	}
	if n != 3 || len(got.pkts) != 4 || len(got.diags) != 1 {
		t.Fatalf("%d intact packets of 3, diags %q, packets %X", n, got.diags, got.pkts)
	}
}

// TestCapBoundsMemory: a length field that asks for gigabytes, and a
// terminator that never comes, are faults, not allocations.
func TestCapBoundsMemory(t *testing.T) {
	p, _ := NewLength(LengthParams{BitSize: 32, BytesPerCount: 1})
	got := deframe(p, Options{}, [][]byte{hx(t, "FFFFFFFF 00000005 AA")}, nil)
	if len(got.pkts) != 1 || len(got.diags) != 1 || !strings.Contains(got.diags[0], "cap") {
		t.Fatalf("%X %q", got.pkts, got.diags)
	}
	tp, _ := NewTerminated(TerminatedParams{WriteTerm: []byte{0}, ReadTerm: []byte{0}, StripRead: true, BurstParams: BurstParams{MaxLen: 1024}})
	d := NewDeframer(tp, Options{})
	chunk := bytes.Repeat([]byte{1}, 4096)
	for i := 0; i < 1000; i++ {
		if err := d.Feed(chunk, nil, func(_ record.Meta, _ []byte) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if len(d.buf) > 1024+4096 {
			t.Fatalf("buffer grew to %d bytes", len(d.buf))
		}
	}
}

// TestLargePacketLinear: a 60 MiB packet arriving in 64 KiB reads is not
// moved once per read (that would be quadratic: 960 reads x 60 MiB).
func TestLargePacketLinear(t *testing.T) {
	p, _ := NewLength(LengthParams{BitSize: 32, BytesPerCount: 1})
	const n = 60 << 20
	pkt := make([]byte, n)
	binary.BigEndian.PutUint32(pkt, n)
	var got int
	d := NewDeframer(p, Options{})
	start := time.Now()
	if err := d.ReadRaw(bytes.NewReader(pkt), func(_ record.Meta, b []byte) error { got = len(b); return nil }); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i += 64 << 10 {
		if err := d.Feed(pkt[i:i+64<<10], nil, func(_ record.Meta, b []byte) error { got += len(b); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if got != 2*n {
		t.Fatalf("got %d bytes of packets", got)
	}
	if d.moved > 1<<20 {
		t.Errorf("pending bytes moved %d times over (%d bytes)", d.moved/n, d.moved)
	}
	t.Logf("two 60 MiB packets in %v", time.Since(start))
}

// zeroSkip is a splitter that faults with Skip 0: the Deframer must still
// make progress (drop a byte), never loop.
type zeroSkip struct{ Burst }

func (z *zeroSkip) Split(buf []byte) (int, []byte, error) {
	if buf[0] == 0xEE {
		return 0, nil, &Fault{Msg: "bad byte"}
	}
	return 1, buf[:1], nil
}

func TestFaultWithoutSkipProgresses(t *testing.T) {
	got := deframe(&zeroSkip{}, Options{}, [][]byte{{0xEE, 0xEE, 0x01, 0xEE, 0x02}}, nil)
	if !samePackets(got.pkts, [][]byte{{1}, {2}}) || len(got.diags) != 2 || got.stats.Discarded != 3 {
		t.Fatalf("%X %q %+v", got.pkts, got.diags, got.stats)
	}
}
