package main

import (
	"os"
	"runtime/debug"
)

// softMemoryLimit tells the Go runtime the memory c3encode means to stay
// within: twice the record cap (a line at the line cap) plus room for the
// definitions. A long line passes through a few short-lived copies (its
// pieces, the joined line, the parsed value); with the limit the collector
// frees each before the next grows the heap, instead of waiting for the
// heap to double. GOMEMLIMIT, when set, wins.
func softMemoryLimit(recordCap int) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return
	}
	debug.SetMemoryLimit(int64(2*recordCap) + 64<<20)
}
