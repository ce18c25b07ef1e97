package ccsds

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/c3kit/c3kit/frame"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/google/go-cmp/cmp"
)

// tcFrame builds a TC frame from the 232.0-B layout: version 00, bypass,
// control command, spare 00, SCID 10 bits, VCID 6 bits, length (octets -1)
// 10 bits, N(S); then data, FECF, and the TC randomizer over all of it.
func tcFrame(tcSeq []byte, bypass, scid, vcid, seq int, data []byte, fecf, randomize bool) []byte {
	n := 5 + len(data)
	if fecf {
		n += 2
	}
	w0 := bypass<<13 | scid
	w1 := vcid<<10 | (n - 1)
	f := append([]byte{byte(w0 >> 8), byte(w0), byte(w1 >> 8), byte(w1), byte(seq)}, data...)
	if fecf {
		c := crcBitwise(f)
		f = append(f, byte(c>>8), byte(c))
	}
	if randomize {
		for i := range f {
			f[i] ^= tcSeq[i%255]
		}
	}
	return f
}

func encodeAll(t *testing.T, fr frame.Framer, pkts ...[]byte) (out [][]byte, reports []string) {
	t.Helper()
	var buf bytes.Buffer
	w := record.NewWriter(&buf)
	enc := frame.NewEncoder(fr, frame.Options{Report: func(m string) { reports = append(reports, m) }})
	for _, p := range pkts {
		if err := enc.Encode(nil, append([]byte(nil), p...), w); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	rd := record.NewReader(&buf)
	for {
		r, err := rd.Read()
		if err != nil {
			break
		}
		out = append(out, append([]byte(nil), r.Data...))
	}
	return
}

type readOut struct {
	pkts    []string
	extras  []map[string]any
	reports []string
	err     error
}

func decodeAll(t *testing.T, p frame.Protocol, chunks ...[]byte) readOut {
	t.Helper()
	var o readOut
	d := frame.NewDeframer(p, frame.Options{Report: func(m string) { o.reports = append(o.reports, m) }})
	if c, ok := p.(*CLTU); ok {
		c.SetOffset(d.Offset)
		c.report = func(m string) { o.reports = append(o.reports, m) }
	}
	emit := func(m record.Meta, pkt []byte) error {
		o.pkts = append(o.pkts, hex.EncodeToString(pkt))
		o.extras = append(o.extras, m.Extra())
		return nil
	}
	for _, c := range chunks {
		if err := d.Feed(c, nil, emit); err != nil {
			o.err = err
			return o
		}
	}
	o.err = d.Close()
	return o
}

func TestTCWriteParams(t *testing.T) {
	v := loadVectors(t)
	seq := unhex(t, v.Randomizer.TC.All)
	data := []byte("PING")
	for _, c := range []struct {
		name string
		p    func(*TCParams)
		want func(n int) []byte
	}{
		{"defaults", nil, func(n int) []byte { return tcFrame(seq, 1, 0, 0, n, data, false, true) }},
		{"randomization false", func(p *TCParams) { p.Randomize = false }, func(n int) []byte { return tcFrame(seq, 1, 0, 0, n, data, false, false) }},
		{"error control", func(p *TCParams) { p.FECF = true }, func(n int) []byte { return tcFrame(seq, 1, 0, 0, n, data, true, true) }},
		{"bypass 0", func(p *TCParams) { p.Bypass = 0 }, func(n int) []byte { return tcFrame(seq, 0, 0, 0, n, data, false, true) }},
		{"scid", func(p *TCParams) { p.SCID = 0x3AB }, func(n int) []byte { return tcFrame(seq, 1, 0x3AB, 0, n, data, false, true) }},
		{"vcid", func(p *TCParams) { p.VCID = 0x2D }, func(n int) []byte { return tcFrame(seq, 1, 0, 0x2D, n, data, false, true) }},
		{"everything", func(p *TCParams) { *p = TCParams{FECF: true, SCID: 0x123, VCID: 7} },
			func(n int) []byte { return tcFrame(seq, 0, 0x123, 7, n, data, true, false) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := DefaultTCParams()
			if c.p != nil {
				c.p(&p)
			}
			tc, err := NewTCTF(p)
			if err != nil {
				t.Fatal(err)
			}
			var in [][]byte
			for i := 0; i < 257; i++ {
				in = append(in, data)
			}
			out, _ := encodeAll(t, tc, in...)
			// N(S) counts from 1 (COSMOS increments before use) and wraps.
			for i, f := range out {
				if want := c.want((i + 1) % 256); !bytes.Equal(f, want) {
					t.Fatalf("frame %d: %X, want %X", i, f, want)
				}
			}
		})
	}
}

func TestTCWriteLimits(t *testing.T) {
	tc, _ := NewTCTF(TCParams{FECF: true})
	out, reports := encodeAll(t, tc, make([]byte, 1017), make([]byte, 1018))
	if len(out) != 1 || len(out[0]) != 1024 {
		t.Errorf("1017 data octets + FECF should make one 1024-octet frame: %d frames", len(out))
	}
	if want := []string{"record 2: a 1018-octet record makes a 1025-octet TC frame, over the 1024-octet maximum; skipped"}; !cmp.Equal(reports, want) {
		t.Errorf("reports %q", reports)
	}
	for _, p := range []TCParams{{Bypass: 2}, {SCID: 1024}, {VCID: 64}, {SCID: -1}} {
		if _, err := NewTCTF(p); err == nil {
			t.Errorf("%+v accepted", p)
		}
	}
}

func TestTCRead(t *testing.T) {
	v := loadVectors(t)
	seq := unhex(t, v.Randomizer.TC.All)
	good := tcFrame(seq, 1, 5, 3, 9, []byte{1, 2, 3}, true, true)
	bad := append([]byte(nil), good...)
	bad[6] ^= 0x40
	for _, c := range []struct {
		name    string
		p       TCParams
		in      [][]byte
		want    []string
		extra   map[string]any
		reports []string
	}{
		{"good", TCParams{Randomize: true, FECF: true, Bypass: 1, SCID: 5}, [][]byte{good}, []string{"010203"},
			map[string]any{"SCID": 5, "VCID": 3, "FRM_SEQ_NUM": 9, "BYPASS_FLAG": 1, "CONTROL_COMMAND_FLAG": 0}, nil},
		{"split across chunks, with CLTU fill", TCParams{Randomize: true, FECF: true, SCID: 5, Fill: 0x55},
			[][]byte{good[:3], append(good[3:], 0x55, 0x55, 0x55, 0x55), good}, []string{"010203", "010203"}, nil, nil},
		{"bad FECF", TCParams{Randomize: true, FECF: true, SCID: 5}, [][]byte{bad, good}, []string{"010203"}, nil,
			[]string{"TC frame FECF 0x0228 does not match its contents (0x0FE4): frame dropped at stream offset 0; resyncing"}},
		{"other spacecraft", TCParams{Randomize: true, FECF: true, SCID: 6}, [][]byte{good}, nil, nil,
			[]string{"TC frame for spacecraft 5 (0x5), not 6: frame dropped at stream offset 0; resyncing"}},
		{"vcid checked when given", TCParams{Randomize: true, FECF: true, SCID: 5, VCID: 4, CheckVCID: true}, [][]byte{good}, nil, nil,
			[]string{"TC frame for VC 3, not 4: frame dropped at stream offset 0; resyncing"}},
		{"not randomized", TCParams{SCID: 0x3FF}, [][]byte{tcFrame(seq, 0, 0x3FF, 63, 255, []byte("x"), false, false)}, []string{"78"},
			nil, nil},
		{"length shorter than the header", TCParams{FECF: true}, [][]byte{{0, 0, 0, 5, 0, 0, 0}}, nil, nil,
			[]string{"TC frame length 6 is shorter than its header and trailer (header 0000000500) at stream offset 0; resyncing", "truncated packet: 6 bytes lost at end of input at stream offset 1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tc, err := NewTCTF(c.p)
			if err != nil {
				t.Fatal(err)
			}
			o := decodeAll(t, tc, c.in...)
			if o.err != nil {
				t.Fatal(o.err)
			}
			if diff := cmp.Diff(c.want, o.pkts); diff != "" {
				t.Errorf("frames (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(c.reports, o.reports); diff != "" {
				t.Errorf("reports (-want +got):\n%s", diff)
			}
			if c.extra != nil && !cmp.Equal(c.extra, o.extras[0]) {
				t.Errorf("extra %v, want %v", o.extras[0], c.extra)
			}
		})
	}
}

// TestUplinkChain: tctf --write | cltu --write | cltu | tctf gives back
// every command, with bit errors in the CLTUs corrected on the way.
func TestUplinkChain(t *testing.T) {
	tcp := TCParams{Randomize: true, FECF: true, Bypass: 1, SCID: 0x2F, VCID: 1, Fill: 0x55}
	tw, _ := NewTCTF(tcp)
	cw, _ := NewCLTU(DefaultCLTUParams(), nil)
	var cmds [][]byte
	for i := 0; i < 50; i++ {
		cmds = append(cmds, bytes.Repeat([]byte{byte(i)}, 1+i*13%300))
	}
	frames, _ := encodeAll(t, tw, cmds...)
	cltus, _ := encodeAll(t, cw, frames...)
	for i := range cltus {
		if i%3 == 0 {
			cltus[i][2+8*(i%4)+i%8] ^= 1 << (i % 8) // one bit error in one codeblock
		}
	}
	cr, _ := NewCLTU(DefaultCLTUParams(), nil)
	o := decodeAll(t, cr, append([][]byte{[]byte("noise")}, cltus...)...)
	if o.err != nil || len(o.pkts) != len(cmds) {
		t.Fatalf("%d CLTUs decoded, want %d (%v)", len(o.pkts), len(cmds), o.err)
	}
	corrected := 0
	for _, r := range o.reports {
		if bytes.Contains([]byte(r), []byte("corrected 1 single-bit error")) {
			corrected++
		}
	}
	if corrected != 17 {
		t.Errorf("%d corrections reported, want 17: %q", corrected, o.reports)
	}
	var units [][]byte
	for _, h := range o.pkts {
		b, _ := hex.DecodeString(h)
		units = append(units, b)
	}
	tr, _ := NewTCTF(tcp)
	got := decodeAll(t, tr, units...)
	if got.err != nil || len(got.reports) > 0 {
		t.Fatal(got.err, got.reports)
	}
	var want []string
	for _, c := range cmds {
		want = append(want, hex.EncodeToString(c))
	}
	if diff := cmp.Diff(want, got.pkts); diff != "" {
		t.Errorf("commands (-want +got):\n%s", diff)
	}
	for i, x := range got.extras {
		if x["FRM_SEQ_NUM"] != (i+1)%256 {
			t.Fatalf("command %d: N(S) %v", i, x["FRM_SEQ_NUM"])
		}
	}
}

// TestTCReadRecord: one record is one CLTU's data (or one frame); faults
// cost the rest of their record only.
func TestTCReadRecord(t *testing.T) {
	v := loadVectors(t)
	seq := unhex(t, v.Randomizer.TC.All)
	p := TCParams{Randomize: true, FECF: true, Bypass: 1, SCID: 5, Fill: 0x55}
	f1 := tcFrame(seq, 1, 5, 3, 9, []byte{1, 2, 3}, true, true)    // 10 octets: 4 fill to 14
	f2 := tcFrame(seq, 1, 5, 3, 10, []byte("seven!!"), true, true) // 14 octets: no fill
	other := tcFrame(seq, 1, 6, 3, 11, []byte{4}, true, true)      // another spacecraft
	fill := func(n int) []byte { return bytes.Repeat([]byte{0x55}, n) }
	cat := func(b ...[]byte) []byte { return bytes.Join(b, nil) }
	for _, c := range []struct {
		name   string
		rec    []byte
		frames []string
		fault  string
	}{
		{"one frame with CLTU fill", cat(f1, fill(4)), []string{"010203"}, ""},
		{"one frame without fill", f2, []string{"736576656e2121"}, ""},
		{"two frames in one CLTU", cat(f2, f1, fill(4)), []string{"736576656e2121", "010203"}, ""},
		{"length field beyond the record", f1[:8], nil, "TC frame length field says 10 octets but the record holds 8"},
		{"trailing octets that are not fill", cat(f2, []byte{1, 2}), []string{"736576656e2121"}, "2 octets after the last TC frame are neither a frame nor CLTU fill"},
		{"a bad frame drops the rest of its record", cat(other, f2), nil, "TC frame for spacecraft 6 (0x6), not 5: frame dropped"},
		{"empty record", nil, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			tc, _ := NewTCTF(p)
			var got []string
			n, err := tc.ReadRecord(c.rec, nil, func(_ record.Meta, pkt []byte) error {
				got = append(got, hex.EncodeToString(pkt))
				return nil
			}, nil)
			if n != len(got) || !cmp.Equal(got, c.frames) {
				t.Errorf("frames %q (n %d), want %q", got, n, c.frames)
			}
			msg := ""
			if err != nil {
				msg = err.Error()
			}
			if msg != c.fault {
				t.Errorf("fault %q, want %q", msg, c.fault)
			}
		})
	}
}
