package logtar

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
)

// gateWriter blocks every Write until open is closed.
type gateWriter struct {
	open chan struct{}
	buf  syncBuffer
}

func (w *gateWriter) Write(p []byte) (int, error) {
	<-w.open
	return w.buf.Write(p)
}

// checkNumbered checks that data holds records "0" to "n-1" in order.
func checkNumbered(t *testing.T, data string, n int) {
	t.Helper()
	records := decodeRecords(t, data)
	if len(records) != n {
		t.Fatalf("got %d records, want %d", len(records), n)
	}
	for i, r := range records {
		if r["msg"] != fmt.Sprint(i) {
			t.Fatalf("record %d is %q, want %q", i, r["msg"], fmt.Sprint(i))
		}
	}
}

func TestAsyncBlockedWriterLosesNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &gateWriter{open: make(chan struct{})}
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(8))
		if err != nil {
			t.Fatal(err)
		}
		const n = 100
		logged := make(chan struct{})
		go func() {
			defer close(logged)
			for i := range n {
				l.Info(fmt.Sprint(i))
			}
		}()
		// Wait until every goroutine in the bubble is blocked: the writer
		// on the gate, the logging goroutine on the full queue.
		synctest.Wait()
		select {
		case <-logged:
			t.Fatal("all records were accepted while the writer was blocked, want the logging goroutine to wait")
		default:
		}
		if got := w.buf.String(); got != "" {
			t.Fatalf("output before the gate opened = %q, want nothing", got)
		}
		close(w.open)
		<-logged
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		checkNumbered(t, w.buf.String(), n)
	})
}

func TestAsyncCloseDrainsQueue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &gateWriter{open: make(chan struct{})}
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(50))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 50 {
			l.Info(fmt.Sprint(i)) // fills the queue; nothing is written yet
		}
		closed := make(chan error)
		go func() { closed <- l.Close() }()
		synctest.Wait()
		select {
		case err := <-closed:
			t.Fatalf("Close returned (%v) before the queue was written", err)
		default:
		}
		close(w.open)
		if err := <-closed; err != nil {
			t.Fatal(err)
		}
		checkNumbered(t, w.buf.String(), 50)
		// When the bubble ends, synctest fails the test if any goroutine
		// it started, such as the writer goroutine, is still around.
	})
}

func TestAsyncSyncWaitsForEarlierRecords(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &gateWriter{open: make(chan struct{})}
		l, err := New(NewConfig().WithWriter(w).WithAsync(true))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			l.Info(fmt.Sprint(i))
		}
		synced := make(chan error)
		go func() { synced <- l.Sync() }()
		synctest.Wait()
		select {
		case <-synced:
			t.Fatal("Sync returned before the records were written")
		default:
		}
		close(w.open)
		if err := <-synced; err != nil {
			t.Fatal(err)
		}
		checkNumbered(t, w.buf.String(), 10) // all there the moment Sync returns
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestAsyncNoGoroutineLeft(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, queue := range []int{1, 1024} {
			l, err := New(NewConfig().WithWriter(&syncBuffer{}).WithAsync(true).WithQueueSize(queue))
			if err != nil {
				t.Fatal(err)
			}
			l.Info("x")
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
		}
		// The writer goroutines must have exited: a goroutine still
		// blocked when the bubble ends makes synctest.Test fail.
	})
}

func TestAsyncManyWritersKeepTheirOrder(t *testing.T) {
	var buf syncBuffer
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
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	next := make([]int, goroutines)
	for _, r := range decodeRecords(t, buf.String()) {
		g, i := int(r["g"].(float64)), int(r["i"].(float64))
		if i != next[g] {
			t.Fatalf("goroutine %d: record %d came after %d", g, i, next[g]-1)
		}
		next[g]++
	}
	for g, n := range next {
		if n != each {
			t.Errorf("goroutine %d: %d records, want %d", g, n, each)
		}
	}
}

func TestAsyncFailingWriterSurfaces(t *testing.T) {
	l, err := New(NewConfig().WithWriter(&failingWriter{}).WithAsync(true))
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		l.Info("lost")
	}
	err = l.Close()
	if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), "5 records") {
		t.Errorf("Close() = %v, want the 5 failed records reported with the first error", err)
	}
}
