package def

import "testing"

// BenchmarkLoadTargets loads every test target (ERB, partials, all
// keywords) from disk.
func BenchmarkLoadTargets(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Load([]string{targetsDir}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIdentify identifies a CCSDS packet of the INST target among
// all loaded targets; it must not allocate.
func BenchmarkIdentify(b *testing.B) {
	s, err := Load([]string{targetsDir}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	p := s.Packet("INST", "HEALTH_STATUS", Telemetry)
	buf := make([]byte, p.DefinedLength)
	for _, it := range p.IDItems {
		v, _ := it.IDValue.Uint64()
		if err := writeUintForTest(buf, v, it); err != nil {
			b.Fatal(err)
		}
	}
	if got, ok := s.Identify(buf, Telemetry, "INST"); !ok || got != p {
		b.Fatalf("identified %v", got)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(buf)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Identify(buf, Telemetry, "INST")
	}
}

// BenchmarkIdentifyAllTargets searches every target in load order.
func BenchmarkIdentifyAllTargets(b *testing.B) {
	s, err := Load([]string{targetsDir}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 64)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Identify(buf, Telemetry)
	}
}
