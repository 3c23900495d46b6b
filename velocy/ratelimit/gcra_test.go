package ratelimit

import (
	"errors"
	"testing"
	"time"
)

// bucket is the model GCRA is checked against: the same algorithm in its
// other classic form, a leaky bucket. level is how full the bucket is, in
// time; each request pours in one interval, the bucket drains one unit
// per unit of time, and it holds one period. A request that would make it
// overflow is refused and pours nothing.
type bucket struct {
	level, last int64
}

func (b *bucket) take(now, period, t int64) (allowed bool, remaining int, resetAfter, retryAfter int64) {
	level := max(0, b.level-(now-b.last))
	if level+t > period {
		return false, 0, level, level + t - period
	}
	b.level, b.last = level+t, now
	return true, int((period - b.level) / t), b.level, 0
}

func TestDecideTable(t *testing.T) {
	const s = time.Second
	third := int64(s / 3)
	tests := []struct {
		name      string
		tat, now  int64
		period    int64
		want      Decision
		wantTAT   int64
		intervalT int64
	}{
		{"fresh key", 0, 0, int64(s), Decision{Allowed: true, Remaining: 2, ResetAfter: time.Duration(third)}, third, third},
		{"third of three", 2 * third, 0, int64(s), Decision{Allowed: true, Remaining: 0, ResetAfter: time.Duration(3 * third)}, 3 * third, third},
		{"fourth of three", 3 * third, 0, int64(s), Decision{ResetAfter: time.Duration(3 * third), RetryAfter: time.Duration(4*third - int64(s))}, 3 * third, third},
		{"one interval later", 3 * third, third, int64(s), Decision{Allowed: true, Remaining: 0, ResetAfter: time.Duration(3 * third)}, 4 * third, third},
		{"past TAT is no state", 5, 1000, 100, Decision{Allowed: true, Remaining: 9, ResetAfter: 10}, 1010, 10},
		{"refused just before", 100, 9, 100, Decision{ResetAfter: 91, RetryAfter: 1}, 100, 10},
		{"allowed exactly at the edge", 100, 10, 100, Decision{Allowed: true, Remaining: 0, ResetAfter: 100}, 110, 10},
	}
	for _, tt := range tests {
		gotTAT, got := decide(tt.tat, tt.now, tt.period, tt.intervalT, time.Nanosecond)
		if got != tt.want || gotTAT != tt.wantTAT {
			t.Errorf("%s: decide(%d, %d, %d, %d) = %d, %+v; want %d, %+v", tt.name,
				tt.tat, tt.now, tt.period, tt.intervalT, gotTAT, got, tt.wantTAT, tt.want)
		}
	}
}

// TestDecideAgainstBucket walks many keys through many requests at
// pseudo-random times and compares every answer with the bucket's.
func TestDecideAgainstBucket(t *testing.T) {
	seed := uint64(1)
	rnd := func(n int64) int64 {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int64(seed>>33) % n
	}
	for range 200 {
		limit := 1 + rnd(20)
		period := limit * (1 + rnd(1000))
		t0 := period / limit
		var b bucket
		tat, now := int64(0), int64(0)
		for range 100 {
			now += rnd(2 * t0)
			allowed, rem, reset, retry := b.take(now, period, t0)
			var d Decision
			tat, d = decide(tat, now, period, t0, 1)
			want := Decision{Allowed: allowed, Remaining: rem, ResetAfter: time.Duration(reset), RetryAfter: time.Duration(retry)}
			if d != want {
				t.Fatalf("limit %d period %d at %d: decide = %+v, bucket = %+v", limit, period, now, d, want)
			}
		}
	}
}

func TestEmissionInvalid(t *testing.T) {
	for _, p := range []Policy{{}, {Limit: 1}, {Period: time.Second}, {Limit: -1, Period: time.Second}, {Limit: 10, Period: 5}} {
		if _, _, ok := emission(p, time.Nanosecond); ok {
			t.Errorf("emission(%+v) ok, want false", p)
		}
		if err := invalid(p); !errors.Is(err, ErrInvalidPolicy) {
			t.Errorf("invalid(%+v) = %v, want ErrInvalidPolicy", p, err)
		}
	}
	period, iv, ok := emission(Policy{Limit: 3, Period: time.Second}, time.Microsecond)
	if !ok || period != 1_000_000 || iv != 333_333 {
		t.Errorf("emission(3 per 1s, µs) = %d, %d, %v; want 1000000, 333333, true", period, iv, ok)
	}
}
