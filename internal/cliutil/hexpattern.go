package cliutil

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// ParseHexPattern parses a COSMOS sync pattern or termination characters:
// hex digits with or without a leading 0x (COSMOS's hex_to_byte_string
// takes both, and COSMOS's own protocol tests write `DEAD` and
// `BA5EBA11`). An odd number of digits gets a leading zero, as in COSMOS.
func ParseHexPattern(s string) ([]byte, error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "0x") || strings.HasPrefix(t, "0X") {
		t = t[2:]
	}
	if len(t)%2 == 1 {
		t = "0" + t
	}
	b, err := hex.DecodeString(t)
	if err != nil || len(b) == 0 {
		return nil, fmt.Errorf("%q is not a hex string (hex digits, with or without 0x)", clip(s))
	}
	return b, nil
}

// clip cuts s to about 80 bytes for a diagnostic (DESIGN §3).
func clip(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}
