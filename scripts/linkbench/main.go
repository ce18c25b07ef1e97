// Command linkbench measures c3link on loopback for scripts/bench.d/link.sh:
//
//	linkbench -mode tput -bytes N -- 'SHELL COMMAND with {PORT}'
//	    serves N bytes to the first connection on a free port and times the
//	    command (for example c3link tcp-client or socat) until it exits;
//	linkbench -mode latency -n N -c3link PATH
//	    time from a packet's last byte written on the socket to its record
//	    on c3link's stdout (p50/p99/max), one packet in flight at a time;
//	linkbench -mode lines -n N -packet FILE -- 'COMMAND with {PORT}'
//	    the same through a whole pipeline (c3link tcp-client | c3frame |
//	    c3decode): the packet in FILE written on the socket -> its line on
//	    the pipeline's stdout;
//	linkbench -mode udp -n N -size S [-rate R] -- 'COMMAND with {PORT}'
//	    datagrams/s through a UDP receiver that writes the payloads to
//	    stdout (c3link udp --out raw, or socat), with loss counted.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/c3kit/c3kit/frame/record"
)

func main() {
	mode := flag.String("mode", "tput", "tput, latency or udp")
	total := flag.Int64("bytes", 1<<30, "tput: bytes to serve")
	n := flag.Int("n", 5000, "latency: packets; udp: datagrams")
	size := flag.Int("size", 64, "packet or datagram size")
	bin := flag.String("c3link", "c3link", "latency: c3link binary")
	rate := flag.Int("rate", 0, "udp: datagrams per second (0: as fast as possible)")
	packet := flag.String("packet", "", "lines: the raw packet to send")
	flag.Parse()
	var err error
	switch *mode {
	case "tput":
		err = tput(*total, strings.Join(flag.Args(), " "))
	case "latency":
		err = latency(*bin, *n, *size)
	case "lines":
		err = lineLatency(strings.Join(flag.Args(), " "), *packet, *n)
	case "udp":
		err = udpRate(strings.Join(flag.Args(), " "), *n, *size, *rate)
	default:
		err = fmt.Errorf("unknown -mode %q", *mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "linkbench:", err)
		os.Exit(1)
	}
}

// tput serves total bytes to the command's connection and prints
// "BYTES SECONDS MB/s".
func tput(total int64, command string) error {
	ln, port, err := listen()
	if err != nil {
		return err
	}
	defer ln.Close()
	cmd := exec.Command("sh", "-c", strings.ReplaceAll(command, "{PORT}", port))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	start := time.Now()
	buf := make([]byte, 1<<20)
	for i := range buf {
		buf[i] = byte(i * 7)
	}
	for left := total; left > 0; {
		k := int64(len(buf))
		if left < k {
			k = left
		}
		if _, err := c.Write(buf[:k]); err != nil {
			return err
		}
		left -= k
	}
	c.Close()
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("%s: %w", command, err)
	}
	sec := time.Since(start).Seconds()
	fmt.Printf("%d %.6f %.1f\n", total, sec, float64(total)/sec/1e6)
	return nil
}

// latency prints "p50 p99 max" in microseconds.
func latency(bin string, n, size int) error {
	ln, port, err := listen()
	if err != nil {
		return err
	}
	defer ln.Close()
	cmd := exec.Command(bin, "tcp-client", "127.0.0.1", port, "--read-only", "--dont-reconnect")
	out, err := startPiped(cmd)
	if err != nil {
		return err
	}
	defer cmd.Wait()
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	defer c.Close()
	r := record.NewReader(out)
	pkt := make([]byte, size)
	lat := make([]time.Duration, 0, n)
	for i := 0; i < n+100; i++ { // the first 100 warm up
		pkt[0] = byte(i)
		if _, err := c.Write(pkt); err != nil {
			return err
		}
		t0 := time.Now()
		got := 0
		for got < size {
			rec, err := r.Read()
			if err != nil {
				return fmt.Errorf("c3link stdout: %w", err)
			}
			got += len(rec.Data)
		}
		if i >= 100 {
			lat = append(lat, time.Since(t0))
		}
	}
	printPercentiles(lat)
	return nil
}

