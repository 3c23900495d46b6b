package ratelimit

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

var headersOK = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })

func TestHeadersParallelBurstGets429(t *testing.T) {
	limit := 1 + rand.IntN(10)
	h := Middleware(Options{Policy: Policy{Limit: limit, Period: time.Hour}})(headersOK)
	var (
		mu    sync.Mutex
		codes = map[int]int{}
		wg    sync.WaitGroup
	)
	start := make(chan struct{})
	for range 20 {
		wg.Go(func() {
			<-start
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
			if w.Code == 429 {
				if ra, err := strconv.Atoi(w.Header().Get("Retry-After")); err != nil || ra < 1 {
					t.Errorf("429 with Retry-After %q; want whole seconds, at least 1", w.Header().Get("Retry-After"))
				}
			}
			mu.Lock()
			codes[w.Code]++
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()
	if codes[200] != limit || codes[429] != 20-limit {
		t.Errorf("20 requests at once against a limit of %d: status counts %v; want %d × 200 and %d × 429", limit, codes, limit, 20-limit)
	}
}

func TestHeadersTellWhereTheClientStands(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		limit := 2 + rand.IntN(8)
		interval := time.Duration(1+rand.IntN(5))*time.Second + 300*time.Millisecond
		p := Policy{Limit: limit, Period: time.Duration(limit) * interval}
		h := Middleware(Options{Policy: p})(headersOK)
		ceil := func(d time.Duration) string { return strconv.Itoa(int((d + time.Second - 1) / time.Second)) }
		for i := range limit + 1 {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
			hd := w.Header()
			code, remaining, reset, retry := 200, strconv.Itoa(limit-1-i), ceil(time.Duration(i+1)*interval), ""
			if i == limit {
				code, remaining, reset, retry = 429, "0", ceil(p.Period), ceil(interval)
			}
			if w.Code != code || hd.Get("RateLimit-Limit") != strconv.Itoa(limit) || hd.Get("RateLimit-Remaining") != remaining ||
				hd.Get("RateLimit-Reset") != reset || hd.Get("Retry-After") != retry {
				t.Fatalf("%d per %v, request %d: %d, RateLimit-Limit %q, -Remaining %q, -Reset %q, Retry-After %q; want %d, %q, %q, %q, %q",
					limit, p.Period, i+1, w.Code, hd.Get("RateLimit-Limit"), hd.Get("RateLimit-Remaining"), hd.Get("RateLimit-Reset"),
					hd.Get("Retry-After"), code, strconv.Itoa(limit), remaining, reset, retry)
			}
			if code == 429 {
				var prob struct{ Status int }
				if hd.Get("Content-Type") != "application/problem+json" || json.Unmarshal(w.Body.Bytes(), &prob) != nil || prob.Status != 429 {
					t.Fatalf("429 with Content-Type %q and body %q; want a problem details object (writeProblem)", hd.Get("Content-Type"), w.Body)
				}
				if w.Body.String() == "ok" {
					t.Fatal("a refused request reached the handler")
				}
			}
		}
		time.Sleep(interval - time.Millisecond)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		if w.Code != 429 || w.Header().Get("Retry-After") != "1" {
			t.Fatalf("1 ms before one interval has passed: %d, Retry-After %q; want 429, \"1\" (never 0)", w.Code, w.Header().Get("Retry-After"))
		}
	})
}

func TestHeadersEmptyKeyIsNotLimited(t *testing.T) {
	key := func(r *http.Request) string {
		if r.URL.Path == "/free" {
			return ""
		}
		return "k"
	}
	h := Middleware(Options{Policy: Policy{Limit: 1, Period: time.Hour}, Key: key})(headersOK)
	serve := func(path string) int {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		return w.Code
	}
	for i := range 3 + rand.IntN(5) {
		if code := serve("/free"); code != 200 {
			t.Fatalf("request %d with the key \"\", limit 1: %d; want 200 (an empty key is not limited)", i+1, code)
		}
	}
	if a, b := serve("/"), serve("/"); a != 200 || b != 429 {
		t.Fatalf("two requests with the key \"k\", limit 1: %d, %d; want 200, 429", a, b)
	}
}
