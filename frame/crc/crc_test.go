package crc

import (
	"bytes"
	"hash/crc32"
	"hash/crc64"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/c3kit/c3kit/frame/crc/internal/vectors"
)

var check = []byte("123456789")

// TestPresetCheckValues: every catalogue entry gives its check value, on the
// Table (fast path or not), the generic path and the bitwise reference.
func TestPresetCheckValues(t *testing.T) {
	if len(Presets()) < 60 {
		t.Fatalf("only %d presets", len(Presets()))
	}
	for _, p := range Presets() {
		t.Run(p.Name, func(t *testing.T) {
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			if got := New(p.Params).Checksum(check); got != p.Check {
				t.Errorf("New: %s, want %s", p.Hex(got), p.Hex(p.Check))
			}
			if got := newTable(p.Params).Checksum(check); got != p.Check {
				t.Errorf("generic: %s, want %s", p.Hex(got), p.Hex(p.Check))
			}
			if got := referenceCRC(p.Params, check); got != p.Check {
				t.Errorf("reference: %s, want %s", p.Hex(got), p.Hex(p.Check))
			}
		})
	}
}

func TestLookup(t *testing.T) {
	for name, want := range map[string]string{
		"crc-16/ccitt-false": "CRC-16/IBM-3740", "COSMOS-16": "CRC-16/IBM-3740",
		"x-25": "CRC-16/IBM-SDLC", "X.25": "CRC-16/IBM-SDLC", "xmodem": "CRC-16/XMODEM",
		"KERMIT": "CRC-16/KERMIT", "modbus": "CRC-16/MODBUS", "arc": "CRC-16/ARC",
		"CRC-32": "CRC-32/ISO-HDLC", "COSMOS-32": "CRC-32/ISO-HDLC", "crc-32c": "CRC-32/ISCSI",
		"CRC-32/BZIP2": "CRC-32/BZIP2", "CRC-32/MPEG-2": "CRC-32/MPEG-2",
		"COSMOS-64": "CRC-64/XZ", "CRC-64/ECMA-182": "CRC-64/ECMA-182", "COSMOS-8": "CRC-8/DVB-S2",
		"CRC-8/SMBUS": "CRC-8/SMBUS", "CRC-8/MAXIM": "CRC-8/MAXIM-DOW", " crc-8/dvb-s2 ": "CRC-8/DVB-S2",
	} {
		p, err := Lookup(name)
		if err != nil || p.Name != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", name, p.Name, err, want)
		}
	}
	if _, err := Lookup("CRC-99/NOPE"); err == nil || !strings.Contains(err.Error(), "CRC-99/NOPE") {
		t.Errorf("unknown preset: %v", err)
	}
}

