//go:build unix

package record

import "golang.org/x/sys/unix"

// readable reports whether a read of fd would return at once: input
// waiting, end of input or an error. Any doubt says no.
func readable(fd uintptr) bool {
	pfd := [1]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	n, err := unix.Poll(pfd[:], 0)
	return err == nil && n > 0
}
