package health

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// probe sends method to h and returns the status and decoded body.
func probe(t *testing.T, h http.Handler, method string) (int, Report, http.Header) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, "/readyz", nil))
	var rep Report
	if method != http.MethodHead && rec.Code != http.StatusMethodNotAllowed {
		if err := json.Unmarshal(rec.Body.Bytes(), &rep); err != nil {
			t.Fatalf("body %q: %v", rec.Body, err)
		}
	}
	return rec.Code, rep, rec.Header()
}

func TestLive(t *testing.T) {
	h := New()
	h.AddCheck("db", time.Second, func(context.Context) error { return errors.New("down") })
	h.SetDraining()
	code, rep, hdr := probe(t, h.Live(), "GET")
	if code != 200 || rep.Status != StatusOK {
		t.Errorf("Live = %d %+v; it must not depend on checks or draining", code, rep)
	}
	if hdr.Get("Content-Type") != "application/json" || hdr.Get("Cache-Control") != "no-store" {
		t.Errorf("headers %v", hdr)
	}
}

func TestReadyNoChecks(t *testing.T) {
	code, rep, _ := probe(t, New().Ready(), "GET")
	if code != 200 || rep.Status != StatusOK || rep.Checks != nil {
		t.Errorf("Ready = %d %+v", code, rep)
	}
}

func TestReadyAllPass(t *testing.T) {
	h := New()
	h.AddCheck("db", time.Second, func(context.Context) error { return nil })
	h.AddCheck("redis", 0, func(context.Context) error { return nil })
	code, rep, _ := probe(t, h.Ready(), "GET")
	if code != 200 || rep.Status != StatusOK || len(rep.Checks) != 2 || rep.Checks["redis"].Status != StatusOK {
		t.Errorf("Ready = %d %+v", code, rep)
	}
}

func TestReadyFailingCheckHidesError(t *testing.T) {
	h := New()
	h.AddCheck("db", time.Second, func(context.Context) error { return errors.New("dial tcp 10.0.0.7:5432: password for admin refused") })
	h.AddCheck("redis", time.Second, func(context.Context) error { return nil })
	rec := httptest.NewRecorder()
	h.Ready().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d", rec.Code)
	}
	want := `{"status":"fail","checks":{"db":{"status":"fail","error":"failed"},"redis":{"status":"ok"}}}` + "\n"
	if rec.Body.String() != want {
		t.Errorf("body %s, want %s", rec.Body, want)
	}
}

func TestReadyShowErrors(t *testing.T) {
	h := New()
	h.SetShowErrors(true)
	h.AddCheck("db", time.Second, func(context.Context) error { return errors.New("connection refused") })
	_, rep, _ := probe(t, h.Ready(), "GET")
	if rep.Checks["db"].Error != "connection refused" {
		t.Errorf("Error = %q", rep.Checks["db"].Error)
	}
}

func TestReadyLogsErrors(t *testing.T) {
	var buf strings.Builder
	h := New()
	h.SetLogger(slogTo(&buf))
	h.AddCheck("db", time.Second, func(context.Context) error { return errors.New("connection refused") })
	probe(t, h.Ready(), "GET")
	if !strings.Contains(buf.String(), "check=db") || !strings.Contains(buf.String(), `error="connection refused"`) {
		t.Errorf("log %q", buf.String())
	}
}

func TestReadyPanickingCheck(t *testing.T) {
	h := New()
	h.SetShowErrors(true)
	h.AddCheck("boom", time.Second, func(context.Context) error { panic("nil map") })
	code, rep, _ := probe(t, h.Ready(), "GET")
	if code != 503 || !strings.Contains(rep.Checks["boom"].Error, "panicked") {
		t.Errorf("Ready = %d %+v", code, rep)
	}
}

func TestReadyDrainingSkipsChecks(t *testing.T) {
	var ran atomic.Int32
	h := New()
	h.AddCheck("db", time.Second, func(context.Context) error { ran.Add(1); return nil })
	if h.Draining() {
		t.Fatal("new Health is draining")
	}
	h.SetDraining()
	if !h.Draining() {
		t.Fatal("Draining() = false after SetDraining")
	}
	rec := httptest.NewRecorder()
	h.Ready().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 503 || rec.Body.String() != `{"status":"draining"}`+"\n" {
		t.Errorf("Ready = %d %s", rec.Code, rec.Body)
	}
	if ran.Load() != 0 {
		t.Error("a check ran while draining")
	}
}

func TestHeadAndMethods(t *testing.T) {
	h := New()
	h.AddCheck("db", time.Second, func(context.Context) error { return errors.New("x") })
	for _, tc := range []struct {
		handler http.Handler
		code    int
	}{{h.Live(), 200}, {h.Ready(), 503}} {
		rec := httptest.NewRecorder()
		tc.handler.ServeHTTP(rec, httptest.NewRequest("HEAD", "/", nil))
		if rec.Code != tc.code || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") == "" {
			t.Errorf("HEAD = %d, body %q, headers %v", rec.Code, rec.Body, rec.Header())
		}
		rec = httptest.NewRecorder()
		tc.handler.ServeHTTP(rec, httptest.NewRequest("POST", "/", nil))
		if rec.Code != 405 || rec.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("POST = %d %v", rec.Code, rec.Header())
		}
	}
}

