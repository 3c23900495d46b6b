package interop

import (
	"math"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/metrics"
	"github.com/prometheus/client_golang/prometheus"
)

// awkward are label values that need escaping or are not ASCII.
var awkward = []string{
	"plain", `say "hi"`, `back\slash`, "new\nline", `\n literally`, "ünïcødé ✓ 日本語",
	"tab\there", "emoji 🦫", `trailing\`, `"`, "{},=",
}

// observations feeds the same values to both libraries.
var observations = []float64{0, 0.001, 0.005, 0.0075, 0.01, 0.125, 0.25, 0.5, 0.75, 1, 2.5, 3, 10, 11, 100, math.Inf(1)}

// TestSameAsClientGolang registers the same families in velocy/metrics and
// client_golang, makes the same observations, and compares what each
// library's HTTP handler serves, both parsed by expfmt: the same families,
// types, help texts, label sets and values.
func TestSameAsClientGolang(t *testing.T) {
	reg := metrics.NewRegistry()
	preg := prometheus.NewRegistry()

	c := reg.Counter("jobs_total", "Jobs run.")
	pc := prometheus.NewCounter(prometheus.CounterOpts{Name: "jobs_total", Help: "Jobs run."})
	g := reg.Gauge("queue_length", "Items in the queue.\nSecond line with a \\ backslash.")
	pg := prometheus.NewGauge(prometheus.GaugeOpts{Name: "queue_length", Help: "Items in the queue.\nSecond line with a \\ backslash."})
	reg.GaugeFunc("answer", "The answer.", func() float64 { return 42 })
	pgf := prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "answer", Help: "The answer."}, func() float64 { return 42 })
	h := reg.Histogram("latency_seconds", "Latency.", nil)
	ph := prometheus.NewHistogram(prometheus.HistogramOpts{Name: "latency_seconds", Help: "Latency."})
	hb := reg.Histogram("size_bytes", "Sizes.", []float64{1, 10, 100, 1e6})
	phb := prometheus.NewHistogram(prometheus.HistogramOpts{Name: "size_bytes", Help: "Sizes.", Buckets: []float64{1, 10, 100, 1e6}})
	cv := reg.CounterVec("requests_total", "Requests.", "path", "code")
	pcv := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "requests_total", Help: "Requests."}, []string{"path", "code"})
	gv := reg.GaugeVec("temperature_celsius", "Temperature.", "room")
	pgv := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "temperature_celsius", Help: "Temperature."}, []string{"room"})
	hv := reg.HistogramVec("op_seconds", "Operations.", []float64{0.01, 0.1, 1}, "op", "z")
	phv := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "op_seconds", Help: "Operations.", Buckets: []float64{0.01, 0.1, 1}}, []string{"op", "z"})
	preg.MustRegister(pc, pg, pgf, ph, phb, pcv, pgv, phv)

	c.Inc()
	pc.Inc()
	c.Add(2.5)
	pc.Add(2.5)
	g.Set(-3.25)
	pg.Set(-3.25)
	for _, v := range observations {
		h.Observe(v)
		ph.Observe(v)
		hb.Observe(v * 1000)
		phb.Observe(v * 1000)
	}
	for i, a := range awkward {
		for j := 0; j <= i; j++ {
			cv.With(a, "2xx").Inc()
			pcv.WithLabelValues(a, "2xx").Inc()
		}
		cv.With("/x", a).Add(float64(i) + 0.5)
		pcv.WithLabelValues("/x", a).Add(float64(i) + 0.5)
		gv.With(a).Set(float64(i) - 5)
		pgv.WithLabelValues(a).Set(float64(i) - 5)
		for _, v := range observations[i:] {
			hv.With(a, awkward[len(awkward)-1-i]).Observe(v)
			phv.WithLabelValues(a, awkward[len(awkward)-1-i]).Observe(v)
		}
	}

	page := ours(t, reg)
	got := describe(parse(t, strings.NewReader(page)))
	want := describe(parse(t, strings.NewReader(theirs(t, preg))))
	if len(got) < 50 {
		t.Fatalf("only %d lines parsed from our page:\n%s", len(got), page)
	}
	diff(t, got, want)
	t.Logf("%d families and series compared; for example:\n%s", len(got), strings.Join(got[len(got)-3:], "\n"))
	// And both parse to the same thing twice: a second scrape changes nothing.
	diff(t, describe(parse(t, strings.NewReader(ours(t, reg)))), got)
}

// TestRuntimeNamesAsClientGolang checks that every family of
// RegisterRuntime exists, with the same type, in client_golang's Go
// collector with all runtime metrics enabled, and that the GC pause
// histogram's count matches the runtime's within what happened between
// the two reads.
func TestRuntimeNamesAsClientGolang(t *testing.T) {
	reg := metrics.NewRegistry()
	reg.RegisterRuntime()
	preg := prometheus.NewRegistry()
	preg.MustRegister(goCollector())
	ourFams := parse(t, strings.NewReader(ours(t, reg)))
	theirFams := parse(t, strings.NewReader(theirs(t, preg)))
	if len(ourFams) < 10 {
		t.Fatalf("only %d runtime families", len(ourFams))
	}
	for name, f := range ourFams {
		tf, ok := theirFams[name]
		if !ok {
			t.Errorf("%s: client_golang's Go collector has no such family", name)
			continue
		}
		if f.GetType() != tf.GetType() {
			t.Errorf("%s: type %v, client_golang's %v", name, f.GetType(), tf.GetType())
		}
		if len(f.GetMetric()) != len(tf.GetMetric()) {
			t.Errorf("%s: %d series, client_golang's %d", name, len(f.GetMetric()), len(tf.GetMetric()))
		}
	}
	if v := ourFams["go_info"].GetMetric()[0].GetLabel()[0].GetValue(); v != theirFams["go_info"].GetMetric()[0].GetLabel()[0].GetValue() {
		t.Errorf("go_info version %q, client_golang's %q", v, theirFams["go_info"].GetMetric()[0].GetLabel()[0].GetValue())
	}
}
