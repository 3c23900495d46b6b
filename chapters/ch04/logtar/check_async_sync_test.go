package logtar

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
)

func TestAsyncSyncWaitsForEarlierRecords(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newAsyncStepGate()
		l, err := New(NewConfig().WithWriter(w).WithAsync(true))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			l.Info(fmt.Sprint(i)) // queued; the writer is blocked
		}
		synced := make(chan error, 1)
		go func() { synced <- l.Sync() }()
		synctest.Wait()
		var syncErr error
		returned := false
		select {
		case syncErr = <-synced:
			returned = true
			t.Errorf("Sync returned (%v) before the records were written, want it to wait for every record logged before it", syncErr)
		default:
		}
		w.release()
		if !returned {
			syncErr = <-synced
			// Everything logged before Sync is written the moment it returns.
			asyncStepNumbered(t, w.String(), 10)
		}
		if syncErr != nil {
			t.Errorf("Sync() = %v, want nil", syncErr)
		}
		if err := l.Close(); err != nil {
			t.Errorf("Close() = %v, want nil", err)
		}
	})
}

func TestAsyncSyncReportsWriteErrors(t *testing.T) {
	l, err := New(NewConfig().WithWriter(&syncCloseStepFull{ok: 1}).WithAsync(true))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("ok")
	// "ok" goes out alone: from lesson 4.6 on, the writer goroutine
	// writes the records it finds queued together, with one Write.
	if err := l.Sync(); err != nil {
		t.Fatalf("Sync() after one record the writer took = %v, want nil", err)
	}
	l.Info("lost 1")
	l.Info("lost 2")
	err = l.Sync()
	if !errors.Is(err, syncCloseStepErrFull) || !strings.Contains(err.Error(), "2 records") {
		t.Errorf("Sync() in async mode after 2 failed writes = %v, want an error counting \"2 records\" and wrapping the first error: the writer goroutine found them, and Sync must bring them back", err)
	}
	if err := l.Sync(); err != nil {
		t.Errorf("a second Sync() = %v, want nil: each error is reported once", err)
	}
	l.Info("lost 3")
	if err := l.Close(); !errors.Is(err, syncCloseStepErrFull) || !strings.Contains(err.Error(), "1 record met") {
		t.Errorf("Close() after 1 more failed write = %v, want the error for that record", err)
	}
}

func TestAsyncSyncThenRead(t *testing.T) {
	l, buf := callerInfoLogger(t, NewConfig().WithAsync(true))
	for i := range 100 {
		c, f := callerInfoHere()
		l.Info("async", "i", i)
		if err := l.Sync(); err != nil {
			t.Fatalf("Sync() = %v, want nil", err)
		}
		records := buf.records(t)
		if len(records) != i+1 {
			t.Fatalf("after logging record %d and calling Sync, the writer holds %d records, want %d: everything logged before Sync is written when it returns", i, len(records), i+1)
		}
		callerInfoCheck(t, "Info in async mode, read after Sync", records[i], c, f)
	}
}

func TestAsyncSyncWhileLogging(t *testing.T) {
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithAsync(true).WithQueueSize(16))
	if err != nil {
		t.Fatal(err)
	}
	const goroutines, each = 8, 500
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				l.Info("x", "g", g, "i", i)
				if i%100 == 0 {
					if err := l.Sync(); err != nil {
						t.Errorf("Sync() while other goroutines log = %v, want nil", err)
					}
				}
			}
		})
	}
	wg.Wait()
	if err := l.Close(); err != nil {
		t.Fatalf("Close() = %v, want nil", err)
	}
	if got := len(loggerStepRecords(t, buf.String())); got != goroutines*each {
		t.Errorf("%d records written, want %d", got, goroutines*each)
	}
}
