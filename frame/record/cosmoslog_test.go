package record

import (
	"bytes"
	"testing"
)

// A COSMOS packet log read as records is named, not reported as a 1 GB
// frame (issue 8, item 4).
func TestCosmosLogNamed(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"COSMOS 5", "COSMOS5_\x00\x01", "this is a COSMOS 5 packet log, not a c3kit record stream (c3kit cannot read packet logs yet: replay the packets from COSMOS into a c3kit stage): COSMOS5_ header at stream offset 0"},
		{"COSMOS 4", "COSMOS2_TLM", "this is a COSMOS 4 packet log, not a c3kit record stream (c3kit cannot read packet logs yet: replay the packets from COSMOS into a c3kit stage): COSMOS2_ header at stream offset 0"},
		{"other big frame", "CAFE1234", "data frame length 1128351301 exceeds the 67108864-byte cap at stream offset 0; this looks like raw bytes, not records: add --in raw"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(bytes.NewReader([]byte(tt.in))).Read()
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}
