package ccsds

import (
	"encoding/binary"

	"github.com/c3kit/c3kit/frame/crc"
)

// fecfTable is the Frame Error Control Field CRC of TM, TC and AOS frames:
// g(x) = x^16+x^12+x^5+1, preset all ones, no reflection, no final XOR
// (CRC-16/IBM-3740, the COSMOS 16-bit default). The shared engine runs it
// slicing-by-8.
var fecfTable = crc.New(crc.MustPreset("CRC-16/IBM-3740").Params)

// fecfLen is the size of the FECF.
const fecfLen = 2

// fecf is the CRC of p.
func fecf(p []byte) uint16 { return uint16(fecfTable.Checksum(p)) }

// fecfOK reports whether the last two octets of frame are the FECF of the
// octets before them.
func fecfOK(frame []byte) bool {
	n := len(frame) - fecfLen
	return n >= 0 && fecf(frame[:n]) == binary.BigEndian.Uint16(frame[n:])
}

// putFECF writes the FECF of frame[:len-2] into its last two octets.
func putFECF(frame []byte) {
	n := len(frame) - fecfLen
	binary.BigEndian.PutUint16(frame[n:], fecf(frame[:n]))
}
