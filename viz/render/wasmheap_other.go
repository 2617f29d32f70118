//go:build !linux

package render

// dropPages zeroes b.
func dropPages(b []byte) { clear(b) }
