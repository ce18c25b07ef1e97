package crcproto

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/frame/crc"
	"github.com/c3kit/c3kit/frame/record"
)

func addInput(t testing.TB) []byte {
	meta := record.Meta{"target": "INST", "extra": map[string]any{"VCID": uint64(2)}}
	return stream(t, []rec{
		{meta, []byte("123456789")},
		{nil, []byte("0123456789abcdef")},
		{nil, []byte{0xAB}},
		{nil, nil},
	})
}

// TestAddGolden covers every parameter and strategy of the write side.
func TestAddGolden(t *testing.T) {
	cases := []struct {
		name    string
		preset  string
		field   Field
		inPlace bool
		strat   Strategy
	}{
		{"append32", "COSMOS-32", Field{BitOffset: -32, BitSize: 32}, false, Error},
		{"append32_le", "COSMOS-32", Field{BitOffset: -32, BitSize: 32, LittleEndian: true}, false, Error},
		{"append16_offset_ignored", "COSMOS-16", Field{BitOffset: -32, BitSize: 16}, false, Error},
		{"append8", "COSMOS-8", Field{BitOffset: -8, BitSize: 8}, false, Error},
		{"append24", "CRC-24/OPENPGP", Field{BitOffset: -24, BitSize: 24}, false, Error},
		{"append64_le", "COSMOS-64", Field{BitOffset: -64, BitSize: 64, LittleEndian: true}, false, Error},
		{"append64_cosmos_le", "COSMOS-64", Field{BitOffset: -64, BitSize: 64, LittleEndian: true, CosmosLE64: true}, false, Error},
		{"inplace16_end", "COSMOS-16", Field{BitOffset: -16, BitSize: 16}, true, Error},
		{"inplace16_trailer_le", "CRC-16/MODBUS", Field{BitOffset: -32, BitSize: 16, LittleEndian: true}, true, Error},
		{"inplace32_positive_drop", "CRC-32C", Field{BitOffset: 32, BitSize: 32}, true, Drop},
		{"inplace32_disconnect", "COSMOS-32", Field{BitOffset: -32, BitSize: 32}, true, Disconnect},
		{"inplace64_le", "COSMOS-64", Field{BitOffset: -64, BitSize: 64, LittleEndian: true}, true, Error},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var report []string
			a := &Adder{Table: table(t, c.preset), Field: c.field, InPlace: c.inPlace, Strategy: c.strat,
				Report: func(b *Bad) { report = append(report, b.Error()) }}
			golden(t, "add/"+c.name, transcript(t, a, &report, addInput(t)))
		})
	}
	a := &Adder{Table: table(t, "COSMOS-64"), Field: Field{BitOffset: -64, BitSize: 64, LittleEndian: true, CosmosLE64: true}, InPlace: true}
	if a.Validate() == nil {
		t.Error("in-place with the COSMOS LE64 layout accepted")
	}
}

// TestCosmosWriteVectors: Add reproduces what COSMOS's write_data produced
// for "123456789", LE64 quirk included (CosmosLE64), and Verify reads back
// both the plain layout and, with CosmosLE64, COSMOS's.
func TestCosmosWriteVectors(t *testing.T) {
	v := loadVectors(t)
	for _, c := range v.CRC.WriteFraming {
		t.Run(fmt.Sprintf("%d_%s", c.Bits, c.Endianness), func(t *testing.T) {
			p, err := crc.Cosmos(c.Bits, crc.CosmosOptions{})
			if err != nil {
				t.Fatal(err)
			}
			little := c.Endianness == "LITTLE_ENDIAN"
			f := Field{BitOffset: -c.Bits, BitSize: c.Bits, LittleEndian: little, CosmosLE64: little && c.Bits == 64}
			a := &Adder{Table: crc.New(p), Field: f}
			var out bytes.Buffer
			if _, err := a.Run(record.NewReader(bytes.NewReader(stream(t, []rec{{nil, []byte(c.Input)}}))), record.NewWriter(&out)); err != nil {
				t.Fatal(err)
			}
			got := readAll(t, out.Bytes())
			if len(got) != 1 || !strings.EqualFold(hex.EncodeToString(got[0].data), c.Output) {
				t.Fatalf("add: %x, want %s", got, c.Output)
			}
			// Verify the COSMOS bytes with the same field, then (for LE64)
			// show a plain LE64 read rejects them, as COSMOS's own read does.
			var st Stats
			vr := &Verifier{Table: crc.New(p), Field: f, Strategy: Drop}
			if st, err = vr.Run(record.NewReader(bytes.NewReader(out.Bytes())), record.NewWriter(&bytes.Buffer{})); err != nil || st.Failures != 0 {
				t.Fatalf("verify: %+v %v", st, err)
			}
			if f.CosmosLE64 {
				vr.Field.CosmosLE64 = false
				if st, _ = vr.Run(record.NewReader(bytes.NewReader(out.Bytes())), record.NewWriter(&bytes.Buffer{})); st.Failures != 1 {
					t.Fatalf("plain LE64 read of COSMOS layout passed: %+v", st)
				}
				a.Field.CosmosLE64 = false
				out.Reset()
				a.Run(record.NewReader(bytes.NewReader(stream(t, []rec{{nil, []byte(c.Input)}}))), record.NewWriter(&out))
				if got := hex.EncodeToString(readAll(t, out.Bytes())[0].data); got != "313233343536373839fa3919dfbbc95d99" {
					t.Fatalf("plain LE64: %s", got)
				}
			}
		})
	}
}

