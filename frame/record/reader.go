package record

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

const (
	metaBit = 1 << 31
	lenMask = metaBit - 1

	// DefaultMaxLen caps a data frame when the caller sets no limit: a corrupt
	// header must never make a stage allocate gigabytes.
	DefaultMaxLen = 64 << 20
	// MaxMetaLen caps one meta frame; meta is a handful of keys.
	MaxMetaLen = 1 << 20
	// DefaultChunk is the read size in raw mode and the buffer size.
	DefaultChunk = 64 << 10
)

// ErrTruncated reports a stream that ended inside a frame or after a meta frame.
var ErrTruncated = errors.New("truncated record stream")

// FormatError describes a malformed frame; Offset is where its header starts.
type FormatError struct {
	Offset int64
	Msg    string
}

func (e *FormatError) Error() string { return fmt.Sprintf("%s at stream offset %d", e.Msg, e.Offset) }

// RawHint is appended to an error in a stream's very first frame: a record
// stream starts with a plausible header, so a first header that is not one
// (or a stream that ends inside its first frame) almost always means raw
// bytes were piped into a records stage. Deciding from the first header
// costs nothing per record.
const RawHint = "this looks like raw bytes, not records: add --in raw"

// firstFrame adds RawHint to err when it concerns the stream's first frame.
func firstFrame(err error, frameOff int64) error {
	if frameOff != 0 {
		return err
	}
	return fmt.Errorf("%w; %s", err, RawHint)
}

// Record is one data frame with the merged meta of the meta frames before it.
// Data aliases the Reader's buffer: it is valid until the next call to Read.
// Meta is nil when no meta frame preceded the data frame. Meta may be shared
// with other records (a repeated meta frame is decoded once): treat it as
// read-only and Clone it before changing it.
type Record struct {
	Meta Meta
	Data []byte
}

// Reader reads records from a record stream, or chunks from a raw byte stream.
type Reader struct {
	br     *bufio.Reader
	raw    bool
	maxLen int
	buf    []byte
	off    int64 // stream offset of the next unread byte
	start  int64 // stream offset of the last record's first frame
	rec    Record
	hdr    [4]byte // kept here so reading a header does not allocate

	// view is every byte bufio held when bufferedData last looked, and
	// used how many of them records have taken. They are discarded from
	// bufio only when the view runs out or the general path reads, so a
	// small record costs a few compares instead of three bufio calls.
	view []byte
	used int

	// The last meta frame's bytes and decoded map. A deframer gives every
	// packet of a chunk the chunk's meta, so the same frame often repeats;
	// decoding CBOR again for each would cost a dozen allocations a record.
	lastMetaRaw []byte
	lastMeta    Meta
	// dec decodes the frames that differ, sharing short strings (names,
	// keys) between them.
	dec metaDecoder
}

// NewReader reads the record stream format from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, DefaultChunk), maxLen: DefaultMaxLen}
}

// NewRawReader reads r as a plain byte stream: each Read returns the bytes one
// read of r produced (at most DefaultChunk), with no meta.
func NewRawReader(r io.Reader) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, DefaultChunk), raw: true, maxLen: DefaultMaxLen}
}

// SetMaxLen changes the largest data frame accepted (default DefaultMaxLen).
func (r *Reader) SetMaxLen(n int) {
	if n > 0 && n <= lenMask {
		r.maxLen = n
	}
}

// Offset returns the stream offset at which the last record returned began
// (its first meta frame, if any).
func (r *Reader) Offset() int64 { return r.start }

