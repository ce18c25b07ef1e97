package record

import (
	"encoding/binary"
	"fmt"
	"io"
)

// Writer writes records in the record stream format, or as raw bytes.
// Output is buffered: call Flush before blocking on input (see FlushBefore).
//
// It keeps its own buffer rather than a bufio.Writer so that a small record
// (header and payload) is one append: at 64-byte packets the two bufio
// calls per record were half of a deframer's time.
type Writer struct {
	w   io.Writer
	buf []byte // buffered output; cap is the buffer size
	raw bool
	err error // sticky: once a write failed, every later call returns it
	max int   // largest record accepted (SetMaxLen); 0: the frame limit

	// Meta is encoded into metaBuf with enc's scratch space, so a record
	// with meta costs no allocation.
	enc     metaEncoder
	metaBuf []byte
}

// NewWriter writes the record stream format to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w, buf: make([]byte, 0, DefaultChunk)} }

// NewRawWriter writes only the data payloads to w, back to back; meta is dropped.
func NewRawWriter(w io.Writer) *Writer {
	return &Writer{w: w, buf: make([]byte, 0, DefaultChunk), raw: true}
}

// SetMaxLen makes the writer refuse records over n bytes (--max-record), so
// a producer cannot emit what every later stage would refuse.
func (w *Writer) SetMaxLen(n int) {
	if n > 0 && n <= lenMask {
		w.max = n
	}
}

// Raw reports whether the writer drops meta and framing.
func (w *Writer) Raw() bool { return w.raw }

// Write writes one record: a meta frame when meta is non-empty, then the data
// frame. The parts are copied into the buffer, so data may be reused at once.
func (w *Writer) Write(meta Meta, data []byte) error {
	if w.raw && w.max == 0 {
		return w.put(data)
	}
	if len(meta) == 0 && w.err == nil && len(w.buf)+4+len(data) <= cap(w.buf) && w.max == 0 {
		// The hot path of every deframer: no meta, room in the buffer.
		w.buf = binary.BigEndian.AppendUint32(w.buf, uint32(len(data)))
		w.buf = append(w.buf, data...)
		return nil
	}
	return w.WriteParts(meta, data)
}

// WriteEncoded writes one record whose meta is given already encoded, as
// Meta.Encode would give it (empty: no meta frame). A stage that knows its
// meta's few keys (a preidentified header) builds the CBOR itself this way,
// without a map, a boxed time and the writer's encoding per record.
func (w *Writer) WriteEncoded(meta, data []byte) error {
	if len(meta) == 0 || w.raw {
		return w.Write(nil, data)
	}
	if w.err == nil && w.max == 0 && len(w.buf)+8+len(meta)+len(data) <= cap(w.buf) && len(data) <= lenMask {
		// Both frames appended in one go, as Write does for a bare record.
		w.buf = binary.BigEndian.AppendUint32(w.buf, metaBit|uint32(len(meta)))
		w.buf = append(w.buf, meta...)
		w.buf = binary.BigEndian.AppendUint32(w.buf, uint32(len(data)))
		w.buf = append(w.buf, data...)
		return nil
	}
	if err := w.check(len(data)); err != nil {
		return err
	}
	if err := w.header(metaBit | uint32(len(meta))); err != nil {
		return err
	}
	if err := w.put(meta); err != nil {
		return err
	}
	return w.WriteParts(nil, data)
}

// check refuses a payload of n bytes over the cap or the frame limit.
func (w *Writer) check(n int) error {
	if w.err != nil {
		return w.err
	}
	if w.max > 0 && n > w.max {
		return fmt.Errorf("record of %d bytes exceeds the %d-byte cap (set --max-record)", n, w.max)
	}
	if !w.raw && n > lenMask {
		return fmt.Errorf("record of %d bytes is too large for a frame", n)
	}
	return nil
}

// WriteParts writes one record whose payload is the concatenation of parts,
// without first joining them (framers add headers and trailers this way).
func (w *Writer) WriteParts(meta Meta, parts ...[]byte) error {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if err := w.check(n); err != nil {
		return err
	}
	if !w.raw {
		if len(meta) > 0 {
			enc, err := w.enc.encode(w.metaBuf[:0], meta)
			if err != nil {
				return fmt.Errorf("encoding meta: %w", err)
			}
			w.metaBuf = enc
			if err := w.header(metaBit | uint32(len(enc))); err != nil {
				return err
			}
			if err := w.put(enc); err != nil {
				return err
			}
		}
		if len(w.buf)+4+n <= cap(w.buf) {
			// The common case: header and payload appended in one go.
			w.buf = binary.BigEndian.AppendUint32(w.buf, uint32(n))
			for _, p := range parts {
				w.buf = append(w.buf, p...)
			}
			return nil
		}
		if err := w.header(uint32(n)); err != nil {
			return err
		}
	}
	for _, p := range parts {
		if err := w.put(p); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) header(word uint32) error {
	if len(w.buf)+4 > cap(w.buf) {
		if err := w.Flush(); err != nil {
			return err
		}
	}
	w.buf = binary.BigEndian.AppendUint32(w.buf, word)
	return nil
}

// put appends p, flushing as needed; a p larger than the buffer goes
// straight to the underlying writer.
func (w *Writer) put(p []byte) error {
	if w.err != nil {
		return w.err
	}
	if len(w.buf)+len(p) <= cap(w.buf) {
		w.buf = append(w.buf, p...)
		return nil
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if len(p) >= cap(w.buf) {
		if _, err := w.w.Write(p); err != nil {
			w.err = err
			return err
		}
		return nil
	}
	w.buf = append(w.buf, p...)
	return nil
}

// Flush writes any buffered output.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	if len(w.buf) == 0 {
		return nil
	}
	n, err := w.w.Write(w.buf)
	if err == nil && n < len(w.buf) {
		err = io.ErrShortWrite
	}
	if err != nil {
		w.err = err
		return err
	}
	w.buf = w.buf[:0]
	return nil
}

// Buffered returns the number of bytes waiting to be flushed.
func (w *Writer) Buffered() int { return len(w.buf) }
