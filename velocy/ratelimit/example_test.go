package ratelimit_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
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

// Behind a proxy, count clients by the address chapter 7's ClientIP
// middleware found, which believes X-Forwarded-For only from the proxies
// it trusts: a client cannot get a new key by writing a new address into
// the header.
func ExampleByClientIP() {
	hello := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	h := middleware.ClientIP(middleware.ClientIPOptions{
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
	})(ratelimit.Middleware(ratelimit.Options{
		Policy: ratelimit.Policy{Limit: 1, Period: time.Hour},
		Key:    ratelimit.ByClientIP(middleware.ClientIPFrom),
	})(hello))

	for _, forged := range []string{"192.0.2.1", "192.0.2.2"} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = "10.0.0.5:41000" // the proxy
		r.Header.Set("X-Forwarded-For", forged+", 203.0.113.7")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(w.Code)
	}
	// Output:
	// 200
	// 429
}
