package stream

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/c3kit/c3kit/decode/def"
	"github.com/c3kit/c3kit/decode/engine"
	"github.com/c3kit/c3kit/decode/jsonform"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil"
	"github.com/c3kit/c3kit/internal/testutil/testtargets"
	"github.com/google/go-cmp/cmp"
)

// load loads INST and LE only: without ZCATCH's catch-all, unknown data
// stays UNKNOWN.
func load(t testing.TB) *def.Set { return testtargets.Load(t, "INST", "LE") }

// encodeRecords runs Encode over lines and returns the record stream.
func encodeRecords(t *testing.T, set *def.Set, kind def.Kind, lines string) []byte {
	t.Helper()
	var out bytes.Buffer
	w := record.NewWriter(&out)
	_, err := Encode(strings.NewReader(lines), w, EncodeConfig{Set: set, Kind: kind, Engine: engine.EncodeOptions{Set: set}})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// telemetryStream is a stream of records without target/packet meta (as
// they come from c3frame), one unknown, one short and one preidentified.
func telemetryStream(t *testing.T, set *def.Set) []byte {
	t.Helper()
	var out bytes.Buffer
	w := record.NewWriter(&out)
	enc := engine.NewEncoder(engine.EncodeOptions{Set: set})
	tm := time.Date(2026, 11, 21, 8, 41, 41, 152144000, time.UTC)
	for i, line := range []string{
		"INST PARAMS with VALUE1 1, VALUE3 1",
		"INST HEALTH_STATUS with COLLECTS 2, TEMP1 25.0, DURATION 1.5, ASCIICMD 'NOOP'",
		"",
		"INST PARAMS with VALUE2 1",
		"short",
		"LE EVENT with CODE FAULT, TEXT 'a,\"b\"', SCALED 10",
		"preid",
		"undefined",
	} {
		meta := record.Meta{}
		meta.SetTime(tm.Add(time.Duration(i) * time.Second))
		var data []byte
		switch line {
		case "":
			data = []byte{0x07, 0xff, 0, 0, 0, 0} // APID 2047: unknown
		case "short":
			data, _ = enc.Encode(nil, set.Packet("INST", "PARAMS", def.Telemetry), nil)
			data = bytes.Clone(data[:20])
		case "preid":
			// named by an upstream stage: decoded as named, not identified
			meta[record.KeyTarget], meta[record.KeyPacket] = "INST", "HEALTH_STATUS"
			meta.SetExtra("LINK", "udp")
			data, _ = enc.Encode(nil, set.Packet("INST", "PARAMS", def.Telemetry), nil)
			data = bytes.Clone(data)
		case "undefined":
			meta[record.KeyTarget], meta[record.KeyPacket] = "ZCATCH", "ANYTHING"
			data = []byte{1, 2, 3}
		default:
			r, err := engine.ParseCommandString(line)
			if err != nil {
				t.Fatal(err)
			}
			b, err := enc.Encode(nil, set.Packet(r.Target, r.Packet, def.Telemetry), r.Values)
			if err != nil {
				t.Fatal(err)
			}
			data = bytes.Clone(b)
		}
		if err := w.Write(meta, data); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return out.Bytes()
}

func TestDecodeForms(t *testing.T) {
	set := load(t)
	in := telemetryStream(t, set)
	cases := []struct {
		name string
		cfg  DecodeConfig
	}{
		{"json_items", DecodeConfig{Engine: engine.Options{Items: []string{"VALUE1", "TEMP1", "CODE", "COLLECTS"}}}},
		{"json_limits_formatted", DecodeConfig{Engine: engine.Options{Mode: engine.Formatted, Limits: true, Items: []string{"TEMP1", "COLLECTS", "VALUE1", "CODE", "SCALED"}}}},
		{"csv", DecodeConfig{Format: CSV, Engine: engine.Options{Limits: true}}},
		{"table", DecodeConfig{Format: Table, Engine: engine.Options{Mode: engine.Formatted, Limits: true, Items: []string{"RECEIVED_COUNT", "TEMP1", "VALUE1", "VALUE2", "CODE", "TEXT", "REST"}}}},
		{"packet_filter", DecodeConfig{Packets: []PacketName{{"INST", "PARAMS"}}, Engine: engine.Options{Items: []string{"RECEIVED_COUNT", "VALUE1"}}}},
		{"ignore", DecodeConfig{Ignore: []PacketName{{"INST", "PARAMS"}, {"LE", ""}}, Engine: engine.Options{Items: []string{"COLLECTS"}}}},
	}
	var all bytes.Buffer
	for _, c := range cases {
		cfg := c.cfg
		cfg.Set = set
		cfg.Engine.Set = set
		var reports []string
		cfg.Report = func(m string) { reports = append(reports, m) }
		var out bytes.Buffer
		w := bufio.NewWriter(&out)
		st, err := Decode(record.NewReader(bytes.NewReader(in)), w, cfg)
		w.Flush()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		fmt.Fprintf(&all, "== %s\n%s", c.name, out.String())
		for _, r := range reports {
			fmt.Fprintf(&all, "stderr: %s\n", r)
		}
		fmt.Fprintf(&all, "stats: %+v\n\n", st)
	}
	testutil.Golden(t, "testdata/decode_forms.golden", all.Bytes())
}

func TestIdentify(t *testing.T) {
	set := load(t)
	in := telemetryStream(t, set)
	var out bytes.Buffer
	w := record.NewWriter(&out)
	st, err := Identify(record.NewReader(bytes.NewReader(in)), w, DecodeConfig{Set: set, Ignore: []PacketName{{"LE", "EVENT"}}})
	w.Flush()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	r := record.NewReader(&out)
	src := record.NewReader(bytes.NewReader(in))
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		got = append(got, rec.Meta.Target()+" "+rec.Meta.Packet())
		orig, _ := src.Read()
		for orig != nil && len(orig.Data) == 25 { // skip the ignored LE EVENT
			orig, _ = src.Read()
		}
		if orig == nil || !bytes.Equal(orig.Data, rec.Data) {
			t.Errorf("%s: data changed", got[len(got)-1])
		}
		if _, ok := rec.Meta.Time(); !ok {
			t.Errorf("%s: time meta lost", got[len(got)-1])
		}
	}
	want := []string{"INST PARAMS", "INST HEALTH_STATUS", "UNKNOWN UNKNOWN", "INST PARAMS", "INST PARAMS", "INST HEALTH_STATUS", "UNKNOWN UNKNOWN"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("identified: %s", diff)
	}
	if st.Unknown != 2 || st.Ignored != 1 || st.Packets != 7 || st.Records != 8 {
		t.Errorf("stats %+v", st)
	}
}

func TestEncodeBadLines(t *testing.T) {
	set := load(t)
	lines := "# a comment\n\nINST COLLECT with TYPE NORMAL\nINST NOPE\nINST COLLECT with DURATION 5.0\n" +
		`{"target":"INST","packet":"ABORT","time":"2026-11-21T08:41:41Z","extra":{"PEER":"p"}}` + "\nINST COLLECT with TYPE SPECIAL, DURATION 11\n{bad json\nNOPE X\n"
	var bad []string
	var out bytes.Buffer
	w := record.NewWriter(&out)
	st, err := Encode(strings.NewReader(lines), w, EncodeConfig{Set: set, Kind: def.Command, Engine: engine.EncodeOptions{Set: set},
		OnBad: func(e *jsonform.LineError) error { bad = append(bad, e.Error()); return nil }})
	w.Flush()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"line 4: unknown command INST NOPE",
		"line 5: required command parameter 'INST COLLECT TYPE' not given",
		"line 7: command parameter 'INST COLLECT DURATION' = 11 not in valid range of 0 to 10",
		"line 8: not a JSON object: invalid character 'b' looking for beginning of object key string",
		"line 9: unknown target NOPE",
	}
	if diff := cmp.Diff(want, bad); diff != "" {
		t.Errorf("bad lines: %s", diff)
	}
	if st.Packets != 2 || st.Bad != 5 || st.Lines != 7 {
		t.Errorf("stats %+v", st)
	}
	r := record.NewReader(&out)
	rec, _ := r.Read()
	if rec.Meta.Target() != "INST" || rec.Meta.Packet() != "COLLECT" {
		t.Errorf("meta %v", rec.Meta)
	}
	rec, _ = r.Read()
	if rec.Meta.Packet() != "ABORT" || rec.Meta.Extra()["PEER"] != "p" {
		t.Errorf("meta %v", rec.Meta)
	}
	if _, ok := rec.Meta.Time(); !ok {
		t.Errorf("time lost: %v", rec.Meta)
	}
	// --on-error fail: the first bad line stops the stream.
	stop := errors.New("stop")
	_, err = Encode(strings.NewReader(lines), record.NewWriter(&bytes.Buffer{}), EncodeConfig{Set: set, Kind: def.Command,
		OnBad: func(*jsonform.LineError) error { return stop }})
	if !errors.Is(err, stop) {
		t.Errorf("fail mode: %v", err)
	}
}

