package bench

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ratelimit"
	"golang.org/x/time/rate"
)

// The limiter benchmarks compare velocy/ratelimit's Memory backend with
// golang.org/x/time/rate and with a naive table behind one mutex.
//
// They do not do quite the same work: a rate.Limiter is one limiter, for
// one key, and its Allow only reads the clock and updates two numbers
// under a mutex; Memory.Allow also hashes the key, picks a shard and looks
// the key up in a map. That lookup is the price of limiting per client,
// and it is measured here on purpose: the bar is that the whole decision
// for a key costs at most 1.5x what x/time/rate costs for its one limiter.

// limiterPolicies are the two cases measured: one whose requests are all
// allowed (every decision writes the new TAT) and one whose requests are,
// after the first burst, all refused (no write).
var limiterPolicies = []struct {
	name string
	p    ratelimit.Policy
}{
	{"allowed", ratelimit.Policy{Limit: 1_000_000_000, Period: 100 * time.Second}},
	{"refused", ratelimit.Policy{Limit: 10, Period: time.Second}},
}

// xrate returns the rate.Limiter with the same rate and burst as p.
func xrate(p ratelimit.Policy) *rate.Limiter {
	return rate.NewLimiter(rate.Limit(float64(p.Limit)/p.Period.Seconds()), p.Limit)
}

// BenchmarkLimiterAllow is one decision for one key: velocy's Memory, by
// the Backend interface (a call with a context), against rate.Limiter.Allow with the same rate and burst.
func BenchmarkLimiterAllow(b *testing.B) {
	for _, pc := range limiterPolicies {
		b.Run(pc.name+"/velocy", func(b *testing.B) {
			var be ratelimit.Backend = ratelimit.NewMemory(ratelimit.MemoryOptions{})
			ctx := context.Background()
			be.Allow(ctx, "client-203.0.113.7", pc.p)
			b.ReportAllocs()
			for b.Loop() {
				be.Allow(ctx, "client-203.0.113.7", pc.p)
			}
		})
		b.Run(pc.name+"/x-time-rate", func(b *testing.B) {
			l := xrate(pc.p)
			b.ReportAllocs()
			for b.Loop() {
				l.Allow()
			}
		})
	}
}

// BenchmarkLimiterPaired reports velocy's decision over rate.Limiter's as
// a ratio, measured on a shared, busy machine: each op times a block of
// rate.Limiter.Allow calls and then a block of Memory.Allow calls (by the
// Backend interface), and the benchmark reports the median over the ops
// of the ratio of the two blocks (x-rate), with each side's median ns.
func BenchmarkLimiterPaired(b *testing.B) {
	for _, pc := range limiterPolicies {
		b.Run(pc.name, func(b *testing.B) {
			const block = 512
			var be ratelimit.Backend = ratelimit.NewMemory(ratelimit.MemoryOptions{})
			l := xrate(pc.p)
			ctx := context.Background()
			var ratios, ours, theirs []float64
			for b.Loop() {
				t0 := time.Now()
				for range block {
					l.Allow()
				}
				t1 := time.Now()
				for range block {
					be.Allow(ctx, "client-203.0.113.7", pc.p)
				}
				t2 := time.Now()
				ratios = append(ratios, float64(t2.Sub(t1))/float64(t1.Sub(t0)))
				theirs = append(theirs, float64(t1.Sub(t0))/block)
				ours = append(ours, float64(t2.Sub(t1))/block)
			}
			b.ReportMetric(median(ratios), "x-rate")
			b.ReportMetric(median(ours), "velocy-ns")
			b.ReportMetric(median(theirs), "rate-ns")
		})
	}
}

// mutexMap is the naive limiter table: the same GCRA, one map of TATs,
// one mutex around it all.
type mutexMap struct {
	mu    sync.Mutex
	tats  map[string]int64
	epoch time.Time
}

