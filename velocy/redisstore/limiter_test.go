package redisstore

import (
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ratelimit"
)

// base is the fixed clock of the table tests: decisions are made at base
// plus an offset, passed to the script instead of the server's TIME.
var base = time.Unix(1_700_000_000, 0)

// fixedClockLimiter returns a Limiter whose clock the test moves.
func fixedClockLimiter(t *testing.T, at *time.Duration) *Limiter {
	l := NewLimiter(newClient(t), testPrefix(t))
	l.now = func() time.Time { return base.Add(*at) }
	return l
}

// gcra is the arithmetic of the chapter's GCRA, written out once more
// from its definition (the TAT in microseconds, a missing key's TAT is
// now), for the Lua script to be compared with.
type gcra struct{ tat map[string]int64 }

func (g *gcra) allow(key string, p ratelimit.Policy, now int64) ratelimit.Decision {
	P := p.Period.Microseconds()
	T := P / int64(p.Limit)
	tat, ok := g.tat[key]
	if !ok || tat < now {
		tat = now
	}
	next := tat + T
	us := func(n int64) time.Duration { return time.Duration(n) * time.Microsecond }
	if next-now > P {
		return ratelimit.Decision{Limit: p.Limit, ResetAfter: us(tat - now), RetryAfter: us(next - P - now)}
	}
	g.tat[key] = next
	return ratelimit.Decision{Allowed: true, Limit: p.Limit,
		Remaining: int((P - (next - now)) / T), ResetAfter: us(next - now)}
}

func TestLimiterDecisions(t *testing.T) {
	ms := time.Millisecond
	us := time.Microsecond
	three := ratelimit.Policy{Limit: 3, Period: time.Second}
	type req struct {
		at   time.Duration // since base
		want ratelimit.Decision
	}
	allowed := func(rem int, reset time.Duration) ratelimit.Decision {
		return ratelimit.Decision{Allowed: true, Limit: 3, Remaining: rem, ResetAfter: reset}
	}
	refused := func(reset, retry time.Duration) ratelimit.Decision {
		return ratelimit.Decision{Limit: 3, ResetAfter: reset, RetryAfter: retry}
	}
	// 3 per second: T = 333333µs, a burst of 3.
	tests := []struct {
		name string
		reqs []req
	}{
		{"burst then refused", []req{
			{0, allowed(2, 333333*us)},
			{0, allowed(1, 666666*us)},
			{0, allowed(0, 999999*us)},
			{0, refused(999999*us, 333332*us)},
			{0, refused(999999*us, 333332*us)}, // a refusal changes nothing
		}},
		{"one back after retry-after", []req{
			{0, allowed(2, 333333*us)},
			{0, allowed(1, 666666*us)},
			{0, allowed(0, 999999*us)},
			{333331 * us, refused(666668*us, 1*us)},
			{333332 * us, allowed(0, 1000000*us)},
			{333332 * us, refused(1000000*us, 333333*us)},
		}},
		{"quiet key refills", []req{
			{0, allowed(2, 333333*us)},
			{0, allowed(1, 666666*us)},
			{500 * ms, allowed(1, 499999*us)},
			{2 * time.Second, allowed(2, 333333*us)},
		}},
		{"steady one per interval", []req{
			{0, allowed(2, 333333*us)},
			{333333 * us, allowed(2, 333333*us)},
			{666666 * us, allowed(2, 333333*us)},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var at time.Duration
			l := fixedClockLimiter(t, &at)
			ref := &gcra{tat: map[string]int64{}}
			for i, r := range tc.reqs {
				at = r.at
				got, err := l.Allow(context.Background(), "client", three)
				if err != nil {
					t.Fatal(err)
				}
				if got != r.want {
					t.Fatalf("request %d at +%v: got %+v, want %+v", i, r.at, got, r.want)
				}
				if want := ref.allow("client", three, base.Add(r.at).UnixMicro()); got != want {
					t.Fatalf("request %d: the table and the arithmetic disagree: %+v vs %+v", i, got, want)
				}
			}
		})
	}
}

