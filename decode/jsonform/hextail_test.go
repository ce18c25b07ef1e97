package jsonform

import (
	"bytes"
	"encoding/hex"
	"fmt"
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

// FuzzBigHexLine: the in-place path for long --hex lines agrees with the
// general parser on every line it takes; ReadHex never writes a record
// past its cap.
func FuzzBigHexLine(f *testing.F) {
	f.Add([]byte(`{"target":"INST","time":"2026-11-21T08:41:41Z","hex":"00ff"}`))
	f.Add([]byte(`{"hex" : "0a" }`))
	f.Add([]byte(`{"extra":{"hex":"00"}}`))
	f.Add([]byte(`{"meta":{"time":-1},"hex":"abc"}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		l, fast, err := parseBigHexLine(append([]byte(nil), line...))
		if fast && err == nil {
			g, gerr := ParseLine(line)
			if gerr != nil {
				t.Fatalf("in place took %q, ParseLine refused it: %v", line, gerr)
			}
			if !bytes.Equal(g.Hex, l.Hex) || fmt.Sprint(g.Meta) != fmt.Sprint(l.Meta) {
				t.Fatalf("%q: in place %x %v, general %x %v", line, l.Hex, l.Meta, g.Hex, g.Meta)
			}
		}
		const recordCap = 8
		var out bytes.Buffer
		w := record.NewWriter(&out)
		if _, err := ReadHex(bytes.NewReader(line), w, recordCap, func(*LineError) error { return nil }); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		r := record.NewReader(&out)
		for {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if len(rec.Data) > recordCap {
				t.Fatalf("record of %d bytes past the cap of %d", len(rec.Data), recordCap)
			}
		}
	})
}
