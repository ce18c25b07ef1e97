// Command gen writes a synthetic CCSDS packet stream for the demo and the
// benchmarks (see internal/gen). Not installed: `go run ./scripts/gen`.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/c3kit/c3kit/internal/cliutil"
	"github.com/c3kit/c3kit/internal/gen"
)

func main() {
	var o gen.Options
	var sync string
	flag.IntVar(&o.PacketSize, "size", 64, "total bytes per packet incl. the 6-byte header")
	flag.Int64Var(&o.Packets, "packets", 0, "number of packets (0: use -bytes)")
	flag.Int64Var(&o.Bytes, "bytes", 1<<20, "packet bytes to write when -packets is 0")
	flag.StringVar(&sync, "sync", "", "sync marker before each packet, e.g. 0x1ACFFC1D")
	flag.BoolVar(&o.CRC, "crc", false, "end each packet with a CRC-16/CCITT-FALSE")
	flag.IntVar(&o.GarbageEvery, "garbage-every", 0, "insert garbage before every Nth packet")
	flag.IntVar(&o.BadCRCEvery, "bad-crc-every", 0, "corrupt the CRC of every Nth packet")
	flag.IntVar(&o.APIDs, "apids", 1, "cycle through APIDs 1..N")
	flag.BoolVar(&o.Records, "records", false, "write a c3kit record stream instead of raw bytes")
	flag.Uint64Var(&o.Seed, "seed", 1, "random seed")
	flag.Parse()
	if sync != "" {
		b, err := cliutil.ParseHexBytes(sync)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(2)
		}
		o.Sync = b
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	st, err := gen.Write(w, o)
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: %d packets, %d packet bytes, %d garbage bytes, %d bad CRCs\n", st.Packets, st.Bytes, st.Garbage, st.BadCRC)
}
