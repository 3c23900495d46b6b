package learnbench

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// cannedReport is a report from a fixed program output (testdata/results.jsonl): the result
// source is injected, so formatting and ratios are tested without running a benchmark.
func cannedReport(t *testing.T) *Report {
	t.Helper()
	f, err := os.Open("testdata/results.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	results, err := ParseResults(f)
	if err == nil || !strings.Contains(err.Error(), "1 lines were not results") {
		t.Errorf("ParseResults error = %v, want one bad line counted", err)
	}
	if len(results) != 14 {
		t.Fatalf("ParseResults read %d results, want 14", len(results))
	}
	return &Report{
		Env:      "go1.26.8 linux/amd64, 2 CPUs, GOMAXPROCS 1, best of 3 × 100ms, load 20.90",
		Packages: []string{"velocy", "logtar"},
		Notes: []string{
			"httprouter, chi, zerolog and zap: left out, they could not be fetched (module lookup disabled by GOPROXY=off); a long note that has to wrap at eighty columns to check the wrapping",
			"your logtar does not build with the calls the benchmark makes (logtar.New):\n    yourslogtar/adapter.go:17:14: undefined: logtar.NewConfig\nfinish step 04.02-plain-logger first (learn check 04.02-plain-logger)",
		},
		Results: results,
	}
}

func TestRenderGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		color bool
	}{{"report.golden", false}, {"report-color.golden", true}} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, cannedReport(t), tc.color); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, buf.Bytes())
			if !tc.color {
				for i, l := range strings.Split(buf.String(), "\n") {
					if n := utf8.RuneCountInString(l); n > Width {
						t.Errorf("line %d has %d columns, more than %d: %q", i+1, n, Width, l)
					}
					if strings.Contains(l, "\x1b[") {
						t.Errorf("line %d has an escape sequence without colour: %q", i+1, l)
					}
				}
			}
		})
	}
}

// TestRatios checks the ratio column against the reference of each group.
func TestRatios(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, cannedReport(t), false); err != nil {
		t.Fatal(err)
	}
	// name of the row (in its group's order of appearance), and its ratio to the reference
	wants := []struct{ name, ratio string }{
		{"velocy (yours)", "1.52"}, {"http.ServeMux", "5.71"}, {"chi", "29.28"},
		{"http.ServeMux", "0.50"}, {"http.ServeMux", "1.22"},
		{"slog.JSONHandler", "2.10"}, {"slog.JSONHandler", "9.88"},
	}
	lines := strings.Split(buf.String(), "\n")
	for _, w := range wants {
		found := false
		for k, l := range lines {
			f := strings.Fields(l)
			if strings.HasPrefix(l, "  "+w.name+" ") && len(f) > 2 && f[len(f)-2] == w.ratio {
				found = true
				lines = lines[k+1:]
				break
			}
		}
		if !found {
			t.Errorf("no row %s with ratio %s in order in:\n%s", w.name, w.ratio, buf.String())
		}
	}
	if !strings.Contains(buf.String(), "not timed:\n    routes wrong: GET /repos/") {
		t.Errorf("the contender that routes wrong is not reported as not timed:\n%s", buf.String())
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", p, got, want)
	}
}

func TestBar(t *testing.T) {
	for _, tc := range []struct {
		v, top float64
		want   string
	}{
		{10, 10, strings.Repeat("█", barWidth)},
		{5, 10, strings.Repeat("█", barWidth/2)},
		{0.001, 10, "▏"},
		{0, 10, ""},
		{1, 0, ""},
	} {
		if got := bar(tc.v, tc.top, barWidth); got != tc.want {
			t.Errorf("bar(%v, %v) = %q, want %q", tc.v, tc.top, got, tc.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for in, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 56112: "56,112", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := thousands(in); got != want {
			t.Errorf("thousands(%d) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[float64]string{0.9: "0.90", 45.44: "45.4", 1134.7: "1,135"} {
		if got := nanos(in); got != want {
			t.Errorf("nanos(%v) = %q, want %q", in, got, want)
		}
	}
}
