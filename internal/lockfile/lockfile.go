// Package lockfile takes locks that hold across processes on every platform: a file that only
// one process can create (O_EXCL), removed to release the lock. A lock file that nobody has
// touched for longer than its owner could need was left by a process that died, and is broken.
package lockfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// TryLock creates the lock file name and returns the function that removes it. A lock file last
// modified more than stale ago is broken first. When another process holds the lock, TryLock
// returns at once with an error wrapping fs.ErrExist. An owner that holds a lock for long
// renews it by touching the file (os.Chtimes).
func TryLock(name string, stale time.Duration) (release func(), err error) {
	for range 2 {
		f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			fmt.Fprintf(f, "held by process %d\n", os.Getpid())
			if err := f.Close(); err != nil {
				os.Remove(name)
				return nil, err
			}
			return func() { os.Remove(name) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		fi, serr := os.Stat(name)
		switch {
		case serr == nil && time.Since(fi.ModTime()) > stale:
			os.Remove(name) // its owner died holding it
		case errors.Is(serr, fs.ErrNotExist):
			// released meanwhile
		default:
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "lock", Path: name, Err: fs.ErrExist}
}