func loadVectors(t testing.TB) *vectors.Set {
	v, err := vectors.Load("testdata/framing-vectors-crc.json")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func hexU(t testing.TB, s string) uint64 {
	v, err := strconv.ParseUint(s, 0, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestCosmosVectors: COSMOS poly/seed/xor/reflect mapped onto the model give
// the check values COSMOS itself computed, and the defaults give the empty
// input values.
func TestCosmosVectors(t *testing.T) {
	v := loadVectors(t)
	for _, c := range v.CRC.CheckValues {
		p, err := Cosmos(c.Bits, CosmosOptions{Set: true, Poly: hexU(t, c.Cosmos.Poly), Seed: hexU(t, c.Cosmos.Seed), Xor: c.Cosmos.Xor, Reflect: c.Cosmos.Reflect})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := New(p).Checksum([]byte(c.Input)), hexU(t, c.CRC); got != want {
			t.Errorf("%s: %s, want %s", c.Name, p.Hex(got), p.Hex(want))
		}
	}
	for _, c := range v.CRC.EmptyInput {
		p, err := Cosmos(c.Bits, CosmosOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := New(p).Checksum(nil), hexU(t, c.CRC); got != want {
			t.Errorf("empty %d: %s, want %s", c.Bits, p.Hex(got), p.Hex(want))
		}
	}
	for _, bits := range []int{0, 12, 24, 128} {
		if _, err := Cosmos(bits, CosmosOptions{}); err == nil {
			t.Errorf("COSMOS bit size %d accepted", bits)
		}
		if _, err := Cosmos(bits, CosmosOptions{Set: true, Poly: 1}); err == nil {
			t.Errorf("COSMOS bit size %d with options accepted", bits)
		}
	}
	if _, err := Cosmos(16, CosmosOptions{Set: true, Poly: 0x11021}); err == nil {
		t.Error("17-bit poly for a 16-bit CRC accepted")
	}
}

// randomParams draws a valid parameter set of width w.
func randomParams(r *rand.Rand, w int) Params {
	p := Params{Width: w, RefIn: r.IntN(2) == 1, RefOut: r.IntN(2) == 1}
	p.Poly, p.Init, p.XorOut = r.Uint64()&p.Mask(), r.Uint64()&p.Mask(), r.Uint64()&p.Mask()
	return p
}

func randomBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// TestGenericMatchesReference over every width and both orientations, with
// lengths around the 8- and 16-byte slicing steps.
func TestGenericMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for w := 1; w <= 64; w++ {
		for range 8 {
			p := randomParams(r, w)
			tab := newTable(p)
			for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 63, 64, 200} {
				data := randomBytes(r, n)
				if got, want := tab.Checksum(data), referenceCRC(p, data); got != want {
					t.Fatalf("%v len %d: %s, want %s", p, n, p.Hex(got), p.Hex(want))
				}
			}
		}
	}
}

// TestFastPathsMatchGeneric: the hash/crc32 and hash/crc64 paths agree with
// slicing-by-16 for any init, xorout and refout, on random data and splits.
func TestFastPathsMatchGeneric(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, base := range []Params{
		{Width: 32, Poly: polyIEEE, RefIn: true}, {Width: 32, Poly: polyCastagnoli, RefIn: true},
		{Width: 64, Poly: polyECMA, RefIn: true}, {Width: 64, Poly: polyISO, RefIn: true},
	} {
		for range 20 {
			p := base
			p.Init, p.XorOut, p.RefOut = r.Uint64()&p.Mask(), r.Uint64()&p.Mask(), r.IntN(2) == 1
			fast, slow := New(p), newTable(p)
			if !fast.Fast() || slow.Fast() {
				t.Fatalf("%v: fast path not chosen", p)
			}
			data := randomBytes(r, r.IntN(5000))
			cut := r.IntN(len(data) + 1)
			got := fast.Final(fast.Update(fast.Update(fast.Init(), data[:cut]), data[cut:]))
			if want := slow.Checksum(data); got != want {
				t.Fatalf("%v len %d cut %d: fast %s, generic %s", p, len(data), cut, p.Hex(got), p.Hex(want))
			}
		}
	}
	// Parameters near a fast path but not on it stay generic.
	for _, p := range []Params{
		{Width: 32, Poly: polyIEEE}, {Width: 64, Poly: polyECMA}, {Width: 32, Poly: 0x741b8cd7, RefIn: true},
	} {
		if New(p).Fast() {
			t.Errorf("%v took a fast path", p)
		}
	}
	if New(MustPreset("CRC-32").Params).Checksum(check) != uint64(crc32.ChecksumIEEE(check)) {
		t.Error("CRC-32 differs from hash/crc32")
	}
	if New(MustPreset("CRC-64/XZ").Params).Checksum(check) != crc64.Checksum(check, crc64.MakeTable(crc64.ECMA)) {
		t.Error("CRC-64/XZ differs from hash/crc64")
	}
}

// TestUpdateSplits: feeding data in pieces gives the one-shot CRC.
func TestUpdateSplits(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	data := randomBytes(r, 1000)
	for _, name := range []string{"CRC-5/USB", "CRC-12/UMTS", "CRC-16/IBM-3740", "CRC-16/KERMIT", "CRC-24/OPENPGP", "CRC-32/BZIP2", "CRC-40/GSM", "CRC-64/WE"} {
		tab := New(MustPreset(name).Params)
		want := tab.Checksum(data)
		reg := tab.Init()
		for rest := data; len(rest) > 0; {
			n := min(r.IntN(20), len(rest))
			reg, rest = tab.Update(reg, rest[:n]), rest[n:]
		}
		if got := tab.Final(reg); got != want {
			t.Errorf("%s: split %x, whole %x", name, got, want)
		}
	}
}

func TestValidate(t *testing.T) {
	bad := []Params{
		{Width: 0}, {Width: 65}, {Width: -3},
		{Width: 8, Poly: 0x107}, {Width: 8, Poly: 7, Init: 0x100}, {Width: 8, Poly: 7, XorOut: 0x1ff},
		{Width: 1, Poly: 2},
	}
	for _, p := range bad {
		if p.Validate() == nil {
			t.Errorf("%+v validated", p)
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("New(%+v) did not panic", p)
				}
			}()
			New(p)
		}()
	}
	for _, p := range []Params{{Width: 1, Poly: 1}, {Width: 64, Poly: ones, Init: ones, XorOut: ones}} {
		if err := p.Validate(); err != nil {
			t.Errorf("%+v: %v", p, err)
		}
	}
}

