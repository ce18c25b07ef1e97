// Command httpload is the HTTP side of `make bench` (scripts/bench.d/message.sh):
// -serve ADDR runs the baseline, a plain net/http server answering every
// request with a fixed body; -url URL -n N -c C sends N POST requests over C
// keep-alive connections and prints "requests seconds requests_per_second
// failures".
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	serve := flag.String("serve", "", "run the baseline server on this address")
	url := flag.String("url", "", "URL to load")
	n := flag.Int("n", 20000, "requests")
	c := flag.Int("c", 8, "concurrent connections")
	size := flag.Int("size", 64, "request body bytes")
	flag.Parse()
	if *serve != "" {
		body := bytes.Repeat([]byte("t"), 64)
		err := http.ListenAndServe(*serve, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.Write(body)
		}))
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	body := bytes.Repeat([]byte("c"), *size)
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < *c; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
			for next.Add(1) <= int64(*n) {
				resp, err := cl.Post(*url, "application/octet-stream", bytes.NewReader(body))
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	d := time.Since(start).Seconds()
	fmt.Printf("%d %.3f %.0f %d\n", *n, d, float64(*n)/d, failed.Load())
}
