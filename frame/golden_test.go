package frame

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil"
)

// gcase is one table entry: a protocol with some parameters, a direction,
// input, and (where the answer is known from the COSMOS docs or vectors)
// the expected packets. Every case's full output (packets, meta,
// diagnostics, counters) is also checked against testdata/<proto>.golden.
type gcase struct {
	name  string
	p     func() (Protocol, error)
	write bool
	in    string // read: chunks; write: packets; "|"-separated hex
	opt   Options
	want  string // expected packets (read) or framed records (write), "|"-separated; "" = golden only
}

func length(p LengthParams) func() (Protocol, error) {
	return func() (Protocol, error) {
		if p.BitSize == 0 {
			p.BitSize = 16
		}
		if p.BytesPerCount == 0 {
			p.BytesPerCount = 1
		}
		return NewLength(p)
	}
}

func burst(p BurstParams) func() (Protocol, error) {
	return func() (Protocol, error) { return NewBurst(p) }
}

func terminated(p TerminatedParams) func() (Protocol, error) {
	return func() (Protocol, error) { return NewTerminated(p) }
}

func slip(f func(*SlipParams)) func() (Protocol, error) {
	return func() (Protocol, error) {
		p := DefaultSlip()
		if f != nil {
			f(&p)
		}
		return NewSlip(p)
	}
}

func cobs() func() (Protocol, error) {
	return func() (Protocol, error) { return NewCobs(0) }
}

func preid(p PreidentifiedParams) func() (Protocol, error) {
	return func() (Protocol, error) { return NewPreidentified(p) }
}

var asm = []byte{0x1A, 0xCF, 0xFC, 0x1D}

