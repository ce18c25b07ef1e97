package link

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.bug.st/serial"
	"golang.org/x/sys/unix"
)

// ptyPair starts socat with a linked PTY pair (test-rigs.md §2) and returns
// the two device links; socat is stopped by its PID at cleanup.
func ptyPair(t *testing.T) (a, b string) {
	a, b, _ = ptyPairKill(t)
	return a, b
}

// ptyPairKill is ptyPair that also returns a function stopping socat (the
// PTYs vanish, as when a USB adapter is pulled).
func ptyPairKill(t *testing.T) (a, b string, kill func()) {
	t.Helper()
	dir := t.TempDir()
	a, b = filepath.Join(dir, "ttyA"), filepath.Join(dir, "ttyB")
	cmd := exec.Command("socat", "-d", "-d", "pty,raw,echo=0,link="+a, "pty,raw,echo=0,link="+b)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("socat (installed by scripts/test-setup.sh): %v", err)
	}
	go io.Copy(io.Discard, bufio.NewReader(stderr))
	var once sync.Once
	kill = func() {
		once.Do(func() {
			cmd.Process.Signal(syscall.SIGTERM)
			cmd.Wait()
		})
	}
	t.Cleanup(kill)
	deadline := time.Now().Add(waitLong)
	for {
		_, ea := os.Stat(a)
		_, eb := os.Stat(b)
		if ea == nil && eb == nil {
			return a, b, kill
		}
		if time.Now().After(deadline) {
			t.Fatal("socat did not create the PTY pair")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// openPeer opens the far end of a PTY pair as the target.
func openPeer(t *testing.T, path string) *os.File {
	t.Helper()
	fd, err := unix.Open(path, unix.O_RDWR|unix.O_NOCTTY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	f := os.NewFile(uintptr(fd), path)
	t.Cleanup(func() { f.Close() })
	return f
}

func readFull(t *testing.T, f *os.File, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	f.SetReadDeadline(time.Now().Add(waitLong))
	if _, err := io.ReadFull(f, b); err != nil {
		t.Fatalf("reading %d bytes: %v", n, err)
	}
	return b
}

// TestSerialSettings runs a round trip at several COSMOS settings and checks
// that each was really applied to the device (termios), since a PTY passes
// bytes through whatever the settings say.
func TestSerialSettings(t *testing.T) {
	cases := []struct {
		baud     int
		parity   string
		stop     serial.StopBits
		dataBits int
		rtscts   bool
		speed    uint32
	}{
		{9600, "NONE", serial.OneStopBit, 8, false, unix.B9600},
		{19200, "EVEN", serial.OneStopBit, 7, false, unix.B19200},
		{38400, "ODD", serial.TwoStopBits, 8, false, unix.B38400},
		{115200, "NONE", serial.OneStopBit, 8, true, unix.B115200},
		{57600, "even", serial.TwoStopBits, 6, false, unix.B57600},
		{921600, "NONE", serial.OneStopBit, 5, true, unix.B921600},
	}
	for _, tc := range cases {
		name := fmt.Sprintf("%d-%s-%d-%v-rtscts=%v", tc.baud, tc.parity, tc.dataBits, tc.stop, tc.rtscts)
		t.Run(name, func(t *testing.T) {
			a, b := ptyPair(t)
			par, err := ParseParity(tc.parity)
			if err != nil {
				t.Fatal(err)
			}
			s := &Serial{WritePort: a, ReadPort: a, Baud: tc.baud, Parity: par, StopBits: tc.stop, DataBits: tc.dataBits, RTSCTS: tc.rtscts, WriteTimeout: 5 * time.Second}
			h := startPump(t, s, Config{Reconnect: true}, true)
			peer := openPeer(t, b)
			data := pattern(64<<10, tc.baud) // every byte value, 0x11/0x13 included: no XON/XOFF
			h.send(nil, data)
			if got := readFull(t, peer, len(data)); !bytes.Equal(got, data) {
				t.Fatal("target got different bytes")
			}
			peer.Write(data)
			got, recs := h.readBytes(len(data))
			if !bytes.Equal(got, data) {
				t.Fatal("c3link read different bytes")
			}
			if p := peerOf(recs[0].meta); p != a {
				t.Fatalf("PEER = %q, want %q", p, a)
			}
			checkTermios(t, a, tc.speed, tc.stop == serial.TwoStopBits, tc.rtscts)
		})
	}
}

// checkTermios reads the device's settings through a separate descriptor.
// Linux's PTY driver forces CS8 without parity whatever is asked
// (pty_set_termios), so data bits and parity cannot be read back from a PTY;
// the cmd tests cover how the words map onto the library's settings.
func checkTermios(t *testing.T, path string, speed uint32, twoStop, rtscts bool) {
	t.Helper()
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NOCTTY|unix.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	tio, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if got := tio.Cflag & unix.CBAUD; got != speed {
		t.Errorf("speed bits %#o, want %#o", got, speed)
	}
	if got := tio.Cflag&unix.CSTOPB != 0; got != twoStop {
		t.Errorf("CSTOPB %v, want %v", got, twoStop)
	}
	if got := tio.Cflag&unix.CRTSCTS != 0; got != rtscts {
		t.Errorf("CRTSCTS %v, want %v", got, rtscts)
	}
}

// TestSerialReadTimeout: the library's silent (0, nil) timeout becomes a
// lost link that is reopened.
func TestSerialReadTimeout(t *testing.T) {
	a, _ := ptyPair(t)
	h := startPump(t, &Serial{ReadPort: a, Baud: 9600, DataBits: 8, StopBits: serial.OneStopBit, ReadTimeout: 200 * time.Millisecond}, Config{Reconnect: true}, false)
	h.waitNote("no data within the read timeout")
	h.waitNote("reconnected")
}

// TestSerialWriteTimeout: nobody drains the far end, so the PTY fills; the
// write times out instead of blocking forever (the library has no write
// timeout), and the link is reopened.
func TestSerialWriteTimeout(t *testing.T) {
	a, _ := ptyPair(t)
	h := startPump(t, &Serial{WritePort: a, Baud: 9600, DataBits: 8, StopBits: serial.OneStopBit, WriteTimeout: 300 * time.Millisecond}, Config{Reconnect: true, DrainTimeout: 500 * time.Millisecond}, true)
	go func() {
		for i := 0; i < 100; i++ {
			if h.stdin.Write(nil, make([]byte, 16<<10)) != nil {
				return
			}
		}
		h.stdin.Flush()
	}()
	h.waitNote("write timeout")
}

// TestSerialDeviceLost: the device disappears (socat stops, the PTYs go);
// c3link says so once and keeps retrying.
func TestSerialDeviceLost(t *testing.T) {
	a, b, kill := ptyPairKill(t)
	h := startPump(t, &Serial{WritePort: a, ReadPort: a, Baud: 9600, DataBits: 8, StopBits: serial.OneStopBit}, Config{Reconnect: true}, false)
	peer := openPeer(t, b)
	peer.Write([]byte("before"))
	if got, _ := h.readBytes(6); string(got) != "before" {
		t.Fatalf("got %q", got)
	}
	kill()
	h.waitNote("reconnecting")
	h.waitNote("no serial device " + a)
}

func TestSerialOpenErrors(t *testing.T) {
	h := startPump(t, &Serial{ReadPort: "/dev/no-such-tty", Baud: 9600, DataBits: 8, StopBits: serial.OneStopBit}, Config{Reconnect: true}, false)
	_, err := h.wait()
	var perm *PermanentError
	if !errors.As(err, &perm) || !strings.Contains(err.Error(), "no serial device /dev/no-such-tty") {
		t.Fatalf("err = %v", err)
	}
	f, _ := os.CreateTemp(t.TempDir(), "plain")
	f.Close()
	h = startPump(t, &Serial{ReadPort: f.Name(), Baud: 9600, DataBits: 8, StopBits: serial.OneStopBit}, Config{Reconnect: true}, false)
	if _, err := h.wait(); err == nil || !strings.Contains(err.Error(), "not a serial device") {
		t.Fatalf("err = %v", err)
	}
	if _, err := ParseParity("MARK"); err == nil {
		t.Fatal("MARK accepted: COSMOS allows NONE, EVEN, ODD")
	}
}
