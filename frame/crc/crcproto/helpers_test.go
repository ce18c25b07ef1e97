package crcproto

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/c3kit/c3kit/frame/crc"
	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/testutil"
)

type rec struct {
	meta record.Meta
	data []byte
}

// stream encodes recs as a record stream.
func stream(t testing.TB, recs []rec) []byte {
	var b bytes.Buffer
	w := record.NewWriter(&b)
	for _, r := range recs {
		if err := w.Write(r.meta, r.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// readAll decodes a record stream, copying each record.
func readAll(t testing.TB, b []byte) []rec {
	r := record.NewReader(bytes.NewReader(b))
	var out []rec
	for {
		x, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rec{x.Meta, append([]byte{}, x.Data...)})
	}
}

// runner is Verifier.Run or Adder.Run with its Report hook.
type runner interface {
	Run(*record.Reader, *record.Writer) (Stats, error)
}

// transcript runs st over in and renders what came out, what was reported,
// the error and the counters as text, the form the golden files hold.
func transcript(t testing.TB, st runner, report *[]string, in []byte) string {
	var out bytes.Buffer
	*report = nil
	stats, err := st.Run(record.NewReader(bytes.NewReader(in)), record.NewWriter(&out))
	var b strings.Builder
	for _, r := range readAll(t, out.Bytes()) {
		m := "{}"
		if len(r.meta) > 0 {
			j, jerr := json.Marshal(r.meta)
			if jerr != nil {
				t.Fatal(jerr)
			}
			m = string(j)
		}
		fmt.Fprintf(&b, "out %s %s\n", m, hex.EncodeToString(r.data))
	}
	for _, l := range *report {
		fmt.Fprintf(&b, "report %s\n", l)
	}
	if err != nil {
		fmt.Fprintf(&b, "error %v\n", err)
	}
	fmt.Fprintf(&b, "stats %+v\n", stats)
	return b.String()
}

// golden compares got with testdata/<name>.golden (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	testutil.Golden(t, filepath.Join("testdata", name+".golden"), []byte(got))
}

func table(t testing.TB, preset string) *crc.Table {
	p, err := crc.Resolve(preset)
	if err != nil {
		t.Fatal(err)
	}
	return crc.New(p)
}
