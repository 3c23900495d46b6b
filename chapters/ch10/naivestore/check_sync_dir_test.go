package naivestore

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// syncDirOpenFiles returns how many descriptors the process has open, or
// -1 where /proc/self/fd does not say.
func syncDirOpenFiles() int {
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(fds)
}

func TestSyncDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("syncDir does nothing on Windows")
	}
	root := t.TempDir()
	missing := filepath.Join(root, fmt.Sprintf("gone-%d", rand.IntN(1e6)))
	err := syncDir(missing)
	if err == nil {
		t.Fatalf("syncDir(%q) = nil for a directory that does not exist: "+
			"open the directory (os.Open) and sync it, and return the errors you get", missing)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("syncDir(%q) = %v, want an error that wraps fs.ErrNotExist (wrap with %%w)", missing, err)
	}

	dir := filepath.Join(root, fmt.Sprintf("d-%d", rand.IntN(1e6)))
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	before := syncDirOpenFiles()
	calls := 20 + rand.IntN(20)
	for range calls {
		if err := syncDir(dir); err != nil {
			t.Fatalf("syncDir(%q) = %v, want nil for a directory that exists", dir, err)
		}
	}
	if after := syncDirOpenFiles(); before >= 0 && after > before {
		t.Fatalf("after %d calls of syncDir the process has %d more descriptors open: close the directory", calls, after-before)
	}
}
