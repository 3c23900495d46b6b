package interop

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/metrics"
)

// fullPage returns a page with every kind of family velocy/metrics
// writes: the runtime's, the middleware's after a few requests, and
// counters, gauges and histograms with awkward label values and an
// overflowing vec.
func fullPage(t *testing.T) string {
	t.Helper()
	reg := metrics.NewRegistry()
	reg.RegisterRuntime()
	r := velocy.New()
	r.Use(metrics.Middleware(reg))
	r.Get("/users/{id}", func(w http.ResponseWriter, req *http.Request) {})
	r.Post("/users", func(w http.ResponseWriter, req *http.Request) { w.WriteHeader(http.StatusCreated) })
	for _, target := range []string{"/users/1", "/users/2", "/nope"} {
		r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", target, nil))
	}
	r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/users", nil))
	r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("BREW", "/users", nil))

	cv := reg.CounterVec("app_events_total", "Events, by kind.\nA second line, a \\ backslash.", "kind")
	cv.SetMaxSeries(len(awkward) - 2)
	gv := reg.GaugeVec("app_temperature_celsius", "Temperature by room.", "room", "floor")
	hv := reg.HistogramVec("app_job_duration_seconds", "Job durations.", []float64{0.01, 0.1, 1}, "queue")
	for i, a := range awkward {
		cv.With(a).Add(float64(i))
		gv.With(a, "1").Set(float64(i) - 3.5)
		hv.With(a).Observe(observations[i])
	}
	reg.Histogram("app_payload_bytes", "Payload sizes.", []float64{100, 1e4, 1e6}).Observe(2e6)
	reg.Gauge("app_ratio", "A ratio.").Set(0.25)
	return ours(t, reg)
}

// TestPromtool runs promtool check metrics on fullPage. Without promtool
// the test skips, unless LEARN_REQUIRE_PROMTOOL=1 (run-tests.sh sets it),
// where it fails.
func TestPromtool(t *testing.T) {
	path, err := exec.LookPath("promtool")
	if err != nil {
		if os.Getenv("LEARN_REQUIRE_PROMTOOL") == "1" {
			t.Fatal("promtool not found and LEARN_REQUIRE_PROMTOOL=1 (the Debian package prometheus has it)")
		}
		t.Skip("promtool not found; run-tests.sh installs it")
	}
	page := fullPage(t)
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second) // hang protection only
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "check", "metrics")
	cmd.Stdin = strings.NewReader(page)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil || strings.TrimSpace(out.String()) != "" {
		t.Errorf("promtool check metrics: %v\n%s\npage:\n%s", err, out.String(), page)
	}
	// promtool must also refuse a broken page, or the check above proves nothing.
	bad := exec.CommandContext(ctx, path, "check", "metrics")
	bad.Stdin = strings.NewReader(page + "broken{le=\"x} 1\n")
	if out, err := bad.CombinedOutput(); err == nil {
		t.Errorf("promtool accepted a broken page: %s", out)
	}
}
