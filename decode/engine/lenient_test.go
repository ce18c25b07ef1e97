package engine

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
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

// TestAccessor: only the binary accessor is implemented; other accessors
// are refused (or, leniently, decoded with binary rules after a warning).
func TestAccessor(t *testing.T) {
	for _, c := range []struct {
		class string
		ok    bool
	}{{"BinaryAccessor", true}, {"openc3/accessors/binary_accessor.py", true}, {"OpenC3::BinaryAccessor", true}, {"JsonAccessor", false}, {"openc3/accessors/xml_accessor.py", false}} {
		set, err := def.LoadText("x.txt", "TELEMETRY X P BIG_ENDIAN\n  ACCESSOR "+c.class+"\n  APPEND_ITEM A 8 UINT\n", def.Options{Target: "X"})
		if err != nil {
			t.Fatal(err)
		}
		p := set.Packet("X", "P", def.Telemetry)
		err = NewDecoder(Options{Set: set}).Prepare(p)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v", c.class, err)
		}
		var warned bool
		if err := NewDecoder(Options{Set: set, Lenient: true, Warn: func(string) { warned = true }}).Prepare(p); err != nil || warned == c.ok {
			t.Errorf("%s lenient: %v warned %v", c.class, err, warned)
		}
	}
}

// TestObjectWrite: OBJECT_WRITE_CONVERSION builds a parameter's bytes from
// an object of another packet's values (JSON input only).
func TestObjectWrite(t *testing.T) {
	set := testtargets.Load(t)
	r, err := ParseRequest([]byte(`{"target":"INST","packet":"OBJCMD","items":{"OBJ":{"A":7,"B":0.25,"MODE":"ON"},"OBJ_PY":{"A":1}}}`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewEncoder(EncodeOptions{Set: set}).Encode(nil, set.Packet("INST", "OBJCMD", def.Command), r.Values)
	if err != nil {
		t.Fatal(err)
	}
	// header, then A=7 B=0.25 MODE=ON, then A=1 with the defaults B=0.5 MODE=OFF
	if got, want := hex.EncodeToString(b), "13e7c00000000016"+"00073e80000001"+"00013f00000000"; got != want {
		t.Errorf("got %s want %s", got, want)
	}
}
