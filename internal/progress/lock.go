package progress

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Lock timing. A save holds the lock for the time it takes to read and write a few kilobytes,
// so a lock older than staleLock was left by a process that died holding it.
const (
	lockWait  = 5 * time.Second
	staleLock = 30 * time.Second
	lockPoll  = 5 * time.Millisecond
)

// lock takes the lock that serialises saves of the file at path: a file next to it, created
// exclusively (portable, unlike flock). It waits up to lockWait, breaks a stale lock, and returns
// the function that releases it.
func lock(path string) (unlock func(), err error) {
	name := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".lock")
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(lockWait)
	for {
		f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			f.Close()
			return func() { os.Remove(name) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if fi, serr := os.Stat(name); serr == nil && time.Since(fi.ModTime()) > staleLock {
			os.Remove(name) // its owner died holding it
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s is held by another learn for over %v; if none is running, delete it", name, lockWait)
		}
		time.Sleep(lockPoll)
	}
}
