package ratelimit_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ratelimit"
)

func ExampleMiddleware() {
	hello := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "hello")
	})
	h := ratelimit.Middleware(ratelimit.Options{
		Policy: ratelimit.Policy{Limit: 2, Period: time.Minute},
		Key:    ratelimit.ByClientIP(nil), // behind proxies: ByClientIP(middleware.ClientIPFrom)
	})(hello)

	for range 3 {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		fmt.Printf("%d remaining=%s retry-after=%q\n",
			w.Code, w.Header().Get("RateLimit-Remaining"), w.Header().Get("Retry-After"))
	}
	// Output:
	// 200 remaining=1 retry-after=""
	// 200 remaining=0 retry-after=""
	// 429 remaining=0 retry-after="30"
}

func ExampleMemory() {
	m := ratelimit.NewMemory(ratelimit.MemoryOptions{})
	p := ratelimit.Policy{Limit: 3, Period: time.Second}
	for range 4 {
		d, _ := m.Allow(context.Background(), "user:ada", p)
		fmt.Println(d.Allowed, d.Remaining)
	}
	// Output:
	// true 2
	// true 1
	// true 0
	// false 0
}
