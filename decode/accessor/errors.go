package accessor

import (
	"errors"
	"fmt"
)

// Error classes. Every error this package returns matches exactly one of
// them with errors.Is.
var (
	// ErrShortBuffer: the item lies (partly) outside the buffer. Packets
	// with ALLOW_SHORT treat this as "not present" rather than a fault.
	ErrShortBuffer = errors.New("buffer too short")
	// ErrInvalid: the item definition cannot be accessed (bad size, bad
	// alignment, unsupported type, impossible little-endian bit field) or the
	// value has the wrong Go type.
	ErrInvalid = errors.New("invalid item access")
	// ErrOverflow: a write value does not fit the item and the OVERFLOW
	// behaviour says to refuse it.
	ErrOverflow = errors.New("value out of range")
)

// BufferError reports an access outside the buffer, in COSMOS's words:
// "16 byte buffer insufficient to read UINT at bit_offset 8 with bit_size 800".
// It matches ErrShortBuffer.
type BufferError struct {
	Op        string // "read" or "write"
	Len       int    // buffer length in bytes
	Type      DataType
	BitOffset int // as given, before negative offsets are resolved
	BitSize   int // as given
}

func (e *BufferError) Error() string {
	if e.Type == 0 { // from CheckBounds, which does not know the type
		return fmt.Sprintf("%d byte buffer insufficient to %s bit_offset %d with bit_size %d",
			e.Len, e.Op, e.BitOffset, e.BitSize)
	}
	return fmt.Sprintf("%d byte buffer insufficient to %s %s at bit_offset %d with bit_size %d",
		e.Len, e.Op, e.Type, e.BitOffset, e.BitSize)
}

// Is makes errors.Is(err, ErrShortBuffer) true.
func (e *BufferError) Is(target error) bool { return target == ErrShortBuffer }

// classError is an error with a message of its own that still matches one of
// the class sentinels.
type classError struct {
	class error
	msg   string
}

func (e *classError) Error() string { return e.msg }
func (e *classError) Unwrap() error { return e.class }

func invalidf(format string, args ...any) error {
	return &classError{ErrInvalid, fmt.Sprintf(format, args...)}
}

func overflowf(format string, args ...any) error {
	return &classError{ErrOverflow, fmt.Sprintf(format, args...)}
}

func shortErr(op string, bufLen int, t DataType, bitOffset, bitSize int) error {
	return &BufferError{Op: op, Len: bufLen, Type: t, BitOffset: bitOffset, BitSize: bitSize}
}
