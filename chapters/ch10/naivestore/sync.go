package naivestore

import (
	"fmt"
	"os"
	"runtime"
)

// syncDir makes the entries of directory dir durable: a file created,
// renamed or removed in dir is only sure to be found there after a crash
// once the directory itself has been synced.
//
// Windows cannot open a directory to sync it, and its file system
// journals renames itself; there syncDir does nothing.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("naivestore: sync directory: %w", err)
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return fmt.Errorf("naivestore: sync directory %s: %w", dir, err)
	}
	return d.Close()
}