func TestParseModel(t *testing.T) {
	for _, pr := range Presets() {
		got, err := ParseModel(pr.String() + " check=" + pr.Hex(pr.Check) + ` name="` + pr.Name + `"`)
		if err != nil || got != pr.Params {
			t.Errorf("%s: %+v %v", pr.Name, got, err)
		}
	}
	want := Params{Width: 16, Poly: 0x1021, Init: 0xffff}
	if got := pr(t, "width=16 poly=0x1021 init=0xffff refin=false refout=false xorout=0"); got != want {
		t.Errorf("ParseModel: %+v", got)
	}
	for _, bad := range []string{
		"", "width=16", "width=16 poly=0x1021 init=0 refin=false refout=false", // missing fields
		"width=16 poly=0x1021 init=0 refin=false refout=false xorout=0 width=16", // duplicate
		"width=16 poly=0x1021 init=0 refin=maybe refout=false xorout=0",
		"width=16 poly=0x11021 init=0 refin=false refout=false xorout=0", // too wide
		"width=99 poly=1 init=0 refin=false refout=false xorout=0",
		"width=16 poly=1 init=0 refin=false refout=false xorout=0 colour=red",
		"width=16 poly=1 init=0 refin=false refout=false xorout=0 stray",
	} {
		if _, err := ParseModel(bad); err == nil {
			t.Errorf("ParseModel(%q) accepted", bad)
		}
	}
	if p, err := Resolve("x-25"); err != nil || p != MustPreset("CRC-16/IBM-SDLC").Params {
		t.Errorf("Resolve name: %v %v", p, err)
	}
	if p, err := Resolve("width=8 poly=7 init=0 refin=false refout=false xorout=0"); err != nil || p.Width != 8 {
		t.Errorf("Resolve model: %v %v", p, err)
	}
}

func pr(t *testing.T, s string) Params {
	p, err := ParseModel(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHashAndSumReader(t *testing.T) {
	tab := New(MustPreset("CRC-24/OPENPGP").Params)
	h := tab.Hash()
	h.Write(check[:4])
	h.Write(check[4:])
	if h.Sum64() != 0x21cf02 || !bytes.Equal(h.Sum([]byte{9}), []byte{9, 0x21, 0xcf, 0x02}) || h.Size() != 3 || h.BlockSize() != 1 {
		t.Errorf("hash: %x %x", h.Sum64(), h.Sum(nil))
	}
	h.Reset()
	if h.Sum64() != tab.Checksum(nil) {
		t.Error("Reset")
	}
	big := bytes.Repeat(check, 100000) // several SumReader buffers
	sum, n, err := tab.SumReader(iotest.HalfReader(bytes.NewReader(big)))
	if err != nil || n != int64(len(big)) || sum != tab.Checksum(big) {
		t.Errorf("SumReader: %x %d %v", sum, n, err)
	}
	if _, _, err := tab.SumReader(iotest.ErrReader(os.ErrClosed)); err != os.ErrClosed {
		t.Errorf("SumReader error: %v", err)
	}
}

// zeros is an endless-looking reader of n zero bytes that allocates nothing.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n == 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), z.n)
	clear(p[:k])
	z.n -= k
	return int(k), nil
}

// TestSumReaderBoundedMemory: 256 MiB stream through SumReader allocates
// one buffer, not memory in proportion to the input.
func TestSumReaderBoundedMemory(t *testing.T) {
	tab := New(MustPreset("CRC-32").Params)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	sum, n, err := tab.SumReader(&zeros{256 << 20})
	runtime.ReadMemStats(&after)
	if err != nil || n != 256<<20 {
		t.Fatal(n, err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 2*SumBufferSize {
		t.Errorf("SumReader allocated %d bytes for a 256 MiB stream", grew)
	}
	if want := uint64(crc32.Update(0, crc32.IEEETable, make([]byte, 256<<20))); sum != want {
		t.Errorf("sum %x, want %x", sum, want)
	}
}
