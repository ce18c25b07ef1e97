package link

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"
)

// readStream is the read loop of one stream socket: every read becomes one
// record with extra.PEER = peer. It returns nil when the remote end closes
// cleanly, when closed() reports that we closed the socket ourselves, or
// when the pump stops accepting reads; otherwise the error. With discard
// set (a write-only socket) the bytes are read and dropped, which is how a
// remote close of a socket we only write to is noticed.
func readStream(c net.Conn, s *Sink, peer string, readTimeout time.Duration, discard bool, closed func() bool) error {
	pm := s.PeerMeta()
	var scratch []byte
	if discard {
		scratch = make([]byte, 4096)
	}
	for {
		if readTimeout > 0 {
			if err := c.SetReadDeadline(time.Now().Add(readTimeout)); err != nil {
				return err
			}
		}
		buf := scratch
		if !discard {
			buf = s.Buffer()
		}
		n, err := c.Read(buf)
		if n > 0 && !discard {
			// Emit before looking at err: every byte received is passed on,
			// even the ones that arrived together with a reset.
			if s.Emit(pm.Meta(peer), buf[:n]) != nil {
				return nil
			}
		} else if !discard {
			s.Recycle(buf)
		}
		if err != nil {
			return streamReadError(err, readTimeout, closed)
		}
	}
}

func streamReadError(err error, readTimeout time.Duration, closed func() bool) error {
	switch {
	case closed():
		return nil
	case err == io.EOF:
		return nil
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("no data within the read timeout (%v)", readTimeout)
	}
	return err
}

// writeFull writes data within timeout (0: no limit).
func writeFull(c net.Conn, data []byte, timeout time.Duration) error {
	if timeout > 0 {
		if err := c.SetWriteDeadline(time.Now().Add(timeout)); err != nil {
			return err
		}
	}
	_, err := c.Write(data)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return fmt.Errorf("write timeout (%v): the remote end is not reading", timeout)
	}
	return err
}
