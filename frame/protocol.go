package frame

import (
	"fmt"

	"github.com/c3kit/c3kit/frame/record"
)

// DefaultMaxLen caps one frame when no --max-record is given, so a corrupt
// length field or a missing terminator can never make c3frame buffer more
// than this (64 MiB, the same cap as the record stream). The cap applies to
// a frame as it sits in the stream (sync pattern, header, escapes and
// terminator included) in both directions: a framer refuses to write what
// its deframer would refuse to read.
const DefaultMaxLen = record.DefaultMaxLen

// Splitter is the read half of a delineation protocol.
type Splitter interface {
	// Split looks at buf, which begins at a packet boundary (at the sync
	// pattern, when the protocol has one). It returns n == 0 when more bytes
	// are needed; n > 0 when the first n bytes of buf are one packet, whose
	// content is pkt (a slice of buf or of the splitter's own scratch
	// buffer, valid until the next call); or a *Fault when buf does not
	// begin a valid packet. After n > 0 or a Fault the next call sees buf
	// with those bytes dropped.
	Split(buf []byte) (n int, pkt []byte, err error)
	// Reset forgets any scanning state: the Deframer dropped bytes on its
	// own (a sync-pattern search), so the next buf starts somewhere new.
	Reset()
}

// Framer is the write half of a delineation protocol.
type Framer interface {
	// Frame returns the framed form of pkt as parts to be written back to
	// back. Parts may alias pkt (which Frame may modify in place) or the
	// framer's scratch space; they are valid until the next call.
	Frame(meta record.Meta, pkt []byte) (parts [][]byte, err error)
}

// Protocol is a delineation protocol in both directions, plus the Burst
// parameters the Deframer applies for it.
type Protocol interface {
	Splitter
	Framer
	// SyncPattern is the pattern the Deframer searches for before each
	// packet (nil: none).
	SyncPattern() []byte
	// DiscardLeading is how many bytes the Deframer cuts from the start of
	// each packet (COSMOS "discard leading bytes").
	DiscardLeading() int
}

// Explainer is implemented by protocols that can say how they sized a
// packet, for --explain: pkt is the packet's bytes as they were in the
// stream (before discarding and stripping).
type Explainer interface {
	Explain(pkt []byte) string
}

// FrameExplainer is implemented by framers that can say what they filled
// in, for --explain in the write direction: framed is the whole frame.
type FrameExplainer interface {
	ExplainFrame(framed []byte) string
}

// Annotator is implemented by protocols that derive a packet's meta from the
// stream itself (Preidentified): called right after a successful Split, it
// returns the meta for that packet given the meta of the chunk that
// completed it. It must not modify chunk.
type Annotator interface {
	Annotate(chunk record.Meta) record.Meta
}

// MetaAppender is implemented by annotators that can append the CBOR form
// of Annotate(chunk) themselves (record.Meta.Encode's exact bytes), which
// spares a map per packet. ok is false when they cannot for this packet;
// the Deframer then calls Annotate.
type MetaAppender interface {
	AppendMeta(dst []byte, chunk record.Meta) (out []byte, ok bool)
}

// EmitEncoded receives a packet with its meta already CBOR-encoded (see
// record.Writer.WriteEncoded); both are valid only during the call.
type EmitEncoded func(meta, pkt []byte) error

// Fault reports that the bytes at a packet boundary are not a valid packet
// (a length field over the maximum, a length smaller than its own header, an
// undecodable frame). COSMOS raises and disconnects here; the Deframer
// reports it and resynchronises instead, unless told to stop.
type Fault struct {
	Msg  string
	Skip int // bytes to drop (less than 1 counts as 1); the Deframer then searches for the sync pattern, if any
	// Whole marks a Skip that is a whole packet whose length field was
	// plausible (within --max-length) but over the memory cap: the Deframer
	// drops those bytes as they arrive, without buffering them, and never
	// emits packets found inside them. Skip may then exceed the bytes
	// buffered so far.
	Whole bool
}

func (f *Fault) Error() string { return f.Msg }

func faultf(skip int, format string, a ...any) *Fault {
	if skip < 1 {
		skip = 1
	}
	return &Fault{Msg: fmt.Sprintf(format, a...), Skip: skip}
}

// Scanner is implemented by splitters without a sync pattern that can skip
// garbage cheaply: Scan returns how many leading bytes of buf are surely
// not the start of a packet, the same bytes Split would refuse one by one
// with a Fault of Skip 1. It stops at the first byte that might start a
// packet or where more bytes are needed to tell, and it allocates nothing:
// a stretch of garbage costs a tight loop and one report, not a Fault and a
// message per byte.
type Scanner interface {
	Scan(buf []byte) int
}

// Capped is implemented by protocols that cap one frame (--max-record); the
// Deframer never grows its buffer much beyond the cap.
type Capped interface {
	MaxFrame() int
}

// AllowEmpty is COSMOS's "Allow Empty Data" parameter: true, false or nil.
type AllowEmpty int8

const (
	// AllowEmptyNil is COSMOS's nil: "true unless the protocol is the last
	// of the chain". c3frame is always the last protocol of its own chain
	// (the next stage is another process), so nil behaves as false.
	AllowEmptyNil AllowEmpty = iota
	AllowEmptyTrue
	AllowEmptyFalse
)

// Allows reports whether empty records pass.
func (a AllowEmpty) Allows() bool { return a == AllowEmptyTrue }

func (a AllowEmpty) String() string {
	switch a {
	case AllowEmptyTrue:
		return "true"
	case AllowEmptyFalse:
		return "false"
	}
	return "nil"
}
