package def

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Options.Vars reach the templates; partials are read next to the file.
func TestERBVarsAndPartialFiles(t *testing.T) {
	dir := t.TempDir()
	tdir := filepath.Join(dir, "INST", "cmd_tlm")
	if err := os.MkdirAll(tdir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(tdir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("_hdr.txt", "  APPEND_ID_ITEM ID 16 UINT <%= apid %>\n")
	write("cfg.txt", "<% names.each_with_index do |nm, i| %>\nCOMMAND <%= target_name %> <%= nm %> BIG_ENDIAN\n  APPEND_ID_PARAMETER OP 8 UINT MIN MAX <%= cfg['base'] + i %>\n<% end %>\n")
	write("tlm.txt", "<% (1..n).each do |i| %>\nTELEMETRY <%= target_name %> P<%= i %> BIG_ENDIAN\n<%= render '_hdr.txt', locals: {apid: base + i} %>\n<% end %>\n")
	s, err := Load([]string{filepath.Join(dir, "INST")}, Options{Vars: map[string]any{"n": 2, "base": int64(100),
		"names": []string{"ON", "OFF"}, "cfg": map[string]any{"base": 7}}})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []int64{101, 102} {
		p := s.Packet("INST", fmt.Sprintf("P%d", i+1), Telemetry)
		if p == nil || p.Item("ID").IDValue != IntValueOf(want) {
			t.Errorf("P%d = %+v", i+1, p)
		}
	}
	if c := s.Packet("INST", "OFF", Command); c == nil || c.Item("OP").IDValue != IntValueOf(8) {
		t.Errorf("OFF = %+v", c)
	}
	if _, err := Load([]string{filepath.Join(dir, "INST")}, Options{Vars: map[string]any{"bad": struct{}{}}}); err == nil || !strings.Contains(err.Error(), "variable bad: unsupported type struct {}") {
		t.Errorf("bad Vars: %v", err)
	}
	if f := s.Packet("INST", "P1", Telemetry).Item("ID").File; !strings.HasSuffix(f, "_hdr.txt") {
		t.Errorf("item file %q, want the partial", f)
	}
}
