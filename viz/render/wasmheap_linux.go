package render

import (
	"syscall"
	"unsafe"
)

// dropPages zeroes b, handing its whole pages back to the kernel: they
// read as zero and are not resident until written again.
func dropPages(b []byte) {
	const page = 4096
	// The slice is wazero's memory, not page aligned in general: madvise
	// the aligned middle, clear the ends.
	start := 0
	for start < len(b) && uintptr(unsafe.Pointer(&b[start]))%page != 0 {
		start++
	}
	end := start + (len(b)-start)/page*page
	clear(b[:start])
	clear(b[end:])
	if end > start {
		if err := syscall.Madvise(b[start:end], syscall.MADV_DONTNEED); err != nil {
			clear(b[start:end])
		}
	}
}
