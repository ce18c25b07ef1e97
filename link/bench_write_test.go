package link

import (
	"io"
	"net"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// plainLink hides UnconfirmedWrites: the same link without in-flight
// tracking, to price it.
type plainLink struct{ Link }

// BenchmarkStdinToLink: 64-byte stdin records written to a loopback target
// that discards them, with and without the in-flight record (--resend-window
// off and on).
func BenchmarkStdinToLink(b *testing.B) {
	run := func(b *testing.B, wrap func(Link) Link, resend bool) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		defer ln.Close()
		go func() {
			c, err := ln.Accept()
			if err == nil {
				io.Copy(io.Discard, c)
			}
		}()
		port := portOf(ln.Addr())
		pr, pw := io.Pipe()
		go func() {
			w := record.NewWriter(pw)
			rec := make([]byte, 64)
			for i := 0; i < b.N; i++ {
				w.Write(nil, rec)
			}
			w.Flush()
			pw.Close()
		}()
		cfg := Config{Name: "bench", Reconnect: true, Linger: lingerZero}
		if resend {
			cfg.ResendWindow = DefaultInFlightWindow
		}
		b.SetBytes(64)
		b.ResetTimer()
		st, err := Run(b.Context(), wrap(&TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port}), record.NewReader(pr), record.NewWriter(io.Discard), cfg)
		if err != nil || st.WriteRecords != int64(b.N) {
			b.Fatalf("%+v %v", st, err)
		}
	}
	b.Run("untracked", func(b *testing.B) { run(b, func(l Link) Link { return plainLink{l} }, false) })
	b.Run("in-flight", func(b *testing.B) { run(b, func(l Link) Link { return l }, false) })
	b.Run("resend", func(b *testing.B) { run(b, func(l Link) Link { return l }, true) })
}
