package crc

import (
	"hash"
	"io"
)

// Hash returns a hash.Hash64 computing t's CRC, for io.Copy and other
// hash.Hash users. Sum appends the CRC big-endian in Params.Bytes() bytes.
func (t *Table) Hash() hash.Hash64 { return &digest{t: t, reg: t.init} }

type digest struct {
	t   *Table
	reg uint64
}

func (d *digest) Write(p []byte) (int, error) { d.reg = d.t.Update(d.reg, p); return len(p), nil }
func (d *digest) Sum64() uint64               { return d.t.Final(d.reg) }
func (d *digest) Reset()                      { d.reg = d.t.init }
func (d *digest) Size() int                   { return d.t.p.Bytes() }
func (d *digest) BlockSize() int              { return 1 }

func (d *digest) Sum(b []byte) []byte {
	v := d.Sum64()
	for i := d.Size() - 1; i >= 0; i-- {
		b = append(b, byte(v>>(8*uint(i))))
	}
	return b
}

// SumBufferSize is the read size of SumReader: large enough that the CRC,
// not the read calls, sets the pace.
const SumBufferSize = 256 << 10

// SumReader streams r through t and returns the CRC and the byte count.
// Memory use is one SumBufferSize buffer whatever r's length.
func (t *Table) SumReader(r io.Reader) (sum uint64, n int64, err error) {
	buf := make([]byte, SumBufferSize)
	reg := t.init
	for {
		k, err := r.Read(buf)
		reg = t.Update(reg, buf[:k])
		n += int64(k)
		if err == io.EOF {
			return t.Final(reg), n, nil
		}
		if err != nil {
			return t.Final(reg), n, err
		}
	}
}
