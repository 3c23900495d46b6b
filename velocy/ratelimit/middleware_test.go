package ratelimit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

var okHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })

// TestMiddlewareTwentyAgainstThree is the acceptance test: 20 parallel
// requests against a limit of 3, through a real server: exactly 3 pass,
// 17 get 429 with Retry-After.
func TestMiddlewareTwentyAgainstThree(t *testing.T) {
	srv := httptest.NewServer(Middleware(Options{Policy: Policy{Limit: 3, Period: time.Minute}})(okHandler))
	defer srv.Close()
	var (
		mu    sync.Mutex
		codes = map[int]int{}
		wg    sync.WaitGroup
	)
	start := make(chan struct{})
	for range 20 {
		wg.Go(func() {
			<-start
			res, err := srv.Client().Get(srv.URL)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			if res.StatusCode == http.StatusTooManyRequests {
				if ra, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || ra < 1 {
					t.Errorf("429 with Retry-After %q, want a number of seconds >= 1", res.Header.Get("Retry-After"))
				}
			}
			mu.Lock()
			codes[res.StatusCode]++
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()
	if codes[200] != 3 || codes[429] != 17 {
		t.Errorf("20 parallel requests against a limit of 3: %v, want 3 × 200 and 17 × 429", codes)
	}
}

func TestMiddlewareHeaders(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := Middleware(Options{Policy: Policy{Limit: 2, Period: 10 * time.Second}})(okHandler)
		get := func() *httptest.ResponseRecorder {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
			return w
		}
		want := func(w *httptest.ResponseRecorder, code int, limit, remaining, reset, retry string) {
			t.Helper()
			hd := w.Header()
			if w.Code != code || hd.Get("RateLimit-Limit") != limit || hd.Get("RateLimit-Remaining") != remaining ||
				hd.Get("RateLimit-Reset") != reset || hd.Get("Retry-After") != retry {
				t.Errorf("got %d Limit %q Remaining %q Reset %q Retry-After %q; want %d %q %q %q %q",
					w.Code, hd.Get("RateLimit-Limit"), hd.Get("RateLimit-Remaining"), hd.Get("RateLimit-Reset"),
					hd.Get("Retry-After"), code, limit, remaining, reset, retry)
			}
		}
		want(get(), 200, "2", "1", "5", "")
		time.Sleep(100 * time.Millisecond)
		want(get(), 200, "2", "0", "10", "") // 9.9 s rounds up
		time.Sleep(100 * time.Millisecond)
		w := get()
		want(w, 429, "2", "0", "10", "5") // 4.8 s rounds up
		if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("429 Content-Type %q, want application/problem+json", ct)
		}
		var p struct {
			Title  string
			Status int
		}
		if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Status != 429 || p.Title != "Too Many Requests" {
			t.Errorf("429 body %q: want a problem with status 429 and its title", w.Body)
		}
		time.Sleep(4*time.Second + 800*time.Millisecond - 1)
		want(get(), 429, "2", "0", "6", "1") // 1 ns to go is still a second
		time.Sleep(1)
		want(get(), 200, "2", "0", "10", "")
	})
}

// failing is a Backend that is down.
type failing struct{}

func (failing) Allow(context.Context, string, Policy) (Decision, error) {
	return Decision{}, errors.New("store unreachable")
}

func TestMiddlewareFailOpenAndClosed(t *testing.T) {
	for _, closed := range []bool{false, true} {
		var logs bytes.Buffer
		h := Middleware(Options{
			Backend:    failing{},
			Policy:     Policy{Limit: 1, Period: time.Second},
			FailClosed: closed,
			Logger:     slog.New(slog.NewTextHandler(&logs, nil)),
		})(okHandler)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		want := 200
		if closed {
			want = 503
		}
		if w.Code != want {
			t.Errorf("FailClosed %v, backend down: status %d, want %d", closed, w.Code, want)
		}
		if !strings.Contains(logs.String(), "store unreachable") {
			t.Errorf("FailClosed %v: the backend's error was not logged: %q", closed, logs.String())
		}
	}
}

func TestMiddlewarePolicyForAndEmptyKey(t *testing.T) {
	m := NewMemory(MemoryOptions{})
	h := Middleware(Options{
		Backend: m,
		PolicyFor: func(r *http.Request) Policy {
			if r.Method == http.MethodPost {
				return Policy{Limit: 1, Period: time.Hour}
			}
			return Policy{Limit: 100, Period: time.Hour}
		},
		Key: func(r *http.Request) string {
			if r.URL.Path == "/free" {
				return ""
			}
			return r.Method
		},
	})(okHandler)
	code := func(method, path string) int {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(method, path, nil))
		return w.Code
	}
	if code("POST", "/") != 200 || code("POST", "/") != 429 || code("GET", "/") != 200 {
		t.Error("PolicyFor: want one POST allowed, the second refused, GET still allowed")
	}
	for range 200 {
		if c := code("GET", "/free"); c != 200 {
			t.Fatalf("a request with an empty key got %d, want 200: it is not limited", c)
		}
	}
	if m.Len() != 2 {
		t.Errorf("Len = %d, want 2 keys (GET and POST)", m.Len())
	}
}

func TestMiddlewareHeadHasNoBody(t *testing.T) {
	h := Middleware(Options{Policy: Policy{Limit: 1, Period: time.Hour}})(okHandler)
	for i := range 2 {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("HEAD", "/", nil))
		if i == 1 && (w.Code != 429 || w.Body.Len() != 0) {
			t.Errorf("second HEAD: %d with %d bytes, want 429 with no body", w.Code, w.Body.Len())
		}
	}
}

func TestCeilSeconds(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want int64
	}{{0, 0}, {-1, 0}, {1, 1}, {time.Second, 1}, {time.Second + 1, 2}, {59 * time.Second, 59}} {
		if got := ceilSeconds(c.d); got != c.want {
			t.Errorf("ceilSeconds(%v) = %d, want %d", c.d, got, c.want)
		}
	}
}

// TestProblemMatchesMiddleware wants the 429 body byte for byte the one
// velocy/middleware's WriteProblem writes for the same problem.
func TestProblemMatchesMiddleware(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	ours, theirs := httptest.NewRecorder(), httptest.NewRecorder()
	writeProblem(ours, r, 429, "Too many requests: try again in 3 s.")
	middleware.WriteProblem(theirs, r, &middleware.Problem{Status: 429, Detail: "Too many requests: try again in 3 s."})
	if ours.Body.String() != theirs.Body.String() || ours.Header().Get("Content-Type") != theirs.Header().Get("Content-Type") {
		t.Errorf("writeProblem: %s %q\nWriteProblem: %s %q", ours.Header().Get("Content-Type"), ours.Body, theirs.Header().Get("Content-Type"), theirs.Body)
	}
}
