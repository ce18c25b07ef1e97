package def

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles creates files (path -> content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func baseNames(paths []string) string {
	var out []string
	for _, p := range paths {
		out = append(out, filepath.ToSlash(p[strings.Index(p, "cmd_tlm")+len("cmd_tlm/"):]))
	}
	return strings.Join(out, " ")
}

func TestLoadOrder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		// each file appends its name to the description of packet P, so
		// the description records the processing order
		"INST/cmd_tlm/b.txt":          "SELECT_TELEMETRY INST P\n ITEM B 16 8 UINT\n",
		"INST/cmd_tlm/A.txt":          "TELEMETRY INST P BIG_ENDIAN \"A\"\n ITEM A 0 8 UINT\n",
		"INST/cmd_tlm/a_override.txt": "SELECT_TELEMETRY INST P\n ITEM AO 8 8 UINT\n",
		"INST/cmd_tlm/sub/c.txt":      "SELECT_TELEMETRY INST P\n ITEM C 24 8 UINT\n",
		"INST/cmd_tlm/_partial.txt":   "THIS IS NOT A DEFINITION\n",
		"INST/cmd_tlm/notes.md":       "ignored: not a .txt file\n",
	})
	s, err := Load([]string{filepath.Join(dir, "INST")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tg := s.Target("INST")
	if got, want := baseNames(tg.Files), "A.txt a_override.txt b.txt sub/c.txt"; got != want {
		t.Errorf("files %q, want %q (capitals first, partials skipped, subfolders included)", got, want)
	}
	if got := names(s.Packet("INST", "P", Telemetry).Items[5:]); got != "A AO B C" {
		t.Errorf("items %q", got)
	}
	if tg.Dir != filepath.Join(dir, "INST") {
		t.Errorf("Dir = %q", tg.Dir)
	}
	// the cmd_tlm folder itself names the same target
	s2, err := Load([]string{filepath.Join(dir, "INST", "cmd_tlm")}, Options{})
	if err != nil || s2.Target("INST") == nil {
		t.Errorf("cmd_tlm path: %v", err)
	}
}

func TestTargetTxt(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"T/target.txt": "# comment\nLANGUAGE ruby\nREQUIRE t.rb\nIGNORE_PARAMETER ccsdsver\nIGNORE_ITEM CCSDSVER\n" +
			"TELEMETRY z_tlm.txt\nCOMMANDS a_cmd.txt\nTLM_UNIQUE_ID_MODE\nCMD_UNIQUE_ID_MODE\n",
		"T/cmd_tlm/a_cmd.txt":   "COMMAND T C BIG_ENDIAN\n",
		"T/cmd_tlm/z_tlm.txt":   "TELEMETRY T P BIG_ENDIAN\n",
		"T/cmd_tlm/unused.txt":  "BROKEN KEYWORD\n",
		"T/cmd_tlm/_parts.txt":  "",
		"U/target.txt":          "TELEMETRY missing.txt\n",
		"U/cmd_tlm/x.txt":       "",
		"V/target.txt":          "\nBOGUS 1\n",
		"V/cmd_tlm/x.txt":       "",
		"W/target.txt":          "<% if true %>TLM_UNIQUE_ID_MODE<% end %>\n",
		"W/cmd_tlm/x.xtce":      "<xtce/>",
		"X/cmd_tlm/README.txt2": "",
	})
	s, err := Load([]string{filepath.Join(dir, "T")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tg := s.Target("T")
	if got, want := baseNames(tg.Files), "z_tlm.txt a_cmd.txt"; got != want {
		t.Errorf("files %q, want %q: target.txt lists them, in its order", got, want)
	}
	if !tg.TlmUniqueIDMode || !tg.CmdUniqueIDMode {
		t.Error("unique id modes not set")
	}
	if strings.Join(tg.IgnoredParameters, ",") != "CCSDSVER" || strings.Join(tg.IgnoredItems, ",") != "CCSDSVER" {
		t.Errorf("ignored %v %v", tg.IgnoredParameters, tg.IgnoredItems)
	}
	for name, want := range map[string]string{
		"U": "target.txt:1: TELEMETRY: " + filepath.Join(dir, "U", "cmd_tlm", "missing.txt") + " not found",
		"V": "target.txt:2: BOGUS: unknown keyword 'BOGUS'",
		"W": "x.xtce: XTCE definitions are not supported",
	} {
		_, err := Load([]string{filepath.Join(dir, name)}, Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", name, err, want)
		}
	}
}

func TestLoadPaths(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"targets/BBB/cmd_tlm/t.txt":     "TELEMETRY BBB P BIG_ENDIAN\n",
		"targets/AAA/cmd_tlm/t.txt":     "TELEMETRY <%= target_name %> P BIG_ENDIAN\n",
		"targets/AAA/cmd_tlm/_part.txt": "",
		"targets/notes/readme.txt":      "not a target",
		"loose/defs.txt":                "COMMAND ANY C BIG_ENDIAN\n",
		"empty/x":                       "",
	})
	targets := filepath.Join(dir, "targets")
	s, err := Load([]string{targets}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Targets) != 2 || s.Targets[0].Name != "AAA" || s.Targets[1].Name != "BBB" {
		t.Errorf("targets %v", s.Targets)
	}
	// --target picks one target out of a targets folder
	s, err = Load([]string{targets}, Options{Target: "bbb"})
	if err != nil || len(s.Targets) != 1 || s.Targets[0].Name != "BBB" {
		t.Errorf("--target bbb: %v %v", s, err)
	}
	if _, err := Load([]string{targets}, Options{Target: "CCC"}); err == nil || !strings.Contains(err.Error(), "no target CCC here (have AAA, BBB)") {
		t.Errorf("--target CCC: %v", err)
	}
	// --target renames a target folder; the name in the files is ignored
	s, err = Load([]string{filepath.Join(targets, "AAA")}, Options{Target: "inst2"})
	if err != nil || s.Packet("INST2", "P", Telemetry) == nil {
		t.Errorf("rename: %v", err)
	}
	// single files need a target name unless they sit in NAME/cmd_tlm
	s, err = Load([]string{filepath.Join(dir, "loose", "defs.txt")}, Options{Target: "LOOSE"})
	if err != nil || s.Packet("LOOSE", "C", Command) == nil {
		t.Errorf("single file: %v", err)
	}
	s, err = Load([]string{filepath.Join(targets, "BBB", "cmd_tlm", "t.txt")}, Options{})
	if err != nil || s.Packet("BBB", "P", Telemetry) == nil {
		t.Errorf("single file in cmd_tlm: %v", err)
	}
	// several files accumulate into one target
	s, err = Load([]string{filepath.Join(targets, "BBB", "cmd_tlm", "t.txt"), filepath.Join(dir, "loose", "defs.txt")}, Options{Target: "X"})
	if err != nil || s.Packet("X", "P", Telemetry) == nil || s.Packet("X", "C", Command) == nil {
		t.Errorf("two files: %v", err)
	}
	for _, bad := range []struct {
		paths []string
		opts  Options
		want  string
	}{
		{[]string{filepath.Join(dir, "loose", "defs.txt")}, Options{}, "needs a target name"},
		{[]string{filepath.Join(targets, "AAA", "cmd_tlm", "_part.txt")}, Options{Target: "A"}, "is a partial"},
		{[]string{filepath.Join(dir, "empty")}, Options{}, "no cmd_tlm folder here"},
		{[]string{filepath.Join(dir, "nope")}, Options{}, "no such file"},
		{nil, Options{}, "no definition paths"},
	} {
		if _, err := Load(bad.paths, bad.opts); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%v: err = %v, want %q", bad.paths, err, bad.want)
		}
	}
}

func TestTemplateFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"T/cmd_tlm/cmd.txt":   "COMMAND T C BIG_ENDIAN\n TEMPLATE_FILE _tmpl.bin\n",
		"T/cmd_tlm/_tmpl.bin": "\x00\x01binary",
	})
	s, err := Load([]string{filepath.Join(dir, "T")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(s.Packet("T", "C", Command).Template); got != "\x00\x01binary" {
		t.Errorf("template %q", got)
	}
}

// <% require "file" %> (format.md) brings the file's constants into ERB.
func TestERBRequire(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"BOB/lib/msg_id.rb":        "# ids\nBOB_MSG_ID = 0x1234\nBOB_NEXT = BOB_MSG_ID + 1 # comment\n",
		"BOB/lib/bad.rb":           "module Bob\nend\n",
		"BOB/cmd_tlm/cmd.txt":      "<% require \"msg_id\" %>\nCOMMAND BOB EXAMPLE BIG_ENDIAN\n  APPEND_ID_PARAMETER ID 16 UINT MIN MAX <%= BOB_MSG_ID %> \"Identifier\"\n  APPEND_PARAMETER NEXT 16 UINT MIN MAX <%= BOB_NEXT %>\n",
		"BAD/lib/bad.rb":           "module Bob\nend\n",
		"BAD/cmd_tlm/cmd.txt":      "<% require 'bad.rb' %>\n",
		"MISSING/cmd_tlm/cmd.txt":  "\n<% require 'nope' %>\n",
		"EXPANDED/cmd_tlm/cmd.txt": "<% require File.expand_path('../lib/msg_id', Dir.pwd) %>\n",
	})
	s, err := Load([]string{filepath.Join(dir, "BOB")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := s.Packet("BOB", "EXAMPLE", Command)
	if p.Item("ID").IDValue != IntValueOf(0x1234) || p.Item("NEXT").Default != IntValueOf(0x1235) {
		t.Errorf("constants not applied: %v %v", p.Item("ID").IDValue, p.Item("NEXT").Default)
	}
	for name, want := range map[string]string{
		"BAD":      "bad.rb:1: ERB: only constant assignments (NAME = value) are supported in required files: \"module Bob\"",
		"MISSING":  "cmd.txt:2: ERB: cannot load such file -- nope",
		"EXPANDED": "cmd.txt:1: ERB: require needs a file name string",
	} {
		_, err := Load([]string{filepath.Join(dir, name)}, Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", name, err, want)
		}
	}
}
