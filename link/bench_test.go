package link

import (
	"io"
	"net"
	"testing"

	"github.com/c3kit/c3kit/frame/record"
)

// BenchmarkReadToStdout: one 1 KiB read of a loopback TCP socket through the
// sink and the stdout writer, as records (meta built and encoded) and raw.
func BenchmarkReadToStdout(b *testing.B) {
	for _, raw := range []bool{false, true} {
		name := "records"
		if raw {
			name = "raw"
		}
		b.Run(name, func(b *testing.B) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			defer ln.Close()
			go func() {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				defer c.Close()
				pkt := make([]byte, 1024)
				for i := 0; i < b.N; i++ {
					if _, err := c.Write(pkt); err != nil {
						return
					}
				}
			}()
			w := record.NewWriter(io.Discard)
			if raw {
				w = record.NewRawWriter(io.Discard)
			}
			port := ln.Addr().(*net.TCPAddr).Port
			b.SetBytes(1024)
			b.ReportAllocs()
			b.ResetTimer()
			_, err = Run(b.Context(), &TCPClient{Host: "127.0.0.1", WritePort: port, ReadPort: port}, nil, w,
				Config{Name: "bench", NoMeta: raw, ReadSize: 1024})
			if err != nil {
				b.Fatal(err)
			}
		})
	}
}
