package link

import (
	"context"
	"errors"
	"fmt"

	"github.com/c3kit/c3kit/frame/record"
)

// Meta keys this package sets in a record's extra map (docs/c3link-guide.md).
const (
	ExtraLink = "LINK" // the interface name (--name, default the subcommand)
	ExtraPeer = "PEER" // host:port of the remote end (device path for serial)
	ExtraFile = "FILE" // file interface: the telemetry file a chunk came from
)

// NoPort is a port parameter given as nil/None: that direction is disabled.
const NoPort = -1

// Link is one configured interface. Open connects it; the pump calls Open
// again after the reconnect delay whenever the Conn it returned fails.
type Link interface {
	Open(ctx context.Context, env *Env) (Conn, error)
	// String names the link for diagnostics ("tcp-client 127.0.0.1:8080").
	String() string
}

// Conn is one open connection of a Link.
type Conn interface {
	// ReadLoop reads until the link fails or Close is called, handing every
	// read to env.Sink. It returns nil when the remote end closed cleanly
	// (or Close was called), and the error otherwise. A write-only Conn
	// still reads (and discards) so that a remote close is noticed.
	ReadLoop() error
	// Write writes one record to the link within the write timeout. An
	// error wrapping ErrRecord rejects this record only (it is reported and
	// dropped); any other error means the connection is broken and the
	// record will be written again on the next connection.
	Write(meta record.Meta, data []byte) error
	// Close releases the connection and unblocks ReadLoop and Write.
	Close() error
}

// Announcer is a Conn that says, in one stderr line, what it connected to
// when the link first comes up (a client reaching its target), as a server
// says where it listens. Reconnects are reported by the pump itself.
type Announcer interface {
	Announce() string
}

// Env is what a Link gets from the pump: where reads go and where events
// are reported.
type Env struct {
	Sink *Sink
	// Notify reports one event (a client connected, a stuck client was
	// dropped) as one line of text.
	Notify func(format string, a ...any)
	// Connect are the CONNECT_CMD records, for a link that greets each of
	// its clients itself (ClientGreeter); ConnectWritten is told of each
	// one written to a client.
	Connect        []ConnectCmd
	ConnectWritten func(cc ConnectCmd, client string)
}

// ClientGreeter is a Link whose connections serve many clients (the TCP
// server): it writes the connect commands (Env.Connect) to each client as
// it arrives, ahead of any other record for it, instead of the pump
// writing them once when the link opens, to whoever is connected then.
type ClientGreeter interface {
	Link
	GreetsClients()
}

// RepliesOnly is implemented by a Link whose reads are only the answers
// to its own writes (an HTTP client that does not poll). When stdin ends it
// stops, like a write-only link, once what is queued is written: its Write
// returns after the answer is emitted, so nothing more can arrive.
type RepliesOnly interface {
	RepliesOnly() bool
}

func repliesOnly(l Link) bool {
	r, ok := l.(RepliesOnly)
	return ok && r.RepliesOnly()
}

// ErrRecord marks a write error that concerns one record (too large for a
// datagram, addressed to a peer that is not connected), not the link.
var ErrRecord = errors.New("record rejected")

// recordErrorf returns an error wrapping ErrRecord.
func recordErrorf(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrRecord, fmt.Sprintf(format, a...))
}

// PermanentError marks an Open failure that retrying cannot fix when it
// happens on the first attempt (unknown host, port in use, no such serial
// device, bad folder): the pump stops with it instead of reconnecting.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

func permanent(err error) error { return &PermanentError{err} }

// newMeta returns the meta of one read: received time now, extra.LINK and,
// when known, extra.PEER.
func newMeta(now uint64, name, peer string) record.Meta {
	extra := map[string]any{ExtraLink: name}
	if peer != "" {
		extra[ExtraPeer] = peer
	}
	return record.Meta{record.KeyTime: now, record.KeyExtra: extra}
}
