package ratelimit

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestDecisionFieldsMatchTheBucket(t *testing.T) {
	units := []time.Duration{time.Nanosecond, time.Microsecond, time.Millisecond}
	for range 100 {
		limit := 1 + rand.Int64N(20)
		interval := 1 + rand.Int64N(1000)
		period := limit*interval + rand.Int64N(interval)
		unit := units[rand.IntN(len(units))]
		var b gcraBucket
		var tat, now int64
		for i := range 60 {
			now += rand.Int64N(2 * interval)
			allowed, level := b.take(now, period, interval)
			want := Decision{Allowed: true, Remaining: int((period - level) / interval), ResetAfter: time.Duration(level) * unit}
			if !allowed {
				want = Decision{ResetAfter: time.Duration(level) * unit, RetryAfter: time.Duration(level+interval-period) * unit}
			}
			next, d := decide(tat, now, period, interval, unit)
			if d != want {
				t.Fatalf("period %d, interval %d (unit %v), request %d at %d with TAT %d: decide = %+v; want %+v",
					period, interval, unit, i+1, now, tat, d, want)
			}
			tat = next
		}
	}
}

func TestDecisionOfAFreshBurst(t *testing.T) {
	limit := 2 + rand.IntN(30)
	interval := int64(1 + rand.IntN(1000))
	period := int64(limit) * interval
	var tat int64
	for i := range limit {
		var d Decision
		tat, d = decide(tat, 0, period, interval, time.Nanosecond)
		if d.Remaining != limit-1-i {
			t.Fatalf("limit %d, request %d of a fresh key: Remaining %d; want %d", limit, i+1, d.Remaining, limit-1-i)
		}
	}
	_, d := decide(tat, 0, period, interval, time.Nanosecond)
	if d.Allowed || d.RetryAfter <= 0 || d.RetryAfter != time.Duration(interval) {
		t.Fatalf("limit %d, request %d at the same instant: %+v; want refused with RetryAfter %d (one interval), never 0",
			limit, limit+1, d, interval)
	}
}
