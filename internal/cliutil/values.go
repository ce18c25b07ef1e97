package cliutil

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// IsNil reports whether a pasted COSMOS value means "use the default".
func IsNil(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "nil", "none", "null":
		return true
	}
	return false
}

// ParseBool accepts COSMOS's true/false spellings (any case) and 1/0.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes":
		return true, nil
	case "false", "0", "no":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false", s)
}

// ParseInt accepts decimal, negative and 0x hex integers.
func ParseInt(s string) (int64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "")
	v, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not an integer", s)
	}
	return v, nil
}

// ParseUint accepts decimal and 0x hex unsigned integers up to 64 bits.
func ParseUint(s string) (uint64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "")
	v, err := strconv.ParseUint(s, 0, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not an unsigned integer", s)
	}
	return v, nil
}

// ParseHexBytes parses a COSMOS hex string such as 0x1ACFFC1D into bytes.
// An odd number of digits is padded with a leading zero, as COSMOS does.
func ParseHexBytes(s string) ([]byte, error) {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "0x") && !strings.HasPrefix(t, "0X") {
		return nil, fmt.Errorf("%q is not a hex string (expected 0x...)", s)
	}
	t = t[2:]
	if len(t)%2 == 1 {
		t = "0" + t
	}
	b, err := hex.DecodeString(t)
	if err != nil || len(b) == 0 {
		return nil, fmt.Errorf("%q is not a hex string", s)
	}
	return b, nil
}

// ParseEndian accepts BIG_ENDIAN or LITTLE_ENDIAN (any case) and reports
// whether the value is little-endian.
func ParseEndian(s string) (little bool, err error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "BIG_ENDIAN", "BIG":
		return false, nil
	case "LITTLE_ENDIAN", "LITTLE":
		return true, nil
	}
	return false, fmt.Errorf("%q is not BIG_ENDIAN or LITTLE_ENDIAN", s)
}