// TestHeadOverHTTP checks HEAD through a real server: status, length, no body.
func TestHeadOverHTTP(t *testing.T) {
	h := New()
	srv := httptest.NewServer(h.Ready())
	defer srv.Close()
	resp, err := srv.Client().Head(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(body) != 0 || resp.ContentLength != int64(len(`{"status":"ok"}`+"\n")) {
		t.Errorf("HEAD: %d, length %d, body %q", resp.StatusCode, resp.ContentLength, body)
	}
}

func TestAddCheckPanics(t *testing.T) {
	h := New()
	h.AddCheck("db", 0, func(context.Context) error { return nil })
	for name, f := range map[string]func(){
		"empty name": func() { h.AddCheck("", 0, func(context.Context) error { return nil }) },
		"nil check":  func() { h.AddCheck("x", 0, nil) },
		"duplicate":  func() { h.AddCheck("db", 0, func(context.Context) error { return nil }) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}

// TestChecksRunConcurrently: two checks that each wait for the other to
// start pass only if they run at the same time.
func TestChecksRunConcurrently(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, b := make(chan struct{}), make(chan struct{})
		h := New()
		h.AddCheck("a", time.Second, func(ctx context.Context) error {
			close(a)
			select {
			case <-b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		h.AddCheck("b", time.Second, func(ctx context.Context) error {
			close(b)
			select {
			case <-a:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if rep := h.Status(t.Context()); rep.Status != StatusOK {
			t.Errorf("%+v", rep)
		}
	})
}

// TestTimeout: a check that outlasts its timeout fails with "timeout",
// the others keep their results, and the probe answers after the longest
// timeout, not the slow check's time.
func TestTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		var sawDeadline atomic.Bool
		h := New()
		h.AddCheck("slow-but-polite", time.Second, func(ctx context.Context) error {
			<-ctx.Done()
			sawDeadline.Store(errors.Is(ctx.Err(), context.DeadlineExceeded))
			return ctx.Err()
		})
		h.AddCheck("ignores-ctx", 2*time.Second, func(context.Context) error {
			<-release // a check that never looks at its context
			return nil
		})
		h.AddCheck("fast", time.Second, func(context.Context) error { return nil })

		start := time.Now()
		code, rep, _ := probe(t, h.Ready(), "GET")
		elapsed := time.Since(start) // fake time: exact
		if code != 503 || rep.Checks["slow-but-polite"].Error != "timeout" || rep.Checks["ignores-ctx"].Error != "timeout" || rep.Checks["fast"].Status != StatusOK {
			t.Errorf("Ready = %d %+v", code, rep)
		}
		if !sawDeadline.Load() {
			t.Error("the polite check did not see its deadline")
		}
		if elapsed != 2*time.Second {
			t.Errorf("probe answered after %v of fake time, want 2s (the longest timeout)", elapsed)
		}
		close(release)
		synctest.Wait()
	})
}

// TestRequestContextBoundsChecks: a check without a timeout of its own
// stops when the probe's request is cancelled.
func TestRequestContextBoundsChecks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := New()
		h.AddCheck("db", 0, func(ctx context.Context) error {
			<-ctx.Done()
			return ctx.Err()
		})
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		start := time.Now()
		rep := h.Status(ctx)
		if rep.Status != StatusFail || time.Since(start) != 5*time.Second {
			t.Errorf("%+v after %v", rep, time.Since(start))
		}
	})
}

func TestCache(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var runs atomic.Int32
		fail := atomic.Bool{}
		h := New()
		h.SetCacheFor(2 * time.Second)
		h.AddCheck("db", time.Second, func(context.Context) error {
			runs.Add(1)
			if fail.Load() {
				return errors.New("down")
			}
			return nil
		})
		for range 10 {
			if rep := h.Status(t.Context()); rep.Status != StatusOK {
				t.Fatalf("%+v", rep)
			}
		}
		if runs.Load() != 1 {
			t.Errorf("10 probes within the cache time ran the check %d times, want 1", runs.Load())
		}
		fail.Store(true)
		time.Sleep(time.Second)
		if rep := h.Status(t.Context()); rep.Status != StatusOK {
			t.Errorf("cached result not served: %+v", rep)
		}
		time.Sleep(time.Second)
		if rep := h.Status(t.Context()); rep.Status != StatusFail {
			t.Errorf("stale result served after the cache time: %+v", rep)
		}
		if runs.Load() != 2 {
			t.Errorf("runs = %d, want 2", runs.Load())
		}
		// A probe that gave up does not fill the cache.
		time.Sleep(3 * time.Second)
		fail.Store(false)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		h.Status(ctx)
		if rep := h.Status(t.Context()); rep.Status != StatusOK {
			t.Errorf("a cancelled probe's result was cached: %+v", rep)
		}
	})
}

// TestDrainingDuringChecks: SetDraining from another goroutine while
// probes run is safe (go test -race).
func TestDrainingDuringChecks(t *testing.T) {
	h := New()
	h.AddCheck("db", time.Second, func(context.Context) error { return nil })
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 50 {
			h.Status(context.Background())
		}
	}()
	h.SetDraining()
	<-done
	if rep := h.Status(context.Background()); rep.Status != StatusDraining {
		t.Errorf("%+v", rep)
	}
}
