package progress

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/lockfile"
)

// Lock timing. A save holds the lock for the time it takes to read and write a few kilobytes,
// so a lock older than staleLock was left by a process that died holding it.
const (
	lockWait  = 5 * time.Second
	staleLock = 30 * time.Second
	lockPoll  = 5 * time.Millisecond
)

// lock takes the lock that serialises saves of the file at path: a lock file next to it (see
// package lockfile). It waits up to lockWait and returns the function that releases it.
func lock(path string) (unlock func(), err error) {
	name := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".lock")
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(lockWait)
	for {
		unlock, err := lockfile.TryLock(name, staleLock)
		if !errors.Is(err, fs.ErrExist) {
			return unlock, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s is held by another learn for over %v; if none is running, delete it", name, lockWait)
		}
		time.Sleep(lockPoll)
	}
}
