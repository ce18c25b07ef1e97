package main

import (
	"net"
	"strings"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/link"
	"github.com/urfave/cli/v2"
)

func httpClientCommand() *cli.Command {
	params := []string{"host", "port", "protocol", "write-timeout", "read-timeout", "connect-timeout", "include-request-in-response"}
	return &cli.Command{
		Name:  "http-client",
		Usage: "COSMOS HTTP Client Interface: each stdin record is a request, each response a record",
		UsageText: "c3link http-client HOST [PORT [PROTOCOL [WRITE_TIMEOUT [READ_TIMEOUT [CONNECT_TIMEOUT [INCLUDE_REQUEST_IN_RESPONSE]]]]]] [flags]\n" +
			"   e.g. c3link http-client mysecure.com 443 HTTPS; c3link http-client localhost 8080 --poll 1 --poll-path /tlm",
		Flags: append(append(commonFlags(),
			&cli.StringFlag{Name: "host", Usage: "HTTP server to connect to"},
			&cli.StringFlag{Name: "port", Value: "80", Usage: "port of the server"},
			&cli.StringFlag{Name: "protocol", Value: "HTTP", Usage: "HTTP or HTTPS"},
			&cli.StringFlag{Name: "write-timeout", Value: "5", Usage: "seconds each write of a request may take; nil: block"},
			&cli.StringFlag{Name: "read-timeout", Value: "nil", Usage: "seconds each read of a response may wait; nil: block"},
			&cli.StringFlag{Name: "connect-timeout", Value: "5", Usage: "seconds to wait for a connection"},
			&cli.StringFlag{Name: "include-request-in-response", Value: "false", Usage: "put [request body, request extra] in each response's extra.HTTP_REQUEST"},
			&cli.Int64Flag{Name: "max-body", Value: link.DefaultHTTPMaxBody, Usage: "largest response body; a larger one is reported and not emitted"},
			&cli.StringFlag{Name: "poll", Usage: "request --poll-path every this many seconds (telemetry by GET; no stdin needed)"},
			&cli.StringFlag{Name: "poll-path", Value: "/", Usage: "path (and ?query) of the poll request"},
			&cli.StringFlag{Name: "poll-method", Value: "GET", Usage: "method of the poll request"},
			&cli.StringSliceFlag{Name: "poll-query", Usage: "NAME=VALUE query parameter of the poll request; repeatable"},
			&cli.StringSliceFlag{Name: "poll-header", Usage: `"Name: value" header of the poll request; repeatable`},
		), tlsFlags()...),
		Action: linkAction(params, buildHTTPClient),
	}
}

func httpServerCommand() *cli.Command {
	return &cli.Command{
		Name:  "http-server",
		Usage: "COSMOS HTTP Server Interface: each request is a record; stdin records set the response per path",
		UsageText: "c3link http-server [PORT] [--listen-address ADDR | --all-addresses] [flags]\n" +
			"   port 0 picks a free port and prints it on stderr",
		Flags: append(commonFlags(),
			&cli.StringFlag{Name: "port", Value: "80", Usage: "port to serve on"},
			&cli.StringFlag{Name: "listen-address", Value: "127.0.0.1", Usage: "LISTEN_ADDRESS: address to accept connections on (COSMOS defaults to 0.0.0.0; c3link to loopback)"},
			&cli.BoolFlag{Name: "all-addresses", Usage: "listen on every address (0.0.0.0), as COSMOS does by default"},
			&cli.Int64Flag{Name: "max-body", Value: link.DefaultHTTPServerMaxBody, Usage: "largest request body; larger ones are answered 413 and not emitted"},
			&cli.IntFlag{Name: "max-headers", Value: link.DefaultHTTPServerMaxHeaders, Usage: "most request headers; more are answered 431"},
			&cli.IntFlag{Name: "max-header-bytes", Value: link.DefaultHTTPServerHeaderBytes, Usage: "largest request line plus headers, in bytes"},
			&cli.IntFlag{Name: "max-clients", Value: link.DefaultHTTPServerMaxClients, Usage: "requests served at once; more are answered 503 (and at most 4 times as many connections are open; more wait)"},
			&cli.StringFlag{Name: "client-timeout", Value: "10", Usage: "seconds a client may take to send its request (and to take the response); slower ones are cut off"},
		),
		Action: linkAction([]string{"port"}, buildHTTPServer),
	}
}