// TestLimiterMatchesArithmetic drives the script and the arithmetic with
// the same random policies, keys and times, and wants every decision
// equal.
func TestLimiterMatchesArithmetic(t *testing.T) {
	seed := rand.Uint64()
	rng := rand.New(rand.NewPCG(seed, 1))
	var at time.Duration
	l := fixedClockLimiter(t, &at)
	ref := &gcra{tat: map[string]int64{}}
	policies := []ratelimit.Policy{
		{Limit: 1, Period: time.Second},
		{Limit: 3, Period: time.Second},
		{Limit: 7, Period: 90 * time.Millisecond},
		{Limit: 100, Period: time.Minute},
		{Limit: 1 + rng.IntN(50), Period: time.Duration(1+rng.IntN(5000)) * time.Millisecond},
	}
	for i := range 600 {
		p := policies[rng.IntN(len(policies))]
		key := "k" + strconv.Itoa(rng.IntN(4)) + "/" + strconv.Itoa(p.Limit) // one policy per key
		at += time.Duration(rng.IntN(int(p.Period/time.Microsecond)/p.Limit*2)) * time.Microsecond
		got, err := l.Allow(context.Background(), key, p)
		if err != nil {
			t.Fatal(err)
		}
		if want := ref.allow(key, p, base.Add(at).UnixMicro()); got != want {
			t.Fatalf("seed %d, decision %d (%s, %+v, at +%v): script %+v, arithmetic %+v",
				seed, i, key, p, at, got, want)
		}
	}
}

// With the server's clock, a fresh key still gives exactly what the
// arithmetic says: burst L, Remaining L-1 after the first.
func TestLimiterServerClock(t *testing.T) {
	l := NewLimiter(newClient(t), testPrefix(t))
	p := ratelimit.Policy{Limit: 3, Period: time.Minute} // T = 20 s: nothing refills during the test
	ctx := context.Background()
	first, err := l.Allow(ctx, "k", p)
	if err != nil {
		t.Fatal(err)
	}
	if want := (ratelimit.Decision{Allowed: true, Limit: 3, Remaining: 2, ResetAfter: 20 * time.Second}); first != want {
		t.Fatalf("first decision %+v, want %+v", first, want)
	}
	for i := 1; i < 3; i++ {
		d, err := l.Allow(ctx, "k", p)
		if err != nil || !d.Allowed || d.Remaining != 2-i {
			t.Fatalf("decision %d: %+v, %v; want allowed with Remaining %d", i, d, err, 2-i)
		}
	}
	d, err := l.Allow(ctx, "k", p)
	if err != nil || d.Allowed || d.Remaining != 0 {
		t.Fatalf("fourth decision %+v, %v; want refused", d, err)
	}
	if d.RetryAfter <= 0 || d.RetryAfter > 20*time.Second || d.ResetAfter <= 40*time.Second || d.ResetAfter > time.Minute {
		t.Fatalf("fourth decision %+v: want RetryAfter in (0, 20s], ResetAfter in (40s, 60s]", d)
	}
}

// The key holds the TAT in microseconds, kept until it passes.
func TestLimiterKey(t *testing.T) {
	c := newClient(t)
	prefix := testPrefix(t)
	at := 250 * time.Millisecond
	l := NewLimiter(c, prefix)
	l.now = func() time.Time { return base.Add(at) }
	// A long period, so that the key outlives any stall of a busy
	// machine between the decision and the reads below.
	p := ratelimit.Policy{Limit: 3, Period: 1000 * time.Second}
	if _, err := l.Allow(context.Background(), "k", p); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	v, err := c.Get(ctx, prefix+"k").Result()
	if want := strconv.FormatInt(base.Add(at).UnixMicro()+333333333, 10); err != nil || v != want {
		t.Fatalf("stored TAT %q, %v; want %q", v, err, want)
	}
	// 333333333µs is 333334 ms rounded up; PTTL counts down from there.
	if d, err := c.PTTL(ctx, prefix+"k").Result(); err != nil || d <= 0 || d > 333334*time.Millisecond {
		t.Fatalf("PTTL %v, %v; want in (0, 333334ms]", d, err)
	}
}

