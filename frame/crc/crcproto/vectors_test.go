package crcproto

import (
	"testing"

	"github.com/c3kit/c3kit/frame/crc/internal/vectors"
)

func loadVectors(t testing.TB) *vectors.Set {
	v, err := vectors.Load("../testdata/framing-vectors-crc.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(v.CRC.WriteFraming) != 6 {
		t.Fatalf("%d write vectors, want 6", len(v.CRC.WriteFraming))
	}
	return v
}
