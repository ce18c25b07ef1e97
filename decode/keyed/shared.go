package keyed

import (
	"bytes"
	"sync"
)

// Shared wraps a codec used only to read (identification, decoding) so
// that the body identification parsed is not parsed again to decode it:
// Parse remembers its last body and document and hands the same document
// back for the same bytes. Documents it returns must not be written to.
//
// The HTTP accessor's document depends on the record's extra meta as well
// as the body, so it is never cached; for every other accessor extra plays
// no part in Parse (see Codec.Parse).
func Shared(c Codec) Codec {
	if Canonical(c.Name()) == "httpaccessor" {
		return c
	}
	return &sharedCodec{Codec: c}
}

type sharedCodec struct {
	Codec
	mu   sync.Mutex
	last []byte
	doc  Doc
	err  error
	have bool
}

func (s *sharedCodec) Parse(body []byte, extra map[string]any) (Doc, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.have && bytes.Equal(s.last, body) {
		return s.doc, s.err
	}
	s.doc, s.err = s.Codec.Parse(body, extra)
	s.last = append(s.last[:0], body...)
	s.have = true
	return s.doc, s.err
}
