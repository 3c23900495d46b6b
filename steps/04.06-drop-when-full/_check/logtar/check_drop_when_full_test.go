package logtar

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
)

// The sentinel for a full queue, ErrQueueFull, does not exist before this
// step, so this check compares its text.
const dropStepFull = "logtar: async queue full"

func TestDropWhenFullNeverWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := newAsyncStepGate()
		var mu sync.Mutex
		var heard []error
		size := 2 + rand.IntN(14)
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(size).WithDropWhenFull(true).
			WithErrorHandler(func(err error) { mu.Lock(); heard = append(heard, err); mu.Unlock() }))
		if err != nil {
			t.Fatal(err)
		}
		n := 100 + rand.IntN(100)
		// Each record is bigger than any batch a writer gathers (64 KiB,
		// from step 04.06-batch-queue on), so a writer that batches holds
		// at most two records: the batch it is writing, and the next it
		// took off the queue.
		pad := strings.Repeat("p", 70<<10)
		logged := make(chan struct{})
		go func() {
			defer close(logged)
			for i := range n {
				l.Info(fmt.Sprint(i), "pad", pad)
			}
		}()
		synctest.Wait() // the writer is stuck on the gate
		select {
		case <-logged:
		default:
			w.release()
			<-logged
			l.Close()
			t.Fatalf("with the writer stuck and a queue of %d, %d logging calls did not all return: in drop mode, a record that finds the queue full is dropped, never waited for", size, n)
		}
		w.release()
		err = l.Sync()
		written := strings.Count(w.String(), "\n")
		dropped := n - written
		// The writer took the first record (and, once it batches, the
		// second) before it got stuck, or the queue filled first.
		if written < size || written > size+2 {
			t.Errorf("%d records with a queue of %d and the writer stuck: %d written, want %d to %d", n, size, written, size, size+2)
		}
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("dropped %s", syncCloseRecords(dropped))) || !strings.Contains(err.Error(), dropStepFull) {
			t.Errorf("Sync() = %v, want an error that counts the %s dropped and wraps ErrQueueFull (%q)", err, syncCloseRecords(dropped), dropStepFull)
		}
		mu.Lock()
		if len(heard) != dropped || (len(heard) > 0 && heard[0].Error() != dropStepFull) {
			t.Errorf("the error handler heard %d errors (the first: %v), want %d, each ErrQueueFull", len(heard), heard[:min(1, len(heard))], dropped)
		}
		mu.Unlock()
		if err := l.Sync(); err != nil {
			t.Errorf("a second Sync() = %v, want nil: drops are reported once", err)
		}
		if err := l.Close(); err != nil {
			t.Errorf("Close() = %v, want nil", err)
		}
	})
}

func TestDropWhenFullKeepsWhatFits(t *testing.T) {
	// With a writer that keeps up, the drop mode drops nothing: only a
	// full queue drops.
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithAsync(true).WithQueueSize(1 << 12).WithDropWhenFull(true))
	if err != nil {
		t.Fatal(err)
	}
	n := 500 + rand.IntN(500)
	for i := range n {
		l.Info(fmt.Sprint(i))
	}
	if err := l.Close(); err != nil {
		t.Fatalf("Close() = %v, want nil", err)
	}
	asyncStepNumbered(t, buf.String(), n)
	var ce *ConfigError
	if err := NewConfig().WithDropWhenFull(true).Validate(); !errors.As(err, &ce) || ce.Field != "drop_when_full" {
		t.Errorf("drop mode without async: Validate() = %v, want a ConfigError for drop_when_full", err)
	}
}
