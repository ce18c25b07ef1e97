package gems

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

const (
	// Start and End delimit every message; COSMOS's framing uses them as
	// the sync pattern and the read/write terminator.
	Start = "|GEMS"
	End   = "|END"
	// LengthDigits is the width of the length field.
	LengthDigits = 10
	// headerFields counts ver, len, transaction id, token, timestamp,
	// target and TYPE.
	headerFields = 7
)

// Message is one GEMS message, split into its fields. Header fields are
// kept as they appear on the wire; Fields are the type-specific fields,
// still escaped (a parameter's escapes are undone by ParseParam).
type Message struct {
	Version, Length, TransactionID, Token, Timestamp, Target, Type string
	Fields                                                         []string
}

// Parse splits a whole message, "|GEMS" through "|END". It checks the
// shape only; CheckLength checks the length field.
func Parse(msg []byte) (*Message, error) {
	if !bytes.HasPrefix(msg, []byte(Start+"|")) {
		return nil, fmt.Errorf("a GEMS message starts with %q", Start+"|")
	}
	if len(msg) < len(Start)+1+len(End) || !bytes.HasSuffix(msg, []byte(End)) {
		return nil, fmt.Errorf("a GEMS message ends with %q", End)
	}
	body := string(msg[len(Start)+1 : len(msg)-len(End)])
	f := strings.Split(body, "|")
	if len(f) < headerFields {
		return nil, fmt.Errorf("a GEMS message has %d header fields (version, length, transaction id, token, timestamp, target, type); this one has %d", headerFields, len(f))
	}
	return &Message{Version: f[0], Length: f[1], TransactionID: f[2], Token: f[3], Timestamp: f[4], Target: f[5], Type: f[6], Fields: f[headerFields:]}, nil
}

// IsResponse reports whether the type is a response (CON-R, GET-R, UKN-R,
// ...), whose first two fields are the result code and a description.
func (m *Message) IsResponse() bool { return strings.HasSuffix(m.Type, "-R") }

// Bytes builds the wire form, length field as it stands.
func (m *Message) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString(Start)
	for _, f := range append([]string{m.Version, m.Length, m.TransactionID, m.Token, m.Timestamp, m.Target, m.Type}, m.Fields...) {
		b.WriteByte('|')
		b.WriteString(f)
	}
	b.WriteString(End)
	return b.Bytes()
}

// CheckLength compares a message's length field with its size.
func CheckLength(msg []byte) error {
	m, err := Parse(msg)
	if err != nil {
		return err
	}
	if len(m.Length) != LengthDigits {
		return fmt.Errorf("GEMS length field %q is not %d digits", quote(m.Length), LengthDigits)
	}
	n, err := strconv.ParseUint(m.Length, 10, 64)
	if err != nil {
		return fmt.Errorf("GEMS length field %q is not a decimal number", quote(m.Length))
	}
	if n != uint64(len(msg)) {
		return fmt.Errorf("GEMS length field says %d bytes, the message is %d", n, len(msg))
	}
	return nil
}

// FormatLength is the length field for a message of n bytes.
func FormatLength(n int) string { return fmt.Sprintf("%0*d", LengthDigits, n) }

// quote cuts a field to 40 bytes for a diagnostic.
func quote(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
