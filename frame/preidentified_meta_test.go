package frame

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// recordsBothWays deframes chunks (each with meta) into a record stream
// twice: through Annotate and record.Writer.Write, and through
// SetEmitEncoded and WriteEncoded as c3frame does. It fails the test unless
// the two streams, reports and stats are identical, and returns the stream.
func recordsBothWays(t *testing.T, p func() (Protocol, error), opt Options, in [][]byte, meta record.Meta) []byte {
	t.Helper()
	run := func(encoded bool) ([]byte, []string, Stats, error) {
		proto, err := p()
		if err != nil {
			t.Fatal(err)
		}
		var diags []string
		o := opt
		o.Report = func(m string) { diags = append(diags, m) }
		var out bytes.Buffer
		w := record.NewWriter(&out)
		d := NewDeframer(proto, o)
		if encoded {
			d.SetEmitEncoded(w.WriteEncoded)
		}
		emit := func(m record.Meta, pkt []byte) error { return w.Write(m, pkt) }
		for _, c := range in {
			if err = d.Feed(c, meta, emit); err != nil {
				break
			}
		}
		if err == nil {
			err = d.Close()
		}
		if ferr := w.Flush(); ferr != nil {
			t.Fatal(ferr)
		}
		return out.Bytes(), diags, d.Stats(), err
	}
	mapOut, mapDiags, mapStats, mapErr := run(false)
	encOut, encDiags, encStats, encErr := run(true)
	if !bytes.Equal(mapOut, encOut) {
		t.Fatalf("encoded meta differs:\nmap     %X\nencoded %X", mapOut, encOut)
	}
	if !slices.Equal(mapDiags, encDiags) || mapStats != encStats || fmt.Sprint(mapErr) != fmt.Sprint(encErr) {
		t.Fatalf("reports differ:\nmap     %q %+v %v\nencoded %q %+v %v", mapDiags, mapStats, mapErr, encDiags, encStats, encErr)
	}
	return encOut
}

// preHeader is a mode-4 preidentified packet.
func preHeader(flags byte, extra string, sec, usec uint32, tgt, pkt string, data []byte) []byte {
	b := []byte{flags}
	if extra != "" {
		b = binary.BigEndian.AppendUint32(b, uint32(len(extra)))
		b = append(b, extra...)
	}
	b = binary.BigEndian.AppendUint32(b, sec)
	b = binary.BigEndian.AppendUint32(b, usec)
	b = append(append(b, byte(len(tgt))), tgt...)
	b = append(append(b, byte(len(pkt))), pkt...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	return append(b, data...)
}

func TestPreidentifiedEncodedMeta(t *testing.T) {
	stream := slices.Concat(
		preHeader(0x00, "", 1700000000, 250000, "INST", "HEALTH_STATUS", []byte{1, 2, 3}),
		preHeader(0x80, "", 1700000001, 999999, "INST", "HEALTH_STATUS", []byte{4}), // stored
		preHeader(0x00, "", 1700000002, 0, "INST2", "ADCS", []byte{5}),              // new pair
		preHeader(0x00, "", 1700000003, 1, "INST", "HEALTH_STATUS", []byte{6}),      // back to the first
		preHeader(0x00, "", 4, 294967, "INST", "HEALTH_STATUS", []byte{7}),          // 4.294967 s < 2^32 ns: short time head
		preHeader(0x00, "", 4, 294968, "INST", "HEALTH_STATUS", []byte{7}),          // just over 2^32 ns
		preHeader(0x00, "", 0xFFFFFFFF, 0xFFFFFFFF, "", "", []byte{8}),              // empty names, usec over a second
		preHeader(0x40, `{"vcid":2}`, 1700000004, 5, "INST", "HEALTH_STATUS", []byte{9}),
		preHeader(0xC0, `{"a":[1,2.5,"x"]}`, 1700000005, 6, "INST", "HEALTH_STATUS", []byte{10}),
		preHeader(0x80, "", 1700000006, 7, "T", "P", nil), // empty data
		preHeader(0x00, "", 1700000007, 8, string(bytes.Repeat([]byte{0xFF}, 255)), "\x00", []byte{11}),
	)
	// Garbage and a truncated tail around the good packets.
	withFaults := slices.Concat([]byte{0x40, 0xFF, 0xFF, 0xFF, 0xFF}, stream, stream[:20])
	cases := []struct {
		name string
		p    PreidentifiedParams
		opt  Options
		meta record.Meta
		in   []byte
	}{
		{name: "plain", in: stream},
		{name: "allow empty", opt: Options{AllowEmpty: AllowEmptyTrue}, in: stream},
		{name: "chunk meta", meta: record.Meta{record.KeyTarget: "X", "link": "l1", record.KeyExtra: map[string]any{"k": int64(1)}}, in: stream},
		{name: "faults", p: PreidentifiedParams{MaxLength: 300}, in: withFaults},
		{name: "fail fast", opt: Options{FailFast: true}, in: withFaults},
		{name: "explain", opt: Options{Explain: func(string) {}}, in: stream},
		{name: "mode 2", p: PreidentifiedParams{Mode: 2}, in: []byte("\x65\x53\xF1\x00\x00\x03\xD0\x90\x04INST\x0DHEALTH_STATUS\x00\x00\x00\x01\x07")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := func() (Protocol, error) { return NewPreidentified(c.p) }
			// Whole, then in chunks that cut headers anywhere.
			recordsBothWays(t, p, c.opt, [][]byte{c.in}, c.meta)
			var in [][]byte
			for b := c.in; len(b) > 0; {
				n := min(len(b), 7)
				in, b = append(in, b[:n]), b[n:]
			}
			recordsBothWays(t, p, c.opt, in, c.meta)
		})
	}
}

// TestPreidentifiedReadAllocs: reading a preidentified stream into records
// allocates nothing per packet once the name pairs are known.
func TestPreidentifiedReadAllocs(t *testing.T) {
	var stream []byte
	for i := range 256 {
		names := [][2]string{{"INST", "HEALTH_STATUS"}, {"INST2", "ADCS"}}[i%2]
		stream = append(stream, preHeader(byte(i%2)<<7, "", 1700000000+uint32(i), uint32(i), names[0], names[1], make([]byte, 64))...)
	}
	p, _ := NewPreidentified(PreidentifiedParams{})
	d := NewDeframer(p, Options{})
	w := record.NewWriter(io.Discard)
	d.SetEmitEncoded(w.WriteEncoded)
	emit := func(m record.Meta, pkt []byte) error { return w.Write(m, pkt) }
	feed := func() {
		if err := d.Feed(stream, nil, emit); err != nil {
			t.Fatal(err)
		}
	}
	feed() // learn the names
	if a := testing.AllocsPerRun(20, feed); a != 0 {
		t.Fatalf("%v allocations per 256 packets, want 0", a)
	}
}
