package bookweb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"workspace/velocy/health"
	"workspace/velocy/metrics"
)

// get answers GET url's status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestMetricsCountChecks(t *testing.T) {
	b, _, ids := checkBook(t, 1)
	passed, odd := 1+rand.IntN(3), 1+rand.IntN(3)
	script := make([]string, 0, passed+odd+1)
	for range passed {
		script = append(script, "passed")
	}
	for range odd {
		script = append(script, fmt.Sprintf("made-up-%d", rand.IntN(1000))) // a status nobody planned
	}
	script = append(script, "error")
	rand.Shuffle(len(script), func(i, j int) { script[i], script[j] = script[j], script[i] })
	n := 0
	check := func(_ context.Context, step string) (Verdict, error) {
		s := script[n]
		n++
		if s == "error" {
			return Verdict{}, errors.New("could not run")
		}
		return Verdict{Step: step, Status: s, Passed: s == "passed"}, nil
	}
	reg := metrics.NewRegistry()
	srv := httptest.NewServer(Edition(b, Options{Logger: slog.New(slog.DiscardHandler)}, Services{Check: check, Metrics: reg}))
	defer srv.Close()
	for range script {
		post(t, browser(t), srv.URL+"/check/"+ids[0])
	}
	code, text := get(t, srv.URL+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("GET /metrics = %d, want 200 (the registry's ServeHTTP)", code)
	}
	for _, want := range []string{
		fmt.Sprintf(`bookweb_checks_total{status="passed"} %d`, passed),
		fmt.Sprintf(`bookweb_checks_total{status="other"} %d`, odd),
		`bookweb_checks_total{status="error"} 1`,
		fmt.Sprintf(`bookweb_check_duration_seconds_count %d`, len(script)),
		`http_requests_total{method="POST",route="/check/{step}"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("GET /metrics after %d checks (%d passed, %d with a status not in learn's list, 1 that could not run) has no line starting %q:\n%s",
				len(script), passed, odd, want, text)
		}
	}
	if strings.Contains(text, "made-up") {
		t.Error(`a status learn does not print became a label value; count it under "other", or any checker can grow the series`)
	}
}

func TestHealthProbes(t *testing.T) {
	b, _, _ := checkBook(t, 1)
	h := health.New()
	srv := httptest.NewServer(Edition(b, Options{Logger: slog.New(slog.DiscardHandler)}, Services{Health: h}))
	defer srv.Close()
	for _, p := range []string{"/livez", "/readyz"} {
		if code, _ := get(t, srv.URL+p); code != http.StatusOK {
			t.Errorf("GET %s = %d, want 200 (Services.Health's probes)", p, code)
		}
	}
	h.SetDraining()
	if code, _ := get(t, srv.URL+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("GET /readyz while draining = %d, want 503", code)
	}
	if code, _ := get(t, srv.URL+"/livez"); code != http.StatusOK {
		t.Errorf("GET /livez while draining = %d, want 200 (liveness does not depend on draining)", code)
	}
}
