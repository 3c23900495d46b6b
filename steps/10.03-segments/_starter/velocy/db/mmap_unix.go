//go:build linux || darwin || freebsd

package db

import (
	"os"
	"strconv"
	"syscall"
)

// mapFile maps the first size bytes of f read-only, or returns nil where
// mapping is not worth it (a 32-bit address space). The mapping may reach
// past the end of the file: reads only ever touch records that are
// written, and the page cache keeps the mapping coherent with pwrite on
// these systems (not on OpenBSD, which is why it is not listed).
func mapFile(f *os.File, size int64) []byte {
	if !useMmap || strconv.IntSize < 64 || size <= 0 {
		return nil
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil // reads fall back to ReadAt
	}
	return b
}

// useMmap lets tests run the ReadAt path everywhere.
var useMmap = true

// unmapFile releases a mapping made by mapFile.
func unmapFile(b []byte) error {
	if b == nil {
		return nil
	}
	return syscall.Munmap(b)
}
