package frame

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// hx decodes hex with spaces and "|" (chunk separators) removed.
func hx(t testing.TB, s string) []byte {
	t.Helper()
	s = strings.NewReplacer(" ", "", "|", "").Replace(s)
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

// chunks splits a "|"-separated hex string into chunks.
func chunks(t testing.TB, s string) [][]byte {
	var out [][]byte
	for _, c := range strings.Split(s, "|") {
		out = append(out, hx(t, c))
	}
	return out
}

// result is everything a deframer or framer run produced.
type result struct {
	pkts  [][]byte
	metas []record.Meta
	diags []string
	err   error
	stats Stats
}

func (r *result) add(m record.Meta, p []byte) error {
	r.pkts = append(r.pkts, append([]byte{}, p...))
	r.metas = append(r.metas, m)
	return nil
}

// String renders a result for golden files.
func (r *result) String() string {
	var b strings.Builder
	for i, p := range r.pkts {
		fmt.Fprintf(&b, "pkt %X", p)
		if m := r.metas[i]; len(m) > 0 {
			fmt.Fprintf(&b, " meta %s", metaString(m))
		}
		b.WriteByte('\n')
	}
	for _, d := range r.diags {
		fmt.Fprintf(&b, "diag %s\n", d)
	}
	if r.err != nil {
		fmt.Fprintf(&b, "error %v\n", r.err)
	}
	s := r.stats
	fmt.Fprintf(&b, "stats packets=%d bytes_out=%d discarded=%d resyncs=%d empty_dropped=%d errors=%d\n",
		s.Packets, s.BytesOut, s.Discarded, s.Resyncs, s.EmptyDropped, s.Errors)
	return b.String()
}

func metaString(m record.Meta) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		v := m[k]
		if x, ok := v.(map[string]any); ok {
			parts = append(parts, k+"="+metaString(x))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s=%v", k, v))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// deframe feeds chunks (each with its meta, if metas is given) and closes.
func deframe(p Protocol, opt Options, in [][]byte, metas []record.Meta) *result {
	r := &result{}
	opt.Report = func(s string) { r.diags = append(r.diags, s) }
	d := NewDeframer(p, opt)
	for i, c := range in {
		var m record.Meta
		if metas != nil {
			m = metas[i]
		}
		if err := d.Feed(c, m, r.add); err != nil {
			r.err = err
			r.stats = d.Stats()
			return r
		}
	}
	r.err = d.Close()
	r.stats = d.Stats()
	return r
}

// frameAll frames each packet (copied, since framers may fill in place)
// and returns the framed records.
func frameAll(p Framer, opt Options, pkts [][]byte, metas []record.Meta) *result {
	r := &result{}
	opt.Report = func(s string) { r.diags = append(r.diags, s) }
	e := NewEncoder(p, opt)
	var out bytes.Buffer
	w := record.NewWriter(&out)
	for i, pk := range pkts {
		var m record.Meta
		if metas != nil {
			m = metas[i]
		}
		if err := e.Encode(m, append([]byte{}, pk...), w); err != nil {
			r.err = err
			break
		}
	}
	w.Flush()
	rd := record.NewReader(&out)
	for {
		rec, err := rd.Read()
		if err != nil {
			break
		}
		r.add(rec.Meta, rec.Data)
	}
	r.stats = e.Stats()
	return r
}

// joined returns the framed records back to back (the raw byte stream).
func (r *result) joined() []byte { return bytes.Join(r.pkts, nil) }
