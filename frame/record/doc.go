// Package record implements the c3kit record stream: the framing that carries
// packets, with optional CBOR meta, between c3kit stages over a pipe.
//
// A stream is a sequence of frames, each a 4-byte big-endian header word and
// a payload. Bit 31 of the header marks a meta frame (a CBOR map describing
// the next data frame); bits 0..30 give the payload length. See DESIGN.md §1.
//
// Reader and Writer are buffered and allocation-free on the data path: a
// Reader hands out slices of its own buffer, valid until the next Read.
//
// Meta is encoded and decoded by hand for the types it holds in practice
// (meta_encode.go, meta_decode.go), byte for byte and value for value what
// fxamacker/cbor in encMode/decMode gives, which still handles anything
// else: when every record carries meta, reflection was most of a stage's
// time.
package record