// Read returns the next record. At a clean end of input it returns io.EOF; a
// stream cut inside a frame returns an error wrapping ErrTruncated. A data
// frame over the length cap returns a *FormatError and the stream cannot be
// resumed (the framing is lost).
func (r *Reader) Read() (*Record, error) {
	if r.raw {
		return r.readRaw()
	}
	r.start = r.off
	r.rec.Meta = nil
	if rec := r.bufferedData(); rec != nil {
		return rec, nil
	}
	r.release()
	hdr := r.hdr[:]
	for {
		n, err := io.ReadFull(r.br, hdr)
		if err != nil {
			if err == io.EOF && r.rec.Meta == nil {
				return nil, io.EOF
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				if r.rec.Meta != nil && n == 0 {
					return nil, fmt.Errorf("%w: stream ends after a meta frame at offset %d", ErrTruncated, r.off)
				}
				return nil, firstFrame(fmt.Errorf("%w: stream ends inside a frame header at offset %d", ErrTruncated, r.off), r.off)
			}
			return nil, err
		}
		word := binary.BigEndian.Uint32(hdr)
		size := int(word & lenMask)
		frameOff := r.off
		r.off += 4
		if word&metaBit != 0 {
			if size > MaxMetaLen {
				return nil, firstFrame(&FormatError{frameOff, fmt.Sprintf("meta frame length %d exceeds %d", size, MaxMetaLen)}, frameOff)
			}
			b, err := r.payload(size, frameOff)
			if err != nil {
				return nil, firstFrame(err, frameOff)
			}
			m, err := r.decodeMeta(b)
			if err != nil {
				return nil, firstFrame(&FormatError{frameOff, err.Error()}, frameOff)
			}
			if r.rec.Meta == nil {
				r.rec.Meta = m // shared with the cache: records' meta is read-only
			} else {
				// A second meta frame for one record: merge into a fresh map so
				// the cached one stays as decoded.
				r.rec.Meta = Meta{}.Merge(r.rec.Meta).Merge(m)
			}
			continue
		}
		if frameOff == 0 && size > r.maxLen {
			if next, _ := r.br.Peek(4); cosmosLogHeader(hdr, next) != "" {
				return nil, &FormatError{frameOff, cosmosLogMessage(cosmosLogHeader(hdr, next))}
			}
		}
		if size > r.maxLen {
			msg := fmt.Sprintf("data frame length %d exceeds the %d-byte cap", size, r.maxLen)
			if frameOff == 0 && size > max(r.maxLen, DefaultMaxLen) {
				// Over even the default cap, in the first header: raw
				// bytes are the likelier cause than a big record.
				return nil, firstFrame(&FormatError{frameOff, msg}, frameOff)
			}
			return nil, &FormatError{frameOff, msg + " (set --max-record)"}
		}
		b, err := r.payload(size, frameOff)
		if err != nil {
			return nil, firstFrame(err, frameOff)
		}
		r.rec.Data = b
		return &r.rec, nil
	}
}

// bufferedData returns the next record when it is a data frame (no meta)
// already wholly in bufio's buffer, the common case of small records: one
// Peek and no copy, where the general path costs a ReadFull of the header,
// a Peek, a copy and a Discard. Data aliases bufio's buffer, which the
// next Read may refill (Record says Data lasts until then); its capacity
// ends with the record, so an append cannot overwrite the frames after it.
// Anything else (meta, a frame over the cap, a short buffer) is left to
// the general path.
func (r *Reader) bufferedData() *Record {
	b := r.view[r.used:]
	if len(b) < 4 {
		r.release()
		// Everything buffered: no read. The bytes stay in bufio, which
		// fills only on the general path, after release.
		r.view, _ = r.br.Peek(r.br.Buffered())
		b = r.view
		if len(b) < 4 {
			return nil
		}
	}
	word := binary.BigEndian.Uint32(b)
	size := int(word)
	if word&metaBit != 0 || size > r.maxLen || 4+size > len(b) {
		return nil
	}
	r.rec.Data = b[4 : 4+size : 4+size]
	r.used += 4 + size
	r.off += int64(4 + size)
	return &r.rec
}

// release discards from bufio the bytes records took from the view and
// drops the view, before anything else reads bufio.
func (r *Reader) release() {
	if r.used > 0 {
		_, _ = r.br.Discard(r.used)
	}
	r.view, r.used = nil, 0
}

// payload reads size bytes, aliasing bufio's buffer when the frame fits in it.
func (r *Reader) payload(size int, frameOff int64) ([]byte, error) {
	var b []byte
	var err error
	if size <= r.br.Size() {
		b, err = r.br.Peek(size)
		if err == nil {
			// Copy out of bufio so the slice survives the next header read;
			// reusing r.buf keeps this allocation-free.
			r.buf = append(r.buf[:0], b...)
			_, _ = r.br.Discard(size)
			b = r.buf
		}
	} else {
		if cap(r.buf) < size {
			r.buf = make([]byte, size)
		}
		b = r.buf[:size]
		_, err = io.ReadFull(r.br, b)
	}
	if err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF || err == bufio.ErrBufferFull {
			return nil, fmt.Errorf("%w: stream ends inside the %d-byte frame at offset %d", ErrTruncated, size, frameOff)
		}
		return nil, err
	}
	r.off += int64(size)
	return b, nil
}

// decodeMeta decodes a meta frame, reusing the previous result when the
// frame repeats byte for byte.
func (r *Reader) decodeMeta(b []byte) (Meta, error) {
	if r.lastMeta != nil && bytes.Equal(b, r.lastMetaRaw) {
		return r.lastMeta, nil
	}
	if r.dec.intern == nil {
		r.dec.intern = new(internTable)
	}
	m, err := r.dec.decodeMeta(b)
	if err != nil {
		return nil, err
	}
	r.lastMetaRaw = append(r.lastMetaRaw[:0], b...)
	r.lastMeta = m
	return m, nil
}

func (r *Reader) readRaw() (*Record, error) {
	r.start = r.off
	if cap(r.buf) < DefaultChunk {
		r.buf = make([]byte, DefaultChunk)
	}
	n, err := r.br.Read(r.buf[:DefaultChunk])
	if n > 0 {
		r.off += int64(n)
		r.rec.Data = r.buf[:n]
		r.rec.Meta = nil
		return &r.rec, nil
	}
	if err == nil {
		err = io.ErrNoProgress
	}
	return nil, err
}
