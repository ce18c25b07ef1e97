// Package frame implements the COSMOS packet delineation protocols (Burst,
// Length, Terminated, SLIP, COBS, Preidentified) in both directions, as the
// engine behind c3frame.
//
// Reading (deframing) is split in two layers, like bufio.Scanner and its
// SplitFunc:
//
//   - Deframer owns everything the protocols share: the byte buffer, the
//     sync-pattern search, discarding leading bytes, which meta each packet
//     gets, the stream offsets, statistics, the cap that bounds memory, and
//     what happens on a fault (report one line and resync, or stop).
//   - A Splitter is the protocol itself: shown the bytes that start at a
//     packet boundary, it says "need more", "the next n bytes are one packet"
//     or "this is not a valid packet" (a *Fault).
//
// A protocol that needs packet definitions (COSMOS Fixed) plugs in as one more
// Splitter: it asks for its minimum ID size by returning 0 until that many
// bytes are buffered, identifies the packet from them, and then returns 0
// until the identified packet's length is buffered.
//
// Writing (framing) is a Framer per protocol: one packet in, the framed bytes
// out as parts, so the record writer can copy them without joining them first.
//
// The package never prints and never exits: diagnostics go to the callbacks
// in Options, errors are returned.
package frame
