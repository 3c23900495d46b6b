package db

import (
	"os"
	"syscall"
)

// datasync makes f's written data durable. On Linux that is fdatasync,
// which skips metadata such as the modification time but does write the
// file size, so an appended record is durable too.
func datasync(f *os.File) error {
	for {
		err := syscall.Fdatasync(int(f.Fd()))
		if err != syscall.EINTR {
			if err != nil {
				return &os.PathError{Op: "fdatasync", Path: f.Name(), Err: err}
			}
			return nil
		}
	}
}