func buildHTTPClient(c *cli.Context) (linkSetup, error) {
	h := &link.HTTPClient{Host: c.String("host"), MaxBody: c.Int64("max-body")}
	if h.Host == "" || cliutil.IsNil(h.Host) {
		return linkSetup{}, cliutil.Usagef("give the host to connect to")
	}
	var err error
	if h.Port, err = onePort(c, false); err != nil {
		return linkSetup{}, err
	}
	switch p := strings.ToLower(strings.TrimSpace(c.String("protocol"))); p {
	case "http", "https":
		h.Protocol = p
	default:
		return linkSetup{}, cliutil.Usagef("--protocol must be HTTP or HTTPS, not %q", c.String("protocol"))
	}
	if h.WriteTimeout, err = flagSeconds(c, "write-timeout", true); err != nil {
		return linkSetup{}, err
	}
	if h.ReadTimeout, err = flagSeconds(c, "read-timeout", true); err != nil {
		return linkSetup{}, err
	}
	if h.ConnectTimeout, err = flagSeconds(c, "connect-timeout", false); err != nil {
		return linkSetup{}, err
	}
	if h.IncludeRequest, err = cliutil.ParseBool(c.String("include-request-in-response")); err != nil {
		return linkSetup{}, cliutil.Usagef("--include-request-in-response: %v", err)
	}
	if h.MaxBody < 1 {
		return linkSetup{}, cliutil.Usagef("--max-body must be at least 1")
	}
	files, err := tlsFiles(c)
	if err != nil {
		return linkSetup{}, err
	}
	if h.Protocol == "http" && (files.Any() || files.InsecureSkipVerify) {
		return linkSetup{}, cliutil.Usagef("--ca-file, --cert, --key and --insecure-skip-verify need protocol HTTPS")
	}
	if h.Protocol == "https" {
		if h.TLS, err = files.Config(h.Host); err != nil {
			return linkSetup{}, cliutil.Usagef("%v", err)
		}
	}
	if c.IsSet("poll") {
		if h.PollEvery, err = flagSeconds(c, "poll", false); err != nil {
			return linkSetup{}, err
		}
		if h.PollEvery <= 0 {
			return linkSetup{}, cliutil.Usagef("--poll must be more than 0")
		}
		if h.Poll, err = pollRequest(c); err != nil {
			return linkSetup{}, err
		}
	} else {
		for _, f := range []string{"poll-path", "poll-method", "poll-query", "poll-header"} {
			if c.IsSet(f) {
				return linkSetup{}, cliutil.Usagef("--%s needs --poll", f)
			}
		}
	}
	return linkSetup{link: h, canWrite: true, canRead: true, defName: "http-client", rejectFails: true}, nil
}

// pollRequest builds the --poll request from the --poll-* flags, checked
// the same way a record's meta is.
func pollRequest(c *cli.Context) (*link.HTTPRequest, error) {
	extra := map[string]any{link.ExtraHTTPMethod: c.String("poll-method"), link.ExtraHTTPPath: c.String("poll-path")}
	if q := c.StringSlice("poll-query"); len(q) > 0 {
		m := map[string]any{}
		for _, kv := range q {
			k, v, ok := strings.Cut(kv, "=")
			if !ok || k == "" {
				return nil, cliutil.Usagef("--poll-query %q: want NAME=VALUE", kv)
			}
			m[k] = appendValue(m[k], v)
		}
		extra[link.ExtraHTTPQueries] = m
	}
	if hs := c.StringSlice("poll-header"); len(hs) > 0 {
		m := map[string]any{}
		for _, kv := range hs {
			k, v, ok := strings.Cut(kv, ":")
			if !ok || strings.TrimSpace(k) == "" {
				return nil, cliutil.Usagef("--poll-header %q: want \"Name: value\"", kv)
			}
			m[strings.TrimSpace(k)] = appendValue(m[strings.TrimSpace(k)], strings.TrimSpace(v))
		}
		extra[link.ExtraHTTPHeaders] = m
	}
	r, err := link.RequestFromMeta(map[string]any{"extra": extra}, nil)
	if err != nil {
		return nil, cliutil.Usagef("--poll-*: %v", err)
	}
	return r, nil
}

// appendValue turns a repeated NAME into a list of its values.
func appendValue(prev any, v string) any {
	switch p := prev.(type) {
	case nil:
		return v
	case string:
		return []any{p, v}
	case []any:
		return append(p, v)
	}
	return v
}

func buildHTTPServer(c *cli.Context) (linkSetup, error) {
	port, err := onePort(c, true)
	if err != nil {
		return linkSetup{}, err
	}
	s := &link.HTTPServer{
		ListenAddress:  c.String("listen-address"),
		Port:           port,
		MaxBody:        c.Int64("max-body"),
		MaxHeaders:     c.Int("max-headers"),
		MaxHeaderBytes: c.Int("max-header-bytes"),
		MaxClients:     c.Int("max-clients"),
	}
	if c.Bool("all-addresses") {
		if c.IsSet("listen-address") {
			return linkSetup{}, cliutil.Usagef("--all-addresses and --listen-address exclude each other")
		}
		s.ListenAddress = "0.0.0.0"
	}
	if net.ParseIP(s.ListenAddress) == nil && s.ListenAddress != "localhost" {
		return linkSetup{}, cliutil.Usagef("--listen-address %q is not an IP address", s.ListenAddress)
	}
	for name, v := range map[string]int64{"max-body": s.MaxBody, "max-headers": int64(s.MaxHeaders), "max-header-bytes": int64(s.MaxHeaderBytes), "max-clients": int64(s.MaxClients)} {
		if v < 1 {
			return linkSetup{}, cliutil.Usagef("--%s must be at least 1", name)
		}
	}
	if s.ClientTimeout, err = flagSeconds(c, "client-timeout", false); err != nil {
		return linkSetup{}, err
	}
	if s.ClientTimeout <= 0 {
		return linkSetup{}, cliutil.Usagef("--client-timeout must be more than 0")
	}
	say := notify(c)
	s.Bound = func(a net.Addr) { say("listening on %s", a) }
	return linkSetup{link: s, canWrite: true, canRead: true, defName: "http-server", rejectFails: true}, nil
}

// onePort reads --port, the one port of a message interface (nil is not a
// choice here: there is no direction to disable).
func onePort(c *cli.Context, allowZero bool) (int, error) {
	port, _, err := parsePort("port", c.String("port"), allowZero)
	if err != nil || port == link.NoPort {
		lo := 1
		if allowZero {
			lo = 0
		}
		return 0, cliutil.Usagef("--port: %q is not a port number (%d..65535)", c.String("port"), lo)
	}
	return port, nil
}
