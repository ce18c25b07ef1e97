package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var ignoreMessage = []cmp.Option{
	cmpopts.IgnoreUnexported(link.HTTPClient{}, link.HTTPServer{}),
	cmpopts.IgnoreFields(link.HTTPServer{}, "Bound"),
	cmpopts.IgnoreFields(link.HTTPClient{}, "TLS"),
	cmpopts.IgnoreFields(link.MQTT{}, "TLS"),
}

// TestMessagePositionalsAndFlags: the HTTP and MQTT interfaces paste from
// plugin.txt in COSMOS's parameter order, and every parameter and OPTION has
// a flag meaning the same.
func TestMessagePositionalsAndFlags(t *testing.T) {
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	os.WriteFile(pw, []byte("file-secret\nignored second line\n"), 0o600)
	t.Setenv("C3_TEST_MQTT_PW", "env-secret")
	s5 := 5 * time.Second
	cases := []struct {
		args []string
		want link.Link
		rw   [2]bool
	}{
		// INTERFACE INT http_client_interface.rb myserver.com 80
		{[]string{"http-client", "myserver.com", "80"},
			&link.HTTPClient{Host: "myserver.com", Port: 80, Protocol: "http", WriteTimeout: s5, ConnectTimeout: s5, MaxBody: link.DefaultHTTPMaxBody}, [2]bool{true, true}},
		// INTERFACE INT openc3/interfaces/http_client_interface.py mysecure.com 443 HTTPS
		{[]string{"http-client", "mysecure.com", "443", "HTTPS", "nil", "2.5", "1", "true"},
			&link.HTTPClient{Host: "mysecure.com", Port: 443, Protocol: "https", ReadTimeout: 2500 * time.Millisecond, ConnectTimeout: time.Second, IncludeRequest: true, MaxBody: link.DefaultHTTPMaxBody}, [2]bool{true, true}},
		{[]string{"http-client", "--host", "h", "--port", "8080", "--protocol", "http", "--write-timeout", "1", "--read-timeout", "2", "--include-request-in-response", "TRUE", "--max-body", "10"},
			&link.HTTPClient{Host: "h", Port: 8080, Protocol: "http", WriteTimeout: time.Second, ReadTimeout: 2 * time.Second, ConnectTimeout: s5, IncludeRequest: true, MaxBody: 10}, [2]bool{true, true}},
		{[]string{"http-client", "h", "8080", "--poll", "0.5", "--poll-path", "/tlm?x=1", "--poll-query", "a=1", "--poll-query", "a=2", "--poll-header", "Accept: application/json"},
			&link.HTTPClient{Host: "h", Port: 8080, Protocol: "http", WriteTimeout: s5, ConnectTimeout: s5, MaxBody: link.DefaultHTTPMaxBody, PollEvery: 500 * time.Millisecond,
				Poll: &link.HTTPRequest{Method: "GET", Path: "/tlm?x=1", Queries: map[string][]string{"a": {"1", "2"}}, Headers: map[string][]string{"Accept": {"application/json"}}}}, [2]bool{true, true}},
		// INTERFACE INT http_server_interface.rb 88 / LISTEN_ADDRESS 127.0.0.1
		{[]string{"http-server", "88"},
			&link.HTTPServer{ListenAddress: "127.0.0.1", Port: 88, MaxBody: link.DefaultHTTPServerMaxBody, MaxHeaders: 100, MaxHeaderBytes: 64 << 10, MaxClients: 64, ClientTimeout: 10 * time.Second}, [2]bool{true, true}},
		{[]string{"http-server", "--all-addresses", "--max-body", "5", "--max-headers", "6", "--max-header-bytes", "7", "--max-clients", "8", "--client-timeout", "9"},
			&link.HTTPServer{ListenAddress: "0.0.0.0", Port: 80, MaxBody: 5, MaxHeaders: 6, MaxHeaderBytes: 7, MaxClients: 8, ClientTimeout: 9 * time.Second}, [2]bool{true, true}},
		// INTERFACE MQTT_INT mqtt_interface.rb test.mosquitto.org 1883
		{[]string{"mqtt", "test.mosquitto.org", "1883", "--topic", "A/#", "--topic", "B"},
			&link.MQTT{Host: "test.mosquitto.org", Port: 1883, Topics: []string{"A/#", "B"}, AckTimeout: s5, KeepAlive: 30 * time.Second}, [2]bool{true, true}},
		{[]string{"mqtt", "broker", "8884", "true", "--username", "rw", "--password-env", "C3_TEST_MQTT_PW", "--qos", "2", "--retain", "--ack-timeout", "1.5", "--client-id", "me", "--insecure-skip-verify"},
			&link.MQTT{Host: "broker", Port: 8884, SSL: true, Username: "rw", Password: "env-secret", QoS: 2, Retain: true, AckTimeout: 1500 * time.Millisecond, ClientID: "me", KeepAlive: 30 * time.Second}, [2]bool{true, false}},
		{[]string{"mqtt", "broker", "--username", "rw", "--password-file", pw},
			&link.MQTT{Host: "broker", Port: 1883, Username: "rw", Password: "file-secret", AckTimeout: s5, KeepAlive: 30 * time.Second}, [2]bool{true, false}},
		// INTERFACE MQTT_INT mqtt_stream_interface.rb test.mosquitto.org 1883 false write read
		{[]string{"mqtt-stream", "test.mosquitto.org", "1883", "false", "write", "read"},
			&link.MQTT{Host: "test.mosquitto.org", Port: 1883, Stream: true, WriteTopic: "write", Topics: []string{"read"}, AckTimeout: s5, KeepAlive: 30 * time.Second}, [2]bool{true, true}},
		{[]string{"mqtt-stream", "h", "1883", "False", "None", "tlm"},
			&link.MQTT{Host: "h", Port: 1883, Stream: true, Topics: []string{"tlm"}, AckTimeout: s5, KeepAlive: 30 * time.Second}, [2]bool{false, true}},
		{[]string{"mqtt-stream", "h", "--write-topic", "cmd"},
			&link.MQTT{Host: "h", Port: 1883, Stream: true, WriteTopic: "cmd", AckTimeout: s5, KeepAlive: 30 * time.Second}, [2]bool{true, false}},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			got, stderr, rc := build(t, tc.args...)
			if rc != 0 {
				t.Fatalf("rc %d: %s", rc, stderr)
			}
			if diff := cmp.Diff(tc.want, got.link, ignoreMessage...); diff != "" {
				t.Fatalf("link (-want +got):\n%s", diff)
			}
			if got.canWrite != tc.rw[0] || got.canRead != tc.rw[1] || got.defName != tc.args[0] || !got.rejectFails {
				t.Fatalf("canWrite %v canRead %v name %q rejectFails %v", got.canWrite, got.canRead, got.defName, got.rejectFails)
			}
		})
	}
}

