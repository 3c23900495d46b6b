package interop

import (
	"fmt"
	"io"
	"math"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/metrics"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// parse reads a page of the text format with Prometheus's own parser.
func parse(t *testing.T, page io.Reader) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.LegacyValidation)
	fams, err := p.TextToMetricFamilies(page)
	if err != nil {
		t.Fatalf("expfmt: %v", err)
	}
	return fams
}

// ours returns velocy/metrics' page for reg, as ServeHTTP serves it.
func ours(t *testing.T, reg *metrics.Registry) string {
	t.Helper()
	w := httptest.NewRecorder()
	reg.ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	if ct := w.Header().Get("Content-Type"); ct != string(expfmt.NewFormat(expfmt.TypeTextPlain)) {
		t.Errorf("Content-Type %q, want %q", ct, expfmt.NewFormat(expfmt.TypeTextPlain))
	}
	return w.Body.String()
}

// theirs returns the page client_golang's promhttp handler serves for reg
// in the text format, version 0.0.4.
func theirs(t *testing.T, reg *prometheus.Registry) string {
	t.Helper()
	w := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.Header.Set("Accept", "text/plain; version=0.0.4")
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP(w, req)
	return w.Body.String()
}

// describe turns parsed families into comparable lines: one per family
// (name, type, help) and one per series (sorted labels, then its values;
// a histogram's buckets as le=count), sorted.
func describe(fams map[string]*dto.MetricFamily) []string {
	var out []string
	for name, f := range fams {
		out = append(out, fmt.Sprintf("%s %s %q", name, f.GetType(), f.GetHelp()))
		for _, m := range f.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
			}
			slices.Sort(labels)
			line := name + "{" + strings.Join(labels, ",") + "}"
			switch f.GetType() {
			case dto.MetricType_COUNTER:
				line += " " + num(m.GetCounter().GetValue())
			case dto.MetricType_GAUGE:
				line += " " + num(m.GetGauge().GetValue())
			case dto.MetricType_HISTOGRAM:
				h := m.GetHistogram()
				line += fmt.Sprintf(" count=%d sum=%s", h.GetSampleCount(), num(h.GetSampleSum()))
				for _, b := range h.GetBucket() {
					line += fmt.Sprintf(" %s:%d", num(b.GetUpperBound()), b.GetCumulativeCount())
				}
			default:
				line += " unexpected type"
			}
			out = append(out, line)
		}
	}
	slices.Sort(out)
	return out
}

// num formats a value exactly (NaN and infinities included).
func num(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return fmt.Sprint(v)
}

// diff reports the lines only in got or only in want.
func diff(t *testing.T, got, want []string) {
	t.Helper()
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("only in ours:   %s", g)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("only in theirs: %s", w)
		}
	}
}
