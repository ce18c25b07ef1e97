package jsonform

import (
	"bytes"
	"encoding/hex"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// A long --hex line is decoded where it lies; lines of any other shape
// take the general path with the same result.
func TestParseBigHexLine(t *testing.T) {
	digits := strings.Repeat("0aF9", bigHexLine/4)
	want, _ := hex.DecodeString(digits)
	tests := []struct {
		name, line string
		fast       bool
		err        string
	}{
		{"c3decode's form", `{"target":"INST","packet":"P","time":"2026-11-21T08:41:41Z","extra":{"hex":"01"},"hex":"` + digits + `"}`, true, ""},
		{"blanks", `{"target":"INST", "hex" : "` + digits + `" }`, true, ""},
		{"hex not last", `{"hex":"` + digits + `","target":"INST"}`, false, ""},
		{"0x prefix", `{"hex":"0x` + digits + `"}`, false, ""},
		{"hex inside extra", `{"extra":{"hex":"` + digits + `"}}`, false, `no "hex" key`},
		{"bad envelope", `{"target":1,"hex":"` + digits + `"}`, true, `"target" must be a string`},
		{"odd length", `{"hex":"` + digits + `0"}`, true, "encoding/hex: odd length hex string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			w := record.NewWriter(&out)
			var bad []string
			line := []byte(tt.line)
			_, fast, _ := parseBigHexLine(append([]byte(nil), line...))
			if fast != tt.fast {
				t.Errorf("fast path %v, want %v", fast, tt.fast)
			}
			_, err := ReadHex(bytes.NewReader(line), w, 0, func(e *LineError) error { bad = append(bad, e.Error()); return nil })
			w.Flush()
			if err != nil {
				t.Fatal(err)
			}
			if tt.err != "" {
				if len(bad) != 1 || !strings.Contains(bad[0], tt.err) {
					t.Fatalf("got %q, want %q", bad, tt.err)
				}
				return
			}
			rec, err := record.NewReader(&out).Read()
			if err != nil || len(bad) > 0 {
				t.Fatal(err, bad)
			}
			if !bytes.Equal(rec.Data, want) {
				t.Fatal("bytes differ")
			}
		})
	}
}

// Rebuilding a large record from its --hex line costs about the line
// itself: no extra copies of the hex (issue 7, fault 7: 549 MB for a 140 MB
// line).
func TestReadHexMemory(t *testing.T) {
	data := bytes.Repeat([]byte{0xA5, 0x5A}, 4<<20) // an 8 MiB record
	line := []byte(`{"target":"INST","packet":"P","hex":"` + hex.EncodeToString(data) + "\"}\n")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	n, err := ReadHex(bytes.NewReader(line), record.NewWriter(io.Discard), 0, func(e *LineError) error { return e })
	runtime.ReadMemStats(&after)
	if err != nil || n != 1 {
		t.Fatal(n, err)
	}
	// the line is collected in a growing buffer (up to ~2.5x its size in
	// allocations); the record writer copies the data once
	if alloc, limit := after.TotalAlloc-before.TotalAlloc, uint64(3*len(line)+len(data)); alloc > limit {
		t.Errorf("allocated %d bytes for a %d-byte line, want at most %d", alloc, len(line), limit)
	}
}
