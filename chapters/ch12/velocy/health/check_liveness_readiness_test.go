package health

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// opsServe sends a method request to h and returns the recorder, failing
// the test if the handler does not return within a generous deadline.
func opsServe(t *testing.T, h http.Handler, method string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(rec, httptest.NewRequest(method, "/probe", nil))
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not return within 10s: does Status hold h.mu while a check runs, or wait for something?", method)
	}
	return rec
}

// opsReport decodes a probe's JSON body.
func opsReport(t *testing.T, what string, rec *httptest.ResponseRecorder) Report {
	t.Helper()
	var rep Report
	if err := json.Unmarshal(rec.Body.Bytes(), &rep); err != nil {
		t.Fatalf("%s: body %q is not a JSON report (%v): write json.Marshal(h.Status(...)) with write", what, rec.Body.String(), err)
	}
	return rep
}

// opsChecks adds n checks with random names to h; each fails with the
// probability failRate. It returns the names and, for each failing check,
// its error text.
func opsChecks(h *Health, n int, failRate float64, calls *atomic.Int64) (names []string, failing map[string]string) {
	failing = map[string]string{}
	for i := range n {
		name := fmt.Sprintf("dep%d-%x", i, rand.Uint32())
		names = append(names, name)
		var err error
		if rand.Float64() < failRate {
			err = fmt.Errorf("dial %s: connection refused (%d)", name, rand.IntN(1000))
			failing[name] = err.Error()
		}
		h.AddCheck(name, time.Minute, func(context.Context) error {
			calls.Add(1)
			return err
		})
	}
	return names, failing
}

func TestOpsLive(t *testing.T) {
	h := New()
	var calls atomic.Int64
	opsChecks(h, 1+rand.IntN(4), 1, &calls) // every check fails
	if rand.IntN(2) == 0 {
		h.SetDraining()
	}
	rec := opsServe(t, h.Live(), http.MethodGet)
	if rec.Code != http.StatusOK || rec.Body.String() != `{"status":"ok"}`+"\n" {
		t.Fatalf("Live() to GET = %d %q, want 200 %q: liveness answers ok whatever the checks and draining say",
			rec.Code, rec.Body.String(), `{"status":"ok"}`+"\n")
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Live() Content-Type = %q, want %q: answer with write", ct, "application/json")
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("Live() ran %d checks, want 0: a liveness probe that checks dependencies restarts the fleet", n)
	}
	if rec := opsServe(t, h.Live(), http.MethodHead); rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Errorf("Live() to HEAD = %d %q, want 200 and no body", rec.Code, rec.Body.String())
	}
	if rec := opsServe(t, h.Live(), http.MethodPost); rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") == "" {
		t.Errorf("Live() to POST = %d (Allow %q), want 405 with an Allow header: start with allowed(w, r)", rec.Code, rec.Header().Get("Allow"))
	}
}

func TestOpsReadyReportsEachCheck(t *testing.T) {
	for round := range 20 {
		h := New()
		show := rand.IntN(2) == 0
		h.SetShowErrors(show)
		var calls atomic.Int64
		failRate := []float64{0, 0.5, 1}[round%3]
		names, failing := opsChecks(h, rand.IntN(5), failRate, &calls)

		rec := opsServe(t, h.Ready(), http.MethodGet)
		rep := opsReport(t, "Ready() to GET", rec)
		wantCode, wantStatus := http.StatusOK, StatusOK
		if len(failing) > 0 {
			wantCode, wantStatus = http.StatusServiceUnavailable, StatusFail
		}
		if rec.Code != wantCode || rep.Status != wantStatus {
			t.Fatalf("Ready() with %d checks, %d failing = %d %q, want %d %q", len(names), len(failing), rec.Code, rep.Status, wantCode, wantStatus)
		}
		if int(calls.Load()) != len(names) {
			t.Fatalf("Ready() ran %d checks, want each of the %d once", calls.Load(), len(names))
		}
		if len(rep.Checks) != len(names) {
			t.Fatalf("Ready() reported %d checks (%v), want %d, one per name given to AddCheck", len(rep.Checks), rep.Checks, len(names))
		}
		for _, name := range names {
			got, ok := rep.Checks[name]
			errText, fails := failing[name]
			want := Result{Status: StatusOK}
			if fails {
				want = Result{Status: StatusFail, Error: "failed"}
				if show {
					want.Error = errText
				}
			}
			if !ok || got.Status != want.Status || got.Error != want.Error {
				t.Fatalf("Ready() reports check %q as %+v, want %+v (SetShowErrors(%v)): a failing check says \"failed\", or its error's text when errors are shown",
					name, got, want, show)
			}
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
			t.Fatalf("Ready() Content-Type = %q, want %q: answer with write", ct, "application/json")
		}
	}
	h := New()
	if rec := opsServe(t, h.Ready(), http.MethodPut); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("Ready() to PUT = %d, want 405: start with allowed(w, r)", rec.Code)
	}
}

func TestOpsReadyDraining(t *testing.T) {
	h := New()
	var calls atomic.Int64
	opsChecks(h, 1+rand.IntN(3), 0, &calls)
	if h.Draining() {
		t.Fatal("New().Draining() = true, want false")
	}
	if rec := opsServe(t, h.Ready(), http.MethodGet); rec.Code != http.StatusOK {
		t.Fatalf("Ready() with passing checks = %d %q, want 200", rec.Code, rec.Body.String())
	}
	calls.Store(0)
	h.SetDraining()
	if !h.Draining() {
		t.Fatal("Draining() after SetDraining = false, want true: store into h.draining")
	}
	rec := opsServe(t, h.Ready(), http.MethodGet)
	if rep := opsReport(t, "Ready() while draining", rec); rec.Code != http.StatusServiceUnavailable || rep.Status != StatusDraining {
		t.Fatalf("Ready() while draining = %d %q, want 503 %q: the load balancer must stop sending requests", rec.Code, rep.Status, StatusDraining)
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("Ready() while draining ran %d checks, want 0: draining fails at once, whatever the checks say", n)
	}
}

// opsRecords is a slog.Handler that keeps each record's message and
// attributes.
type opsRecords struct {
	mu   sync.Mutex
	recs []string
}

func (o *opsRecords) Enabled(context.Context, slog.Level) bool { return true }
func (o *opsRecords) WithAttrs([]slog.Attr) slog.Handler       { return o }
func (o *opsRecords) WithGroup(string) slog.Handler            { return o }
func (o *opsRecords) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Level.String())
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		return true
	})
	o.mu.Lock()
	o.recs = append(o.recs, b.String())
	o.mu.Unlock()
	return nil
}

func TestOpsReadyLogsFailures(t *testing.T) {
	h := New()
	var log opsRecords
	h.SetLogger(slog.New(&log))
	var calls atomic.Int64
	_, failing := opsChecks(h, 2+rand.IntN(3), 0.5, &calls)
	h.AddCheck("extra", time.Minute, func(context.Context) error { return errors.New("boom extra") })
	failing["extra"] = "boom extra"
	opsServe(t, h.Ready(), http.MethodGet)
	log.mu.Lock()
	defer log.mu.Unlock()
	for name := range failing {
		found := false
		for _, r := range log.recs {
			found = found || (strings.HasPrefix(r, "WARN") && strings.Contains(r, "check="+name+" "))
		}
		if !found {
			t.Fatalf("Ready() with a logger logged %q, want a Warn record with check=%s for the failing check", log.recs, name)
		}
	}
	if len(log.recs) != len(failing) {
		t.Errorf("Ready() logged %d records for %d failing checks, want one each (and none for the checks that passed)", len(log.recs), len(failing))
	}
}
