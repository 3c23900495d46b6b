package files

import (
	"fmt"
	"io/fs"
	"os"
)

// CreateExclusive creates a file at path holding data, but only if nothing
// exists at path yet, not even a dangling symbolic link. The check and the
// creation are one step for the operating system (O_CREATE|O_EXCL), so when
// two processes race to create the same file exactly one of them wins. When
// the file exists the error wraps fs.ErrExist and the file is left as it was.
//
// The new file gets the permission bits perm less the process's umask, as
// any file the operating system creates. If writing or closing fails, the
// half-written file is removed, so that a later call can try again.
func CreateExclusive(path string, data []byte, perm fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return fmt.Errorf("files: %w", err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("files: write %s: %w", path, err)
	}
	return nil
}
