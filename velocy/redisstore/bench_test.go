package redisstore

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ratelimit"
	"github.com/redis/go-redis/v9"
)

// The benchmarks make rate limit decisions from 8 goroutines (whatever
// GOMAXPROCS is) over 1024 keys, against the shared server, and report
// decisions per second and round trips per decision, counted by the
// client hook. Run them with:
//
//	go test -run '^$' -bench . -count 5
//
// Limiter is the GCRA script. FixedWindowPipelined is the cheap baseline:
// INCR and PEXPIRE of a per-window counter in one pipeline, also one round
// trip, but a fixed window, which lets a client send twice its limit
// across a window's boundary. GetThenSet is the naive read-modify-write
// of an allowed request, two round trips and a race; it is here for its
// cost only.

const (
	benchGoroutines = 8
	benchKeys       = 1024
)

var benchPolicy = ratelimit.Policy{Limit: 100, Period: time.Second}

// runDecisions calls decide b.N times in all from benchGoroutines
// goroutines, with the index of the call, and reports the rates.
func runDecisions(b *testing.B, c *redis.Client, decide func(ctx context.Context, i int64) error) {
	count := &roundTrips{}
	c.AddHook(count)
	ctx := context.Background()
	// Warm up from every goroutine at once: the script gets loaded and
	// the pool dials its connections, whose handshakes (HELLO, CLIENT
	// SETINFO) are not the decisions' round trips.
	var warm sync.WaitGroup
	for range benchGoroutines {
		warm.Go(func() {
			if err := decide(ctx, 0); err != nil {
				b.Error(err)
			}
		})
	}
	warm.Wait()
	var next atomic.Int64
	before := count.total()
	b.ResetTimer()
	var wg sync.WaitGroup
	for range benchGoroutines {
		wg.Go(func() {
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				if err := decide(ctx, i); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
	b.ReportMetric(float64(count.total()-before)/float64(b.N), "roundtrips/op")
}

func benchKey(i int64) string { return "client-" + strconv.FormatInt(i%benchKeys, 10) }

func BenchmarkLimiter(b *testing.B) {
	c := newClient(b)
	l := NewLimiter(c, testPrefix(b))
	runDecisions(b, c, func(ctx context.Context, i int64) error {
		_, err := l.Allow(ctx, benchKey(i), benchPolicy)
		return err
	})
}

func BenchmarkFixedWindowPipelined(b *testing.B) {
	c := newClient(b)
	prefix := testPrefix(b)
	period := benchPolicy.Period
	runDecisions(b, c, func(ctx context.Context, i int64) error {
		window := time.Now().UnixNano() / int64(period)
		key := prefix + benchKey(i) + ":" + strconv.FormatInt(window, 10)
		pipe := c.Pipeline()
		incr := pipe.Incr(ctx, key)
		pipe.PExpire(ctx, key, period)
		if _, err := pipe.Exec(ctx); err != nil {
			return err
		}
		_ = incr.Val() <= int64(benchPolicy.Limit) // the decision
		return nil
	})
}

func BenchmarkGetThenSet(b *testing.B) {
	c := newClient(b)
	prefix := testPrefix(b)
	runDecisions(b, c, func(ctx context.Context, i int64) error {
		key := prefix + benchKey(i)
		n, err := c.Get(ctx, key).Int64()
		if err != nil && err != redis.Nil {
			return err
		}
		// Every decision here allows and writes back: the two round
		// trips of an allowed request are what is measured.
		return c.Set(ctx, key, n+1, benchPolicy.Period).Err()
	})
}
