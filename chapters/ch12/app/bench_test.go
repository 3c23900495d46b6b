package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkGetNote is one GET /notes/{id} through the whole public stack
// (request id, client address, trace context, access log through logtar,
// recovery, metrics, the router, the database), on a fresh request each
// time, without the network. Profile it with
//
//	go test -run '^$' -bench GetNote -cpuprofile cpu.out ./chapters/ch12/app
//	go tool pprof -top cpu.out
func BenchmarkGetNote(b *testing.B) {
	ta := newBenchApp(b)
	id := createNote(b, ta.Handler())
	h := ta.Handler()
	target := "/notes/" + id
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("GET", target, nil)
		req.Header.Set("traceparent", callerTraceparent)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", target, w.Code)
		}
	}
}

// BenchmarkGetNoteLoopback is the same request over a loopback
// connection (kept alive), so that a profile shows net/http and the
// system calls too.
func BenchmarkGetNoteLoopback(b *testing.B) {
	ta := newBenchApp(b)
	srv := httptest.NewServer(ta.Handler())
	b.Cleanup(srv.Close)
	id := createNote(b, ta.Handler())
	url := srv.URL + "/notes/" + id
	client := srv.Client()
	b.ReportAllocs()
	for b.Loop() {
		res, err := client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("GET %s: %d", url, res.StatusCode)
		}
	}
}

// newBenchApp is a testApp whose log goes nowhere: logtar still formats
// every record.
func newBenchApp(b *testing.B) *testApp {
	ta := newTestApp(b, Options{})
	ta.logs.discard = true
	return ta
}

// createNote creates a note and returns its id.
func createNote(tb testing.TB, h http.Handler) string {
	tb.Helper()
	w := do(h, "POST", "/notes", `{"text":"benchmark"}`, "Content-Type", "application/json")
	var n Note
	if err := json.Unmarshal(w.Body.Bytes(), &n); err != nil || !strings.HasPrefix(w.Header().Get("Location"), "/notes/") {
		tb.Fatalf("POST /notes: %d %s", w.Code, w.Body)
	}
	return n.ID
}
