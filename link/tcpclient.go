package link

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// DefaultConnectTimeout bounds one connection attempt of tcp-client.
const DefaultConnectTimeout = 5 * time.Second

// TCPClient is COSMOS's TCP/IP Client Interface: it connects to Host on
// WritePort and ReadPort (one socket when they are equal; NoPort disables a
// direction).
type TCPClient struct {
	Host                      string
	WritePort, ReadPort       int
	WriteTimeout, ReadTimeout time.Duration // 0: no limit (COSMOS nil)
	ConnectTimeout            time.Duration
}

// WritesUnconfirmed: a write succeeds once the bytes are in the kernel;
// the pump reports what was in flight when the link breaks.
func (*TCPClient) WritesUnconfirmed() {}

func (t *TCPClient) String() string {
	switch {
	case t.WritePort == t.ReadPort:
		return fmt.Sprintf("tcp-client %s", net.JoinHostPort(t.Host, strconv.Itoa(t.ReadPort)))
	case t.ReadPort == NoPort:
		return fmt.Sprintf("tcp-client %s (write only)", net.JoinHostPort(t.Host, strconv.Itoa(t.WritePort)))
	case t.WritePort == NoPort:
		return fmt.Sprintf("tcp-client %s (read only)", net.JoinHostPort(t.Host, strconv.Itoa(t.ReadPort)))
	}
	return fmt.Sprintf("tcp-client %s write %d read %d", t.Host, t.WritePort, t.ReadPort)
}

// Open connects the write and read sockets.
func (t *TCPClient) Open(ctx context.Context, env *Env) (Conn, error) {
	c := &tcpClientConn{t: t, env: env}
	var err error
	if t.ReadPort != NoPort {
		if c.rd, err = t.dial(ctx, t.ReadPort); err != nil {
			return nil, err
		}
	}
	switch {
	case t.WritePort == t.ReadPort:
		c.wr = c.rd
	case t.WritePort != NoPort:
		if c.wr, err = t.dial(ctx, t.WritePort); err != nil {
			c.Close()
			return nil, err
		}
	}
	return c, nil
}

func (t *TCPClient) dial(ctx context.Context, port int) (net.Conn, error) {
	timeout := t.ConnectTimeout
	if timeout <= 0 {
		timeout = DefaultConnectTimeout
	}
	d := net.Dialer{Timeout: timeout}
	addr := net.JoinHostPort(t.Host, strconv.Itoa(port))
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		var dns *net.DNSError
		if errors.As(err, &dns) && dns.IsNotFound {
			return nil, permanent(fmt.Errorf("unknown host %q", t.Host))
		}
		return nil, fmt.Errorf("connecting to %s: %w", addr, unwrapOp(err))
	}
	return c, nil
}

// unwrapOp drops net.OpError's repetition of the addresses we already name.
func unwrapOp(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err
	}
	return err
}

type tcpClientConn struct {
	t         *TCPClient
	env       *Env
	rd, wr    net.Conn
	closed    atomic.Bool
	closeOnce sync.Once
}

// Announce names the address each socket reached (a host name resolves to
// one of several): "connected to 127.0.0.1:9100".
func (c *tcpClientConn) Announce() string {
	switch {
	case c.wr == c.rd:
		return "connected to " + c.rd.RemoteAddr().String()
	case c.wr == nil:
		return "connected to " + c.rd.RemoteAddr().String() + " (read only)"
	case c.rd == nil:
		return "connected to " + c.wr.RemoteAddr().String() + " (write only)"
	}
	return fmt.Sprintf("connected to %s (write) and %s (read)", c.wr.RemoteAddr(), c.rd.RemoteAddr())
}

func (c *tcpClientConn) ReadLoop() error {
	isClosed := c.closed.Load
	errs := make(chan error, 2)
	n := 0
	if c.rd != nil {
		n++
		go func() {
			errs <- readStream(c.rd, c.env.Sink, c.rd.RemoteAddr().String(), c.t.ReadTimeout, false, isClosed)
		}()
	}
	if c.wr != nil && c.wr != c.rd {
		n++
		go func() { errs <- readStream(c.wr, c.env.Sink, "", 0, true, isClosed) }()
	}
	err := <-errs
	// One socket ending ends the connection; wait for the other reader.
	c.Close()
	for i := 1; i < n; i++ {
		<-errs
	}
	return err
}

func (c *tcpClientConn) Write(_ record.Meta, data []byte) error {
	if c.wr == nil {
		return recordErrorf("the link is read-only (write port nil)")
	}
	return writeFull(c.wr, data, c.t.WriteTimeout)
}

func (c *tcpClientConn) Close() error {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		if c.rd != nil {
			c.rd.Close()
		}
		if c.wr != nil && c.wr != c.rd {
			c.wr.Close()
		}
	})
	return nil
}
