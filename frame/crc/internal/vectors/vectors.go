// Package vectors reads the CRC test vectors (frame/crc/testdata/
// framing-vectors-crc.json, the crc part of the shared framing vectors,
// computed by COSMOS itself and cross-checked against other libraries) for
// the tests of package crc and its sub-packages.
package vectors

import (
	"encoding/json"
	"fmt"
	"os"
)

// CheckValue is the CRC of Input under COSMOS parameters.
type CheckValue struct {
	Name   string
	Bits   int
	Cosmos struct {
		Poly, Seed   string
		Xor, Reflect bool
	} `json:"cosmos_params"`
	Input string `json:"input_ascii"`
	CRC   string
}

// Empty is the CRC of no bytes under COSMOS's defaults for Bits.
type Empty struct {
	Bits int
	CRC  string
}

// WriteFraming is what COSMOS's CrcProtocol write_data made of Input.
type WriteFraming struct {
	Bits       int
	Endianness string
	Input      string `json:"input_ascii"`
	Output     string `json:"output_hex"`
}

// Set is the whole file.
type Set struct {
	CRC struct {
		CheckValues  []CheckValue   `json:"check_values"`
		EmptyInput   []Empty        `json:"empty_input"`
		WriteFraming []WriteFraming `json:"cosmos_crc_protocol_write_framing"`
	}
}

// Load reads the vectors file at path and checks that no section is empty.
func Load(path string) (*Set, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s Set
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(s.CRC.CheckValues) == 0 || len(s.CRC.EmptyInput) == 0 || len(s.CRC.WriteFraming) == 0 {
		return nil, fmt.Errorf("%s: a section of CRC vectors is missing", path)
	}
	return &s, nil
}
