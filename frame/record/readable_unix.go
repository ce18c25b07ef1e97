//go:build unix && !linux

package record

import (
	"time"

	"golang.org/x/sys/unix"
)

// readable reports whether a read of fd would return at once, or within
// wait (rounded up to poll's milliseconds here): input waiting, end of
// input or an error. Any doubt says no.
func readable(fd uintptr, wait time.Duration) bool {
	pfd := [1]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	ms := 0
	if wait > 0 {
		ms = int((wait + time.Millisecond - 1) / time.Millisecond)
	}
	n, err := unix.Poll(pfd[:], ms)
	return err == nil && n > 0
}
