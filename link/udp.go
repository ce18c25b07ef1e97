package link

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

// MaxDatagram is the largest UDP payload over IPv4 (65535 - 8 - 20). A
// record longer than this is an error: c3link never splits a record over
// several datagrams.
const MaxDatagram = 65507

// UDPReadBuffer is the receive buffer asked for on the read socket.
const UDPReadBuffer = 8 << 20

// DefaultTTL is COSMOS's UDP TTL default.
const DefaultTTL = 128

// UDP is COSMOS's UDP Interface. Records are written as one datagram each
// to Host:WriteDestPort (from WriteSrcPort when given); every datagram that
// arrives on ReadPort becomes one record, its PEER the sender. When Host is
// a multicast group the read socket joins it (on InterfaceAddress, when
// given) and leaves it on close, and the write socket sends through
// InterfaceAddress with the multicast TTL; broadcast destinations work
// because SO_BROADCAST is set. When WriteSrcPort equals ReadPort one socket
// does both, as in COSMOS.
type UDP struct {
	Host                      string
	WriteDestPort, ReadPort   int // NoPort disables the direction
	WriteSrcPort              int // NoPort: any
	InterfaceAddress          string
	TTL                       int
	WriteTimeout, ReadTimeout time.Duration
	BindAddress               string // address the read socket binds (COSMOS 0.0.0.0)
	// Bound, when set, is told the read socket's address (ReadPort 0
	// picks a free port).
	Bound func(addr net.Addr)
}

func (u *UDP) String() string {
	return fmt.Sprintf("udp %s write %s read %s", u.Host, portString(u.WriteDestPort), portString(u.ReadPort))
}

func portString(p int) string {
	if p == NoPort {
		return "nil"
	}
	return strconv.Itoa(p)
}

// Open resolves the destination and opens the sockets.
func (u *UDP) Open(ctx context.Context, env *Env) (Conn, error) {
	c := &udpConn{u: u, env: env, done: make(chan struct{})}
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip4", u.Host)
	if err != nil || len(addrs) == 0 {
		var dns *net.DNSError
		if errors.As(err, &dns) && dns.IsNotFound || err == nil {
			return nil, permanent(fmt.Errorf("unknown host %q (IPv4)", u.Host))
		}
		return nil, err
	}
	c.host = addrs[0].Unmap()
	c.multicast = c.host.IsMulticast()
	if u.InterfaceAddress != "" {
		ifa, err := netip.ParseAddr(u.InterfaceAddress)
		if err != nil || !ifa.Is4() {
			return nil, permanent(fmt.Errorf("interface address %q is not an IPv4 address", u.InterfaceAddress))
		}
		c.ifAddr = ifa
	}
	if u.ReadPort != NoPort {
		bind := u.BindAddress
		if bind == "" {
			bind = "0.0.0.0"
		}
		if c.rd, err = listenUDP(ctx, bind, u.ReadPort); err != nil {
			return nil, err
		}
		// A large receive buffer rides out bursts and scheduling pauses
		// (the kernel caps it at net.core.rmem_max); best effort.
		_ = c.rd.SetReadBuffer(UDPReadBuffer)
		if c.multicast {
			if err := c.membership(syscall.IP_ADD_MEMBERSHIP); err != nil {
				c.rd.Close()
				return nil, permanent(fmt.Errorf("joining multicast group %s: %w", c.host, err))
			}
			c.joined = true
		}
		if u.Bound != nil {
			u.Bound(c.rd.LocalAddr())
		}
	}
	if u.WriteDestPort != NoPort {
		c.dest = netip.AddrPortFrom(c.host, uint16(u.WriteDestPort))
		switch {
		case u.WriteSrcPort != NoPort && u.WriteSrcPort == u.ReadPort:
			c.wr = c.rd
		default:
			src := 0
			if u.WriteSrcPort != NoPort {
				src = u.WriteSrcPort
			}
			if c.wr, err = listenUDP(ctx, "0.0.0.0", src); err != nil {
				c.Close()
				return nil, err
			}
		}
		if err := c.writeOptions(); err != nil {
			c.Close()
			return nil, permanent(err)
		}
	}
	return c, nil
}

// listenUDP binds a UDP socket with SO_REUSEADDR, so several readers of one
// multicast group (and a quick restart) can share the port.
func listenUDP(ctx context.Context, addr string, port int) (*net.UDPConn, error) {
	lc := net.ListenConfig{Control: func(_, _ string, rc syscall.RawConn) error {
		var serr error
		err := rc.Control(func(fd uintptr) {
			serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1)
		})
		if err != nil {
			return err
		}
		return serr
	}}
	pc, err := lc.ListenPacket(ctx, "udp4", net.JoinHostPort(addr, strconv.Itoa(port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) || errors.Is(err, syscall.EADDRNOTAVAIL) || errors.Is(err, syscall.EACCES) {
			return nil, permanent(fmt.Errorf("cannot bind UDP %s port %d: %w", addr, port, unwrapOp(err)))
		}
		return nil, err
	}
	return pc.(*net.UDPConn), nil
}

