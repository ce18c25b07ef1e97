package accessor

import "testing"

var (
	benchBuf = make([]byte, 64)
	sinkU    uint64
	sinkI    int64
	sinkF    float64
	sinkB    []byte
)

func BenchmarkReadUint(b *testing.B) {
	b.Run("aligned32BE", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkU, _ = ReadUint(benchBuf, 32, 32, BigEndian)
		}
	})
	b.Run("bitfield13BE", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkU, _ = ReadUint(benchBuf, 5, 13, BigEndian)
		}
	})
	b.Run("bitfield37LE", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkU, _ = ReadUint(benchBuf, 40, 37, LittleEndian)
		}
	})
	b.Run("negativeOffset16", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkU, _ = ReadUint(benchBuf, -16, 16, BigEndian)
		}
	})
}

func BenchmarkReadInt(b *testing.B) {
	b.Run("aligned16LE", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkI, _ = ReadInt(benchBuf, 16, 16, LittleEndian)
		}
	})
	b.Run("bitfield11BE", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkI, _ = ReadInt(benchBuf, 5, 11, BigEndian)
		}
	})
}

func BenchmarkReadFloat(b *testing.B) {
	b.Run("32BE", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkF, _ = ReadFloat(benchBuf, 64, 32, BigEndian)
		}
	})
	b.Run("64LE", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkF, _ = ReadFloat(benchBuf, 64, 64, LittleEndian)
		}
	})
}

func BenchmarkReadString(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkB, _ = ReadString(benchBuf, 8, 128)
	}
}

func BenchmarkWriteUint(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = WriteUint(benchBuf, 1000, 5, 13, BigEndian, OverflowError)
	}
}
