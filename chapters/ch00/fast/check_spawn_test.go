package fast

import (
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

// spawnRun runs Spawn in a goroutine and fails the test, instead of
// hanging, when it has not returned within d.
func spawnRun(t *testing.T, d time.Duration, n int, f func(int)) {
	t.Helper()
	done := make(chan struct{})
	go func() { Spawn(n, f); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("Spawn(%d, f) did not return within %v: does it wait for something that never happens?", n, d)
	}
}

func TestSpawnCallsEachIndexOnce(t *testing.T) {
	for range 20 {
		n := 1 + rand.IntN(300)
		calls := make([]atomic.Int32, n)
		var bad atomic.Int64
		bad.Store(-1)
		spawnRun(t, 10*time.Second, n, func(i int) {
			if i < 0 || i >= n {
				bad.Store(int64(i))
				return
			}
			calls[i].Add(1)
		})
		if b := bad.Load(); b != -1 {
			t.Fatalf("Spawn(%d, f) called f(%d): the indexes are 0 to n-1", n, b)
		}
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Fatalf("Spawn(%d, f) called f(%d) %d times, want once each (did every goroutine get its own i?)", n, i, c)
			}
		}
	}
}

func TestSpawnRunsAllAtOnce(t *testing.T) {
	// Every call waits until all n calls have started: that only ends if
	// they run at the same time, each in a goroutine of its own.
	n := 2 + rand.IntN(200)
	var started atomic.Int64
	all := make(chan struct{})
	giveUp := time.After(5 * time.Second)
	var timedOut atomic.Bool
	spawnRun(t, 10*time.Second, n, func(int) {
		if started.Add(1) == int64(n) {
			close(all)
		}
		select {
		case <-all:
		case <-giveUp:
			timedOut.Store(true)
		}
	})
	if got := started.Load(); got != int64(n) {
		t.Fatalf("Spawn(%d, f) called f %d times, want %d", n, got, n)
	}
	if timedOut.Load() {
		t.Fatalf("Spawn(%d, f): only %d calls of f ran at the same time, want all %d: start each call in its own goroutine (go, or wg.Go)", n, started.Load(), n)
	}
}

func TestSpawnWaitsForAll(t *testing.T) {
	n := 2 + rand.IntN(100)
	var finished atomic.Int64
	release := make(chan struct{})
	var started atomic.Int64
	spawnRun(t, 10*time.Second, n, func(int) {
		if started.Add(1) == int64(n) {
			close(release)
		}
		<-release
		finished.Add(1)
	})
	if got := finished.Load(); got != int64(n) {
		t.Fatalf("Spawn(%d, f) returned when %d calls had finished, want all %d: wait for them (wg.Wait)", n, got, n)
	}
}

func TestSpawnZero(t *testing.T) {
	var calls atomic.Int64
	for _, n := range []int{0, -1 - rand.IntN(10)} {
		spawnRun(t, 5*time.Second, n, func(int) { calls.Add(1) })
		if c := calls.Load(); c != 0 {
			t.Fatalf("Spawn(%d, f) called f %d times, want none", n, c)
		}
	}
}
