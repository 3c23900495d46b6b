package fast

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
)

type freshKey struct{}

// freshRun runs ServeFresh as a benchmark of exactly n iterations and
// returns what the handler saw.
func freshRun(t *testing.T, n int, h http.Handler, method, target string) testing.BenchmarkResult {
	t.Helper()
	old := flag.Lookup("test.benchtime").Value.String()
	if err := flag.Set("test.benchtime", fmt.Sprintf("%dx", n)); err != nil {
		t.Fatal(err)
	}
	defer flag.Set("test.benchtime", old)
	return testing.Benchmark(func(b *testing.B) { ServeFresh(b, h, method, target) })
}

func TestServeFreshNewRequestEachTime(t *testing.T) {
	n := 20 + rand.IntN(50)
	target := fmt.Sprintf("/items/%d?page=%d", rand.IntN(1000), rand.IntN(9))
	var mu sync.Mutex
	seen := map[*http.Request]bool{}
	calls, reused, dirty, wrong := 0, 0, 0, ""
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if seen[r] {
			reused++
		}
		seen[r] = true
		// What a middleware leaves on a request and its writer: a reused
		// one arrives already marked.
		if r.Header.Get("X-Seen") != "" || r.Context().Value(freshKey{}) != nil || w.Header().Get("X-Written") != "" {
			dirty++
		}
		r.Header.Set("X-Seen", "yes")
		*r = *r.WithContext(context.WithValue(r.Context(), freshKey{}, 1))
		w.Header().Set("X-Written", "yes")
		if r.Method != http.MethodPost || r.URL.RequestURI() != target {
			wrong = r.Method + " " + r.URL.RequestURI()
		}
		w.WriteHeader(http.StatusAccepted)
	})
	freshRun(t, n, h, http.MethodPost, target)
	if calls == 0 {
		t.Fatalf("ServeFresh never called the handler in a %d-iteration benchmark: loop with for b.Loop() { … }", n)
	}
	if wrong != "" {
		t.Fatalf("the handler got %q, want POST %s: build the request from method and target", wrong, target)
	}
	if reused > 0 || dirty > 0 {
		t.Fatalf("ServeFresh handed the handler a request or writer it had seen before (%d of %d calls reused one, %d arrived marked by an earlier call): build both inside the loop, one per iteration", reused, calls, dirty)
	}
	if calls < n {
		t.Fatalf("ServeFresh called the handler %d times in a %d-iteration benchmark, want at least %d: once per b.Loop iteration", calls, n, n)
	}
}

func TestServeFreshCountsAllocations(t *testing.T) {
	n := 10 + rand.IntN(20)
	calls := 0
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls++ })
	res := freshRun(t, n, h, http.MethodGet, "/")
	if calls == 0 {
		t.Fatalf("ServeFresh never called the handler: loop with for b.Loop() { … }")
	}
	// A fresh request costs allocations; a benchmark that hides them lies.
	if res.AllocsPerOp() == 0 {
		t.Fatalf("ServeFresh measured 0 allocations per call: a new request and writer each iteration cost some (build them inside the loop)")
	}
}

func TestServeFreshRejectsBadRequestLine(t *testing.T) {
	for _, bad := range [][2]string{{"", "/"}, {"GET", "no slash"}, {"G ET", "/"}, {"GET", "/a\r\nX: y"}, {"GET", ""}} {
		calls := 0
		h := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { calls++ })
		var panicked any
		func() {
			defer func() { panicked = recover() }()
			freshRun(t, 3, h, bad[0], bad[1])
		}()
		if panicked != nil {
			t.Fatalf("ServeFresh(b, h, %q, %q) panicked (%v); want b.Fatal with an error (validRequest)", bad[0], bad[1], panicked)
		}
		if calls != 0 {
			t.Fatalf("ServeFresh(b, h, %q, %q) called the handler; want b.Fatal before the loop: that is no request line", bad[0], bad[1])
		}
	}
}
