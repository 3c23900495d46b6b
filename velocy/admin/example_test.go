package admin_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/admin"
)

func ExampleGuard() {
	guard := admin.Guard(admin.GuardOptions{Token: "s3cret", AllowLoopback: true})
	h := guard(admin.Pprof())

	try := func(remote, auth string) {
		req := httptest.NewRequest("GET", "/debug/pprof/goroutine?debug=1", nil)
		req.RemoteAddr = remote
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		first, _, _ := strings.Cut(rec.Body.String(), "\n")
		first, _, _ = strings.Cut(first, ":") // "goroutine profile: total 7": the count varies
		fmt.Println(rec.Code, first)
	}
	try("127.0.0.1:50000", "Bearer s3cret")    // loopback, with the token
	try("127.0.0.1:50000", "")                 // loopback, no token
	try("198.51.100.7:50000", "Bearer s3cret") // the token from outside
	// Output:
	// 200 goroutine profile
	// 404 404 page not found
	// 404 404 page not found
}

// An admin listener serves the profiler on a mux of its own; the public
// router never has it.
func ExamplePprof() {
	mux := http.NewServeMux()
	mux.Handle("/debug/pprof/", admin.Pprof())
	guarded := admin.Guard(admin.GuardOptions{AllowLoopback: true})(mux)

	req := httptest.NewRequest("GET", "/debug/pprof/cmdline", nil)
	req.RemoteAddr = "[::1]:50000"
	rec := httptest.NewRecorder()
	guarded.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	// Output:
	// 200 text/plain; charset=utf-8
}
