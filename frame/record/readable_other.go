//go:build !unix

package record

import "time"

// readable cannot tell here: FlushBefore flushes before every read.
func readable(uintptr, time.Duration) bool { return false }