func TestLimiterBadPolicy(t *testing.T) {
	l := NewLimiter(newClient(t), testPrefix(t))
	for _, p := range []ratelimit.Policy{
		{Limit: 0, Period: time.Second},
		{Limit: -1, Period: time.Second},
		{Limit: 3, Period: 0},
		{Limit: 3, Period: 2 * time.Microsecond}, // T would be 0
	} {
		if _, err := l.Allow(context.Background(), "k", p); !errors.Is(err, errPolicy) {
			t.Errorf("Allow(%+v) = %v, want the policy refused", p, err)
		}
	}
}

// TestLimiterExact: 20 decisions at once against a limit of 3 allow 3.
func TestLimiterExact(t *testing.T) {
	l := NewLimiter(newClient(t), testPrefix(t))
	p := ratelimit.Policy{Limit: 3, Period: time.Minute}
	for round := range 5 {
		key := "burst" + strconv.Itoa(round)
		var (
			wg      sync.WaitGroup
			mu      sync.Mutex
			allowed int
		)
		for range 20 {
			wg.Go(func() {
				d, err := l.Allow(context.Background(), key, p)
				if err != nil {
					t.Error(err)
					return
				}
				if !d.Allowed && d.RetryAfter <= 0 {
					t.Errorf("refused with RetryAfter %v", d.RetryAfter)
				}
				if d.Allowed {
					mu.Lock()
					allowed++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if allowed != 3 {
			t.Fatalf("round %d: %d of 20 parallel requests allowed, want exactly 3", round, allowed)
		}
	}
}

// TestLimiterOneRoundTrip counts, on the client, the commands and the
// pipelines sent (each is one round trip), and, on the server, the
// EVALSHA and EVAL calls (INFO commandstats).
func TestLimiterOneRoundTrip(t *testing.T) {
	c := newClient(t)
	count := &roundTrips{names: make(chan string, 16)}
	c.AddHook(count)
	l := NewLimiter(c, testPrefix(t))
	p := ratelimit.Policy{Limit: 10, Period: time.Second}
	ctx := context.Background()

	// A server that has lost its scripts costs one more round trip once:
	// EVALSHA answers NOSCRIPT, EVAL runs and caches the script.
	if err := c.ScriptFlush(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	for len(count.names) > 0 {
		<-count.names
	}
	before := count.total()
	if _, err := l.Allow(ctx, "k", p); err != nil {
		t.Fatal(err)
	}
	if n := count.total() - before; n != 2 {
		t.Fatalf("after SCRIPT FLUSH: %d round trips, want 2 (EVALSHA, then EVAL)", n)
	}
	if names := []string{<-count.names, <-count.names}; names[0] != "evalsha" || names[1] != "eval" {
		t.Fatalf("after SCRIPT FLUSH the decision sent %q, want EVALSHA, then EVAL", names)
	}

	count.names = nil
	statsBefore := scriptCalls(t, c)
	before = count.total()
	const n = 200
	for i := range n {
		if _, err := l.Allow(ctx, "k"+strconv.Itoa(i%7), p); err != nil {
			t.Fatal(err)
		}
	}
	if got := count.total() - before; got != n {
		t.Errorf("%d decisions took %d round trips, want %d", n, got, n)
	}
	statsAfter := scriptCalls(t, c)
	if d := statsAfter["evalsha"] - statsBefore["evalsha"]; d != n {
		t.Errorf("the server counted %d EVALSHA for %d decisions", d, n)
	}
	if d := statsAfter["eval"] - statsBefore["eval"]; d != 0 {
		t.Errorf("the server counted %d EVAL for %d decisions with the script cached", d, n)
	}
}
