package ratelimit

import (
	"math/rand/v2"
	"testing"
	"time"
)

// gcraBucket is the model the checks compare decide with: GCRA in its
// other classic form, a leaky bucket. level is how full the bucket is,
// in time; each allowed request pours in one interval; the bucket drains
// one unit per unit of time and holds one period.
type gcraBucket struct {
	level, last int64
}

// take returns whether the bucket takes one more request at now, and its
// level after.
func (b *gcraBucket) take(now, period, interval int64) (bool, int64) {
	level := max(0, b.level-(now-b.last))
	if level+interval > period {
		return false, level
	}
	b.level, b.last = level+interval, now
	return true, b.level
}

func TestGCRAFreshKeyAllowsExactlyLimit(t *testing.T) {
	for range 50 {
		limit := 1 + rand.Int64N(50)
		interval := 1 + rand.Int64N(1000)
		period := limit * interval
		now := rand.Int64N(1 << 40)
		tat := now - rand.Int64N(1000) // a past TAT means no state
		allowed := 0
		for range limit + 5 {
			next, d := decide(tat, now, period, interval, time.Nanosecond)
			if d.Allowed {
				allowed++
				if next != max(tat, now)+interval {
					t.Fatalf("limit %d, interval %d: allowed with TAT %d at %d, new TAT %d; want %d (one interval later)",
						limit, interval, tat, now, next, max(tat, now)+interval)
				}
			} else if next != tat {
				t.Fatalf("refused with TAT %d: new TAT %d; a refusal must leave the TAT as it was", tat, next)
			}
			tat = next
		}
		if allowed != int(limit) {
			t.Fatalf("%d requests at one instant against limit %d (period %d, interval %d): %d allowed; want exactly %d",
				limit+5, limit, period, interval, allowed, limit)
		}
	}
}

func TestGCRAMatchesTheBucket(t *testing.T) {
	for range 100 {
		limit := 1 + rand.Int64N(20)
		interval := 1 + rand.Int64N(1000)
		period := limit*interval + rand.Int64N(interval) // not always a multiple
		var b gcraBucket
		var tat, now int64
		for i := range 60 {
			now += rand.Int64N(2 * interval)
			allowed, level := b.take(now, period, interval)
			next, d := decide(tat, now, period, interval, time.Nanosecond)
			if d.Allowed != allowed || allowed && next != now+level {
				t.Fatalf("period %d, interval %d, request %d at %d with TAT %d: decide = %d, allowed %v; want allowed %v (new TAT %d)",
					period, interval, i+1, now, tat, next, d.Allowed, allowed, now+level)
			}
			tat = next
		}
	}
}
