package record

import (
	"bytes"
	"strings"
	"testing"
)

// TestRawBytesHint (issue 8 item 4): raw bytes piped into a records stage
// are told apart by the first header alone, and the error says what to do.
// A bad frame later in a stream is not raw input and gets no hint.
func TestRawBytesHint(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		hint     bool
	}{
		{"echo hello", "hello\n", true},
		{"echo hi", "hi\n", true},
		{"CCSDS bytes", "\x08\x01\xc0\x00\x00\x03abcd", true},
		{"meta bit, huge meta", "\xff\xff\xff\xffxyz", true},
		{"first frame cut short", "\x00\x00\x00\x09abc", true},
		{"second frame bad", "\x00\x00\x00\x01a" + "hello\n", false},
	} {
		r := NewReader(strings.NewReader(tc.in))
		var err error
		for err == nil {
			_, err = r.Read()
		}
		if got := strings.HasSuffix(err.Error(), "; "+RawHint); got != tc.hint {
			t.Errorf("%s: %v (hint wanted: %v)", tc.name, err, tc.hint)
		}
	}
	// A good stream reads to a clean EOF.
	r := NewReader(bytes.NewReader([]byte("\x00\x00\x00\x01a")))
	if _, err := r.Read(); err != nil {
		t.Fatal(err)
	}
}
