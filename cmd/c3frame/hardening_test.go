package main

import (
	"strings"
	"testing"
)

// TestIssue7ExitAndPaste: exit status and the paste forms issue 7 names,
// one row per case, each with its exact stderr.
func TestIssue7ExitAndPaste(t *testing.T) {
	rec := func(b string) []byte { return append([]byte{0, 0, 0, byte(len(b))}, b...) }
	for _, tc := range []struct {
		name   string
		stdin  []byte
		args   []string
		out    string
		stderr string
		rc     int
	}{
		{"sync without 0x", []byte("xx\xde\xad\x01"), []string{"burst", "0", "DEAD", "--in", "raw", "--out", "raw"}, "\xde\xad\x01",
			"c3frame burst: discarded 2 bytes of garbage at stream offset 0 before the sync pattern at 2\n", 0},
		{"sync BA5EBA11 on write", rec("\x00\x00\x00\x00\x07"), []string{"burst", "0", "BA5EBA11", "true", "--write", "--out", "raw"}, "\xba\x5e\xba\x11\x07", "", 0},
		{"terminated read with only the read terminator", []byte("ab\r\n"), []string{"terminated", "nil", "0D0A", "--in", "raw", "--out", "raw"}, "ab", "", 0},
		{"terminated write with only the write terminator", rec("ab"), []string{"terminated", "0x0D0A", "--write", "--out", "raw"}, "ab\r\n", "", 0},
		{"terminated read without a read terminator", nil, []string{"terminated", "0x0A"}, "",
			"c3frame terminated: --read-term (the second positional) is required to read\n", 2},
		{"write refused, go on, exit 1", append(rec("\x00"), rec("\x00\x01\x02\x03")...), []string{"burst", "0", "0xDEADBEEF", "true", "--write", "--out", "raw"}, "\xde\xad\xbe\xef",
			"c3frame burst: record 1: packet of 1 bytes is shorter than the 4-byte sync pattern it must hold; skipped\n" +
				"c3frame burst: 1 record(s) could not be framed and were skipped\n", 1},
		{"length over max length, --on-error fail", rec("\x00\x00\x00"), []string{"length", "0", "16", "0", "1", "BIG_ENDIAN", "0", "nil", "2", "true", "--write", "--on-error", "fail"}, "",
			"c3frame length: record 1: calculated length 3 exceeds --max-length 2\n", 1},
		{"garbage resync is exit 0", []byte("\xff\xff\xff\xff\xff\x00\x03a"), []string{"length", "0", "16", "--in", "raw", "--out", "raw", "--max-record", "1000"}, "\x00\x03a",
			"c3frame length: length field 65535 gives a 65535-byte packet, over the 1000-byte cap (set --max-record, and --max-length to skip such packets whole) at stream offset 0; resyncing\n", 0},
		{"raw bytes into a records stage", []byte("hello\n"), []string{"length", "32", "16", "7"}, "",
			"c3frame length: data frame length 1751477356 exceeds the 67108864-byte cap at stream offset 0; this looks like raw bytes, not records: add --in raw\n", 1},
		{"max-length on a protocol without a length field", nil, []string{"slip", "--max-length", "5"}, "",
			"c3frame slip: --max-length is COSMOS's length field limit (length, preidentified); slip has no length field: the cap on a packet is --max-record\n", 2},
	} {
		out, stderr, rc := runArgs(t, tc.stdin, tc.args...)
		if out != tc.out || stderr != tc.stderr || rc != tc.rc {
			t.Errorf("%s: c3frame %s\n got exit %d out %q stderr %q\nwant exit %d out %q stderr %q", tc.name, strings.Join(tc.args, " "), rc, out, stderr, tc.rc, tc.out, tc.stderr)
		}
	}
}
