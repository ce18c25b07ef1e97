// Package accessor implements the COSMOS Binary accessor: reading and writing
// INT, UINT, FLOAT, STRING and BLOCK items at arbitrary bit offsets and sizes
// in a packet buffer, in both directions, with COSMOS's rules for big- and
// little-endian bit fields, negative bit offsets (counted from the end of the
// buffer), zero or negative bit sizes (an item that fills the buffer up to
// that many bits before its end), arrays, and the OVERFLOW behaviours of the
// write side.
//
// Bit offsets name the most significant bit of an item, counting bit 0 as the
// most significant bit of byte 0. For big-endian bit fields the item then
// runs towards higher addresses. For little-endian bit fields COSMOS keeps
// the offset pointing at the most significant bit, so the field runs from
// that byte towards LOWER addresses: the bytes from the offset's byte down to
// the lowest byte are taken in reverse order and the field is cut out of that
// big-endian view. Byte-aligned 8, 16, 32 and 64-bit integers are plain
// little-endian words. A little-endian field that would need bytes before
// byte 0 is invalid, as in COSMOS.
//
// The typed reads (ReadInt, ReadUint, ReadFloat, ReadBytes, ReadString) do
// not allocate; they are the decoder's hot path. Errors are values: a read
// or write past the end of the buffer returns a *BufferError that matches
// ErrShortBuffer (so ALLOW_SHORT handling can tell it apart), definition
// mistakes match ErrInvalid and out-of-range writes match ErrOverflow. The
// caller adds the item name.
package accessor
