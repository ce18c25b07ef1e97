package link

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/c3kit/c3kit/frame/record"
	"go.bug.st/serial"
	"golang.org/x/sys/unix"
)

// Serial is COSMOS's Serial Interface, on go.bug.st/serial with the
// library's known traps handled:
//   - a read timeout returns (0, nil): we treat it as "no data within the
//     read timeout" (the link is reopened, as COSMOS does);
//   - the library has no write timeout: we write through a second,
//     non-blocking descriptor of the same device, opened before the library
//     takes exclusive access, so the Go poller gives writes a deadline;
//   - the library has no RTS/CTS option and clears CRTSCTS: FLOW_CONTROL
//     RTSCTS sets it again through that descriptor (termios is per device);
//   - modem-line calls fail on PTYs and any InitialStatusBits make Open fail:
//     we never touch the modem lines.
type Serial struct {
	WritePort, ReadPort       string // device paths; "" disables the direction
	Baud                      int
	Parity                    serial.Parity
	StopBits                  serial.StopBits
	DataBits                  int
	RTSCTS                    bool // FLOW_CONTROL RTSCTS
	WriteTimeout, ReadTimeout time.Duration
}

// WritesUnconfirmed: a write succeeds once the bytes are in the kernel;
// the pump reports what was in flight when the link breaks.
func (*Serial) WritesUnconfirmed() {}

func (s *Serial) String() string {
	if s.WritePort == s.ReadPort {
		return "serial " + s.ReadPort
	}
	return fmt.Sprintf("serial write %s read %s", orNil(s.WritePort), orNil(s.ReadPort))
}

func orNil(s string) string {
	if s == "" {
		return "nil"
	}
	return s
}

// ParseParity reads COSMOS's parity words NONE, EVEN and ODD.
func ParseParity(s string) (serial.Parity, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "NONE":
		return serial.NoParity, nil
	case "EVEN":
		return serial.EvenParity, nil
	case "ODD":
		return serial.OddParity, nil
	}
	return 0, fmt.Errorf("parity %q must be NONE, EVEN or ODD", s)
}

// device is one open serial device: the library's port (settings, reads)
// and our own non-blocking descriptor (writes with a deadline, RTS/CTS).
type device struct {
	path string
	port serial.Port
	own  *os.File
}

// Open opens the device(s). A device that does not exist, or settings the
// driver refuses, are permanent on the first attempt.
func (s *Serial) Open(ctx context.Context, env *Env) (Conn, error) {
	c := &serialConn{s: s, env: env, done: make(chan struct{})}
	var err error
	if s.ReadPort != "" {
		if c.rd, err = s.openDevice(s.ReadPort); err != nil {
			return nil, err
		}
	}
	switch {
	case s.WritePort == s.ReadPort:
		c.wr = c.rd
	case s.WritePort != "":
		if c.wr, err = s.openDevice(s.WritePort); err != nil {
			c.Close()
			return nil, err
		}
	}
	return c, nil
}

func (s *Serial) openDevice(path string) (*device, error) {
	// Our descriptor first: the library sets TIOCEXCL, after which a second
	// open fails for anyone but root.
	fd, err := unix.Open(path, unix.O_RDWR|unix.O_NOCTTY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ENOTDIR) {
			return nil, permanent(fmt.Errorf("no serial device %s", path))
		}
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	own := os.NewFile(uintptr(fd), path)
	if _, err := unix.IoctlGetTermios(fd, unix.TCGETS); err != nil {
		own.Close()
		return nil, permanent(fmt.Errorf("%s is not a serial device: %w", path, err))
	}
	mode := &serial.Mode{BaudRate: s.Baud, DataBits: s.DataBits, Parity: s.Parity, StopBits: s.StopBits}
	port, err := serial.Open(path, mode)
	if err != nil {
		own.Close()
		var pe *serial.PortError
		if errors.As(err, &pe) && (pe.Code() == serial.InvalidSpeed || pe.Code() == serial.InvalidDataBits ||
			pe.Code() == serial.InvalidParity || pe.Code() == serial.InvalidStopBits) {
			return nil, permanent(fmt.Errorf("%s: %v", path, err))
		}
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	if s.RTSCTS {
		if err := setRTSCTS(fd, true); err != nil {
			port.Close()
			own.Close()
			return nil, permanent(fmt.Errorf("%s: enabling RTS/CTS flow control: %w", path, err))
		}
	}
	if s.ReadTimeout > 0 {
		if err := port.SetReadTimeout(s.ReadTimeout); err != nil {
			port.Close()
			own.Close()
			return nil, fmt.Errorf("%s: read timeout: %w", path, err)
		}
	}
	return &device{path: path, port: port, own: own}, nil
}

// setRTSCTS sets or clears CRTSCTS on the device behind fd.
func setRTSCTS(fd int, on bool) error {
	t, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return err
	}
	if on {
		t.Cflag |= unix.CRTSCTS
	} else {
		t.Cflag &^= unix.CRTSCTS
	}
	return unix.IoctlSetTermios(fd, unix.TCSETS, t)
}

type serialConn struct {
	s         *Serial
	env       *Env
	rd, wr    *device
	closed    atomic.Bool
	done      chan struct{}
	closeOnce sync.Once
}

func (c *serialConn) ReadLoop() error {
	if c.rd == nil {
		<-c.done
		return nil
	}
	s := c.env.Sink
	pm := s.PeerMeta()
	for {
		buf := s.Buffer()
		n, err := c.rd.port.Read(buf)
		if n > 0 {
			if s.Emit(pm.Meta(c.rd.path), buf[:n]) != nil {
				return nil
			}
		} else {
			s.Recycle(buf)
		}
		switch {
		case c.closed.Load():
			return nil
		case err != nil:
			return fmt.Errorf("reading %s: %w", c.rd.path, err)
		case n == 0:
			// The library's read timeout: (0, nil), neither error nor EOF.
			return fmt.Errorf("no data within the read timeout (%v)", c.s.ReadTimeout)
		}
	}
}

func (c *serialConn) Write(_ record.Meta, data []byte) error {
	if c.wr == nil {
		return recordErrorf("the link is read-only (write port nil)")
	}
	if c.s.WriteTimeout > 0 {
		if err := c.wr.own.SetWriteDeadline(time.Now().Add(c.s.WriteTimeout)); err != nil {
			return err
		}
	}
	_, err := c.wr.own.Write(data)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return fmt.Errorf("write timeout (%v) on %s: the device is not draining", c.s.WriteTimeout, c.wr.path)
	}
	return err
}

func (c *serialConn) Close() error {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		close(c.done)
		devs := []*device{c.rd}
		if c.wr != c.rd {
			devs = append(devs, c.wr)
		}
		for _, d := range devs {
			if d != nil {
				d.port.Close() // unblocks a Read in progress
				d.own.Close()  // unblocks a Write in progress
			}
		}
	})
	return nil
}
