package link

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// broker is a real mosquitto on a free loopback port with a config of the
// test's own; restart stops it and starts it again on the same port.
type broker struct {
	t    *testing.T
	port int
	conf string
	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd has exited
	log  *bytes.Buffer
}

type brokerOpts struct {
	users map[string]string // username -> password; nil: anonymous allowed
	pki   *testPKI          // TLS, client certificate required
}

// mosquittoPath finds the broker (Debian installs it in /usr/sbin). A
// missing broker fails the test: the tests never skip.
func mosquittoPath(t *testing.T, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, dir := range []string{"/usr/sbin", "/usr/bin", "/usr/local/sbin"} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("%s not found: run `make setup` (scripts/test-setup.sh installs mosquitto)", name)
	return ""
}

func startBroker(t *testing.T, o brokerOpts) *broker {
	t.Helper()
	dir := t.TempDir()
	b := &broker{t: t, port: freePort(t), conf: filepath.Join(dir, "mosquitto.conf")}
	var conf bytes.Buffer
	if os.Getuid() == 0 {
		conf.WriteString("user root\n") // else it drops to user mosquitto and cannot read the temp files
	}
	fmt.Fprintf(&conf, "per_listener_settings false\npersistence false\nlog_dest stderr\nlog_type all\nlistener %d 127.0.0.1\n", b.port)
	if o.users == nil {
		conf.WriteString("allow_anonymous true\n")
	} else {
		pw := filepath.Join(dir, "passwd")
		first := true
		for u, p := range o.users {
			args := []string{"-b", pw, u, p}
			if first {
				args = append([]string{"-c"}, args...)
				first = false
			}
			if out, err := exec.Command(mosquittoPath(t, "mosquitto_passwd"), args...).CombinedOutput(); err != nil {
				t.Fatalf("mosquitto_passwd: %v: %s", err, out)
			}
		}
		fmt.Fprintf(&conf, "allow_anonymous false\npassword_file %s\n", pw)
	}
	if o.pki != nil {
		fmt.Fprintf(&conf, "cafile %s\ncertfile %s\nkeyfile %s\nrequire_certificate true\n", o.pki.CA, o.pki.ServerCert, o.pki.ServerKey)
	}
	if err := os.WriteFile(b.conf, conf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b.start()
	t.Cleanup(b.stop)
	return b
}

func (b *broker) start() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	// The port was free a moment ago (or was ours before a restart): retry
	// while the kernel releases it.
	for attempt := 0; ; attempt++ {
		b.log = &bytes.Buffer{}
		cmd := exec.Command(mosquittoPath(b.t, "mosquitto"), "-c", b.conf)
		cmd.Stderr = b.log
		if err := cmd.Start(); err != nil {
			b.t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			select {
			case <-exited:
				deadline = time.Time{}
				continue
			default:
			}
			c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(b.port), 200*time.Millisecond)
			if err == nil {
				c.Close()
				b.cmd, b.done = cmd, exited
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		cmd.Process.Kill()
		<-exited
		if attempt == 20 {
			b.t.Fatalf("mosquitto did not start on port %d: %s", b.port, b.log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop kills the broker (SIGKILL: a crash, not a polite shutdown).
func (b *broker) stop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cmd != nil {
		b.cmd.Process.Kill()
		<-b.done
		b.cmd = nil
	}
}

func (b *broker) restart() {
	b.stop()
	b.start()
}
