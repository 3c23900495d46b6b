package ratelimit

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// fixedWindowBurst sends n requests for key at once and returns how many
// were allowed.
func fixedWindowBurst(b Backend, key string, p Policy, n int) int {
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if d, err := b.Allow(context.Background(), key, p); err == nil && d.Allowed {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	return int(allowed.Load())
}

func TestFixedWindowCountsInWindows(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		limit := 2 + rand.IntN(20)
		// Periods that divide a day: the windows of Truncate are aligned
		// to the zero time, and the bubble's clock starts at midnight.
		periods := []int{2, 4, 5, 6, 8, 10, 12, 15, 16, 20, 24, 30, 40, 45, 48, 60}
		p := Policy{Limit: limit, Period: time.Duration(periods[rand.IntN(len(periods))]) * time.Second}
		into := time.Duration(rand.Int64N(int64(p.Period) - int64(time.Second)))
		left := p.Period - into
		time.Sleep(into)
		f := NewFixedWindow()
		for i := range limit {
			d, err := f.Allow(ctx, "k", p)
			want := Decision{Allowed: true, Limit: limit, Remaining: limit - 1 - i, ResetAfter: left}
			if err != nil || d != want {
				t.Fatalf("%d per %v, request %d, %v into the window: Allow = %+v, %v; want %+v", limit, p.Period, i+1, into, d, err, want)
			}
		}
		d, _ := f.Allow(ctx, "k", p)
		want := Decision{Limit: limit, ResetAfter: left, RetryAfter: left}
		if d != want {
			t.Fatalf("%d per %v, request %d in one window: Allow = %+v; want %+v (refused until the window ends)", limit, p.Period, limit+1, d, want)
		}
		if d, _ := f.Allow(ctx, "other", p); !d.Allowed {
			t.Fatalf("another key in the same window: Allow = %+v; want allowed (each key has its own count)", d)
		}
		time.Sleep(left)
		if d, _ := f.Allow(ctx, "k", p); !d.Allowed || d.Remaining != limit-1 || d.ResetAfter != p.Period {
			t.Fatalf("first request of the next window: Allow = %+v; want a fresh count, Remaining %d, ResetAfter %v", d, limit-1, p.Period)
		}
	})
}

func TestFixedWindowLetsTwiceTheLimitThroughAtTheBoundary(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		limit := 3 + rand.IntN(30)
		p := Policy{Limit: limit, Period: time.Minute}
		f := NewFixedWindow()
		time.Sleep(time.Minute - time.Second)
		before := fixedWindowBurst(f, "k", p, 2*limit)
		time.Sleep(2 * time.Second)
		after := fixedWindowBurst(f, "k", p, 2*limit)
		if before != limit || after != limit {
			t.Errorf("%d per minute, %d requests at once 1 s before a window ends and %d 1 s after: %d and %d allowed; want %d and %d, twice the limit within 2 s",
				limit, 2*limit, 2*limit, before, after, limit, limit)
		}
	})
}

func TestFixedWindowRefusesBadPolicy(t *testing.T) {
	for _, p := range []Policy{{Limit: 0, Period: time.Second}, {Limit: 1 + rand.IntN(9), Period: 0}} {
		if _, err := NewFixedWindow().Allow(context.Background(), "k", p); !errors.Is(err, ErrInvalidPolicy) {
			t.Errorf("Allow with %+v: error %v; want ErrInvalidPolicy", p, err)
		}
	}
}
