package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/internal/cliutil"
)

// runArgs runs c3frame in-process on stdin and returns stdout, stderr and
// the exit status.
func runArgs(t *testing.T, stdin []byte, args ...string) (string, string, int) {
	t.Helper()
	var out, errw bytes.Buffer
	rc := cliutil.Run(app(stdio{bytes.NewReader(stdin), &out, &errw}), append([]string{"c3frame"}, args...), &errw)
	return out.String(), errw.String(), rc
}

// TestPositionalsHaveFlags: every COSMOS positional is also a named flag.
func TestPositionalsHaveFlags(t *testing.T) {
	for _, p := range protocols() {
		names := map[string]bool{}
		for _, f := range append(p.flags, commonFlags()...) {
			for _, n := range f.Names() {
				names[n] = true
			}
		}
		for _, pos := range p.positionals {
			if !names[pos] {
				t.Errorf("%s: positional %q has no flag", p.name, pos)
			}
		}
		if p.action == nil && p.positionals[len(p.positionals)-1] != "allow-empty" { // the CCSDS protocols have no such parameter
			t.Errorf("%s: allow empty data must be the last positional", p.name)
		}
	}
}

// TestDocsPluginLines: every usage line in the COSMOS protocol docs, in
// its Ruby and Python spelling, pastes as is.
func TestDocsPluginLines(t *testing.T) {
	for _, line := range []string{
		"slip nil true true true 0xC0 0xDB 0xDC 0xDD",
		"slip None True True True 0xC0 0xDB 0xDC 0xDD",
		"burst 4 0x1ACFFC1D",
		"length 64 16 11 1 BIG_ENDIAN 4 0x1ACFFC1D nil true",
		"length 64 16 11 1 BIG_ENDIAN 4 0x1ACFFC1D None True",
		"terminated 0x0A 0x0A True 4 0x44415441",
		"terminated 0x7C454E44 0x7C454E44 false 0 0x7C47454D53 false",
		"cobs",
		"preidentified nil nil 4 nil",
		"burst 0 nil false true",
		"cobs false",
	} {
		if _, stderr, rc := runArgs(t, nil, strings.Fields(line)...); rc != 0 {
			t.Errorf("c3frame %s: exit %d: %s", line, rc, stderr)
		}
	}
}

// TestFlagsReachTheProtocol: a named flag and its positional mean the same
// thing; the docs' CCSDS-with-ASM stream deframes either way.
func TestFlagsReachTheProtocol(t *testing.T) {
	stream := []byte("\x1a\xcf\xfc\x1d\x00\x01\xca\xdb\x00\x03\xde\xad\xbe\xef")
	want := "\x00\x01\xca\xdb\x00\x03\xde\xad\xbe\xef"
	for _, args := range [][]string{
		{"length", "64", "16", "11", "1", "BIG_ENDIAN", "4", "0x1ACFFC1D", "--in", "raw", "--out", "raw"},
		{"length", "--bit-offset", "64", "--value-offset", "11", "--discard", "4", "--sync", "0x1ACFFC1D", "--in=raw", "--out=raw"},
		{"length", "--in", "raw", "64", "--out", "raw", "nil", "11", "nil", "nil", "--sync", "0x1ACFFC1D", "4"},
	} {
		out, stderr, rc := runArgs(t, stream, args...)
		if rc != 0 || out != want {
			t.Errorf("%q: exit %d out %x stderr %s", args, rc, out, stderr)
		}
	}
	// The opposite direction with fill gives the stream back.
	out, stderr, rc := runArgs(t, []byte("\x00\x00\x00\x0a"+"\x00\x01\xca\xdb\x00\x00\xde\xad\xbe\xef"),
		"length", "64", "16", "11", "1", "BIG_ENDIAN", "4", "0x1ACFFC1D", "nil", "true", "--write", "--out", "raw")
	if rc != 0 || out != string(stream) {
		t.Errorf("write: exit %d out %x stderr %s", rc, out, stderr)
	}
}

// TestStatsAndExplain: --stats prints one line of counters, --explain one
// line per packet, both on stderr.
func TestStatsAndExplain(t *testing.T) {
	out, stderr, rc := runArgs(t, []byte("\x00\x03a\x00\x04bc"), "length", "--in", "raw", "--out", "raw", "--stats", "--explain")
	if rc != 0 || out != "\x00\x03a\x00\x04bc" {
		t.Fatalf("exit %d out %q", rc, out)
	}
	want := "c3frame length: packet 1 at stream offset 0: field 3 + value offset 0 = 3 bytes\n" +
		"c3frame length: packet 2 at stream offset 3: field 4 + value offset 0 = 4 bytes\n" +
		"c3frame length: stats: records_in=1 bytes_in=7 packets=2 bytes_out=7 bytes_discarded=0 resyncs=0 empty_dropped=0 frame_errors=0\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"length", "0", "0"},                 // bit size 0
		{"length", "0", "16", "0", "0"},      // bytes per count 0
		{"length", "--discard", "-1"},        // negative discard
		{"burst", "0", "1ACG"},               // not hex
		{"preidentified", "nil", "nil", "3"}, // mode 3
		{"slip", "nil", "maybe"},             // not a bool
		{"terminated", "0x0A"},               // read term missing
		{"length", "--out", "json"},          // bad --out
		{"cobs", "true", "--allow-empty"},    // given twice
		{"length", "--max-length", "-5"},     // negative max length
		{"terminated", "0x0A", "0x0A", "--max-length", "-1"},
	} {
		if _, stderr, rc := runArgs(t, nil, args...); rc != cliutil.ExitUsage || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q", args, rc, stderr)
		}
	}
}
