package crcproto

import (
	"bytes"
	"io"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// benchStream is n records of size bytes each with a CRC-16 or CRC-32 appended.
func benchStream(b *testing.B, preset string, bits, size, n int) []byte {
	tab := table(b, preset)
	in := make([]rec, n)
	for i := range in {
		d := make([]byte, size)
		for j := range d {
			d[j] = byte(i + j)
		}
		in[i] = rec{nil, d}
	}
	var out bytes.Buffer
	a := &Adder{Table: tab, Field: Field{BitOffset: -bits, BitSize: bits}}
	if _, err := a.Run(record.NewReader(bytes.NewReader(stream(b, in))), record.NewWriter(&out)); err != nil {
		b.Fatal(err)
	}
	return out.Bytes()
}

func benchVerify(b *testing.B, preset string, bits, size int, strip bool) {
	const n = 4096
	in := benchStream(b, preset, bits, size, n)
	v := &Verifier{Table: table(b, preset), Field: Field{BitOffset: -bits, BitSize: bits}, Strip: strip, Strategy: Disconnect}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	rd := bytes.NewReader(in)
	for b.Loop() {
		rd.Reset(in)
		st, err := v.Run(record.NewReader(rd), record.NewWriter(io.Discard))
		if err != nil || st.Records != n {
			b.Fatal(st, err)
		}
	}
}

func BenchmarkVerifyCRC16x64(b *testing.B)      { benchVerify(b, "COSMOS-16", 16, 64, false) }
func BenchmarkVerifyCRC16x1K(b *testing.B)      { benchVerify(b, "COSMOS-16", 16, 1024, false) }
func BenchmarkVerifyCRC32x64Strip(b *testing.B) { benchVerify(b, "COSMOS-32", 32, 64, true) }
func BenchmarkVerifyCRC32x1KStrip(b *testing.B) { benchVerify(b, "COSMOS-32", 32, 1024, true) }

func BenchmarkAddCRC16x64(b *testing.B) {
	const n = 4096
	in := benchStream(b, "COSMOS-16", 16, 62, n)
	a := &Adder{Table: table(b, "COSMOS-16"), Field: Field{BitOffset: -16, BitSize: 16}}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	rd := bytes.NewReader(in)
	for b.Loop() {
		rd.Reset(in)
		if _, err := a.Run(record.NewReader(rd), record.NewWriter(io.Discard)); err != nil {
			b.Fatal(err)
		}
	}
}
