package crcproto

import (
	"encoding/json"
	"os"
	"testing"
)

// The COSMOS write-framing vectors, from the copy kept beside package crc.
type vectors struct {
	CRC struct {
		WriteFraming []struct {
			Bits       int
			Endianness string
			Input      string `json:"input_ascii"`
			Output     string `json:"output_hex"`
		} `json:"cosmos_crc_protocol_write_framing"`
	}
}

func loadVectors(t testing.TB) vectors {
	b, err := os.ReadFile("../testdata/framing-vectors-crc.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.CRC.WriteFraming) != 6 {
		t.Fatalf("%d write vectors", len(v.CRC.WriteFraming))
	}
	return v
}
