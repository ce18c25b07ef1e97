package crc

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestReadmePresetsTable keeps the presets table of the c3crc guide
// (docs/c3crc-guide.md, "Presets") equal to the catalogue (regenerate the
// rows from `c3crc presets`).
func TestReadmePresetsTable(t *testing.T) {
	b, err := os.ReadFile("../../docs/c3crc-guide.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "| CRC-") {
			rows = append(rows, l)
		}
	}
	ps := Presets()
	if len(rows) != len(ps) {
		t.Fatalf("docs/c3crc-guide.md lists %d presets, catalogue has %d", len(rows), len(ps))
	}
	for i, p := range ps {
		want := fmt.Sprintf("| %s | %d | %s | %s | %t | %t | %s | %s | %s |", p.Name, p.Width, p.Hex(p.Poly), p.Hex(p.Init),
			p.RefIn, p.RefOut, p.Hex(p.XorOut), p.Hex(p.Check), strings.Join(p.Aliases, ", "))
		if rows[i] != want {
			t.Errorf("docs/c3crc-guide.md row %d:\n got %s\nwant %s", i, rows[i], want)
		}
	}
}
