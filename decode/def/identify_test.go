package def

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/accessor"
)

const identDefs = `
TELEMETRY TGT HS BIG_ENDIAN
  APPEND_ITEM VER 3 UINT
  APPEND_ID_ITEM APID 13 UINT 100
  APPEND_ID_ITEM PKTID 16 UINT 1
  APPEND_ITEM DATA 32 UINT
TELEMETRY TGT ADCS BIG_ENDIAN
  APPEND_ITEM VER 3 UINT
  APPEND_ID_ITEM APID 13 UINT 100
  APPEND_ID_ITEM PKTID 16 UINT 2
TELEMETRY TGT NEG BIG_ENDIAN
  ITEM VER 0 3 UINT
  ID_ITEM APID 3 13 UINT 101
  ID_ITEM CODE 16 16 INT -2
TELEMETRY TGT FLT LITTLE_ENDIAN
  ID_ITEM F 0 32 FLOAT 1.5
TELEMETRY TGT STR BIG_ENDIAN
  ID_ITEM S 0 32 STRING "AB"
TELEMETRY TGT BLK BIG_ENDIAN
  ID_ITEM B 0 16 BLOCK 0xCAFE
TELEMETRY TGT VIRT BIG_ENDIAN
  VIRTUAL
  ID_ITEM B 0 16 BLOCK 0xBEEF
TELEMETRY TGT TAIL BIG_ENDIAN
  ITEM DATA 0 -8 BLOCK
  ID_ITEM T -8 8 UINT 0x7E
COMMAND TGT CMD1 BIG_ENDIAN
  APPEND_ID_PARAMETER OP 16 UINT 0 100 1
`

