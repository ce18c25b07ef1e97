package engine

import (
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
)

// TestLenient: conversions outside what c3kit can run are a load error
// naming the item, or with Lenient one warning each and the raw value.
func TestLenient(t *testing.T) {
	set, err := def.Load([]string{"testdata/lenient/ODD"}, def.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tlm := set.Packet("ODD", "PKT", def.Telemetry)
	cmd := set.Packet("ODD", "CMD", def.Command)
	if err := NewDecoder(Options{Set: set}).Prepare(tlm); err == nil || !strings.Contains(err.Error(), "ODD PKT A") {
		t.Errorf("strict decode: %v", err)
	}
	if err := NewEncoder(EncodeOptions{Set: set}).Prepare(cmd); err == nil || !strings.Contains(err.Error(), "ODD CMD A") {
		t.Errorf("strict encode: %v", err)
	}
	var warns []string
	warn := func(m string) { warns = append(warns, m) }
	d := NewDecoder(Options{Set: set, Lenient: true, Warn: warn, Items: []string{"A", "B", "C"}})
	line, err := d.Decode(nil, tlm, &record.Record{Data: []byte{1, 0, 7, 0, 8, 0, 9}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"target":"ODD","packet":"PKT","items":{"A":7,"B":8,"C":19}}` + "\n"; string(line) != want {
		t.Errorf("got %s want %s", line, want)
	}
	e := NewEncoder(EncodeOptions{Set: set, Lenient: true, Warn: warn})
	b, err := e.Encode(nil, cmd, []Given{{Name: "A", Value: IntVal(300)}})
	if err != nil || string(b) != "\x01\x01\x2c" {
		t.Errorf("lenient encode: %x %v", b, err)
	}
	if len(warns) != 3 || !strings.Contains(warns[0], "ODD PKT A") || !strings.Contains(warns[1], "ODD PKT B") || !strings.Contains(warns[2], "ODD CMD A") {
		t.Errorf("warnings: %q", warns)
	}
}
