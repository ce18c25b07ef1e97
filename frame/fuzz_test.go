package frame

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// fuzzCap is the packet cap the fuzz targets run with, so "memory bounded
// by the cap" is checkable: the pending buffer never exceeds the cap plus
// protocol overhead plus the chunk being fed.
const fuzzCap = 512

// fuzzDeframe feeds data in two chunks split at cut and checks the
// invariants every deframer must keep.
func fuzzDeframe(t *testing.T, p Protocol, data []byte, cut int) [][]byte {
	var out [][]byte
	d := NewDeframer(p, Options{AllowEmpty: AllowEmptyTrue})
	emit := func(_ record.Meta, pkt []byte) error {
		out = append(out, append([]byte{}, pkt...))
		return nil
	}
	if cut < 0 || cut > len(data) {
		cut = len(data) / 2
	}
	for _, c := range [][]byte{data[:cut], data[cut:]} {
		if len(c) == 0 {
			continue // an empty chunk is an empty record of its own (allow empty)
		}
		if err := d.Feed(c, nil, emit); err != nil {
			t.Fatal(err)
		}
		if limit := 4*fuzzCap + 64 + len(c); len(d.buf) > limit {
			t.Fatalf("pending buffer %d bytes > %d", len(d.buf), limit)
		}
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// fuzzRoundTrip frames payload and checks that deframing gives it back
// (fed in two chunks, or as one for Burst, which is a packet per chunk).
func fuzzRoundTrip(t *testing.T, p Protocol, payload []byte) {
	framed := frameAll(p, Options{}, [][]byte{payload}, nil)
	if len(framed.pkts) != 1 {
		return // the framer refused it (a terminator inside, ...): reported, not framed
	}
	cut := len(framed.pkts[0]) / 3
	if _, ok := p.(*Burst); ok {
		cut = len(framed.pkts[0])
	}
	got := fuzzDeframe(t, p, framed.pkts[0], cut)
	if len(got) != 1 || !bytes.Equal(got[0], payload) {
		t.Fatalf("round trip of %X via %X gave %X", payload, framed.pkts[0], got)
	}
}

func FuzzLength(f *testing.F) {
	f.Add([]byte("\x1a\xcf\xfc\x1d\x00\x01\xca\xdb\x00\x03\xde\xad\xbe\xef"), 5, uint8(64), uint8(16), int8(11), false)
	f.Add([]byte("\x05\xf0\xaa\xbb\xcc"), 1, uint8(12), uint8(12), int8(0), true)
	f.Fuzz(func(t *testing.T, data []byte, cut int, off, size uint8, voff int8, little bool) {
		p, err := NewLength(LengthParams{BitOffset: int(off), BitSize: int(size%64) + 1, ValueOffset: int64(voff), BytesPerCount: 1, LittleEndian: little,
			BurstParams: BurstParams{Sync: asm, Discard: 4, Fill: true, MaxLen: fuzzCap}})
		if err != nil {
			return
		}
		for _, pk := range fuzzDeframe(t, p, data, cut) {
			if len(pk) > fuzzCap {
				t.Fatalf("packet of %d bytes over the cap", len(pk))
			}
		}
		// Frame what the data holds as a packet; whatever frames must read back.
		pkt := append([]byte{}, data...)
		framed := frameAll(p, Options{}, [][]byte{pkt}, nil)
		// A length field placed over the sync pattern corrupts it (as in
		// COSMOS): only a frame that still starts with it can read back.
		// Whatever else the writer produced, the reader must take: one rule
		// (the cap on the frame, --max-length on the field) both ways.
		if len(framed.pkts) == 1 && bytes.HasPrefix(framed.pkts[0], asm) {
			got := fuzzDeframe(t, p, framed.pkts[0], cut)
			if len(got) != 1 || !bytes.Equal(got[0], framed.pkts[0][4:]) {
				t.Fatalf("round trip: %X framed %X read %X", data, framed.pkts[0], got)
			}
		}
	})
}

// FuzzLengthMax adds COSMOS's max length (the field limit) to the cap:
// a plausible field over the cap skips its packet whole, and no packet ever
// comes from inside a refused one.
func FuzzLengthMax(f *testing.F) {
	f.Add([]byte("\x00\x00\x03\x00abcdefgh\x00\x00\x00\x06ab"), 3, uint16(1024), int8(0))
	f.Fuzz(func(t *testing.T, data []byte, cut int, maxLength uint16, voff int8) {
		p, err := NewLength(LengthParams{BitOffset: 0, BitSize: 32, ValueOffset: int64(voff), BytesPerCount: 1,
			MaxLength: int64(maxLength), BurstParams: BurstParams{MaxLen: fuzzCap}})
		if err != nil {
			return
		}
		for _, pk := range fuzzDeframe(t, p, data, cut) {
			if len(pk) > fuzzCap {
				t.Fatalf("packet of %d bytes over the cap", len(pk))
			}
		}
		if len(data) >= 4 {
			// A packet whose field is plausible but over the cap is skipped
			// whole: nothing comes out of its bytes.
			pkt := append([]byte{}, data...)
			if n := len(pkt) + fuzzCap + 1; maxLength > 0 && n-int(voff) <= int(maxLength) && n > fuzzCap {
				big := make([]byte, n)
				binary.BigEndian.PutUint32(big, uint32(n-int(voff)))
				copy(big[4:], pkt[:min(len(pkt), n-4)])
				if got := fuzzDeframe(t, p, big, cut); len(got) != 0 {
					t.Fatalf("%d packets from inside a refused %d-byte packet", len(got), n)
				}
			}
		}
	})
}

func FuzzBurst(f *testing.F) {
	f.Add([]byte("\x00\x1a\xcf\xfc\x1d\xaa"), 2)
	f.Fuzz(func(t *testing.T, data []byte, cut int) {
		p, _ := NewBurst(BurstParams{Sync: asm, Discard: 4, Fill: true, MaxLen: fuzzCap})
		fuzzDeframe(t, p, data, cut)
		if len(data) <= fuzzCap {
			fuzzRoundTrip(t, p, data)
		}
	})
}

func FuzzTerminated(f *testing.F) {
	f.Add([]byte("DATAabc\r\nDATAd\r\n"), 3)
	f.Fuzz(func(t *testing.T, data []byte, cut int) {
		p, _ := NewTerminated(TerminatedParams{WriteTerm: []byte("\r\n"), ReadTerm: []byte("\r\n"), StripRead: true,
			BurstParams: BurstParams{Sync: []byte("DATA"), Discard: 4, Fill: true, MaxLen: fuzzCap}})
		fuzzDeframe(t, p, data, cut)
		q, _ := NewTerminated(TerminatedParams{WriteTerm: []byte("\r\n"), ReadTerm: []byte("\r\n"), StripRead: true, BurstParams: BurstParams{MaxLen: fuzzCap}})
		fuzzDeframe(t, q, data, cut)
		if len(data) <= fuzzCap {
			fuzzRoundTrip(t, p, data)
		}
	})
}

func FuzzSlip(f *testing.F) {
	f.Add([]byte("\x01\xdb\xdc\x02\xdb\xdd\x03\xc0"), 2, false)
	f.Fuzz(func(t *testing.T, data []byte, cut int, start bool) {
		sp := DefaultSlip()
		sp.MaxLen = fuzzCap
		if start {
			sp.Start = 0xC0
		}
		p, _ := NewSlip(sp)
		fuzzDeframe(t, p, data, cut)
		if len(data) <= fuzzCap {
			fuzzRoundTrip(t, p, data)
		}
	})
}

func FuzzCobs(f *testing.F) {
	f.Add([]byte("\x03\x11\x22\x02\x33\x00\x05\x11\x22\x33\x44\x00"), 4)
	f.Fuzz(func(t *testing.T, data []byte, cut int) {
		p, _ := NewCobs(fuzzCap)
		fuzzDeframe(t, p, data, cut)
		if len(data) <= fuzzCap {
			fuzzRoundTrip(t, p, data)
		}
	})
}

func FuzzPreidentified(f *testing.F) {
	f.Add([]byte("\xde\xad\xbe\xef\xc0\x00\x00\x00\x0b{\"vcid\": 2}eS\xf1\x00\x00\x03\xd0\x90\x04INST\x0dHEALTH_STATUS\x00\x00\x00\x03\x01\x02\x03"), 7, uint8(4))
	f.Fuzz(func(t *testing.T, data []byte, cut int, mode uint8) {
		m := 4
		if mode%2 == 0 {
			m = 2
		}
		params := PreidentifiedParams{Sync: []byte{0xDE, 0xAD, 0xBE, 0xEF}, MaxLength: fuzzCap, Mode: m}
		p, _ := NewPreidentified(params)
		fuzzDeframe(t, p, data, cut)
		if cut >= 0 && cut <= len(data) {
			// Meta encoded by the template is Annotate's, byte for byte.
			recordsBothWays(t, func() (Protocol, error) { return NewPreidentified(params) }, Options{}, [][]byte{data[:cut], data[cut:]}, nil)
		}
		if len(data) <= fuzzCap {
			fuzzRoundTrip(t, p, data)
		}
	})
}