type udpConn struct {
	u         *UDP
	env       *Env
	host      netip.Addr
	ifAddr    netip.Addr
	multicast bool
	joined    bool
	dest      netip.AddrPort
	rd, wr    *net.UDPConn
	closed    atomic.Bool
	done      chan struct{}
	closeOnce sync.Once
}

// sockopt runs f on the socket's descriptor.
func sockopt(c *net.UDPConn, f func(fd int) error) error {
	rc, err := c.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) { ferr = f(int(fd)) }); err != nil {
		return err
	}
	return ferr
}

func (c *udpConn) membership(op int) error {
	mreq := &syscall.IPMreq{Multiaddr: c.host.As4()}
	if c.ifAddr.IsValid() {
		mreq.Interface = c.ifAddr.As4()
	}
	return sockopt(c.rd, func(fd int) error { return syscall.SetsockoptIPMreq(fd, syscall.IPPROTO_IP, op, mreq) })
}

func (c *udpConn) writeOptions() error {
	ttl := c.u.TTL
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	if ttl > 255 {
		return fmt.Errorf("TTL %d is more than 255", ttl)
	}
	return sockopt(c.wr, func(fd int) error {
		if err := syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_BROADCAST, 1); err != nil {
			return fmt.Errorf("SO_BROADCAST: %w", err)
		}
		if !c.multicast {
			return syscall.SetsockoptInt(fd, syscall.IPPROTO_IP, syscall.IP_TTL, ttl)
		}
		if err := syscall.SetsockoptInt(fd, syscall.IPPROTO_IP, syscall.IP_MULTICAST_TTL, ttl); err != nil {
			return fmt.Errorf("multicast TTL: %w", err)
		}
		if err := syscall.SetsockoptInt(fd, syscall.IPPROTO_IP, syscall.IP_MULTICAST_LOOP, 1); err != nil {
			return fmt.Errorf("multicast loop: %w", err)
		}
		if c.ifAddr.IsValid() {
			if err := syscall.SetsockoptInet4Addr(fd, syscall.IPPROTO_IP, syscall.IP_MULTICAST_IF, c.ifAddr.As4()); err != nil {
				return fmt.Errorf("multicast interface %s: %w", c.ifAddr, err)
			}
		}
		return nil
	})
}

// ReadLoop turns each datagram into one record. A write-only link has no
// read socket and simply waits for Close.
func (c *udpConn) ReadLoop() error {
	if c.rd == nil {
		<-c.done
		return nil
	}
	s := c.env.Sink
	pm := s.PeerMeta()
	var lastAddr netip.AddrPort
	var lastPeer string
	for {
		if c.u.ReadTimeout > 0 {
			c.rd.SetReadDeadline(time.Now().Add(c.u.ReadTimeout))
		}
		buf := s.Buffer()
		n, from, err := c.rd.ReadFromUDPAddrPort(buf)
		if err != nil {
			s.Recycle(buf)
			if errors.Is(err, syscall.ECONNREFUSED) {
				continue // an ICMP error for an earlier write; not a read failure
			}
			return streamReadError(err, c.u.ReadTimeout, c.closed.Load)
		}
		if from != lastAddr {
			lastAddr, lastPeer = from, netip.AddrPortFrom(from.Addr().Unmap(), from.Port()).String()
		}
		if s.Emit(pm.Meta(lastPeer), buf[:n]) != nil {
			return nil
		}
	}
}

// Write sends data as one datagram.
func (c *udpConn) Write(_ record.Meta, data []byte) error {
	if c.wr == nil {
		return recordErrorf("the link is read-only (write dest port nil)")
	}
	if len(data) > MaxDatagram {
		return recordErrorf("%d bytes do not fit in one UDP datagram (at most %d); records are never split", len(data), MaxDatagram)
	}
	if c.u.WriteTimeout > 0 {
		c.wr.SetWriteDeadline(time.Now().Add(c.u.WriteTimeout))
	}
	_, err := c.wr.WriteToUDPAddrPort(data, c.dest)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, syscall.EMSGSIZE):
		return recordErrorf("%d bytes: %v", len(data), unwrapOp(err))
	case errors.Is(err, syscall.ECONNREFUSED):
		return nil // ICMP port unreachable for an earlier datagram; UDP keeps going
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("write timeout (%v)", c.u.WriteTimeout)
	}
	return err
}

func (c *udpConn) Close() error {
	c.closeOnce.Do(func() {
		c.closed.Store(true)
		close(c.done)
		if c.joined {
			c.membership(syscall.IP_DROP_MEMBERSHIP) // leave the group explicitly
		}
		if c.rd != nil {
			c.rd.Close()
		}
		if c.wr != nil && c.wr != c.rd {
			c.wr.Close()
		}
	})
	return nil
}
