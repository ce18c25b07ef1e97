package engine

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
)

// caseLines reads a cases file: one request per line, # comments.
func caseLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// goldenTime is the received time every golden record carries.
var goldenTime = time.Date(2026, 11, 21, 8, 41, 41, 152144000, time.UTC)

// TestGoldenTelemetry builds each telemetry case with the encoder and
// decodes it in every mode, limits included.
func TestGoldenTelemetry(t *testing.T) {
	set := testtargets.Load(t)
	enc := NewEncoder(EncodeOptions{Set: set})
	modes := []struct {
		name string
		opts Options
	}{
		{"converted", Options{Set: set, Limits: true, All: true}},
		{"raw", Options{Set: set, Mode: Raw}},
		{"formatted", Options{Set: set, Mode: Formatted}},
	}
	decs := make([]*Decoder, len(modes))
	for i, m := range modes {
		decs[i] = NewDecoder(m.opts)
	}
	var out bytes.Buffer
	for _, line := range caseLines(t, "testdata/tlm_cases.txt") {
		fmt.Fprintf(&out, "> %s\n", line)
		req, err := ParseCommandString(line)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		p := set.Packet(req.Target, req.Packet, def.Telemetry)
		if p == nil {
			t.Fatalf("%s: no such packet", line)
		}
		data, err := enc.Encode(nil, p, req.Values)
		if err != nil {
			fmt.Fprintf(&out, "error: %v\n\n", err)
			continue
		}
		fmt.Fprintf(&out, "hex: %s\n", hex.EncodeToString(data))
		meta := record.Meta{}
		meta.SetTime(goldenTime)
		for i, m := range modes {
			line, err := decs[i].Decode(nil, p, &record.Record{Meta: meta, Data: data})
			fmt.Fprintf(&out, "%s: %s", m.name, line)
			if err != nil {
				fmt.Fprintf(&out, "%s error: %v\n", m.name, err)
			}
		}
		out.WriteByte('\n')
	}
	testutil.Golden(t, "testdata/decode.golden", out.Bytes())
}

// TestGoldenCommands builds each command case; errors are part of the
// golden output.
func TestGoldenCommands(t *testing.T) {
	set := testtargets.Load(t)
	enc := NewEncoder(EncodeOptions{Set: set})
	var out bytes.Buffer
	for _, line := range caseLines(t, "testdata/cmd_cases.txt") {
		fmt.Fprintf(&out, "> %s\n", line)
		req, err := ParseCommandString(line)
		if err != nil {
			fmt.Fprintf(&out, "parse error: %v\n", err)
			continue
		}
		p := set.Packet(req.Target, req.Packet, def.Command)
		if p == nil {
			fmt.Fprintf(&out, "error: unknown command %s %s\n", req.Target, req.Packet)
			continue
		}
		data, err := enc.Encode(nil, p, req.Values)
		if err != nil {
			fmt.Fprintf(&out, "error: %v\n", err)
			continue
		}
		fmt.Fprintf(&out, "%s\n", hex.EncodeToString(data))
	}
	testutil.Golden(t, "testdata/encode.golden", out.Bytes())
}
