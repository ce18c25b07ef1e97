package engine

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
)

// TestLenient: conversions outside what c3kit can run make their packet
// unusable (one warning naming file:line and the item; its records are
// rejected with a *PacketError), or with Lenient one warning each and the
// raw value.
func TestLenient(t *testing.T) {
	set, err := def.Load([]string{"testdata/lenient/ODD"}, def.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tlm := set.Packet("ODD", "PKT", def.Telemetry)
	cmd := set.Packet("ODD", "CMD", def.Command)
	var unusable []string
	note := func(m string) { unusable = append(unusable, m) }
	strict := NewDecoder(Options{Set: set, Unusable: note})
	if err := strict.Prepare(tlm); err != nil {
		t.Errorf("strict decode prepare: %v", err)
	}
	var pe *PacketError
	if _, err := strict.Decode(nil, tlm, &record.Record{Data: []byte{1, 0, 7, 0, 8, 0, 9}}); !errors.As(err, &pe) {
		t.Errorf("strict decode: %v, want a *PacketError", err)
	}
	if err := NewEncoder(EncodeOptions{Set: set, Unusable: note}).Prepare(cmd); err != nil {
		t.Errorf("strict encode prepare: %v", err)
	}
	if _, err := NewEncoder(EncodeOptions{Set: set}).Encode(nil, cmd, nil); !errors.As(err, &pe) || !strings.Contains(err.Error(), "ODD CMD") {
		t.Errorf("strict encode: %v", err)
	}
	if len(unusable) != 2 || !strings.Contains(unusable[0], "ODD PKT cannot be used: ") || !strings.Contains(unusable[0], "odd.txt:7: A: ") ||
		!strings.Contains(unusable[1], "ODD CMD cannot be used: ") {
		t.Errorf("unusable warnings: %q", unusable)
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

// TestAccessor: the binary accessor in every spelling, and the key-based
// ones c3kit has, compile; an accessor class c3kit does not have makes the
// packet unusable (warned once, naming file:line), with or without Lenient.
func TestAccessor(t *testing.T) {
	for _, c := range []struct {
		class string
		ok    bool
	}{{"BinaryAccessor", true}, {"openc3/accessors/binary_accessor.py", true}, {"OpenC3::BinaryAccessor", true},
		{"JsonAccessor", true}, {"openc3/accessors/cbor_accessor.py", true}, {"MyCustomAccessor", false}, {"lib/my_accessor.rb", false}} {
		set, err := def.LoadText("x.txt", "TELEMETRY X P BIG_ENDIAN\n  ACCESSOR "+c.class+"\n  APPEND_ITEM A 8 UINT\n", def.Options{Target: "X"})
		if err != nil {
			t.Fatal(err)
		}
		p := set.Packet("X", "P", def.Telemetry)
		for _, lenient := range []bool{false, true} {
			var warned string
			if err := NewDecoder(Options{Set: set, Lenient: lenient, Unusable: func(m string) { warned = m }}).Prepare(p); err != nil {
				t.Errorf("%s: %v", c.class, err)
			}
			if (warned == "") != c.ok || !c.ok && !strings.HasPrefix(warned, "X P cannot be used: x.txt:2: ACCESSOR: accessor ") {
				t.Errorf("%s lenient=%v: warning %q", c.class, lenient, warned)
			}
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
