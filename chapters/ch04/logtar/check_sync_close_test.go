package logtar

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// syncCloseStepFull fails every write after the first ok ones, like a disk
// that fills up.
type syncCloseStepFull struct {
	mu sync.Mutex
	ok int
	n  int
}

var syncCloseStepErrFull = errors.New("disk full")

func (w *syncCloseStepFull) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n++
	if w.n > w.ok {
		return 0, fmt.Errorf("write %d: %w", w.n, syncCloseStepErrFull)
	}
	return len(p), nil
}

func TestSyncCloseReportsWriteErrors(t *testing.T) {
	l, err := New(NewConfig().WithWriter(&syncCloseStepFull{ok: 1}))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("ok")
	l.Info("lost 1")
	l.Info("lost 2")
	err = l.Sync()
	if !errors.Is(err, syncCloseStepErrFull) || !strings.Contains(err.Error(), "2 records") || !strings.Contains(err.Error(), "write 2") {
		t.Errorf("Sync() after 2 failed writes = %v, want an error that counts \"2 records\" and wraps the first error (write 2: disk full)", err)
	}
	if err := l.Sync(); err != nil {
		t.Errorf("a second Sync() = %v, want nil: each error is reported once", err)
	}
	l.Info("lost 3")
	if err := l.Close(); !errors.Is(err, syncCloseStepErrFull) || !strings.Contains(err.Error(), "1 record met") {
		t.Errorf("Close() after 1 more failed write = %v, want an error for the \"1 record\" that met an error since Sync", err)
	}
}

func TestSyncCloseDiskFull(t *testing.T) {
	// /dev/full is a device on which every write fails with ENOSPC, "no
	// space left on device": a full disk on demand.
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here:", err)
	}
	defer f.Close()
	l, err := New(NewConfig().WithWriter(f))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("nowhere to go")
	if err := l.Close(); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Close() after logging to /dev/full = %v, want an error wrapping ENOSPC (no space left on device)", err)
	}
}

func TestSyncCloseCountsDropped(t *testing.T) {
	l, err := New(NewConfig().WithWriter(io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatalf("Close() = %v, want nil", err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("a second Close() with nothing logged since = %v, want nil", err)
	}
	l.Info("after 1")
	l.Error("after 2", "k", "v")
	err = l.Close()
	if !errors.Is(err, ErrClosed) || !strings.Contains(err.Error(), "2 records") {
		t.Errorf("Close() after 2 records were logged on a closed Logger = %v, want an error wrapping ErrClosed that counts \"2 records\"", err)
	}
	if err := l.Sync(); !errors.Is(err, ErrClosed) || !strings.Contains(err.Error(), "2 records") {
		t.Errorf("Sync() after 2 records were logged on a closed Logger = %v, want an error wrapping ErrClosed that counts \"2 records\"", err)
	}
}

var syncCloseStepDropped = regexp.MustCompile(`dropped (\d+) records?`)

// syncCloseStepLines counts whole records written.
type syncCloseStepLines struct {
	mu    sync.Mutex
	lines int
}

func (w *syncCloseStepLines) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.lines += strings.Count(string(p), "\n")
	w.mu.Unlock()
	return len(p), nil
}

func TestSyncCloseWhileLogging(t *testing.T) {
	// Close racing with logging goroutines must neither panic nor lose a
	// record without counting it: every record is written or dropped.
	for round := range 5 {
		w := &syncCloseStepLines{}
		l, err := New(NewConfig().WithWriter(w))
		if err != nil {
			t.Fatal(err)
		}
		const goroutines, each = 4, 300
		var wg sync.WaitGroup
		for range goroutines {
			wg.Go(func() {
				for range each {
					l.Info("x")
				}
			})
		}
		if err := l.Close(); err != nil {
			t.Errorf("round %d: the first Close() = %v, want nil", round, err)
		}
		wg.Wait()
		dropped := 0
		if err := l.Close(); err != nil {
			m := syncCloseStepDropped.FindStringSubmatch(err.Error())
			if m == nil {
				t.Fatalf("round %d: a later Close() = %v, want an error saying \"dropped N records\"", round, err)
			}
			dropped, _ = strconv.Atoi(m[1])
		}
		w.mu.Lock()
		written := w.lines
		w.mu.Unlock()
		if written+dropped != goroutines*each {
			t.Fatalf("round %d: written %d + dropped %d = %d, want %d: a record logged after Close must be counted", round, written, dropped, written+dropped, goroutines*each)
		}
	}
}
