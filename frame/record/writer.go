package record

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
)

// Writer writes records in the record stream format, or as raw bytes.
// Output is buffered: call Flush before blocking on input (see FlushBefore).
type Writer struct {
	bw  *bufio.Writer
	raw bool
	hdr [4]byte // kept here so writing a header does not allocate
}

// NewWriter writes the record stream format to w.
func NewWriter(w io.Writer) *Writer { return &Writer{bw: bufio.NewWriterSize(w, DefaultChunk)} }

// NewRawWriter writes only the data payloads to w, back to back; meta is dropped.
func NewRawWriter(w io.Writer) *Writer {
	return &Writer{bw: bufio.NewWriterSize(w, DefaultChunk), raw: true}
}

// Raw reports whether the writer drops meta and framing.
func (w *Writer) Raw() bool { return w.raw }

// Write writes one record: a meta frame when meta is non-empty, then the data
// frame. The parts are copied into the buffer, so data may be reused at once.
func (w *Writer) Write(meta Meta, data []byte) error {
	if w.raw {
		_, err := w.bw.Write(data)
		return err
	}
	return w.WriteParts(meta, data)
}

// WriteParts writes one record whose payload is the concatenation of parts,
// without first joining them (framers add headers and trailers this way).
func (w *Writer) WriteParts(meta Meta, parts ...[]byte) error {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if !w.raw {
		if n > lenMask {
			return fmt.Errorf("record of %d bytes is too large for a frame", n)
		}
		if len(meta) > 0 {
			enc, err := meta.Encode()
			if err != nil {
				return fmt.Errorf("encoding meta: %w", err)
			}
			if err := w.header(metaBit | uint32(len(enc))); err != nil {
				return err
			}
			if _, err := w.bw.Write(enc); err != nil {
				return err
			}
		}
		if err := w.header(uint32(n)); err != nil {
			return err
		}
	}
	for _, p := range parts {
		if _, err := w.bw.Write(p); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) header(word uint32) error {
	if w.bw.Available() < 4 {
		if err := w.bw.Flush(); err != nil {
			return err
		}
	}
	binary.BigEndian.PutUint32(w.hdr[:], word)
	_, err := w.bw.Write(w.hdr[:])
	return err
}

// Flush writes any buffered output.
func (w *Writer) Flush() error { return w.bw.Flush() }

// Buffered returns the number of bytes waiting to be flushed.
func (w *Writer) Buffered() int { return w.bw.Buffered() }

// FlushBefore wraps r so that w is flushed before every read of r. Wrapped
// under a bufio.Reader this flushes exactly when the stage is about to block
// for more input, so a live link shows each record as soon as it is complete
// while a bulk stream still writes in large blocks.
func FlushBefore(r io.Reader, w interface{ Flush() error }) io.Reader {
	return &flushingReader{r: r, w: w}
}

type flushingReader struct {
	r io.Reader
	w interface{ Flush() error }
}

func (f *flushingReader) Read(p []byte) (int, error) {
	if err := f.w.Flush(); err != nil {
		return 0, err
	}
	return f.r.Read(p)
}
