package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the signal tests run c3link as a real process: the test
// binary started with C3LINK_TEST_MAIN=1 is c3link.
func TestMain(m *testing.M) {
	if os.Getenv("C3LINK_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// TestSignalCancelsConnect: SIGINT, SIGTERM or --duration during a TCP
// connection attempt that hangs (the target's accept queue is full, so its
// SYNs are dropped) stops c3link at once with status 0, not after the
// 60-second connect timeout.
func TestSignalCancelsConnect(t *testing.T) {
	cases := []struct {
		name string
		sig  syscall.Signal // 0: none, --duration stops it
		args []string
	}{
		{"SIGINT", syscall.SIGINT, nil},
		{"SIGTERM", syscall.SIGTERM, nil},
		{"duration", 0, []string{"--duration", "1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			port := fullListener(t)
			args := append([]string{"tcp-client", "127.0.0.1", fmt.Sprint(port), "--connect-timeout", "60", "--read-only"}, tc.args...)
			cmd := exec.Command(os.Args[0], args...)
			cmd.Env = append(os.Environ(), "C3LINK_TEST_MAIN=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			t.Cleanup(func() { cmd.Process.Kill(); <-done })

			// The attempt is in progress once its SYN is out unanswered.
			deadline := time.Now().Add(20 * time.Second)
			for !synSent(t, port, cmd.Process.Pid) {
				if time.Now().After(deadline) {
					t.Fatalf("no connection attempt to port %d seen; stderr %q", port, stderr.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			start := time.Now()
			if tc.sig != 0 {
				if err := cmd.Process.Signal(tc.sig); err != nil {
					t.Fatal(err)
				}
			}
			select {
			case err := <-done:
				done <- err // for the cleanup
				if err != nil {
					t.Fatalf("exit %v; stderr %q", err, stderr.String())
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("c3link still connecting 20 s after %s; stderr %q", tc.name, stderr.String())
			}
			if el := time.Since(start); el > 15*time.Second {
				t.Fatalf("stopped %v after %s: the connect was not cancelled", el, tc.name)
			}
		})
	}
}

// fullListener listens on a loopback port with a backlog of 0 and never
// accepts; it fills the accept queue with one connection, so further SYNs
// to the port are dropped and a connect to it hangs.
func fullListener(t *testing.T) int {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	port := sa.(*syscall.SockaddrInet4).Port
	// Connect until one attempt times out: the queue is then full.
	for i := 0; ; i++ {
		if i == 16 {
			t.Fatalf("accept queue of port %d never filled", port)
		}
		c, err := dialTimeout(port, 300*time.Millisecond)
		if err != nil {
			break
		}
		t.Cleanup(func() { c.Close() })
	}
	return port
}

// synSent reports whether process pid has a socket in SYN_SENT towards
// 127.0.0.1:port (/proc/net/tcp: state 02, rem_address 0100007F:PORT). The
// socket's inode must be one of pid's descriptors: the filler connections
// of fullListener may linger in SYN_SENT too, and signalling c3link before
// its own attempt is under way would test nothing (or race its start-up).
func synSent(t *testing.T, port, pid int) bool {
	b, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		t.Fatal(err)
	}
	mine := socketInodes(pid)
	want := fmt.Sprintf("0100007F:%04X", port)
	for _, line := range strings.Split(string(b), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) > 9 && f[2] == want && f[3] == "02" && mine[f[9]] {
			return true
		}
	}
	return false
}

// socketInodes returns the inodes of pid's socket descriptors.
func socketInodes(pid int) map[string]bool {
	inodes := map[string]bool{}
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		l, err := os.Readlink(dir + "/" + e.Name())
		if err == nil && strings.HasPrefix(l, "socket:[") {
			inodes[strings.TrimSuffix(strings.TrimPrefix(l, "socket:["), "]")] = true
		}
	}
	return inodes
}

func dialTimeout(port int, d time.Duration) (net.Conn, error) {
	return net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), d)
}
