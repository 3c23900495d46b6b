//go:build !unix

package db

// syncDir does nothing where a directory cannot be opened and synced
// (Windows); NTFS journals its directory entries.
func syncDir(dir string) error { return nil }
