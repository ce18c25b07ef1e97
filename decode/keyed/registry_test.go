package keyed

import (
	"strings"
	"testing"
)

func TestCanonicalSpellings(t *testing.T) {
	for _, s := range []string{"JsonAccessor", "json_accessor.rb", "openc3/accessors/json_accessor.py", "JSONACCESSOR", `lib\json_accessor.rb`} {
		if got := Canonical(s); got != "jsonaccessor" {
			t.Errorf("Canonical(%q) = %q, want jsonaccessor", s, got)
		}
	}
}

func TestLookupUnknownNamesKnown(t *testing.T) {
	Register("TestOnlyAccessor", func([]string, []byte) (Codec, error) { return nil, nil })
	if _, err := Lookup("test_only_accessor.rb", nil, nil); err != nil {
		t.Fatalf("registered spelling: %v", err)
	}
	_, err := Lookup("MyCustomAccessor", nil, nil)
	if err == nil || !strings.Contains(err.Error(), "MyCustomAccessor is not one c3kit has") || !strings.Contains(err.Error(), "TestOnlyAccessor") {
		t.Fatalf("unknown accessor error = %v", err)
	}
}
