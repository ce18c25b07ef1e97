package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/c3kit/c3kit/frame/record"
	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
)

// TestLifecycleFlags: --linger (a deadline; 0 and nil), --resend-window
// (tcp-client and serial only) and --stats-every reach the pump as meant.
func TestLifecycleFlags(t *testing.T) {
	cases := []struct {
		args   []string
		linger time.Duration
		resend time.Duration
		err    string // the stderr line, exit 2
	}{
		{[]string{"tcp-client", "127.0.0.1", "1"}, 0, 0, ""},
		{[]string{"tcp-client", "127.0.0.1", "1", "--linger", "nil"}, 0, 0, ""},
		{[]string{"tcp-client", "127.0.0.1", "1", "--linger", "1.2"}, 1200 * time.Millisecond, 0, ""},
		{[]string{"tcp-client", "127.0.0.1", "1", "--linger", "0"}, time.Nanosecond, 0, ""},
		{[]string{"tcp-client", "127.0.0.1", "1", "--resend-window", "500ms"}, 0, 500 * time.Millisecond, ""},
		{[]string{"serial", "/dev/ttyS0", "--resend-window", "2"}, 0, 2 * time.Second, ""},
		{[]string{"tcp-client", "127.0.0.1", "1", "--resend-window", "0"}, 0, 0, "c3link tcp-client: --resend-window must be more than 0"},
		{[]string{"tcp-server", "0", "--resend-window", "1"}, 0, 0, "c3link tcp-server: --resend-window applies to tcp-client and serial (a link to one peer over a stream)"},
		{[]string{"tcp-client", "127.0.0.1", "1", "--stats-every", "2"}, 0, 0, ""},
		{[]string{"tcp-client", "127.0.0.1", "1", "--stats-every", "-1"}, 0, 0, `c3link tcp-client: --stats-every: "-1" is out of range`},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var got link.Config
			called := false
			runPump = func(_ context.Context, _ link.Link, _ *record.Reader, _ *record.Writer, cfg link.Config) (link.Stats, error) {
				got, called = cfg, true
				return link.Stats{}, nil
			}
			defer func() { runPump = link.Run }()
			var stderr bytes.Buffer
			rc := cliutil.Run(app(), append([]string{"c3link"}, c.args...), &stderr)
			if c.err != "" {
				if rc != cliutil.ExitUsage || strings.TrimSpace(stderr.String()) != c.err {
					t.Fatalf("rc %d, stderr %q; want 2, %q", rc, stderr.String(), c.err)
				}
				return
			}
			if rc != 0 || !called {
				t.Fatalf("rc %d, stderr %q", rc, stderr.String())
			}
			if got.Linger != c.linger || got.ResendWindow != c.resend || got.Live == nil {
				t.Fatalf("linger %v resend %v live %v; want %v %v", got.Linger, got.ResendWindow, got.Live != nil, c.linger, c.resend)
			}
		})
	}
}
