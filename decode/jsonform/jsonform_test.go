package jsonform

import (
	"bufio"
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/c3kit/c3kit/frame/record"
	"github.com/google/go-cmp/cmp"
)

func TestAppendHead(t *testing.T) {
	m := record.Meta{"target": "INST", "packet": "HEALTH_STATUS", "stored": false,
		"extra": map[string]any{"PEER": "127.0.0.1:51234", "VCID": uint64(2)}, "other": 1}
	m.SetTime(time.Date(2026, 11, 21, 8, 41, 41, 152144000, time.UTC))
	got := string(AppendHex(AppendHead(nil, m), []byte{0xde, 0xad}))
	want := `{"target":"INST","packet":"HEALTH_STATUS","time":"2026-11-21T08:41:41.152144Z","stored":false,"extra":{"PEER":"127.0.0.1:51234","VCID":2},"meta":{"other":1},"hex":"dead"}` + "\n"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if got := string(AppendHex(AppendHead(nil, nil), nil)); got != `{"hex":""}`+"\n" {
		t.Fatalf("no meta: %s", got)
	}
}

func TestAppendValue(t *testing.T) {
	cases := []struct {
		v    any
		want string
	}{
		{uint64(math.MaxUint64), "18446744073709551615"},
		{int64(math.MinInt64), "-9223372036854775808"},
		{math.NaN(), `"NaN"`},
		{math.Inf(1), `"Infinity"`},
		{math.Inf(-1), `"-Infinity"`},
		{12.5, "12.5"},
		{1795250501.152144, "1795250501.152144"},
		{1e21, "1e+21"},
		{1e-8, "1e-08"},
		{-0.0, "0"},
		{100.0, "100"},
		{float32(0.1), "0.1"},
		{"a\"b", `"a\"b"`},
		{"\xff\x00", `{"hex":"ff00"}`},
		{[]byte{1, 2}, `{"hex":"0102"}`},
		{[]any{uint64(1), "x", nil}, `[1,"x",null]`},
		{map[string]any{"b": true, "a": int64(-1)}, `{"a":-1,"b":true}`},
		{time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), `"2026-01-02T03:04:05.000000006Z"`},
	}
	for _, c := range cases {
		if got := string(AppendValue(nil, c.v)); got != c.want {
			t.Errorf("AppendValue(%#v) = %s, want %s", c.v, got, c.want)
		}
	}
}

func TestParseLine(t *testing.T) {
	l, err := ParseLine([]byte(`{"target":"INST","packet":"P","time":"2026-11-21T08:41:41.152144Z","stored":true,"extra":{"N":18446744073709551615,"F":1.5,"NEG":-3,"B":{"hex":"0a"}},"hex":"0x00ff","items":{"A":1}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := record.Meta{"target": "INST", "packet": "P", "stored": true, "time": uint64(time.Date(2026, 11, 21, 8, 41, 41, 152144000, time.UTC).UnixNano()),
		"extra": map[string]any{"N": uint64(math.MaxUint64), "F": 1.5, "NEG": int64(-3), "B": []byte{10}}}
	if diff := cmp.Diff(want, l.Meta); diff != "" {
		t.Fatal(diff)
	}
	if !l.HasHex || !bytes.Equal(l.Hex, []byte{0, 0xff}) || string(l.Items) != `{"A":1}` {
		t.Fatalf("hex %x items %s", l.Hex, l.Items)
	}
	for _, bad := range []string{`[1]`, `{"time":"yesterday"}`, `{"hex":"zz"}`, `{"target":5}`, `{"stored":"yes"}`, `{"extra":[]}`} {
		if _, err := ParseLine([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

func TestHexRoundTrip(t *testing.T) {
	var stream bytes.Buffer
	w := record.NewWriter(&stream)
	m := record.Meta{"target": "T", "extra": map[string]any{"LINK": "x"}}
	m.SetTime(time.Unix(1700000000, 123))
	w.Write(m, []byte{1, 2, 3})
	w.Write(nil, nil)
	w.Write(nil, bytes.Repeat([]byte{0xAA}, 70000))
	w.Flush()
	orig := append([]byte(nil), stream.Bytes()...)

	var lines bytes.Buffer
	bw := bufio.NewWriter(&lines)
	if n, err := WriteHex(record.NewReader(&stream), bw, nil); err != nil || n != 3 {
		t.Fatalf("WriteHex: %d %v", n, err)
	}
	bw.Flush()
	var back bytes.Buffer
	rw := record.NewWriter(&back)
	if n, err := ReadHex(&lines, rw, 0, func(e *LineError) error { return e }); err != nil || n != 3 {
		t.Fatalf("ReadHex: %d %v", n, err)
	}
	rw.Flush()
	if !bytes.Equal(orig, back.Bytes()) {
		t.Fatal("c3decode --hex | c3encode --hex did not rebuild the stream byte for byte")
	}
}

func TestReadHexBadLines(t *testing.T) {
	in := "{\"hex\":\"01\"}\nnot json\n\n{\"items\":{}}\n{\"hex\":\"02\"}" // last line has no newline
	var out bytes.Buffer
	w := record.NewWriter(&out)
	var bad []int
	n, err := ReadHex(strings.NewReader(in), w, 0, func(e *LineError) error { bad = append(bad, e.Line); return nil })
	if err != nil || n != 2 {
		t.Fatalf("n %d err %v", n, err)
	}
	if diff := cmp.Diff([]int{2, 4}, bad); diff != "" {
		t.Fatalf("bad line numbers: %s", diff)
	}
	stop := errors.New("stop")
	if _, err := ReadHex(strings.NewReader(in), w, 0, func(*LineError) error { return stop }); !errors.Is(err, stop) {
		t.Fatalf("onBad error not returned: %v", err)
	}
}

// FuzzParseLine: arbitrary input lines never panic; a parsed hex line
// re-encodes to a line that parses to the same bytes.
func FuzzParseLine(f *testing.F) {
	f.Add([]byte(`{"target":"INST","time":"2026-11-21T08:41:41Z","extra":{"A":[1,{"hex":"00"}]},"hex":"00ff"}`))
	f.Add([]byte(`{"hex":""}`))
	f.Add([]byte(`{"extra":{"n":1e999}}`))
	f.Add([]byte(`{"meta":{"time":"yesterday","target":42},"hex":"01"}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		l, err := ParseLine(in)
		if err != nil || !l.HasHex {
			return
		}
		line := AppendHex(AppendHead(nil, l.Meta), l.Hex)
		l2, err := ParseLine(line)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", line, err)
		}
		if !bytes.Equal(l.Hex, l2.Hex) {
			t.Fatal("hex changed in round trip")
		}
	})
}