func identSet(t testing.TB, text string, opts Options) *Set {
	t.Helper()
	if opts.Target == "" {
		opts.Target = "TGT"
	}
	s, err := LoadText("t.txt", text, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestIdentify(t *testing.T) {
	s := identSet(t, identDefs, Options{})
	hs := []byte{0x00, 0x64, 0x00, 0x01, 1, 2, 3, 4}
	tests := []struct {
		name string
		buf  []byte
		kind Kind
		want string // "" = unknown
	}{
		{"HS", hs, Telemetry, "HS"},
		{"ADCS", []byte{0x00, 0x64, 0x00, 0x02}, Telemetry, "ADCS"},
		{"version bits ignored", []byte{0xE0, 0x64, 0x00, 0x02}, Telemetry, "ADCS"},
		{"unknown PKTID", []byte{0x00, 0x64, 0x00, 0x03}, Telemetry, ""},
		{"short buffer", []byte{0x00, 0x64, 0x00}, Telemetry, ""},
		{"empty buffer", nil, Telemetry, ""},
		{"negative INT id", []byte{0x00, 0x65, 0xFF, 0xFE}, Telemetry, "NEG"},
		{"little-endian float id", []byte{0x00, 0x00, 0xC0, 0x3F}, Telemetry, "FLT"},
		{"string id stops at NUL", []byte{'A', 'B', 0, 'x'}, Telemetry, "STR"},
		{"block id", []byte{0xCA, 0xFE}, Telemetry, "BLK"},
		{"virtual packets never match", []byte{0xBE, 0xEF}, Telemetry, ""},
		{"negative offset id", []byte{9, 9, 9, 0x7E}, Telemetry, "TAIL"},
		{"commands are separate", []byte{0x00, 0x01}, Command, "CMD1"},
		{"telemetry id is not a command", hs, Command, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := s.Identify(tt.buf, tt.kind)
			got := ""
			if ok {
				got = p.Name
			}
			if got != tt.want {
				t.Errorf("Identify = %q, want %q", got, tt.want)
			}
			if ref := linearIdentify(s, tt.buf, tt.kind); ref != got {
				t.Errorf("linear reference = %q, index = %q", ref, got)
			}
		})
	}
	if _, ok := s.Identify(hs, Telemetry, "OTHER"); ok {
		t.Error("identified in a target that was not asked for")
	}
	if p, ok := s.Identify(hs, Telemetry, "OTHER", "tgt"); !ok || p.Name != "HS" {
		t.Error("not identified in the second named target")
	}
}

func TestIdentifyCatchAll(t *testing.T) {
	s := identSet(t, `
TELEMETRY TGT ANY1 BIG_ENDIAN
  CATCHALL
  ITEM DATA 0 0 BLOCK
TELEMETRY TGT ONE BIG_ENDIAN
  ID_ITEM ID 0 8 UINT 1
TELEMETRY TGT ANY2 BIG_ENDIAN
  ITEM DATA 0 0 BLOCK
`, Options{})
	if p, _ := s.Identify([]byte{1}, Telemetry); p == nil || p.Name != "ONE" {
		t.Errorf("ID match = %v", p)
	}
	// the last packet without ID items is the catch-all, as COSMOS's hash keeps it
	if p, _ := s.Identify([]byte{2}, Telemetry); p == nil || p.Name != "ANY2" {
		t.Errorf("catch-all = %v", p)
	}
	if p, _ := s.Identify(nil, Telemetry); p == nil || p.Name != "ANY2" {
		t.Errorf("catch-all for empty data = %v", p)
	}
	warned := strings.Join(s.Warnings, "\n")
	if !strings.Contains(warned, "TELEMETRY TGT ANY2 has no ID items") || strings.Contains(warned, "ANY1") {
		t.Errorf("warnings %q: want one for ANY2 only (ANY1 says CATCHALL)", warned)
	}
}

func TestIdentifyUniqueIDMode(t *testing.T) {
	defs := `
TELEMETRY TGT A BIG_ENDIAN
  ID_ITEM ID 0 8 UINT 1
TELEMETRY TGT B BIG_ENDIAN
  ID_ITEM ID 0 8 UINT 1
TELEMETRY TGT C BIG_ENDIAN
  ID_ITEM X 8 8 UINT 5
`
	s := identSet(t, defs, Options{})
	// hash mode: the last of equal IDs wins; layouts tried in order
	if p, _ := s.Identify([]byte{1, 5}, Telemetry); p.Name != "B" {
		t.Errorf("hash mode: %s, want B", p.Name)
	}
	s.Target("TGT").TlmUniqueIDMode = true
	s.buildIndex()
	// unique mode: packets tried one by one, first match wins
	if p, _ := s.Identify([]byte{1, 5}, Telemetry); p.Name != "A" {
		t.Errorf("unique mode: %s, want A", p.Name)
	}
	if p, _ := s.Identify([]byte{2, 5}, Telemetry); p.Name != "C" {
		t.Errorf("unique mode: %s, want C", p.Name)
	}
}

// linearIdentify is the reference: read every ID item with the generic
// accessor and compare it with the ID value as COSMOS's identify? does.
// Hash mode: layouts ranked by first appearance, the last definition of
// equal IDs winning; unique mode: first match.
func linearIdentify(s *Set, buf []byte, kind Kind) string {
	for _, t := range s.Targets {
		unique := t.TlmUniqueIDMode
		if kind == Command {
			unique = t.CmdUniqueIDMode
		}
		var layouts []string
		best, bestRank := "", -1
		catchAll := ""
		for _, p := range t.Packets(kind) {
			if p.Virtual || p.Subpacket {
				continue
			}
			if len(p.IDItems) == 0 {
				if unique {
					return p.Name
				}
				catchAll = p.Name
				continue
			}
			sig := ""
			for _, it := range p.IDItems {
				sig += fmt.Sprintf("%d/%d/%v/%v;", it.BitOffset, it.BitSize, it.DataType, it.Endian)
			}
			rank := -1
			for i, l := range layouts {
				if l == sig {
					rank = i
				}
			}
			if rank < 0 {
				layouts = append(layouts, sig)
				rank = len(layouts) - 1
			}
			if !idMatches(p, buf) {
				continue
			}
			if unique {
				return p.Name
			}
			if bestRank < 0 || rank <= bestRank {
				best, bestRank = p.Name, rank
			}
		}
		if best != "" {
			return best
		}
		if catchAll != "" {
			return catchAll
		}
	}
	return ""
}

func idMatches(p *Packet, buf []byte) bool {
	for _, it := range p.IDItems {
		v, err := accessor.Read(buf, it.BitOffset, it.BitSize, it.DataType, it.Endian)
		if err != nil {
			return false
		}
		id := it.IDValue
		switch x := v.(type) {
		case int64:
			n, ok := id.Int64()
			if !ok || n != x {
				return false
			}
		case uint64:
			n, ok := id.Uint64()
			if !ok || n != x {
				return false
			}
		case float64:
			if !id.IsNumber() || id.Float64() != x {
				return false
			}
		case string:
			if id.Str != x {
				return false
			}
		case []byte:
			if !bytes.Equal([]byte(id.Str), x) {
				return false
			}
		}
	}
	return true
}

// randomDefs builds a target whose packets use a few ID layouts with
// random values, and returns buffers that hit and miss them.
func randomDefs(r *rand.Rand) (string, [][]byte) {
	type field struct {
		off, size int
		typ       string
		endian    string
	}
	layouts := [][]field{
		{{0, 8, "UINT", ""}},
		{{0, 3, "UINT", ""}, {3, 13, "UINT", ""}, {16, 16, "INT", ""}},
		{{8, 16, "UINT", "LITTLE_ENDIAN"}},
		{{0, 32, "FLOAT", ""}},
		{{16, 16, "STRING", ""}},
		{{-8, 8, "UINT", ""}, {0, 4, "INT", ""}},
	}
	var b strings.Builder
	var bufs [][]byte
	n := 1 + r.Intn(12)
	for i := 0; i < n; i++ {
		l := layouts[r.Intn(len(layouts))]
		fmt.Fprintf(&b, "TELEMETRY TGT P%d BIG_ENDIAN\n", i)
		if r.Intn(10) == 0 {
			b.WriteString("  VIRTUAL\n")
		}
		if r.Intn(12) == 0 {
			b.WriteString("  ITEM D 0 0 DERIVED\n") // no ID items: catch-all
			continue
		}
		buf := make([]byte, 6)
		r.Read(buf)
		for j, f := range l {
			var v string
			switch f.typ {
			case "UINT":
				u := r.Uint64() & (1<<uint(f.size) - 1)
				if r.Intn(2) == 0 {
					u %= 3 // collisions between packets
				}
				v = fmt.Sprint(u)
				if f.endian == "" {
					accessor.WriteUint(buf, u, f.off, f.size, accessor.BigEndian, accessor.OverflowError)
				} else {
					accessor.WriteUint(buf, u, f.off, f.size, accessor.LittleEndian, accessor.OverflowError)
				}
			case "INT":
				x := int64(r.Intn(1<<uint(f.size))) - 1<<uint(f.size-1)
				v = fmt.Sprint(x)
				accessor.WriteInt(buf, x, f.off, f.size, accessor.BigEndian, accessor.OverflowError)
			case "FLOAT":
				x := float64(float32(r.NormFloat64()))
				if r.Intn(3) == 0 {
					x = float64(r.Intn(3))
				}
				v = fmt.Sprint(x)
				accessor.WriteFloat(buf, x, f.off, f.size, accessor.BigEndian)
			case "STRING":
				s := string([]byte{byte('A' + r.Intn(3)), byte('A' + r.Intn(3))})
				v = `"` + s + `"`
				copy(buf[f.off/8:], s)
			}
			fmt.Fprintf(&b, "  ID_ITEM F%d %d %d %s %s \"\" %s\n", j, f.off, f.size, f.typ, v, f.endian)
		}
		bufs = append(bufs, buf, buf[:r.Intn(len(buf))])
	}
	for i := 0; i < 8; i++ {
		buf := make([]byte, r.Intn(8))
		r.Read(buf)
		bufs = append(bufs, buf)
	}
	return b.String(), bufs
}

// The index must agree with the linear reference on random definitions
// and buffers.
func TestIdentifyIndexMatchesLinearScan(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for round := 0; round < 300; round++ {
		defs, bufs := randomDefs(r)
		s, err := LoadText("t.txt", defs, Options{Target: "TGT", OverlapWarnings: true})
		if err != nil {
			t.Fatalf("round %d: %v\n%s", round, err, defs)
		}
		unique := round%3 == 0
		s.Target("TGT").TlmUniqueIDMode = unique
		s.buildIndex()
		for _, buf := range bufs {
			p, ok := s.Identify(buf, Telemetry)
			got := ""
			if ok {
				got = p.Name
			}
			if want := linearIdentify(s, buf, Telemetry); got != want {
				t.Fatalf("round %d (unique %v) buf %x: index %q, linear %q\n%s", round, unique, buf, got, want, defs)
			}
		}
	}
}

func TestIdentifyDoesNotAllocate(t *testing.T) {
	s := identSet(t, identDefs, Options{})
	bufs := [][]byte{{0x00, 0x64, 0x00, 0x01, 1, 2, 3, 4}, {0xCA, 0xFE}, {'A', 'B', 0, 0}, {9, 9, 9, 9}}
	allocs := testing.AllocsPerRun(200, func() {
		for _, b := range bufs {
			s.Identify(b, Telemetry)
		}
		s.Identify(bufs[0], Telemetry, "TGT")
	})
	if allocs != 0 {
		t.Errorf("Identify allocates %.1f times per run", allocs)
	}
}

func TestIdentifyIDValueRules(t *testing.T) {
	s := identSet(t, `
TELEMETRY TGT F BIG_ENDIAN
  ID_ITEM X 0 32 FLOAT 0
TELEMETRY TGT U BIG_ENDIAN
  ID_ITEM X 0 8 UINT 1.0
TELEMETRY TGT NEVER BIG_ENDIAN
  ID_ITEM X 8 8 UINT 1.5
`, Options{})
	negZero := make([]byte, 4)
	accessor.WriteFloat(negZero, math.Copysign(0, -1), 0, 32, accessor.BigEndian)
	if p, _ := s.Identify(negZero, Telemetry); p == nil || p.Name != "F" {
		t.Errorf("-0.0 should match an ID value of 0: %v", p)
	}
	if p, _ := s.Identify([]byte{1, 1}, Telemetry); p == nil || p.Name != "U" {
		t.Errorf("1.0 should match an integer 1: %v", p)
	}
	if w := strings.Join(s.Warnings, "\n"); !strings.Contains(w, "t.txt:7: ID value 1.5 of X can never be read from a 8-bit UINT item") {
		t.Errorf("warnings %q", w)
	}
	nan := make([]byte, 4)
	accessor.WriteFloat(nan, math.NaN(), 0, 32, accessor.BigEndian)
	if p, ok := s.Identify(nan, Telemetry); ok {
		t.Errorf("NaN matched %s", p.Name)
	}
}

func writeUintForTest(buf []byte, v uint64, it *Item) error {
	return accessor.WriteUint(buf, v, it.BitOffset, it.BitSize, it.Endian, accessor.OverflowError)
}

func TestIdentifySubpackets(t *testing.T) {
	s := identSet(t, `
TELEMETRY TGT FRAME BIG_ENDIAN
  SUBPACKETIZER splitter.rb
  ID_ITEM T 0 8 UINT 1
TELEMETRY TGT SUB1 BIG_ENDIAN
  SUBPACKET
  ID_ITEM T 0 8 UINT 1
TELEMETRY TGT SUB2 BIG_ENDIAN
  SUBPACKET
  ID_ITEM T 0 8 UINT 2
`, Options{})
	if p, _ := s.Identify([]byte{1}, Telemetry); p == nil || p.Name != "FRAME" {
		t.Errorf("interface level: %v", p)
	}
	if p, ok := s.Identify([]byte{2}, Telemetry); ok {
		t.Errorf("subpacket %s identified at interface level", p.Name)
	}
	if p, _ := s.IdentifySubpacket([]byte{1}, Telemetry); p == nil || p.Name != "SUB1" {
		t.Errorf("subpacket: %v", p)
	}
	if p, _ := s.IdentifySubpacket([]byte{2}, Telemetry, "TGT"); p == nil || p.Name != "SUB2" {
		t.Errorf("subpacket: %v", p)
	}
}

func TestIdentifyOtherAccessors(t *testing.T) {
	s := identSet(t, `
TELEMETRY TGT JSON BIG_ENDIAN
  ACCESSOR JsonAccessor
  ID_ITEM ID 0 8 UINT 1
    KEY $.id
TELEMETRY TGT BIN BIG_ENDIAN
  ACCESSOR openc3/accessors/binary_accessor.py
  ID_ITEM ID 0 8 UINT 2
`, Options{})
	if p, ok := s.Identify([]byte{1}, Telemetry); ok {
		t.Errorf("JSON packet identified by binary reads: %s", p.Name)
	}
	if p, _ := s.Identify([]byte{2}, Telemetry); p == nil || p.Name != "BIN" {
		t.Errorf("BinaryAccessor spelled as a class file: %v", p)
	}
	if p, _ := s.Identify([]byte(`{"id":1}`), Telemetry); p == nil || p.Name != "JSON" {
		t.Errorf("JSON packet not identified through its accessor: %v", p)
	}
}