func TestMessageTLSFlags(t *testing.T) {
	// The files are checked when the command line is read: a missing CA is
	// a usage error, before any connection.
	_, stderr, rc := build(t, "mqtt", "h", "--ca-file", "/nonexistent/ca.crt")
	if rc != cliutil.ExitUsage || !strings.Contains(stderr, "CA file: open /nonexistent/ca.crt") {
		t.Errorf("rc %d %q", rc, stderr)
	}
	dir := t.TempDir()
	ca := filepath.Join(dir, "ca.crt")
	os.WriteFile(ca, []byte("not a certificate"), 0o644)
	_, stderr, rc = build(t, "http-client", "h", "443", "HTTPS", "--ca-file", ca)
	if rc != cliutil.ExitUsage || !strings.Contains(stderr, "no PEM certificate in it") {
		t.Errorf("rc %d %q", rc, stderr)
	}
	// A CA file turns SSL on, as in COSMOS's MQTT stream.
	os.WriteFile(ca, []byte(testCAPEM), 0o644)
	got, stderr, rc := build(t, "mqtt-stream", "h", "8883", "false", "w", "r", "--ca-file", ca)
	if rc != 0 || !got.link.(*link.MQTT).SSL || got.link.(*link.MQTT).TLS == nil || got.link.(*link.MQTT).TLS.RootCAs == nil {
		t.Errorf("rc %d %q: CA file did not turn TLS on", rc, stderr)
	}
	got, _, rc = build(t, "http-client", "h", "443", "HTTPS", "--insecure-skip-verify")
	if rc != 0 || !got.link.(*link.HTTPClient).TLS.InsecureSkipVerify {
		t.Errorf("insecure flag not applied")
	}
}

