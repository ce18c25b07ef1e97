package crc

import "testing"

// One benchmark per Update path: go test -bench . -benchmem ./frame/crc
// (MB/s from SetBytes; 0 allocs/op expected everywhere).
func benchPreset(b *testing.B, name string, size int, generic bool) {
	p := MustPreset(name).Params
	tab := New(p)
	if generic {
		tab = newTable(p)
	}
	data := make([]byte, size)
	for i := range data {
		data[i] = byte(i * 7)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	var sink uint64
	for b.Loop() {
		sink ^= tab.Checksum(data)
	}
	_ = sink
}

func BenchmarkCRC16Normal64K(b *testing.B)      { benchPreset(b, "CRC-16/IBM-3740", 64<<10, false) }
func BenchmarkCRC16Normal64(b *testing.B)       { benchPreset(b, "CRC-16/IBM-3740", 64, false) }
func BenchmarkCRC16Reflected64K(b *testing.B)   { benchPreset(b, "CRC-16/KERMIT", 64<<10, false) }
func BenchmarkCRC8Normal64K(b *testing.B)       { benchPreset(b, "CRC-8/DVB-S2", 64<<10, false) }
func BenchmarkCRC24Normal64K(b *testing.B)      { benchPreset(b, "CRC-24/OPENPGP", 64<<10, false) }
func BenchmarkCRC32FastIEEE64K(b *testing.B)    { benchPreset(b, "CRC-32/ISO-HDLC", 64<<10, false) }
func BenchmarkCRC32FastIEEE64(b *testing.B)     { benchPreset(b, "CRC-32/ISO-HDLC", 64, false) }
func BenchmarkCRC32GenericIEEE64K(b *testing.B) { benchPreset(b, "CRC-32/ISO-HDLC", 64<<10, true) }
func BenchmarkCRC32FastC64K(b *testing.B)       { benchPreset(b, "CRC-32C", 64<<10, false) }
func BenchmarkCRC32Normal64K(b *testing.B)      { benchPreset(b, "CRC-32/BZIP2", 64<<10, false) }
func BenchmarkCRC64FastXZ64K(b *testing.B)      { benchPreset(b, "CRC-64/XZ", 64<<10, false) }
func BenchmarkCRC64Normal64K(b *testing.B)      { benchPreset(b, "CRC-64/ECMA-182", 64<<10, false) }
