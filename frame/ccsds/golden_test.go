package ccsds

import (
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/internal/testutil"
)

// TestGolden pins the bytes of every write direction and what the read
// directions make of them (go test -update rewrites testdata/*.golden).
func TestGolden(t *testing.T) {
	pkts := [][]byte{spacePacket(0x10, 0, 20), spacePacket(0x11, 1, 90), spacePacket(0x12, 2, 3)}
	dump := func(b *strings.Builder, title string, frames [][]byte) {
		fmt.Fprintf(b, "# %s\n", title)
		for _, f := range frames {
			b.WriteString(hex.EncodeToString(f))
			b.WriteByte('\n')
		}
	}

	var b strings.Builder
	p := DefaultLinkParams()
	p.SCID, p.FrameLength, p.FECF = 0x1AB, 64, true
	frames, _ := writeLink(t, p, false, 2, pkts, nil)
	dump(&b, "c3frame tmtf 0x1AB 64 --fecf --vcid 2 --write", frames)
	p.Randomize, p.Sync = false, nil
	frames, _ = writeLink(t, p, false, 2, pkts, nil)
	dump(&b, "c3frame tmtf 0x1AB 64 false 0 nil --fecf --vcid 2 --write", frames)
	testutil.Golden(t, "testdata/tmtf_write.golden", []byte(b.String()))

	// The read direction on those frames with the second one corrupted and
	// garbage in front: what comes out and what is said.
	b.Reset()
	p = DefaultLinkParams()
	p.SCID, p.FrameLength, p.FECF = 0x1AB, 64, true
	frames, _ = writeLink(t, p, false, 2, append(pkts, spacePacket(0x13, 3, 200)), nil)
	frames[1][30] ^= 0x01
	stream := append([]byte("noise\x1a\xcf"), strings.Join(func() (s []string) {
		for _, f := range frames {
			s = append(s, string(f))
		}
		return
	}(), "")...)
	g, err := readLink(t, p, false, [][]byte{stream}, false)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "# c3frame tmtf 0x1AB 64 --fecf, %d frames (the second corrupted) after 7 octets of noise\n", len(frames))
	for i, pk := range g.pkts[2] {
		fmt.Fprintf(&b, "packet %X extra %v\n", pk, g.extras[i])
	}
	for _, r := range g.reports {
		fmt.Fprintf(&b, "stderr: %s\n", r)
	}
	testutil.Golden(t, "testdata/tmtf_read.golden", []byte(b.String()))

	b.Reset()
	p = DefaultLinkParams()
	p.SCID, p.FrameLength, p.FECF, p.OCF, p.InsertZone = 0xAB, 64, true, true, 2
	frames, _ = writeLink(t, p, true, 9, pkts, nil)
	dump(&b, "c3frame aos 0xAB 64 --fecf --ocf --insert-zone 2 --vcid 9 --write", frames)
	testutil.Golden(t, "testdata/aos_write.golden", []byte(b.String()))

	b.Reset()
	tc, _ := NewTCTF(TCParams{Randomize: true, FECF: true, Bypass: 1, SCID: 0x2F, VCID: 1})
	tcs, _ := encodeAll(t, tc, []byte("NOOP"), []byte("SET MODE 3"))
	dump(&b, "c3frame tctf true true 1 0x2F 1 --write", tcs)
	cl, _ := NewCLTU(DefaultCLTUParams(), nil)
	cltus, _ := encodeAll(t, cl, tcs...)
	dump(&b, "| c3frame cltu --write", cltus)
	testutil.Golden(t, "testdata/uplink_write.golden", []byte(b.String()))
}