func newMutexMap() *mutexMap {
	return &mutexMap{tats: make(map[string]int64), epoch: time.Now()}
}

func (m *mutexMap) Allow(_ context.Context, key string, p ratelimit.Policy) (ratelimit.Decision, error) {
	period := int64(p.Period)
	t := period / int64(p.Limit)
	now := int64(time.Since(m.epoch))
	m.mu.Lock()
	defer m.mu.Unlock()
	tat := max(m.tats[key], now)
	next := tat + t
	if next-now > period {
		return ratelimit.Decision{Limit: p.Limit, ResetAfter: time.Duration(tat - now),
			RetryAfter: time.Duration(next - period - now)}, nil
	}
	m.tats[key] = next
	return ratelimit.Decision{Allowed: true, Limit: p.Limit, Remaining: int((period - (next - now)) / t),
		ResetAfter: time.Duration(next - now)}, nil
}

// limiterKeys are the clients of the parallel benchmark.
var limiterKeys = func() []string {
	keys := make([]string, 4096)
	for i := range keys {
		keys[i] = "client-" + strconv.Itoa(i)
	}
	return keys
}()

// BenchmarkLimiterParallel is the throughput of 8 goroutines deciding for
// 4096 keys at once (each goroutine walks the keys from its own place):
// Memory against the one-mutex map. Compare ns/op: it is the wall time
// per decision, all goroutines together.
func BenchmarkLimiterParallel(b *testing.B) {
	backends := []struct {
		name string
		new  func() ratelimit.Backend
	}{
		{"velocy", func() ratelimit.Backend { return ratelimit.NewMemory(ratelimit.MemoryOptions{}) }},
		{"mutex-map", func() ratelimit.Backend { return newMutexMap() }},
	}
	for _, pc := range limiterPolicies {
		for _, bc := range backends {
			b.Run(fmt.Sprintf("%s/%s", pc.name, bc.name), func(b *testing.B) {
				be := bc.new()
				ctx := context.Background()
				for _, k := range limiterKeys {
					be.Allow(ctx, k, pc.p)
				}
				var start atomic.Uint32
				b.SetParallelism((8 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
				b.ReportAllocs()
				b.RunParallel(func(pb *testing.PB) {
					i := int(start.Add(512))
					for pb.Next() {
						be.Allow(ctx, limiterKeys[i&4095], pc.p)
						i++
					}
				})
			})
		}
	}
}

// BenchmarkLimiterParallelPaired reports the parallel throughput of
// Memory over the one-mutex map's as one ratio, measured the way
// BenchmarkLimiterPaired is: each op runs a block of decisions on 8
// goroutines (over the 4096 keys) against the mutex map, then the same
// block against Memory, and the benchmark reports the median over the ops
// of (mutex map time / Memory time) as x-mutex: above 1, Memory decides
// more per second.
func BenchmarkLimiterParallelPaired(b *testing.B) {
	const goroutines, perG = 8, 1024
	for _, pc := range limiterPolicies {
		b.Run(pc.name, func(b *testing.B) {
			ours, naive := ratelimit.NewMemory(ratelimit.MemoryOptions{}), newMutexMap()
			ctx := context.Background()
			for _, k := range limiterKeys {
				ours.Allow(ctx, k, pc.p)
				naive.Allow(ctx, k, pc.p)
			}
			block := func(be ratelimit.Backend) time.Duration {
				var wg sync.WaitGroup
				start := time.Now()
				for g := range goroutines {
					wg.Go(func() {
						for i := range perG {
							be.Allow(ctx, limiterKeys[(g*512+i)&4095], pc.p)
						}
					})
				}
				wg.Wait()
				return time.Since(start)
			}
			var ratios []float64
			for b.Loop() {
				tn := block(naive)
				to := block(ours)
				ratios = append(ratios, float64(tn)/float64(to))
			}
			b.ReportMetric(median(ratios), "x-mutex")
		})
	}
}
