package middleware

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// requestIDServe serves one request to RequestID(opts) in front of a
// handler, and returns the response's id header and the id the handler saw.
func requestIDServe(opts RequestIDOptions, req *http.Request) (header, seen string) {
	h := RequestID(opts)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = RequestIDFrom(r.Context())
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	name := opts.Header
	if name == "" {
		name = "X-Request-Id"
	}
	return w.Header().Get(name), seen
}

// isNewRequestID reports whether id looks like one RequestID generated.
func isNewRequestID(id string) bool {
	b, err := base64.RawURLEncoding.DecodeString(id)
	return len(id) == 16 && err == nil && len(b) == 12
}

func TestRequestIDGenerates(t *testing.T) {
	header, seen := requestIDServe(RequestIDOptions{}, httptest.NewRequest("GET", "/", nil))
	if !isNewRequestID(header) {
		t.Errorf("X-Request-Id %q, want 16 characters of base64url", header)
	}
	if seen != header {
		t.Errorf("RequestIDFrom in the handler = %q, response header %q: want them equal", seen, header)
	}
}

func TestRequestIDIgnoresIncomingByDefault(t *testing.T) {
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Request-Id", "chosen-by-the-client")
	header, seen := requestIDServe(RequestIDOptions{}, req)
	if header == "chosen-by-the-client" || seen == "chosen-by-the-client" || !isNewRequestID(header) {
		t.Errorf("without TrustIncoming: id %q (handler saw %q), want a new one", header, seen)
	}
}

func TestRequestIDTrustIncoming(t *testing.T) {
	opts := RequestIDOptions{TrustIncoming: true}
	tests := []struct {
		incoming []string
		keep     bool
	}{
		{[]string{"abc"}, true},
		{[]string{"f47ac10b-58cc-4372-a567-0e02b2c3d479"}, true},
		{[]string{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}, true},
		{[]string{"a+b/c=d:e.f_g"}, true},
		{[]string{strings.Repeat("a", 64)}, true},
		{[]string{strings.Repeat("a", 65)}, false},
		{[]string{""}, false},
		{[]string{"has space"}, false},
		{[]string{`quo"te`}, false},
		{[]string{"new\nline"}, false},
		{[]string{"tab\there"}, false},
		{[]string{"ünïcode"}, false},
		{[]string{"semi;colon"}, false},
		{[]string{"<script>"}, false},
		{[]string{"one", "two"}, false},
		{nil, false},
	}
	for _, tt := range tests {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header["X-Request-Id"] = tt.incoming
		header, seen := requestIDServe(opts, req)
		kept := len(tt.incoming) == 1 && header == tt.incoming[0]
		if kept != tt.keep || seen != header {
			t.Errorf("incoming %q: id %q, handler saw %q; want kept=%v", tt.incoming, header, seen, tt.keep)
		}
		if !tt.keep && !isNewRequestID(header) {
			t.Errorf("incoming %q: id %q, want a new one", tt.incoming, header)
		}
	}
}

func TestRequestIDOtherHeader(t *testing.T) {
	opts := RequestIDOptions{Header: "x-correlation-id", TrustIncoming: true}
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Correlation-Id", "from-the-gateway")
	w := httptest.NewRecorder()
	RequestID(opts)(http.NotFoundHandler()).ServeHTTP(w, req)
	if got := w.Header().Get("X-Correlation-Id"); got != "from-the-gateway" {
		t.Errorf("X-Correlation-Id %q, want the incoming id", got)
	}
	if got := w.Header().Get("X-Request-Id"); got != "" {
		t.Errorf("X-Request-Id %q set too, want only the configured header", got)
	}
}

func TestRequestIDFromEmptyContext(t *testing.T) {
	if got := RequestIDFrom(context.Background()); got != "" {
		t.Errorf("RequestIDFrom(context.Background()) = %q, want \"\"", got)
	}
}

// TestRequestIDDistinctUnderLoad sends concurrent requests to a real server
// (run it with -race): every id is new.
func TestRequestIDDistinctUnderLoad(t *testing.T) {
	srv := httptest.NewServer(RequestID(RequestIDOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, RequestIDFrom(r.Context()))
	})))
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 10 * time.Second
	const workers, each = 8, 25
	var mu sync.Mutex
	seen := make(map[string]bool)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				resp, err := client.Get(srv.URL)
				if err != nil {
					t.Error(err)
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				id := resp.Header.Get("X-Request-Id")
				if string(body) != id || !isNewRequestID(id) {
					t.Errorf("handler saw %q, header %q", body, id)
				}
				mu.Lock()
				if seen[id] {
					t.Errorf("id %q given twice", id)
				}
				seen[id] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != workers*each {
		t.Errorf("%d distinct ids for %d requests", len(seen), workers*each)
	}
}

// TestRequestIDKeepsThePattern: a middleware around RequestID still sees
// the route the mux inside it found.
func TestRequestIDKeepsThePattern(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(http.ResponseWriter, *http.Request) {})
	var pattern string
	outer := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r)
			pattern = r.Pattern
		})
	}
	Chain(outer, RequestID(RequestIDOptions{}))(mux).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/items/3", nil))
	if pattern != "GET /items/{id}" {
		t.Errorf("outer middleware saw Pattern %q, want \"GET /items/{id}\"", pattern)
	}
}

func FuzzSaneRequestID(f *testing.F) {
	for _, s := range []string{"abc", "", "a b", "x\r\nSet-Cookie: a=b", strings.Repeat("z", 70), "f47ac10b-58cc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header["X-Request-Id"] = []string{s}
		header, seen := requestIDServe(RequestIDOptions{TrustIncoming: true}, req)
		if header != seen {
			t.Fatalf("header %q, handler saw %q", header, seen)
		}
		if header == s {
			if s == "" || len(s) > 64 || strings.ContainsFunc(s, func(r rune) bool {
				return !strings.ContainsRune("-_.:+/=", r) && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
			}) {
				t.Fatalf("kept the unsafe id %q", s)
			}
		} else if !isNewRequestID(header) {
			t.Fatalf("incoming %q: id %q is neither kept nor new", s, header)
		}
	})
}

func BenchmarkRequestID(b *testing.B) {
	h := RequestID(RequestIDOptions{})(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	req := httptest.NewRequest("GET", "/", nil)
	w := httptest.NewRecorder()
	b.ReportAllocs()
	for b.Loop() {
		clear(w.Header())
		h.ServeHTTP(w, req)
	}
}
