package timetext

import (
	"math/rand"
	"testing"
	"time"
)

// same checks both formatters against time.Time.AppendFormat on t.
func same(t *testing.T, tm time.Time) {
	t.Helper()
	if got, want := string(Cosmos(nil, tm)), tm.UTC().Format(cosmosLayout); got != want {
		t.Errorf("Cosmos(%d.%09d) = %q, want %q", tm.Unix(), tm.Nanosecond(), got, want)
	}
	if got, want := string(RFC3339Nano(nil, tm)), tm.UTC().Format(time.RFC3339Nano); got != want {
		t.Errorf("RFC3339Nano(%d.%09d) = %q, want %q", tm.Unix(), tm.Nanosecond(), got, want)
	}
}

func TestSameAsAppendFormat(t *testing.T) {
	edges := []time.Time{
		time.Unix(0, 0), time.Unix(0, 1), time.Unix(-1, 999999999), time.Unix(-62135596800, 0),
		time.Date(1972, 2, 29, 23, 59, 59, 999999999, time.UTC), time.Date(2000, 2, 29, 12, 0, 0, 100, time.UTC),
		time.Date(2100, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 23, 59, 59, 120000000, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 6, 1, 12, 0, 0, 5, time.FixedZone("X", 5*3600)), // shown in UTC
	}
	for _, tm := range edges {
		same(t, tm)
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		sec := r.Int63n(2*maxSeconds) - maxSeconds/2
		ns := r.Int63n(1e9)
		switch i % 4 {
		case 0:
			ns = ns / 1e6 * 1e6 // whole milliseconds
		case 1:
			ns = 0
		}
		same(t, time.Unix(sec, ns))
	}
}

func FuzzSameAsAppendFormat(f *testing.F) {
	f.Add(int64(1795250501), int64(37000))
	f.Add(int64(-1), int64(0))
	f.Fuzz(func(t *testing.T, sec, ns int64) {
		same(t, time.Unix(sec%(4*maxSeconds), ns%1e9))
	})
}

func BenchmarkCosmos(b *testing.B) {
	tm := time.Unix(1795250501, 152144000)
	var buf []byte
	for i := 0; i < b.N; i++ {
		buf = Cosmos(buf[:0], tm)
	}
}

func BenchmarkAppendFormatCosmos(b *testing.B) {
	tm := time.Unix(1795250501, 152144000)
	var buf []byte
	for i := 0; i < b.N; i++ {
		buf = tm.UTC().AppendFormat(buf[:0], cosmosLayout)
	}
}
