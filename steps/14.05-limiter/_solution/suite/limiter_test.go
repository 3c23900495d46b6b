package suite

import (
	"testing"
	"testing/synctest"
	"time"
)

// allowed counts how many of n calls to l.Allow succeed, now.
func allowed(l *Limiter, n int) int {
	ok := 0
	for range n {
		if l.Allow() {
			ok++
		}
	}
	return ok
}

func TestLimiter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := NewLimiter(time.Second, 3)
		if got := allowed(l, 10); got != 3 {
			t.Fatalf("a fresh limiter allowed %d of 10, want its burst, 3", got)
		}
		time.Sleep(time.Second - time.Nanosecond)
		if got := allowed(l, 1); got != 0 {
			t.Fatalf("just before one interval: allowed %d, want 0", got)
		}
		time.Sleep(time.Nanosecond)
		if got := allowed(l, 10); got != 1 {
			t.Fatalf("after one interval: allowed %d, want 1", got)
		}
		time.Sleep(2500 * time.Millisecond)
		if got := allowed(l, 10); got != 2 {
			t.Fatalf("after 2.5 intervals: allowed %d, want 2", got)
		}
		time.Sleep(500 * time.Millisecond) // with the half interval kept, this is the third
		if got := allowed(l, 10); got != 1 {
			t.Fatalf("after the other half interval: allowed %d, want 1", got)
		}
		time.Sleep(time.Hour)
		if got := allowed(l, 10); got != 3 {
			t.Fatalf("after an hour idle: allowed %d, want burst, 3", got)
		}
	})
}
