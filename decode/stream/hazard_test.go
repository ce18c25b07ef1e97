package stream

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/google/go-cmp/cmp"
)

// Hazardous commands and states are told one line each, or refused with
// RefuseHazardous; NoRangeCheck lets values past MIN/MAX through (issue 8,
// item 5).
func TestEncodeHazards(t *testing.T) {
	set := load(t)
	const clear = "INST CLEAR is hazardous: Clearing counters may lose valuable information."
	const special = "INST COLLECT TYPE = 'SPECIAL' is hazardous: Special collects use the laser"
	tests := []struct {
		name    string
		line    string
		refuse  bool
		noRange bool
		told    []string
		bad     string
		packets int64
	}{
		{"hazardous command", "INST CLEAR", false, false, []string{"1: " + clear}, "", 1},
		{"hazardous state given", "INST COLLECT with TYPE SPECIAL", false, false, []string{"1: " + special}, "", 1},
		{"hazardous state by value", `{"target":"INST","packet":"COLLECT","items":{"TYPE":1}}`, false, false, []string{"1: " + special}, "", 1},
		{"string state", "INST ASCIICMD with STRING 'ARM LASER'", false, false,
			[]string{"1: INST ASCIICMD STRING = 'ARM LASER' is hazardous: Arming the laser poses an eye safety hazard."}, "", 1},
		{"safe state", "INST COLLECT with TYPE NORMAL", false, false, nil, "", 1},
		{"refused", "INST CLEAR", true, false, nil, "line 1: refused (--refuse-hazardous): " + clear, 0},
		{"refused state", "INST COLLECT with TYPE SPECIAL", true, false, nil, "line 1: refused (--refuse-hazardous): " + special, 0},
		{"refuse lets safe through", "INST ABORT", true, false, nil, "", 1},
		{"range checked", "INST COLLECT with TYPE NORMAL, DURATION 11", false, false, nil,
			"line 1: command parameter 'INST COLLECT DURATION' = 11 not in valid range of 0 to 10", 0},
		{"no range check", "INST COLLECT with TYPE NORMAL, DURATION 11", false, true, nil, "", 1},
		{"no range check still needs a fit", "INST COLLECT with TYPE NORMAL, OPCODE 256", false, true, nil,
			"line 1: INST COLLECT OPCODE: value 256 does not fit", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var told []string
			var bad string
			var out bytes.Buffer
			cfg := EncodeConfig{Set: set, Kind: def.Command, RefuseHazardous: tt.refuse,
				Engine: engine.EncodeOptions{Set: set, NoRangeCheck: tt.noRange},
				Hazard: func(n int, msg string) { told = append(told, fmt.Sprintf("%d: %s", n, msg)) },
				OnBad:  func(e *jsonform.LineError) error { bad = e.Error(); return nil }}
			st, err := Encode(strings.NewReader(tt.line), record.NewWriter(&out), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.told, told); diff != "" {
				t.Errorf("told: %s", diff)
			}
			if tt.bad == "" && bad != "" || !strings.HasPrefix(bad, tt.bad) {
				t.Errorf("bad %q, want %q", bad, tt.bad)
			}
			if st.Packets != tt.packets {
				t.Errorf("%d packets, want %d", st.Packets, tt.packets)
			}
		})
	}
}
