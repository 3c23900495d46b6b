package httpcache_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/httpcache"
)

func Example() {
	mux := http.NewServeMux()
	calls := 0
	mux.HandleFunc("GET /price", func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Cache-Control", "public, max-age=30")
		fmt.Fprintln(w, "42 EUR")
	})
	cached := httpcache.New(newExampleStore(), httpcache.Options{})
	h := cached(httpcache.ETag(64 << 10)(mux))

	for range 2 {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/price", nil))
		fmt.Println(w.Code, w.Header().Get("Cache-Status"), w.Body.String() != "")
	}
	fmt.Println("handler calls:", calls)
	// Output:
	// 200 velocy; fwd=uri-miss true
	// 200 velocy; hit; ttl=30 true
	// handler calls: 1
}