func TestMessageBadParameters(t *testing.T) {
	t.Setenv("C3_EMPTY", "")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"http-client"}, "give the host to connect to"},
		{[]string{"http-client", "h", "0"}, `--port: "0" is not a port number (1..65535)`},
		{[]string{"http-client", "h", "80", "FTP"}, "--protocol must be HTTP or HTTPS"},
		{[]string{"http-client", "h", "80", "HTTP", "5", "nil", "5", "maybe"}, "--include-request-in-response"},
		{[]string{"http-client", "h", "80", "--ca-file", "x"}, "need protocol HTTPS"},
		{[]string{"http-client", "h", "80", "--poll", "0"}, "--poll must be more than 0"},
		{[]string{"http-client", "h", "80", "--poll-path", "/x"}, "--poll-path needs --poll"},
		{[]string{"http-client", "h", "80", "--poll", "1", "--poll-method", "BREW"}, `extra.HTTP_METHOD "BREW" is not GET`},
		{[]string{"http-client", "h", "80", "--poll", "1", "--poll-query", "novalue"}, "want NAME=VALUE"},
		{[]string{"http-client", "h", "80", "--cert", "c"}, "--cert and --key go together"},
		{[]string{"http-server", "70000"}, "not a port number (0..65535)"},
		{[]string{"http-server", "1", "--listen-address", "example.com"}, "is not an IP address"},
		{[]string{"http-server", "1", "--max-clients", "0"}, "--max-clients must be at least 1"},
		{[]string{"http-server", "1", "--client-timeout", "0"}, "--client-timeout must be more than 0"},
		{[]string{"mqtt"}, "give the broker's host"},
		{[]string{"mqtt", "h", "1883", "perhaps"}, "--ssl"},
		{[]string{"mqtt", "h", "--qos", "3"}, "--qos must be 0, 1 or 2"},
		{[]string{"mqtt", "h", "--topic", "a/#/b"}, "# must be the last level"},
		{[]string{"mqtt", "h", "--topic", "a/b+"}, "a wildcard must be a whole level"},
		{[]string{"mqtt", "h", "--password-env", "C3_EMPTY", "--username", "u"}, "environment variable C3_EMPTY is not set"},
		{[]string{"mqtt", "h", "--password-env", "HOME"}, "a password needs --username"},
		{[]string{"mqtt", "h", "--password-file", "/nonexistent/pw", "--username", "u"}, "--password-file: open /nonexistent/pw"},
		{[]string{"mqtt", "h", "--password-file", "a", "--password-env", "b"}, "exclude each other"},
		{[]string{"mqtt", "h", "--password", "oops"}, "flag provided but not defined: -password"},
		{[]string{"mqtt", "h", "--ack-timeout", "0"}, "--ack-timeout must be more than 0"},
		{[]string{"mqtt", "h", "--insecure-skip-verify"}, "--insecure-skip-verify needs SSL true"},
		{[]string{"mqtt-stream", "h", "1883", "false", "nil", "nil"}, "write topic and read topic are both nil"},
		{[]string{"mqtt-stream", "h", "1883", "false", "a/#"}, "a topic to publish to cannot contain + or #"},
	}
	for _, tc := range cases {
		_, stderr, rc := build(t, tc.args...)
		if rc != cliutil.ExitUsage || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: rc %d, stderr %q, want exit 2 and %q", tc.args, rc, stderr, tc.want)
		}
	}
}

// testCAPEM is any valid certificate, for the flag tests (never trusted).
const testCAPEM = `-----BEGIN CERTIFICATE-----
MIIBiTCCAS+gAwIBAgIUGOHY9i0OM08E5UF5eRouP/0/G5AwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPYzMtZmxhZy10ZXN0LWNhMB4XDTI2MTIwNDE3MDU1OFoXDTM2
MTIwMTE3MDU1OFowGjEYMBYGA1UEAwwPYzMtZmxhZy10ZXN0LWNhMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEXNfyF8mOwTEajf3Xpa8jXAXPYZKaAuARpltDau6H
SFWtPSFn4tR7Yn3Yis3ICP2agswwTzuDKHkA4dEGEJgaGaNTMFEwHQYDVR0OBBYE
FJQRuNcrBzKwcsRNYyPn33e+stHUMB8GA1UdIwQYMBaAFJQRuNcrBzKwcsRNYyPn
33e+stHUMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhAKm38F7D
xd/yEymTWcY8GLiyX0QGQtGPQczhXBrNnr8AAiAvQ3PAf4Fnbc+kOJwewyYklqLZ
Sca5f4oaZITkqqJ34A==
-----END CERTIFICATE-----
`