// TestRoundTrips: for every field size, byte order and placement, what Add
// writes Verify accepts, and Verify --strip gives back the input (append) or
// Verify passes the record unchanged (in place).
func TestRoundTrips(t *testing.T) {
	payloads := [][]byte{[]byte("A"), []byte("123456789"), bytes.Repeat([]byte{0x5a, 0xa5}, 300)}
	sizes := map[int]string{8: "CRC-8/SMBUS", 16: "CRC-16/KERMIT", 24: "CRC-24/BLE", 32: "CRC-32/BZIP2", 40: "CRC-40/GSM", 48: "CRC-40/GSM", 56: "CRC-32C", 64: "CRC-64/ECMA-182"}
	n := 0
	for bits, preset := range sizes {
		tab := table(t, preset)
		for _, little := range []bool{false, true} {
			for _, cosmosLE := range []bool{false, true} {
				if cosmosLE && (bits != 64 || !little) {
					continue
				}
				// append: BitOffset -bits; in place: at the end, before a
				// 3-byte trailer, and at byte 0 and 1 from the start.
				for _, place := range []struct {
					inPlace bool
					off     int
				}{{false, -bits}, {true, -bits}, {true, -bits - 24}, {true, 0}, {true, 8}} {
					if place.inPlace && cosmosLE {
						continue
					}
					f := Field{BitOffset: place.off, BitSize: bits, LittleEndian: little, CosmosLE64: cosmosLE}
					name := fmt.Sprintf("%d/%v/%v/%v/%d", bits, little, cosmosLE, place.inPlace, place.off)
					var in []rec
					for _, p := range payloads {
						if place.inPlace { // make room for the field
							p = append(append([]byte{}, p...), make([]byte, bits/8+3)...)
						}
						in = append(in, rec{record.Meta{"packet": "P" + strconv.Itoa(len(p))}, p})
					}
					added := runStage(t, &Adder{Table: tab, Field: f, InPlace: place.inPlace}, stream(t, in))
					verified := runStage(t, &Verifier{Table: tab, Field: f, Strip: !place.inPlace, Strategy: Disconnect}, added)
					want := stream(t, in)
					if place.inPlace {
						want = added
						if bytes.Equal(added, stream(t, in)) {
							t.Fatalf("%s: in-place add changed nothing", name)
						}
					}
					if !bytes.Equal(verified, want) {
						t.Fatalf("%s: round trip differs:\n%x\n%x", name, verified, want)
					}
					n++
				}
			}
		}
	}
	if n < 70 {
		t.Fatalf("only %d combinations", n)
	}
}

func runStage(t testing.TB, st runner, in []byte) []byte {
	var out bytes.Buffer
	stats, err := st.Run(record.NewReader(bytes.NewReader(in)), record.NewWriter(&out))
	if err != nil || stats.Failures != 0 {
		t.Fatalf("%+v: %v", stats, err)
	}
	return out.Bytes()
}