var goldenCases = map[string][]gcase{
	"length": {
		{name: "defaults: 16-bit big-endian total length at 0", p: length(LengthParams{}),
			in: "0004AABB 0003CC", want: "0004AABB|0003CC"},
		{name: "CCSDS space packets: 32 16 7", p: length(LengthParams{BitOffset: 32, BitSize: 16, ValueOffset: 7}),
			in: "0800C0000000AA 0801C0000001BBCC", want: "0800C0000000AA|0801C0000001BBCC"},
		{name: "docs CCSDS with ASM: 64 16 11 1 BIG_ENDIAN 4 0x1ACFFC1D", p: length(LengthParams{BitOffset: 64, ValueOffset: 11, BurstParams: BurstParams{Discard: 4, Sync: asm}}),
			in: "1ACFFC1D 0001CADB 0003 DEADBEEF", want: "0001CADB0003DEADBEEF"},
		{name: "docs CCSDS with ASM, discard 0 keeps the sync pattern", p: length(LengthParams{BitOffset: 64, ValueOffset: 11, BurstParams: BurstParams{Sync: asm}}),
			in: "1ACFFC1D 0001CADB 0003 DEADBEEF", want: "1ACFFC1D0001CADB0003DEADBEEF"},
		{name: "docs CCSDS with ASM, garbage before and between packets", p: length(LengthParams{BitOffset: 64, ValueOffset: 11, BurstParams: BurstParams{Discard: 4, Sync: asm}}),
			in: "FFEE 1ACFFC1D 0001CADB 0003 DEADBEEF 00 1A 1ACFFC1D 0001CADB 0000 01", want: "0001CADB0003DEADBEEF|0001CADB000001"},
		{name: "docs CCSDS with ASM split in chunks", p: length(LengthParams{BitOffset: 64, ValueOffset: 11, BurstParams: BurstParams{Discard: 4, Sync: asm}}),
			in: "1ACF|FC1D 0001|CADB 00|03 DEAD|BEEF", want: "0001CADB0003DEADBEEF"},
		{name: "sync pattern inside the data is not a packet start", p: length(LengthParams{BitOffset: 32, ValueOffset: 6, BurstParams: BurstParams{Sync: asm}}),
			in: "1ACFFC1D 0004 1ACFFC1D 1ACFFC1D 0000", want: "1ACFFC1D00041ACFFC1D|1ACFFC1D0000"},
		{name: "bytes per count 2 (length in words)", p: length(LengthParams{BitSize: 8, BytesPerCount: 2}),
			in: "02AABBCC 01EE", want: "02AABBCC|01EE"},
		{name: "little-endian 16-bit field", p: length(LengthParams{LittleEndian: true}),
			in: "0500AABBCC 0200", want: "0500AABBCC|0200"},
		{name: "little-endian 32-bit field at byte 2", p: length(LengthParams{BitOffset: 16, BitSize: 32, LittleEndian: true}),
			in: "FFFF 07000000 EE", want: "FFFF07000000EE"},
		{name: "big-endian 12-bit field at bit 4 (not byte aligned)", p: length(LengthParams{BitOffset: 4, BitSize: 12}),
			in: "F003AA A004BBCC", want: "F003AA|A004BBCC"},
		{name: "big-endian 3-bit field at bit 5", p: length(LengthParams{BitOffset: 5, BitSize: 3}),
			in: "F9 FA00 FB0000", want: "F9|FA00|FB0000"},
		{name: "little-endian bitfield: offset names the MSB (bit 12, 12 bits)", p: length(LengthParams{BitOffset: 12, BitSize: 12, LittleEndian: true}),
			in: "05F0AABBCC 02F0", want: "05F0AABBCC|02F0"},
		{name: "value offset -2 (field counts 2 bytes more than the packet)", p: length(LengthParams{ValueOffset: -2}),
			in: "0007AABBCC 0005BB", want: "0007AABBCC|0005BB"},
		{name: "max length: field over the maximum resyncs at the next sync", p: length(LengthParams{BitOffset: 32, ValueOffset: 6, MaxLength: 16, BurstParams: BurstParams{Sync: asm}}),
			in: "1ACFFC1D FFFF 1ACFFC1D 0002 AABB", want: "1ACFFC1D0002AABB"},
		{name: "max length with --on-error fail stops", p: length(LengthParams{BitOffset: 32, ValueOffset: 6, MaxLength: 16, BurstParams: BurstParams{Sync: asm}}),
			opt: Options{FailFast: true}, in: "1ACFFC1D 0000 1ACFFC1D FFFF 1ACFFC1D 0002 AABB", want: "1ACFFC1D0000"},
		{name: "length smaller than the header resyncs byte by byte", p: length(LengthParams{BitOffset: 8, BitSize: 8}),
			in: "0001 0004AABB", want: "0004AABB"},
		{name: "truncated final packet", p: length(LengthParams{}),
			in: "0003AA 0009BBCC", want: "0003AA"},
		{name: "discard whole packet gives empty: dropped by default", p: length(LengthParams{BitSize: 8, BurstParams: BurstParams{Discard: 1}}),
			in: "01 02AA", want: "AA"},
		{name: "allow empty true keeps the empty packet", p: length(LengthParams{BitSize: 8, BurstParams: BurstParams{Discard: 1}}),
			opt: Options{AllowEmpty: AllowEmptyTrue}, in: "01 02AA", want: "|AA"},
		{name: "write without fill passes packets unchanged", p: length(LengthParams{BitOffset: 32, ValueOffset: 7}), write: true,
			in: "0800C000FFFFAA", want: "0800C000FFFFAA"},
		{name: "write fill CCSDS length", p: length(LengthParams{BitOffset: 32, ValueOffset: 7, BurstParams: BurstParams{Fill: true}}), write: true,
			in: "0800C000FFFFAA|0800C0000000AABBCCDD", want: "0800C0000000AA|0800C0000003AABBCCDD"},
		{name: "write fill docs CCSDS with ASM: sync put back in front", p: length(LengthParams{BitOffset: 64, ValueOffset: 11, BurstParams: BurstParams{Discard: 4, Sync: asm, Fill: true}}), write: true,
			in: "0001CADB0000DEADBEEF", want: "1ACFFC1D0001CADB0003DEADBEEF"},
		{name: "write fill, discard 0: sync written over the packet start", p: length(LengthParams{BitOffset: 64, ValueOffset: 11, BurstParams: BurstParams{Sync: asm, Fill: true}}), write: true,
			in: "000000000001CADB0000DEADBEEF", want: "1ACFFC1D0001CADB0003DEADBEEF"},
		{name: "write fill, field in the discarded bytes", p: length(LengthParams{BitOffset: 0, BitSize: 16, BurstParams: BurstParams{Discard: 2, Fill: true}}), write: true,
			in: "AABBCC", want: "0005AABBCC"},
		{name: "write fill, field straddles discarded bytes and packet", p: length(LengthParams{BitOffset: 8, BitSize: 16, BurstParams: BurstParams{Discard: 2, Fill: true}}), write: true,
			in: "AABBCC", want: "000005BBCC"},
		{name: "write fill little-endian bitfield and bytes per count", p: length(LengthParams{BitOffset: 12, BitSize: 12, BytesPerCount: 2, LittleEndian: true, BurstParams: BurstParams{Fill: true}}), write: true,
			in: "0000AABBCCDD", want: "0300AABBCCDD"},
		{name: "write fill over max length is skipped with a diagnostic", p: length(LengthParams{MaxLength: 3, BurstParams: BurstParams{Fill: true}}), write: true,
			in: "0000AA|0000AABBCC", want: "0003AA"},
		{name: "write fill value too large for the field", p: length(LengthParams{BitSize: 4, BurstParams: BurstParams{Fill: true}}), write: true,
			in: "00AABBCCDDEEFF00112233445566778899", want: ""},
	},
	"burst": {
		{name: "one packet per chunk", p: burst(BurstParams{}), in: "AABB|CC|DDEEFF", want: "AABB|CC|DDEEFF"},
		{name: "sync pattern, discarded (docs: 4 0x1ACFFC1D)", p: burst(BurstParams{Discard: 4, Sync: asm}),
			in: "00111ACFFC1DAABB|1ACFFC1DCC", want: "AABB|CC"},
		{name: "sync pattern split across chunks", p: burst(BurstParams{Discard: 4, Sync: asm}),
			in: "00111ACF|FC1DAABB", want: "AABB"},
		{name: "sync pattern kept (discard 0)", p: burst(BurstParams{Sync: asm}),
			in: "1ACFFC1DAABB", want: "1ACFFC1DAABB"},
		{name: "discard without sync", p: burst(BurstParams{Discard: 2}), in: "0102AABB|0304CC", want: "AABB|CC"},
		{name: "chunk without sync is discarded", p: burst(BurstParams{Sync: asm}), in: "AABBCCDDEE|1ACFFC1D01", want: "1ACFFC1D01"},
		{name: "empty chunk dropped by default", p: burst(BurstParams{}), in: "AA||BB", want: "AA|BB"},
		{name: "empty chunk passed with allow empty", p: burst(BurstParams{}), opt: Options{AllowEmpty: AllowEmptyTrue}, in: "AA||BB", want: "AA||BB"},
		{name: "write without fill", p: burst(BurstParams{Sync: asm, Discard: 4}), write: true, in: "AABB", want: "AABB"},
		{name: "write fill with discard: sync prepended", p: burst(BurstParams{Sync: asm, Discard: 4, Fill: true}), write: true, in: "AABB", want: "1ACFFC1DAABB"},
		{name: "write fill with discard 6: zeros after the sync", p: burst(BurstParams{Sync: asm, Discard: 6, Fill: true}), write: true, in: "AABB", want: "1ACFFC1D0000AABB"},
		{name: "write fill, discard 0: sync over the packet start", p: burst(BurstParams{Sync: asm, Fill: true}), write: true, in: "00000000AABB", want: "1ACFFC1DAABB"},
		{name: "write fill, packet shorter than sync", p: burst(BurstParams{Sync: asm, Fill: true}), write: true, in: "AABB", want: ""},
	},
	"terminated": {
		{name: "newline, stripped", p: terminated(TerminatedParams{WriteTerm: []byte{0x0A}, ReadTerm: []byte{0x0A}, StripRead: true}),
			in: "6162630A|64650A66", want: "616263|6465"},
		{name: "CRLF, not stripped", p: terminated(TerminatedParams{WriteTerm: []byte{0x0D, 0x0A}, ReadTerm: []byte{0x0D, 0x0A}}),
			in: "61620D|0A630D0A", want: "61620D0A|630D0A"},
		{name: "docs: 0x0A 0x0A True 4 0x44415441 (sync DATA, discarded)", p: terminated(TerminatedParams{WriteTerm: []byte{0x0A}, ReadTerm: []byte{0x0A}, StripRead: true, BurstParams: BurstParams{Discard: 4, Sync: []byte("DATA")}}),
			in: "7878 44415441 616263 0A 44415441 64 0A", want: "616263|64"},
		{name: "sync containing the terminator", p: terminated(TerminatedParams{WriteTerm: []byte{0x0A}, ReadTerm: []byte{0x0A}, StripRead: true, BurstParams: BurstParams{Sync: []byte{0x0A, 0x55}}}),
			in: "0A55 61 0A 0A55 62 0A", want: "0A5561|0A5562"},
		{name: "empty line dropped by default", p: terminated(TerminatedParams{WriteTerm: []byte{0x0A}, ReadTerm: []byte{0x0A}, StripRead: true}),
			in: "610A0A62 0A", want: "61|62"},
		{name: "empty line kept with allow empty", p: terminated(TerminatedParams{WriteTerm: []byte{0x0A}, ReadTerm: []byte{0x0A}, StripRead: true}),
			opt: Options{AllowEmpty: AllowEmptyTrue}, in: "610A0A62 0A", want: "61||62"},
		{name: "no terminator within max length: dropped up to the next terminator", p: terminated(TerminatedParams{WriteTerm: []byte{0x0A}, ReadTerm: []byte{0x0A}, StripRead: true, BurstParams: BurstParams{MaxLen: 4}}),
			in: "6162|636465|6667|680A|690A", want: "69"},
		{name: "unterminated final line is reported", p: terminated(TerminatedParams{WriteTerm: []byte{0x0A}, ReadTerm: []byte{0x0A}, StripRead: true}),
			in: "610A6263", want: "61"},
		{name: "write appends the write terminator", p: terminated(TerminatedParams{WriteTerm: []byte{0x0D, 0x0A}, ReadTerm: []byte{0x0A}}), write: true,
			in: "6162|63", want: "61620D0A|630D0A"},
		{name: "write fill with sync and discard", p: terminated(TerminatedParams{WriteTerm: []byte{0x0A}, ReadTerm: []byte{0x0A}, BurstParams: BurstParams{Discard: 4, Sync: []byte("DATA"), Fill: true}}), write: true,
			in: "616263", want: "444154416162630A"},
		{name: "write refuses a packet containing the terminator", p: terminated(TerminatedParams{WriteTerm: []byte{0x0A}, ReadTerm: []byte{0x0A}}), write: true,
			in: "610A62|63", want: "630A"},
	},
	"slip": {
		{name: "defaults", p: slip(nil), in: "01DBDC02DBDD03C0|AAC0", want: "01C002DB03|AA"},
		{name: "RFC 1055 leading END gives an empty packet, dropped", p: slip(nil), in: "C0AAC0C0BBC0", want: "AA|BB"},
		{name: "start char 0xC0", p: slip(func(p *SlipParams) { p.Start = 0xC0 }), in: "C0AAC0 C0BBDBDCC0", want: "AA|BBC0"},
		{name: "start char with garbage before it", p: slip(func(p *SlipParams) { p.Start = 0x7E }), in: "11227EAAC0", want: "AA"},
		{name: "read strip false keeps start and end", p: slip(func(p *SlipParams) { p.Start = 0x7E; p.ReadStrip = false }), in: "7EAAC0", want: "7EAAC0"},
		{name: "read escape false", p: slip(func(p *SlipParams) { p.ReadEscape = false }), in: "01DBDCC0", want: "01DBDC"},
		{name: "custom characters", p: slip(func(p *SlipParams) { p.End, p.Esc, p.EscEnd, p.EscEsc = 0x7E, 0x7D, 0x5E, 0x5D }),
			in: "017D5E027D5D7E", want: "017E027D"},
		{name: "COSMOS two-pass unescape of DB DB DC", p: slip(nil), in: "DBDBDCC0", want: "DBC0"},
		{name: "write defaults", p: slip(nil), write: true, in: "01C002DB03|", want: "01DBDC02DBDD03C0|C0"},
		{name: "write with start char", p: slip(func(p *SlipParams) { p.Start = 0xC0 }), write: true, in: "AA", want: "C0AAC0"},
		{name: "write escape false", p: slip(func(p *SlipParams) { p.WriteEscape = false }), write: true, in: "C0DB", want: "C0DBC0"},
		{name: "write custom characters", p: slip(func(p *SlipParams) { p.End, p.Esc, p.EscEnd, p.EscEsc = 0x7E, 0x7D, 0x5E, 0x5D }), write: true,
			in: "017E027D", want: "017D5E027D5D7E"},
	},
	"cobs": {
		{name: "read", p: cobs(), in: "031122023300|0501020304|00", want: "11220033|01020304"},
		{name: "bad code byte drops the frame", p: cobs(), in: "05112200 0211 00", want: "11"},
		{name: "empty frames kept with allow empty", p: cobs(), opt: Options{AllowEmpty: AllowEmptyTrue}, in: "00 0100", want: "|"},
		{name: "write (empty payload: COSMOS writes just 00)", p: cobs(), write: true, in: "11220033|", want: "031122023300|00"},
		{name: "write with allow empty false drops empty packets", p: cobs(), opt: Options{AllowEmpty: AllowEmptyFalse}, write: true, in: "11|", want: "021100"},
	},
	"preidentified": {
		{name: "mode 4 plain", p: preid(PreidentifiedParams{}),
			in: "006553F1000003D09004494E53540D4845414C54485F53544154555300000003010203", want: "010203"},
		{name: "mode 4 stored + extra + sync", p: preid(PreidentifiedParams{Sync: []byte{0xDE, 0xAD, 0xBE, 0xEF}}),
			in: "0000DEADBEEFC00000000B7B2276636964223A20327D6553F1000003D09004494E53540D4845414C54485F53544154555300000003010203", want: "010203"},
		{name: "mode 2", p: preid(PreidentifiedParams{Mode: 2}),
			in: "6553F1000003D09004494E53540D4845414C54485F53544154555300000003010203", want: "010203"},
		{name: "data length over max length resyncs", p: preid(PreidentifiedParams{MaxLength: 8, Sync: []byte{0xDE, 0xAD, 0xBE, 0xEF}}),
			in: "DEADBEEF 00 6553F100 000003D0 01 41 01 42 0000FFFF DEADBEEF 00 6553F100 000003D0 01 41 01 42 00000001 07", want: "07"},
		{name: "extra that is not JSON drops the packet", p: preid(PreidentifiedParams{}),
			in: "40 00000001 7B 6553F100 000003D0 01 41 01 42 00000001 07 00 6553F100 000003D0 01 41 01 42 00000001 08", want: "08"},
		{name: "write from meta", p: preid(PreidentifiedParams{}), write: true, in: "0102",
			want: "006553F1000003D09004494E53540D4845414C54485F535441545553000000020102"},
		{name: "write with sync", p: preid(PreidentifiedParams{Sync: []byte{0xDE, 0xAD, 0xBE, 0xEF}}), write: true, in: "01",
			want: "DEADBEEF006553F1000003D09004494E53540D4845414C54485F53544154555300000001 01"},
		{name: "write mode 2", p: preid(PreidentifiedParams{Mode: 2}), write: true, in: "01",
			want: "6553F1000003D09004494E53540D4845414C54485F53544154555300000001 01"},
		{name: "read with the data length field over max length, fail fast", p: preid(PreidentifiedParams{MaxLength: 2}), opt: Options{FailFast: true},
			in: "00 6553F100 000003D0 01 41 01 42 00000003 010203", want: ""},
	},
}

