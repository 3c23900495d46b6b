package bookweb

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ratelimit"
)

func TestCheckLimitPerLearner(t *testing.T) {
	b, _, ids := checkBook(t, 2)
	limit := 2 + rand.IntN(4)
	fake := &fakeChecker{}
	srv := httptest.NewServer(Edition(b, Options{Logger: slog.New(slog.DiscardHandler)}, Services{Check: fake.check,
		CheckLimit: ratelimit.Policy{Limit: limit, Period: time.Hour}}))
	defer srv.Close()
	ada := browser(t)
	sessionsMe(t, ada, srv.URL)
	for i := range limit {
		if code, body := post(t, ada, srv.URL+"/check/"+ids[i%2]); code != http.StatusOK {
			t.Fatalf("check %d of %d allowed = %d %q, want 200", i+1, limit, code, body)
		}
	}
	resp, err := ada.Post(srv.URL+"/check/"+ids[0], "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("check %d with CheckLimit %d an hour = %d (Retry-After %q), want 429 with Retry-After (chapter 9's ratelimit, keyed by learner)",
			limit+1, limit, resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if fake.count() != limit {
		t.Errorf("the checker ran %d times, want %d: a refused check must not run", fake.count(), limit)
	}
	bob := browser(t)
	if code, _ := post(t, bob, srv.URL+"/check/"+ids[1]); code != http.StatusOK {
		t.Errorf("another learner's first check = %d, want 200 (the limit is per learner, not per address: both are on 127.0.0.1)", code)
	}
}

func TestCheckDefaultLimit(t *testing.T) {
	b, _, ids := checkBook(t, 1)
	fake := &fakeChecker{}
	srv := httptest.NewServer(Edition(b, Options{Logger: slog.New(slog.DiscardHandler)}, Services{Check: fake.check}))
	defer srv.Close()
	ada := browser(t)
	got := 0
	for range DefaultCheckLimit.Limit + 1 {
		if code, _ := post(t, ada, srv.URL+"/check/"+ids[0]); code == http.StatusOK {
			got++
		}
	}
	if got != DefaultCheckLimit.Limit {
		t.Errorf("with CheckLimit zero, %d of %d checks in a row were allowed; want DefaultCheckLimit.Limit = %d",
			got, DefaultCheckLimit.Limit+1, DefaultCheckLimit.Limit)
	}
}

func TestChecksRunOneAtATime(t *testing.T) {
	b, _, ids := checkBook(t, 1)
	var running, most atomic.Int32
	entered := make(chan struct{}, 8)
	release := make(chan struct{})
	check := func(ctx context.Context, step string) (Verdict, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		entered <- struct{}{}
		<-release
		return Verdict{Step: step, Status: "passed", Passed: true}, nil
	}
	srv := httptest.NewServer(Edition(b, Options{Logger: slog.New(slog.DiscardHandler)}, Services{Check: check}))
	defer srv.Close()
	const learners = 3
	var wg sync.WaitGroup
	codes := make(chan int, learners)
	for range learners {
		wg.Go(func() { code, _ := post(t, browser(t), srv.URL+"/check/"+ids[0]); codes <- code })
	}
	<-entered // one check runs and is held
	select {
	case <-entered:
		t.Error("a second check started while the first was still running; want one check at a time (a token in a channel of capacity 1)")
	case <-time.After(time.Second): // a right answer always waits this long; a wrong one rarely does
	}
	close(release)
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusOK {
			t.Errorf("a check that waited its turn = %d, want 200", code)
		}
	}
	if m := most.Load(); m != 1 {
		t.Errorf("%d checks ran at once, want 1", m)
	}
}
