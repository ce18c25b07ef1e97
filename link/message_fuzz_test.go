package link

import (
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// FuzzMessageMeta feeds arbitrary meta (CBOR from the record stream, which
// may come from anywhere) to every reader of the message interfaces' meta
// keys: the HTTP request a record describes, the HTTP server's response
// for a path, and the MQTT topics of a record. None may panic; each either
// uses the record or rejects it with ErrRecord.
func FuzzMessageMeta(f *testing.F) {
	seeds := []record.Meta{
		{record.KeyExtra: map[string]any{ExtraHTTPMethod: "post", ExtraHTTPPath: "/a?b=c", ExtraHTTPQueries: map[string]any{"x": []any{"1", uint64(2)}}, ExtraHTTPHeaders: map[string]any{"H": "v"}}},
		{record.KeyExtra: map[string]any{ExtraHTTPURI: "http://127.0.0.1:1/x", ExtraHTTPStatus: uint64(404)}},
		{record.KeyTarget: "INST", record.KeyExtra: map[string]any{ExtraHTTPPath: "/", ExtraHTTPPacket: "P", ExtraTopic: "a/b"}},
		{record.KeyExtra: map[string]any{ExtraTopics: []any{"a", "b"}, ExtraHTTPStatus: -1.5}},
	}
	for _, m := range seeds {
		b, err := m.Encode()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	h := &HTTPClient{Host: "127.0.0.1", Port: 1, Protocol: "http"}
	srv := &httpServerConn{s: &HTTPServer{}}
	mq := &mqttConn{m: &MQTT{}}
	f.Fuzz(func(t *testing.T, b []byte) {
		meta, err := record.DecodeMeta(b)
		if err != nil {
			return
		}
		if r, err := RequestFromMeta(meta, []byte("body")); err == nil {
			h.url(r)
		}
		srv.Write(meta, []byte("x"))
		mq.topics(meta)
		if len(srv.s.responses) > 64 {
			srv.s.responses = nil // bounded memory across the run
		}
	})
}