func TestGolden(t *testing.T) {
	for proto, cases := range goldenCases {
		t.Run(proto, func(t *testing.T) {
			var b strings.Builder
			for _, c := range cases {
				p, err := c.p()
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				in := chunks(t, c.in)
				var r *result
				dir := "read"
				if c.write {
					dir = "write"
					r = frameAll(p, c.opt, in, fixedMeta(len(in)))
				} else {
					r = deframe(p, c.opt, in, nil)
				}
				got := make([]string, len(r.pkts))
				for i, pk := range r.pkts {
					got[i] = fmt.Sprintf("%X", pk)
				}
				if c.want != "" || (c.write && len(got) == 0) {
					want := strings.ReplaceAll(c.want, " ", "")
					if g := strings.Join(got, "|"); g != want {
						t.Errorf("%s: got %s, want %s (diags %q)", c.name, g, want, r.diags)
					}
				}
				fmt.Fprintf(&b, "== %s (%s)\nin %s\n%s\n", c.name, dir, strings.ReplaceAll(c.in, " ", ""), r)
			}
			testutil.Golden(t, filepath.Join("testdata", proto+".golden"), []byte(b.String()))
		})
	}
}

// fixedMeta gives write-direction records a fixed time and names, so the
// preidentified header is reproducible.
func fixedMeta(n int) []record.Meta {
	out := make([]record.Meta, n)
	for i := range out {
		out[i] = record.Meta{record.KeyTime: uint64(1700000000250000000), record.KeyTarget: "INST", record.KeyPacket: "HEALTH_STATUS"}
	}
	return out
}
