package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// BenchmarkNew measures building the whole book's site: what learn serve does before it listens.
func BenchmarkNew(b *testing.B) {
	book, err := steps.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := New(Options{Book: book, Lessons: chapters.FS()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkServeLesson measures one request for a lesson page through the whole stack (router,
// request id, access log, recover, security headers), a fresh request each time.
func BenchmarkServeLesson(b *testing.B) {
	s := benchSite(b)
	h := s.Handler(ServeOptions{})
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "/ch12/12.02-counters-gauges-histograms.html", nil)
		req.Host = "127.0.0.1:8080" // httptest says example.com, which the server refuses
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkSearch measures a two-word search over the whole book.
func BenchmarkSearch(b *testing.B) {
	s := benchSite(b)
	for b.Loop() {
		if len(s.Search("lock-free histogram")) == 0 {
			b.Fatal("no hits")
		}
	}
}

func benchSite(b *testing.B) *Site {
	book, err := steps.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	s, err := New(Options{Book: book, Lessons: chapters.FS()})
	if err != nil {
		b.Fatal(err)
	}
	return s
}
