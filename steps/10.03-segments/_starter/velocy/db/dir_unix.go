//go:build unix

package db

import "os"

// syncDir makes the entries of directory dir durable, so that a file
// created in it is still there after a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
