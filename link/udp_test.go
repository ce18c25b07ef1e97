package link

import (
	"bytes"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

func udpPeer(t *testing.T, addr string) *net.UDPConn {
	t.Helper()
	c, err := listenUDP(t.Context(), addr, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func udpPort(c *net.UDPConn) int { return c.LocalAddr().(*net.UDPAddr).Port }

func recvDatagram(t *testing.T, c *net.UDPConn) ([]byte, netip.AddrPort) {
	t.Helper()
	b := make([]byte, 70000)
	c.SetReadDeadline(time.Now().Add(waitLong))
	n, from, err := c.ReadFromUDPAddrPort(b)
	if err != nil {
		t.Fatal(err)
	}
	return b[:n], from
}

// startUDP runs a udp pump and returns its read socket's port.
func startUDP(t *testing.T, u *UDP, cfg Config, withStdin bool) (*harness, int) {
	t.Helper()
	bound := make(chan int, 1)
	u.Bound = func(a net.Addr) {
		select {
		case bound <- a.(*net.UDPAddr).Port:
		default:
		}
	}
	h := startPump(t, u, cfg, withStdin)
	if u.ReadPort == NoPort {
		return h, NoPort
	}
	select {
	case p := <-bound:
		return h, p
	case <-time.After(waitLong):
		t.Fatal("udp link did not bind")
	}
	return nil, 0
}

func TestUDPUnicastDatagramPerRecord(t *testing.T) {
	target := udpPeer(t, "127.0.0.1")
	h, rport := startUDP(t, &UDP{Host: "127.0.0.1", WriteDestPort: udpPort(target), ReadPort: 0, WriteSrcPort: NoPort}, Config{Reconnect: true, Linger: lingerZero}, true)

	// Each record is exactly one datagram, empty and maximal ones included.
	sizes := []int{1, 0, 1400, 9000, MaxDatagram}
	for i, n := range sizes {
		h.send(nil, pattern(n, i))
	}
	for i, n := range sizes {
		got, _ := recvDatagram(t, target)
		if !bytes.Equal(got, pattern(n, i)) {
			t.Fatalf("datagram %d: %d bytes, want %d", i, len(got), n)
		}
	}
	// Oversize: one notice, the record is dropped, the next one goes out.
	h.send(nil, make([]byte, MaxDatagram+1), []byte("after"))
	h.waitNote("do not fit in one UDP datagram")
	if got, _ := recvDatagram(t, target); string(got) != "after" {
		t.Fatalf("got %q", got)
	}

	// Every datagram read is one record, PEER its sender.
	to := netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(rport))
	for i := 0; i < 3; i++ {
		target.WriteToUDPAddrPort([]byte(fmt.Sprintf("tlm%d", i)), to)
	}
	for i := 0; i < 3; i++ {
		r := h.next()
		if string(r.data) != fmt.Sprintf("tlm%d", i) || peerOf(r.meta) != target.LocalAddr().String() {
			t.Fatalf("record %q peer %q", r.data, peerOf(r.meta))
		}
	}
	h.closeStdin()
	st, err := h.wait()
	if err != nil || st.Dropped != 1 || st.WriteRecords != int64(len(sizes))+1 {
		t.Fatalf("%+v %v", st, err)
	}
}

// TestUDPSameSocket: write source port == read port means one socket, so
// the target sees commands coming from the port it sends telemetry to.
func TestUDPSameSocket(t *testing.T) {
	target := udpPeer(t, "127.0.0.1")
	p := freeUDPPort(t)
	h, _ := startUDP(t, &UDP{Host: "127.0.0.1", WriteDestPort: udpPort(target), ReadPort: p, WriteSrcPort: p, TTL: 1}, Config{Reconnect: true}, true)
	h.send(nil, []byte("cmd"))
	_, from := recvDatagram(t, target)
	if int(from.Port()) != p {
		t.Fatalf("command came from port %d, want %d", from.Port(), p)
	}
	target.WriteToUDPAddrPort([]byte("reply"), from)
	if r := h.next(); string(r.data) != "reply" {
		t.Fatalf("got %q", r.data)
	}
}

func freeUDPPort(t *testing.T) int {
	c := udpPeer(t, "127.0.0.1")
	p := udpPort(c)
	c.Close()
	return p
}

// TestUDPMulticastLoopback joins 239.255.77.x on the loopback interface
// (multicast loopback on), reads what a sender sends to the group, writes to
// the group, and leaves the group when closed.
func TestUDPMulticastLoopback(t *testing.T) {
	group := "239.255.77.12"
	p := freeUDPPort(t)
	h, _ := startUDP(t, &UDP{Host: group, WriteDestPort: p, ReadPort: p, WriteSrcPort: NoPort, InterfaceAddress: "127.0.0.1", TTL: 1}, Config{Reconnect: true, Linger: lingerZero}, true)
	if !igmpJoined(t, group) {
		t.Fatalf("group %s not joined on lo", group)
	}
	// An outside sender on the loopback interface.
	sender := udpPeer(t, "127.0.0.1")
	if err := sockopt(sender, func(fd int) error {
		return syscall.SetsockoptInet4Addr(fd, syscall.IPPROTO_IP, syscall.IP_MULTICAST_IF, [4]byte{127, 0, 0, 1})
	}); err != nil {
		t.Fatal(err)
	}
	to := netip.AddrPortFrom(netip.MustParseAddr(group), uint16(p))
	if _, err := sender.WriteToUDPAddrPort([]byte("mc-tlm"), to); err != nil {
		t.Fatal(err)
	}
	if r := h.next(); string(r.data) != "mc-tlm" || peerOf(r.meta) != sender.LocalAddr().String() {
		t.Fatalf("record %q from %q", r.data, peerOf(r.meta))
	}
	// Our own write to the group loops back to our read socket (multicast
	// loopback on, same port), proving it went out to the group.
	h.send(nil, []byte("mc-cmd"))
	if r := h.next(); string(r.data) != "mc-cmd" {
		t.Fatalf("looped record %q", r.data)
	}
	h.closeStdin()
	if _, err := h.wait(); err != nil {
		t.Fatal(err)
	}
	if igmpJoined(t, group) {
		t.Fatalf("group %s still joined after close", group)
	}
}

// igmpJoined reports whether lo is a member of group (per /proc/net/igmp,
// which lists groups as little-endian hex).
func igmpJoined(t *testing.T, group string) bool {
	b, err := os.ReadFile("/proc/net/igmp")
	if err != nil {
		t.Fatal(err)
	}
	a := netip.MustParseAddr(group).As4()
	hex := fmt.Sprintf("%02X%02X%02X%02X", a[3], a[2], a[1], a[0])
	inLo := false
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && !strings.HasPrefix(line, "\t") && !strings.HasPrefix(line, " ") {
			inLo = f[1] == "lo"
			continue
		}
		if inLo && len(f) > 0 && f[0] == hex {
			return true
		}
	}
	return false
}

func TestUDPBroadcast(t *testing.T) {
	target := udpPeer(t, "0.0.0.0")
	h, _ := startUDP(t, &UDP{Host: "127.255.255.255", WriteDestPort: udpPort(target), ReadPort: NoPort, WriteSrcPort: NoPort}, Config{Reconnect: true}, true)
	h.send(nil, []byte("to everyone"))
	if got, _ := recvDatagram(t, target); string(got) != "to everyone" {
		t.Fatalf("got %q", got)
	}
}

func TestUDPReadTimeoutReopens(t *testing.T) {
	h, _ := startUDP(t, &UDP{Host: "127.0.0.1", WriteDestPort: NoPort, ReadPort: 0, WriteSrcPort: NoPort, ReadTimeout: 200 * time.Millisecond}, Config{Reconnect: true}, false)
	h.waitNote("no data within the read timeout")
	h.waitNote("reconnected")
}

func TestUDPErrors(t *testing.T) {
	// A socket bound without SO_REUSEADDR: nobody may share its port.
	busyPC, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busyPC.Close()
	busy := busyPC.(*net.UDPConn)
	cases := []struct {
		name string
		u    UDP
		want string
	}{
		{"unknown host", UDP{Host: "no-such-host.invalid", WriteDestPort: 9, ReadPort: NoPort, WriteSrcPort: NoPort}, "unknown host"},
		{"bad interface", UDP{Host: "239.1.1.1", WriteDestPort: 9, ReadPort: NoPort, WriteSrcPort: NoPort, InterfaceAddress: "nope"}, "not an IPv4 address"},
		{"port in use", UDP{Host: "127.0.0.1", WriteDestPort: NoPort, ReadPort: udpPort(busy), WriteSrcPort: NoPort, BindAddress: "127.0.0.1"}, "address already in use"},
		{"ttl", UDP{Host: "127.0.0.1", WriteDestPort: 9, ReadPort: NoPort, WriteSrcPort: NoPort, TTL: 300}, "TTL 300"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := startPump(t, &tc.u, Config{Reconnect: true}, false)
			_, err := h.wait()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

var _ = record.KeyTime
