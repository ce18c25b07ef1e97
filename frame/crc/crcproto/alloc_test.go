package crcproto

import (
	"bytes"
	"io"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// TestVerifyAllocations: a good record costs verify and add no allocation,
// with or without strip, with or without (repeated) meta. Counted as the
// difference between a stream and its first half, so that the Reader's
// and Writer's buffers, allocated once, do not count.
func TestVerifyAllocations(t *testing.T) {
	if raceBuild {
		t.Skip("allocation counts are meaningless under -race (make test runs without it)")
	}
	const n = 400
	meta := record.Meta{"target": "INST", "extra": map[string]any{"VCID": uint64(2)}}
	for _, c := range []struct {
		name, preset string
		bits, size   int
		meta         record.Meta
	}{
		{"crc16x64", "COSMOS-16", 16, 64, nil},
		{"crc32x64", "COSMOS-32", 32, 64, nil},
		{"crc16x1k", "COSMOS-16", 16, 1024, nil},
		{"crc16x64meta", "COSMOS-16", 16, 64, meta},
	} {
		tab := table(t, c.preset)
		field := Field{BitOffset: -c.bits, BitSize: c.bits}
		recs := make([]rec, n)
		for i := range recs {
			d := make([]byte, c.size)
			for j := range d {
				d[j] = byte(i * j)
			}
			recs[i] = rec{c.meta, d}
		}
		var added bytes.Buffer
		if _, err := (&Adder{Table: tab, Field: field}).Run(record.NewReader(bytes.NewReader(stream(t, recs))), record.NewWriter(&added)); err != nil {
			t.Fatal(err)
		}
		withCRC := readAll(t, added.Bytes())
		for _, s := range []struct {
			name string
			run  runner
			in   []rec
		}{
			{"verify", &Verifier{Table: tab, Field: field, Strategy: Disconnect}, withCRC},
			{"verify-strip", &Verifier{Table: tab, Field: field, Strip: true, Strategy: Disconnect}, withCRC},
			{"add", &Adder{Table: tab, Field: field}, recs},
		} {
			run := func(data []byte) func() {
				return func() {
					st, err := s.run.Run(record.NewReader(bytes.NewReader(data)), record.NewWriter(io.Discard))
					if err != nil || st.Failures != 0 {
						t.Fatalf("%s %s: %+v %v", c.name, s.name, st, err)
					}
				}
			}
			whole, half := stream(t, s.in), stream(t, s.in[:n/2])
			perRecord := (testing.AllocsPerRun(5, run(whole)) - testing.AllocsPerRun(5, run(half))) / (n / 2)
			if perRecord > 0.01 {
				t.Errorf("%s %s: %.2f allocations per record, want 0", c.name, s.name, perRecord)
			}
		}
	}
}
