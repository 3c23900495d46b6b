package lockfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestTryLock(t *testing.T) {
	name := filepath.Join(t.TempDir(), "lock")
	release, err := TryLock(name, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TryLock(name, time.Minute); !errors.Is(err, fs.ErrExist) {
		t.Errorf("TryLock on a held lock = %v, want an error wrapping fs.ErrExist", err)
	}
	release()
	release2, err := TryLock(name, time.Minute)
	if err != nil {
		t.Fatalf("TryLock after release = %v, want nil", err)
	}
	release2()
}

func TestTryLockBreaksAStaleLock(t *testing.T) {
	name := filepath.Join(t.TempDir(), "lock")
	if err := os.WriteFile(name, []byte("held by process 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * time.Minute)
	if err := os.Chtimes(name, old, old); err != nil {
		t.Fatal(err)
	}
	release, err := TryLock(name, time.Minute)
	if err != nil {
		t.Fatalf("TryLock on a lock untouched for 2m, stale after 1m = %v, want nil", err)
	}
	release()
}
