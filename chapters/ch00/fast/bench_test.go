package fast

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The benchmarks of lesson 0.3: a handler that parses a query string,
// benchmarked on one reused request and on a fresh one per iteration.
//
//	go test -bench Search -run '^$' -benchtime 200ms -count 3 ./chapters/ch00/fast

var search = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	_ = r.Form.Get("q") + r.Form.Get("page")
})

const searchTarget = "/search?q=goroutines&page=2&sort=new&lang=en"

// BenchmarkSearchReused lies: ParseForm does nothing once r.Form is set,
// so every iteration after the first measures a map lookup.
func BenchmarkSearchReused(b *testing.B) {
	b.ReportAllocs()
	r := httptest.NewRequest(http.MethodGet, searchTarget, nil)
	w := httptest.NewRecorder()
	for b.Loop() {
		search.ServeHTTP(w, r)
	}
}

func BenchmarkSearchFresh(b *testing.B) {
	ServeFresh(b, search, http.MethodGet, searchTarget)
}

// BenchmarkSearchFreshEmpty is the cost of the fresh request alone.
func BenchmarkSearchFreshEmpty(b *testing.B) {
	ServeFresh(b, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}), http.MethodGet, searchTarget)
}
