//go:build !race

package crcproto

const raceBuild = false
