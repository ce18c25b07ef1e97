package quote

import (
	"strings"
	"testing"
)

func TestClip(t *testing.T) {
	long := strings.Repeat("a", 50<<20)
	euro := strings.Repeat("a", 79) + "€€" // the cut falls inside the first €
	tests := []struct {
		name, in, clip, q string
	}{
		{"short", "abc", "abc", `"abc"`},
		{"exactly Max", strings.Repeat("b", 80), strings.Repeat("b", 80), `"` + strings.Repeat("b", 80) + `"`},
		{"50 MB", long, strings.Repeat("a", 80) + "... (52428800 bytes)", `"` + strings.Repeat("a", 80) + `"... (52428800 bytes)`},
		{"no half character", euro, strings.Repeat("a", 79) + "... (85 bytes)", `"` + strings.Repeat("a", 79) + `"... (85 bytes)`},
		{"control bytes are escaped by Q", "a\x00b", "a\x00b", `"a\x00b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clip(tt.in); got != tt.clip {
				t.Errorf("Clip = %.120q, want %.120q", got, tt.clip)
			}
			if got := Bytes([]byte(tt.in)); got != tt.clip {
				t.Errorf("Bytes = %.120q, want %.120q", got, tt.clip)
			}
			if got := Q(tt.in); got != tt.q {
				t.Errorf("Q = %.120q, want %.120q", got, tt.q)
			}
		})
	}
}
