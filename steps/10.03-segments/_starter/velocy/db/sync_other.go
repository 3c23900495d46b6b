//go:build !linux

package db

import "os"

// datasync makes f's written data durable. Outside Linux that is fsync
// (on macOS, Go's File.Sync asks for F_FULLFSYNC).
func datasync(f *os.File) error { return f.Sync() }
