package jsonform

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// Meta the envelope cannot show is kept under "meta", told once per stream
// when a well-known key has the wrong type, and at every record when the
// time is before 1970; c3encode --hex rebuilds the records byte for byte
// (issue 7, fault 9).
func TestOtherMeta(t *testing.T) {
	tests := []struct {
		name string
		meta record.Meta
		line string
		msg  string
		neg  bool
	}{
		{"text time", record.Meta{"time": "yesterday"}, `{"meta":{"time":"yesterday"},"hex":"01"}`,
			`meta "time" is "yesterday", not unsigned nanoseconds since the epoch`, false},
		{"numeric target", record.Meta{"target": uint64(42), "packet": "P"}, `{"packet":"P","meta":{"target":42},"hex":"01"}`,
			`meta "target" is 42, not text`, false},
		{"numeric extra", record.Meta{"extra": uint64(5)}, `{"meta":{"extra":5},"hex":"01"}`, `meta "extra" is 5, not a map`, false},
		{"text stored", record.Meta{"stored": "yes"}, `{"meta":{"stored":"yes"},"hex":"01"}`, `meta "stored" is "yes", not true or false`, false},
		{"negative time", record.Meta{"time": int64(-5)}, `{"meta":{"time":-5},"hex":"01"}`,
			`meta "time" is -5, before 1970 (want unsigned nanoseconds since the epoch)`, true},
		{"unknown key, no problem", record.Meta{"SEQ": uint64(7), "stored": true}, `{"stored":true,"meta":{"SEQ":7},"hex":"01"}`, "", false},
		{"all well typed", record.Meta{"target": "T", "time": uint64(0)}, `{"target":"T","time":"1970-01-01T00:00:00Z","hex":"01"}`, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stream bytes.Buffer
			w := record.NewWriter(&stream)
			if err := w.Write(tt.meta, []byte{1}); err != nil {
				t.Fatal(err)
			}
			w.Flush()
			orig := append([]byte(nil), stream.Bytes()...)
			var lines bytes.Buffer
			bw := bufio.NewWriter(&lines)
			var notes []string
			bad := 0
			if _, err := WriteHex(record.NewReader(&stream), bw, func(msg string, isBad bool) {
				notes = append(notes, msg)
				if isBad {
					bad++
				}
			}); err != nil {
				t.Fatal(err)
			}
			bw.Flush()
			if got := lines.String(); got != tt.line+"\n" {
				t.Errorf("line %s\nwant %s", got, tt.line)
			}
			if msg, neg := MetaProblem(tt.meta); msg != tt.msg || neg != tt.neg {
				t.Errorf("MetaProblem = %q %v, want %q %v", msg, neg, tt.msg, tt.neg)
			}
			if tt.msg != "" && (len(notes) != 1 || (bad == 1) != tt.neg) {
				t.Errorf("notes %q, bad %d", notes, bad)
			}
			var back bytes.Buffer
			rw := record.NewWriter(&back)
			if _, err := ReadHex(&lines, rw, 0, func(e *LineError) error { return e }); err != nil {
				t.Fatal(err)
			}
			rw.Flush()
			if !bytes.Equal(back.Bytes(), orig) {
				t.Errorf("rebuilt % x\nwant    % x", back.Bytes(), orig)
			}
		})
	}
}

// Wrong types are told once per stream; a time before 1970 every time.
func TestOtherMetaOncePerStream(t *testing.T) {
	var stream bytes.Buffer
	w := record.NewWriter(&stream)
	for _, m := range []record.Meta{{"time": "a"}, {"target": uint64(1)}, {"time": int64(-1)}, {"time": int64(-2)}} {
		w.Write(m, nil)
	}
	w.Flush()
	var notes []string
	WriteHex(record.NewReader(&stream), bufio.NewWriter(&bytes.Buffer{}), func(msg string, _ bool) { notes = append(notes, msg) })
	want := []string{
		`record 1 at offset 0: meta "time" is "a", not unsigned nanoseconds since the epoch; kept under "meta" (told once per stream)`,
		`record 3 at offset 33: meta "time" is -1, before 1970 (want unsigned nanoseconds since the epoch); kept under "meta"`,
		`record 4 at offset 48: meta "time" is -2, before 1970 (want unsigned nanoseconds since the epoch); kept under "meta"`,
	}
	if len(notes) != len(want) {
		t.Fatalf("notes %q", notes)
	}
	for i := range want {
		if notes[i] != want[i] {
			t.Errorf("note %d: %s\nwant    %s", i, notes[i], want[i])
		}
	}
}

func TestParseLineTimeRange(t *testing.T) {
	for _, tt := range []struct{ line, err string }{
		{`{"time":"1969-12-31T23:59:59Z","hex":""}`, `"time": "1969-12-31T23:59:59Z" is outside 1970 to 2262 (record times are unsigned nanoseconds since the epoch)`},
		{`{"time":"2300-01-01T00:00:00Z","hex":""}`, `"time": "2300-01-01T00:00:00Z" is outside 1970 to 2262 (record times are unsigned nanoseconds since the epoch)`},
		{`{"time":"1970-01-01T00:00:00Z","hex":""}`, ""},
		{`{"meta":5,"hex":""}`, `"meta" must be an object`},
	} {
		_, err := ParseLine([]byte(tt.line))
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || err.Error() != tt.err) {
			t.Errorf("%s: %v, want %q", tt.line, err, tt.err)
		}
	}
}
