package def

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/c3kit/c3kit/decode/accessor/all" // the accessors identification reads through
)

// TestKeyedLayout: for key-based accessors COSMOS lets items follow a
// variably sized one (APPEND_ARRAY_PARAMETER ... 0 then more parameters)
// and never reports bit overlaps; the binary accessor still refuses both.
func TestKeyedLayout(t *testing.T) {
	body := `
  APPEND_ID_PARAMETER ID 32 INT 1 1 1 ""
  APPEND_ARRAY_PARAMETER ARR 8 UINT 0 ""
  APPEND_PARAMETER AFTER 16 UINT MIN MAX 3 ""
  PARAMETER OVER 0 16 UINT MIN MAX 4 ""
`
	set, err := LoadText("x.txt", "COMMAND X C BIG_ENDIAN\n  ACCESSOR JsonAccessor"+body, Options{Target: "X"})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Packet("X", "C", Command)
	if it := p.Item("AFTER"); it == nil || it.BitOffset != 32 {
		t.Errorf("AFTER: %+v", it)
	}
	_, err = LoadText("x.txt", "COMMAND X C BIG_ENDIAN"+body, Options{Target: "X"})
	if err == nil || !strings.Contains(err.Error(), "x.txt:4: APPEND_PARAMETER: can't append an item after a variably sized item") {
		t.Errorf("binary: %v", err)
	}
}

// TestTolerateUnknownKeyword: a keyword outside the documented language
// spoils only its packet (Unusable, naming file:line); the packets around
// it load as usual.
func TestTolerateUnknownKeyword(t *testing.T) {
	set, err := LoadText("x.txt", `TELEMETRY X A BIG_ENDIAN
  APPEND_ID_ITEM ID 8 UINT 1 ""
TELEMETRY X B BIG_ENDIAN
  APPEND_ID_ITEM ID 8 UINT 2 ""
  MY_PLUGIN_KEYWORD 1 2
  APPEND_ITEM SKIPPED 8 UINT ""
TELEMETRY X C BIG_ENDIAN
  APPEND_ID_ITEM ID 8 UINT 3 ""
  APPEND_ITEM V 8 UINT ""
`, Options{Target: "X"})
	if err != nil {
		t.Fatal(err)
	}
	b := set.Packet("X", "B", Telemetry)
	if b == nil || b.Unusable == nil || b.Unusable.Error() != "x.txt:5: MY_PLUGIN_KEYWORD: outside the documented definition language" || !errors.Is(b.Unusable, errOutsideLanguage) {
		t.Fatalf("B: %+v", b)
	}
	if b.Item("SKIPPED") != nil {
		t.Error("statements after the unknown keyword were applied")
	}
	if c := set.Packet("X", "C", Telemetry); c == nil || c.Unusable != nil || c.Item("V") == nil {
		t.Errorf("C: %+v", c)
	}
	if p, _ := set.Identify([]byte{3, 9}, Telemetry); p == nil || p.Name != "C" {
		t.Errorf("identify C: %v", p)
	}
}

// TestBigIntegers: INT/UINT items wider than 64 bits load with their
// exact MIN/MAX and literals.
func TestBigIntegers(t *testing.T) {
	set, err := LoadText("x.txt", `COMMAND X C BIG_ENDIAN
  APPEND_PARAMETER S 67 INT MIN MAX 36893488147419103231 ""
  APPEND_PARAMETER U 128 UINT MIN MAX 0xFFFFFFFFFFFFFFFFFF ""
`, Options{Target: "X"})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Packet("X", "C", Command)
	s, u := p.Item("S"), p.Item("U")
	for _, c := range []struct{ got, want Value }{
		{s.Minimum, Value{Kind: BigValue, Str: "-73786976294838206464"}},
		{s.Maximum, Value{Kind: BigValue, Str: "73786976294838206463"}},
		{s.Default, Value{Kind: BigValue, Str: "36893488147419103231"}},
		{u.Maximum, Value{Kind: BigValue, Str: "340282366920938463463374607431768211455"}},
		{u.Default, Value{Kind: BigValue, Str: "4722366482869645213695"}},
	} {
		if c.got != c.want {
			t.Errorf("got %+v want %+v", c.got, c.want)
		}
	}
}

// TestIdentifyKeyedUniqueMode: with TLM_UNIQUE_ID_MODE every packet is
// tried in definition order, key-based ones included.
func TestIdentifyKeyedUniqueMode(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "U", "cmd_tlm"), 0o755)
	os.WriteFile(filepath.Join(dir, "U", "target.txt"), []byte("TLM_UNIQUE_ID_MODE\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "U", "cmd_tlm", "t.txt"), []byte(`TELEMETRY U JSON1 BIG_ENDIAN
  ACCESSOR JsonAccessor
  APPEND_ID_ITEM ID 8 UINT 123 ""
    KEY $.id
TELEMETRY U BIN BIG_ENDIAN
  APPEND_ID_ITEM ID 8 UINT 123 ""
TELEMETRY U JSON2 BIG_ENDIAN
  ACCESSOR JsonAccessor
  APPEND_ID_ITEM ID 8 UINT 2 ""
    KEY $.id
`), 0o644)
	set, err := Load([]string{filepath.Join(dir, "U")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for body, want := range map[string]string{`{"id":123}`: "JSON1", "{": "BIN", `{"id":2}`: "BIN", ` {"id":2}`: "JSON2", `[`: ""} {
		p, _ := set.Identify([]byte(body), Telemetry)
		got := ""
		if p != nil {
			got = p.Name
		}
		if got != want {
			t.Errorf("%s: %q, want %q", body, got, want)
		}
	}
}
