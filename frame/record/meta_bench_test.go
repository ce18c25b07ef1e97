package record

import (
	"bytes"
	"io"
	"testing"
	"time"
)

// benchMeta is the meta of a preidentified packet: the five well-known keys.
func benchMeta() Meta {
	m := Meta{KeyTarget: "INST", KeyPacket: "HEALTH_STATUS", KeyStored: false,
		KeyExtra: map[string]any{"LINK": "tcp-client", "PEER": "127.0.0.1:5000"}}
	m.SetTime(time.Unix(1700000000, 123456789))
	return m
}

// BenchmarkWriteMeta5: every record carries its own five-key meta.
func BenchmarkWriteMeta5(b *testing.B) {
	m := benchMeta()
	d := make([]byte, 64)
	w := NewWriter(io.Discard)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := w.Write(m, d); err != nil {
			b.Fatal(err)
		}
	}
	w.Flush()
}

// BenchmarkReadDistinctMeta: every record's meta differs (its time), so the
// reader's repeat cache never hits and every meta frame is decoded.
func BenchmarkReadDistinctMeta(b *testing.B) {
	const n = 1000
	src := distinctMetaStream(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += n {
		r := NewReader(bytes.NewReader(src))
		for {
			if _, err := r.Read(); err != nil {
				break
			}
		}
	}
}

// distinctMetaStream is n records of 64 bytes, each with benchMeta at a
// different time.
func distinctMetaStream(n int) []byte {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	m := benchMeta()
	for i := 0; i < n; i++ {
		m.SetTime(time.Unix(1700000000, int64(i)))
		w.Write(m, make([]byte, 64))
	}
	w.Flush()
	return buf.Bytes()
}
