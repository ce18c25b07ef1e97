//go:build !race

package stream

const raceBuild = false
