//go:build race

package crcproto

// raceBuild: the race detector allocates on its own, so allocation counts
// mean nothing under -race.
const raceBuild = true
