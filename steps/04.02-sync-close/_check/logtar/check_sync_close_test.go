package logtar

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
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

// syncCloseRecords says "1 record" or "n records", as the errors do.
func syncCloseRecords(n int) string {
	if n == 1 {
		return "1 record"
	}
	return fmt.Sprintf("%d records", n)
}

func TestSyncCloseReportsWriteErrors(t *testing.T) {
	ok, lost, later := rand.IntN(4), 2+rand.IntN(8), 1+rand.IntN(5)
	l, err := New(NewConfig().WithWriter(&syncCloseStepFull{ok: ok}))
	if err != nil {
		t.Fatal(err)
	}
	for range ok + lost {
		l.Info("a record")
	}
	err = l.Sync()
	first := fmt.Sprintf("write %d: disk full", ok+1)
	if !errors.Is(err, syncCloseStepErrFull) || !strings.Contains(err.Error(), syncCloseRecords(lost)+" met") || !strings.Contains(err.Error(), first) {
		t.Errorf("Sync() after %d good and %d failed writes = %v, want an error that counts %q and wraps the first error (%s)", ok, lost, err, syncCloseRecords(lost), first)
	}
	if err := l.Sync(); err != nil {
		t.Errorf("a second Sync() = %v, want nil: each error is reported once", err)
	}
	for range later {
		l.Info("another record")
	}
	if err := l.Close(); !errors.Is(err, syncCloseStepErrFull) || !strings.Contains(err.Error(), syncCloseRecords(later)+" met") {
		t.Errorf("Close() after %d more failed writes = %v, want an error for the %q that met an error since Sync", later, err, syncCloseRecords(later))
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
	n := 1 + rand.IntN(9)
	for i := range n {
		l.Error("after", "i", i)
	}
	want := "dropped " + syncCloseRecords(n)
	err = l.Close()
	if !errors.Is(err, ErrClosed) || !strings.Contains(err.Error(), want) {
		t.Errorf("Close() after %d records were logged on a closed Logger = %v, want an error wrapping ErrClosed that says %q", n, err, want)
	}
	if err := l.Sync(); !errors.Is(err, ErrClosed) || !strings.Contains(err.Error(), want) {
		t.Errorf("Sync() after %d records were logged on a closed Logger = %v, want an error wrapping ErrClosed that says %q", n, err, want)
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
