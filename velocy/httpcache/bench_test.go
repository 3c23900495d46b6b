package httpcache

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// benchHandler makes a JSON page of 100 items, standing for a handler
// that does real work.
var benchHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	type item struct {
		ID    int
		Name  string
		Price float64
	}
	items := make([]item, 100)
	for i := range items {
		items[i] = item{i, "item", float64(i) * 1.5}
	}
	w.Header().Set("Cache-Control", "max-age=600")
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(items)
})

func benchServe(b *testing.B, h http.Handler) {
	r := httptest.NewRequest("GET", "/items", nil)
	h.ServeHTTP(httptest.NewRecorder(), r) // warm the cache
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
}

// BenchmarkHandler is the handler alone; BenchmarkHit the same page from
// the cache (a map store); BenchmarkETag304 the handler behind ETag
// answering a matching If-None-Match.
func BenchmarkHandler(b *testing.B) { benchServe(b, benchHandler) }

func BenchmarkHit(b *testing.B) { benchServe(b, New(newMemStore(), Options{})(benchHandler)) }

func BenchmarkETag304(b *testing.B) {
	h := ETag(1 << 20)(benchHandler)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/items", nil))
	r := httptest.NewRequest("GET", "/items", nil)
	r.Header.Set("If-None-Match", w.Header().Get("ETag"))
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
}
