package stream

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/google/go-cmp/cmp"
)

// --packet naming no packet is refused with the nearest name (issue 8,
// item 4).
func TestCheckPacketNames(t *testing.T) {
	set := load(t)
	tests := []struct {
		arg  string
		kind def.Kind
		want string
	}{
		{"INST.HEALTH_STATUS", def.Telemetry, ""},
		{"INST", def.Telemetry, ""},
		{"INST.HEALTHSTATUS", def.Telemetry, "no telemetry packet INST HEALTHSTATUS in the definitions; did you mean INST HEALTH_STATUS?"},
		{"inst health_statu", def.Telemetry, "no telemetry packet INST HEALTH_STATU in the definitions; did you mean INST HEALTH_STATUS?"},
		{"INTS", def.Telemetry, "no target INTS in the definitions; did you mean INST?"},
		{"INST.COLECT", def.Command, "no command INST COLECT in the definitions; did you mean INST COLLECT?"},
		{"INST.COLLECT", def.Telemetry, "no telemetry packet INST COLLECT in the definitions (targets: INST, LE)"},
		{"FOO.BAR", def.Telemetry, "no telemetry packet FOO BAR in the definitions (targets: INST, LE)"},
	}
	for _, tt := range tests {
		n, err := ParsePacketName(tt.arg)
		if err != nil {
			t.Fatal(err)
		}
		err = CheckPacketNames(set, tt.kind, []PacketName{n})
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: got %q\nwant %q", tt.arg, got, tt.want)
		}
	}
}

// Definitions that identify nothing in a stream are told once (issue 8,
// item 4).
func TestNoMatchToldOnce(t *testing.T) {
	set := load(t)
	tests := []struct {
		name    string
		records int
		kind    def.Kind
		want    []string
	}{
		{"one unknown record", 1, def.Telemetry, []string{"warning: no telemetry packet of INST, LE matched the 1 record read; is -d the right target? commands need --cmd (told once)"}},
		{"many, told at the tenth", 25, def.Telemetry, []string{"warning: no telemetry packet of INST, LE matched any of the 10 records read; is -d the right target? commands need --cmd (told once)"}},
		{"no records, nothing told", 0, def.Telemetry, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in bytes.Buffer
			w := record.NewWriter(&in)
			for i := 0; i < tt.records; i++ {
				w.Write(nil, []byte("zz"))
			}
			w.Flush()
			var told []string
			cfg := DecodeConfig{Set: set, Kind: tt.kind, Report: func(m string) { told = append(told, m) }}
			if _, err := Decode(record.NewReader(&in), bufio.NewWriter(&bytes.Buffer{}), cfg); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, told); diff != "" {
				t.Error(diff)
			}
		})
	}
	cmdOnly, err := def.LoadText("c.txt", "COMMAND C X BIG_ENDIAN \"x\"\n PARAMETER A 0 8 UINT 0 1 0", def.Options{Target: "C"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := NoPacketsWarning(cmdOnly, def.Telemetry), "warning: the definitions of C define no telemetry packets: every record will be UNKNOWN (commands need --cmd)"; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := NoPacketsWarning(cmdOnly, def.Command); got != "" {
		t.Errorf("commands: %q", got)
	}
}
