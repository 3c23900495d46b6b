package metrics

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// metRegPanic returns the panic f raises, or "" if it returns.
func metRegPanic(f func()) (msg string) {
	defer func() {
		if p := recover(); p != nil {
			msg = fmt.Sprint(p)
			if msg == "" {
				msg = "(empty panic)"
			}
		}
	}()
	f()
	return ""
}

func TestMetRegistryPageSorted(t *testing.T) {
	reg := NewRegistry()
	type fam struct {
		name string
		add  func()
		text string
	}
	var fams []fam
	for i := range 4 + rand.IntN(6) {
		name := fmt.Sprintf("met_%c%d", 'a'+rand.IntN(26), i)
		help := fmt.Sprint("Help ", i, ".")
		v := float64(rand.IntN(1000))
		switch rand.IntN(3) {
		case 0:
			name += "_total"
			fams = append(fams, fam{name, func() { reg.Counter(name, help).Add(v) },
				fmt.Sprintf("# HELP %s %s\n# TYPE %s counter\n%s %v\n", name, help, name, name, v)})
		case 1:
			fams = append(fams, fam{name, func() { reg.Gauge(name, help).Set(v) },
				fmt.Sprintf("# HELP %s %s\n# TYPE %s gauge\n%s %v\n", name, help, name, name, v)})
		case 2:
			name += "_total"
			fams = append(fams, fam{name, func() {
				cv := reg.CounterVec(name, help, "k")
				cv.With("b").Add(v)
				cv.With("a").Inc()
			}, fmt.Sprintf("# HELP %s %s\n# TYPE %s counter\n%s{k=\"a\"} 1\n%s{k=\"b\"} %v\n", name, help, name, name, name, v)})
		}
	}
	for _, f := range fams { // registered in random order
		f.add()
	}
	reg.Histogram("met_hist_seconds", "Durations.", []float64{0.5, 1})
	fams = append(fams, fam{name: "met_hist_seconds", text: "# HELP met_hist_seconds Durations.\n# TYPE met_hist_seconds histogram\n" +
		"met_hist_seconds_bucket{le=\"0.5\"} 0\nmet_hist_seconds_bucket{le=\"1\"} 0\nmet_hist_seconds_bucket{le=\"+Inf\"} 0\n" +
		"met_hist_seconds_sum 0\nmet_hist_seconds_count 0\n"})
	slices.SortFunc(fams, func(a, b fam) int { return strings.Compare(a.name, b.name) })
	var want strings.Builder
	var names []string
	for _, f := range fams {
		want.WriteString(f.text)
		names = append(names, f.name)
	}
	var out bytes.Buffer
	if err := reg.WriteText(&out); err != nil {
		t.Fatalf("WriteText = %v", err)
	}
	if out.String() != want.String() {
		t.Fatalf("WriteText wrote\n%s\nwant the families sorted by name (%v), each with its header and samples:\n%s", out.String(), names, want.String())
	}
}

type metRegFailWriter struct{ n int }

func (w *metRegFailWriter) Write(p []byte) (int, error) {
	w.n++
	return 0, errors.New("met: disk full")
}

func TestMetRegistryWriteError(t *testing.T) {
	reg := NewRegistry()
	reg.Counter(fmt.Sprint("met_err_", rand.IntN(100), "_total"), "x").Inc()
	w := &metRegFailWriter{}
	if err := reg.WriteText(w); err == nil || !strings.Contains(err.Error(), "met: disk full") {
		t.Fatalf("WriteText to a writer that fails = %v, want its error", err)
	}
}

func TestMetRegistryRefuses(t *testing.T) {
	reg := NewRegistry()
	taken := fmt.Sprint("met_taken_", rand.IntN(1000), "_total")
	reg.Counter(taken, "x")
	reg.Histogram("met_lat_seconds", "x", nil)
	badName := []string{"", "1abc", "a-b", "a b", "é", "a.b", "a{b}"}[rand.IntN(7)]
	cases := []struct {
		what, name string
		f          func()
	}{
		{"an invalid metric name", badName, func() { reg.Counter(badName, "x") }},
		{"a metric name already registered", taken, func() { reg.Gauge(taken, "x") }},
		{"a counter whose name is a histogram's _count", "met_lat_seconds_count", func() { reg.Counter("met_lat_seconds_count", "x") }},
		{"a histogram whose _sum is a counter's name", "met_x", func() {
			reg.Counter("met_x_sum", "x")
			reg.Histogram("met_x", "x", nil)
		}},
		{"an invalid label name", "met_lbl_total", func() { reg.CounterVec("met_lbl_total", "x", "ok", "bad-"+badName) }},
		{"a label starting with __", "met_under_total", func() { reg.CounterVec("met_under_total", "x", "__name") }},
		{"a label given twice", "met_twice_total", func() { reg.CounterVec("met_twice_total", "x", "a", "b", "a") }},
		{`"le" on a histogram`, "met_le_seconds", func() { reg.HistogramVec("met_le_seconds", "x", nil, "le") }},
		{"the registry's own counter", overflowName, func() { reg.CounterVec(overflowName, "x", "family") }},
	}
	for _, c := range cases {
		msg := metRegPanic(c.f)
		if msg == "" {
			t.Fatalf("registering %s (%q) did not panic: registration errors are programming errors, found at start-up", c.what, c.name)
		}
		if !strings.Contains(msg, c.name) {
			t.Fatalf("registering %s panicked with %q, want a message naming %q", c.what, msg, c.name)
		}
	}
	if msg := metRegPanic(func() { reg.CounterVec("met_le_ok_total", "x", "le") }); msg != "" {
		t.Fatalf(`a counter with a label "le" panicked (%s): le is reserved on histograms only`, msg)
	}
}

func TestMetRegistryServeHTTP(t *testing.T) {
	reg := NewRegistry()
	reg.Counter(fmt.Sprint("met_served_", rand.IntN(1000), "_total"), "Served.").Add(float64(rand.IntN(50)))
	var page bytes.Buffer
	if err := reg.WriteText(&page); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	reg.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != ContentType || rec.Body.String() != page.String() {
		t.Fatalf("GET /metrics = %d, Content-Type %q, body\n%s\nwant 200, %q and the page\n%s", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String(), ContentType, page.String())
	}
	rec = httptest.NewRecorder()
	reg.ServeHTTP(rec, httptest.NewRequest("HEAD", "/metrics", nil))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != ContentType || rec.Body.Len() != 0 {
		t.Fatalf("HEAD /metrics = %d, Content-Type %q, %d body bytes; want 200, %q, no body", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len(), ContentType)
	}
	method := []string{"POST", "PUT", "DELETE"}[rand.IntN(3)]
	rec = httptest.NewRecorder()
	reg.ServeHTTP(rec, httptest.NewRequest(method, "/metrics", nil))
	if rec.Code != http.StatusMethodNotAllowed || !strings.Contains(rec.Header().Get("Allow"), "GET") {
		t.Fatalf("%s /metrics = %d with Allow %q, want 405 with Allow: GET, HEAD", method, rec.Code, rec.Header().Get("Allow"))
	}
}