// printPercentiles prints "p50 p99 max" of lat in microseconds.
func printPercentiles(lat []time.Duration) {
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	us := func(d time.Duration) float64 { return float64(d) / 1e3 }
	fmt.Printf("%.1f %.1f %.1f\n", us(lat[len(lat)/2]), us(lat[len(lat)*99/100]), us(lat[len(lat)-1]))
}

// lineLatency prints "p50 p99 max" in microseconds from the packet in file
// written on the socket to the line the command prints for it, one packet
// in flight at a time.
func lineLatency(command, file string, n int) error {
	pkt, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	ln, port, err := listen()
	if err != nil {
		return err
	}
	defer ln.Close()
	cmd := exec.Command("sh", "-c", strings.ReplaceAll(command, "{PORT}", port))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // so the pipeline under sh can be stopped
	out, err := startPiped(cmd)
	if err != nil {
		return err
	}
	defer func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM); cmd.Wait() }()
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	defer c.Close()
	lines := bufio.NewReader(out)
	lat := make([]time.Duration, 0, n)
	for i := 0; i < n+100; i++ { // the first 100 warm up
		if _, err := c.Write(pkt); err != nil {
			return err
		}
		t0 := time.Now()
		if _, err := lines.ReadSlice('\n'); err != nil {
			return fmt.Errorf("pipeline stdout: %w", err)
		}
		if i >= 100 {
			lat = append(lat, time.Since(t0))
		}
	}
	printPercentiles(lat)
	return nil
}

// udpRate sends n datagrams of size bytes (at rate per second; 0: as fast
// as possible) to the command's port and counts the bytes it writes to
// stdout. Prints "SENT RECEIVED LOST DATAGRAMS/s".
func udpRate(command string, n, size, rate int) error {
	probe, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return err
	}
	port := probe.LocalAddr().(*net.UDPAddr).Port
	probe.Close()
	cmd := exec.Command("sh", "-c", strings.ReplaceAll(command, "{PORT}", strconv.Itoa(port)))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // so the receiver under sh can be stopped
	out, err := startPiped(cmd)
	if err != nil {
		return err
	}
	defer func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM); cmd.Wait() }()

	var got, last atomic.Int64
	go func() {
		buf := make([]byte, 1<<20)
		for {
			k, err := out.Read(buf)
			got.Add(int64(k))
			last.Store(time.Now().UnixNano())
			if err != nil {
				return
			}
		}
	}()
	s, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer s.Close()
	us := s.(*net.UDPConn)
	to := netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(port))
	// Wait until the receiver is bound: probe datagrams count as received.
	probes := 0
	for got.Load() == 0 {
		us.WriteToUDPAddrPort(make([]byte, size), to)
		probes++
		time.Sleep(20 * time.Millisecond)
		if probes > 500 {
			return fmt.Errorf("receiver never answered on port %d", port)
		}
	}
	time.Sleep(100 * time.Millisecond)
	base := got.Load()
	pkt := make([]byte, size)
	start := time.Now()
	for i := 0; i < n; i++ {
		if rate > 0 {
			if d := time.Until(start.Add(time.Duration(i) * time.Second / time.Duration(rate))); d > 0 {
				time.Sleep(d)
			}
		}
		pkt[0] = byte(i)
		if _, err := us.WriteToUDPAddrPort(pkt, to); err != nil {
			return err
		}
	}
	for { // until half a second passes with nothing new
		before := got.Load()
		time.Sleep(500 * time.Millisecond)
		if got.Load() == before {
			break
		}
	}
	recv := (got.Load() - base) / int64(size)
	sec := time.Duration(last.Load() - start.UnixNano()).Seconds()
	if recv == 0 || sec <= 0 {
		sec = time.Since(start).Seconds()
	}
	fmt.Printf("%d %d %d %.0f\n", n, recv, int64(n)-recv, float64(recv)/sec)
	return nil
}

// startPiped starts cmd with its stdout piped to us and its stderr ours.
func startPiped(cmd *exec.Cmd) (io.Reader, error) {
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	return out, cmd.Start()
}

// listen opens a loopback TCP listener on a free port.
func listen() (net.Listener, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	return ln, strconv.Itoa(ln.Addr().(*net.TCPAddr).Port), nil
}
