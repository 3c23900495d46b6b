package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestPromtoolChecksPage pipes the app's /metrics page, after some
// traffic (so that every vec has series), through promtool check metrics
// (the binary named by LEARN_PROMTOOL), which parses it with Prometheus's
// own parser and lints the names; any complaint fails the test.
// prometheus-test.sh runs it; without the variable it is skipped.
func TestPromtoolChecksPage(t *testing.T) {
	bin := os.Getenv("LEARN_PROMTOOL")
	if bin == "" {
		t.Skip("LEARN_PROMTOOL is not set: chapters/ch12/app/prometheus-test.sh runs this test with promtool")
	}
	r := startRun(t, "-dir", t.TempDir())
	for _, c := range []struct{ method, path, body string }{
		{"POST", "/notes", `{"text":"promtool"}`},
		{"POST", "/notes", `{"text":`},
		{"GET", "/notes", ""},
		{"GET", "/nowhere", ""},
	} {
		req, _ := http.NewRequest(c.method, "http://"+r.public+c.path, strings.NewReader(c.body))
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	page := scrape(r.admin)
	for _, family := range []string{"http_requests_total", "http_request_duration_seconds", "go_goroutines"} {
		if !strings.Contains(page, "# TYPE "+family+" ") {
			t.Fatalf("the page lacks %s:\n%s", family, page)
		}
	}

	ctx, cancel := context.WithTimeout(t.Context(), hang)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "check", "metrics")
	cmd.Stdin = strings.NewReader(page)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil || out.Len() > 0 {
		t.Fatalf("promtool check metrics: %v\n%s\nthe page:\n%s", err, out.String(), page)
	}
	t.Logf("promtool check metrics accepts the page (%d lines)", strings.Count(page, "\n"))
}
