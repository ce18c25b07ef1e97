// Package crcproto is the COSMOS CRC protocol over a c3kit record stream:
// Verify checks (and optionally strips) a CRC field in each record, Add
// appends one or fills one in place. The CRC itself comes from package crc.
//
// Where the field is, which bytes it covers and what a bad record does follow
// COSMOS's crc_protocol: the CRC at BitOffset (negative counts from the end)
// covers every byte before it; ERROR logs and passes the record on,
// DISCONNECT stops the stream. c3kit adds DROP, and marks a record passed on
// under ERROR with extra.CRC_OK=false so later stages can tell.
package crcproto
