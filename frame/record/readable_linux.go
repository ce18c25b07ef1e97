//go:build linux

package record

import (
	"time"

	"golang.org/x/sys/unix"
)

// readable reports whether a read of fd would return at once, or within
// wait: input waiting, end of input or an error. Any doubt says no.
func readable(fd uintptr, wait time.Duration) bool {
	pfd := [1]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	var n int
	var err error
	if wait <= 0 {
		n, err = unix.Poll(pfd[:], 0)
	} else {
		ts := unix.NsecToTimespec(wait.Nanoseconds())
		n, err = unix.Ppoll(pfd[:], &ts, nil)
	}
	return err == nil && n > 0
}
