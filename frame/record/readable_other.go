//go:build !unix

package record

// readable cannot tell here: FlushBefore flushes before every read.
func readable(uintptr) bool { return false }
