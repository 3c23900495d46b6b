//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package db

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// lockDir creates dir/LOCK exclusively (O_EXCL) where flock is not
// available. Unlike a flock, the file outlives a crash: after one, Open
// reports the database locked until someone who knows no process uses it
// removes the file.
func lockDir(dir string) (*os.File, error) {
	path := filepath.Join(dir, "LOCK")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("db: open %s: %w (if no process has it open, a crash left %s behind: remove it)", dir, ErrLocked, path)
		}
		return nil, fmt.Errorf("db: create lock file: %w", err)
	}
	return f, nil
}

// unlockDir removes the lock file created by lockDir.
func unlockDir(f *os.File) error {
	name := f.Name()
	f.Close()
	return os.Remove(name)
}
