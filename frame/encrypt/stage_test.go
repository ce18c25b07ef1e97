package encrypt

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

func stream(t *testing.T, recs ...[]byte) *bytes.Buffer {
	t.Helper()
	var b bytes.Buffer
	w := record.NewWriter(&b)
	for i, r := range recs {
		if err := w.Write(record.Meta{"target": "EX", "extra": map[string]any{"N": int64(i)}}, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return &b
}

func readAll(t *testing.T, b io.Reader) []*record.Record {
	t.Helper()
	var out []*record.Record
	r := record.NewReader(b)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, &record.Record{Meta: rec.Meta.Clone(), Data: append([]byte(nil), rec.Data...)})
	}
}

func TestStageRoundTripKeepsMeta(t *testing.T) {
	recs := [][]byte{[]byte("one"), {}, bytes.Repeat([]byte{7}, 5000)}
	var sealed, opened bytes.Buffer
	enc := &Stage{Codec: testCodec(t), Write: true, AllowEmpty: true}
	w := record.NewWriter(&sealed)
	if err := enc.Run(record.NewReader(stream(t, recs...)), w); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	dec := &Stage{Codec: testCodec(t), AllowEmpty: true}
	w = record.NewWriter(&opened)
	if err := dec.Run(record.NewReader(&sealed), w); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	got := readAll(t, &opened)
	if len(got) != len(recs) {
		t.Fatalf("%d records back, want %d", len(got), len(recs))
	}
	for i, g := range got {
		if !bytes.Equal(g.Data, recs[i]) || g.Meta.Target() != "EX" || fmt.Sprint(g.Meta.Extra()["N"]) != fmt.Sprint(i) {
			t.Errorf("record %d: %d bytes, meta %v", i, len(g.Data), g.Meta)
		}
	}
	if s := dec.Stats(); s.Records != 3 || s.Empty != 1 || s.Rejected != 0 {
		t.Errorf("stats %+v", s)
	}
}

func TestStageDropsBadRecordsAndGoesOn(t *testing.T) {
	c := testCodec(t)
	good1, _ := c.Seal(nil, []byte("first"))
	good2, _ := c.Seal(nil, []byte("second"))
	tampered := append([]byte(nil), good1...)
	tampered[IVSize] ^= 0x80
	var reports []string
	var out bytes.Buffer
	st := &Stage{Codec: c, Report: func(e *RejectError) { reports = append(reports, e.Error()) }}
	w := record.NewWriter(&out)
	if err := st.Run(record.NewReader(stream(t, good1, tampered, []byte("short"), []byte{}, good2)), w); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	got := readAll(t, &out)
	if len(got) != 2 || string(got[0].Data) != "first" || string(got[1].Data) != "second" {
		t.Fatalf("good records not kept around the bad ones: %v", got)
	}
	want := []string{
		"record 2 at stream offset 62: authentication failed (tampered or corrupt record, or the wrong key)",
		"record 3 at stream offset 124: 5-byte record too short: a sealed record needs at least 28 bytes (IV and tag)",
	}
	if strings.Join(reports, "\n") != strings.Join(want, "\n") {
		t.Fatalf("reports:\n%s\nwant:\n%s", strings.Join(reports, "\n"), strings.Join(want, "\n"))
	}
	if s := st.Stats(); s.Rejected != 2 || s.Empty != 1 {
		t.Errorf("stats %+v", s)
	}
}

func TestStageFailFast(t *testing.T) {
	var out bytes.Buffer
	st := &Stage{Codec: testCodec(t), FailFast: true}
	w := record.NewWriter(&out)
	err := st.Run(record.NewReader(stream(t, []byte("not sealed at all, but long enough"))), w)
	var rej *RejectError
	if !errors.As(err, &rej) || !errors.Is(err, ErrAuth) || rej.Record != 1 {
		t.Fatalf("err = %v", err)
	}
}