func TestParsePacketName(t *testing.T) {
	for in, want := range map[string]PacketName{"INST HEALTH_STATUS": {"INST", "HEALTH_STATUS"}, "inst.adcs": {"INST", "ADCS"}, "LE,EVENT": {"LE", "EVENT"}, "GEN": {"GEN", ""}} {
		if got, err := ParsePacketName(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "A B C"} {
		if _, err := ParsePacketName(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestItemsMustExist(t *testing.T) {
	set := load(t)
	_, err := Decode(record.NewReader(bytes.NewReader(nil)), bufio.NewWriter(&bytes.Buffer{}), DecodeConfig{Set: set, Engine: engine.Options{Set: set, Items: []string{"TEMP1", "NOPE"}}})
	if err == nil || err.Error() != "--items: no telemetry packet has an item NOPE" {
		t.Errorf("err %v", err)
	}
}

// A command with a RESPONSE keyword tells c3link what answers it
// (extra.RESPONSE, COSMOS CmdResponseProtocol); one without says nothing,
// and a RESPONSE given in the input wins.
func TestEncodeSetsResponse(t *testing.T) {
	set := load(t)
	recs := encodeRecords(t, set, def.Command, "INST COLLECT with TYPE NORMAL\nINST CLEAR\n"+
		`{"target":"INST","packet":"COLLECT","extra":{"RESPONSE":"INST ADCS"},"items":{"TYPE":"NORMAL"}}`+"\n")
	r := record.NewReader(bytes.NewReader(recs))
	var got []string
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		got = append(got, fmt.Sprint(rec.Meta.Extra()["RESPONSE"]))
	}
	if want := []string{"INST HEALTH_STATUS", "<nil>", "INST ADCS"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("RESPONSE per record %q, want %q", got, want)
	}
}
