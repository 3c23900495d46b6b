//go:build !(linux || darwin || freebsd)

package db

import "os"

// useMmap has no effect here; tests set it.
var useMmap = false

// mapFile maps nothing here: every read is a ReadAt.
func mapFile(f *os.File, size int64) []byte { return nil }

// unmapFile has nothing to release.
func unmapFile(b []byte) error { return nil }
