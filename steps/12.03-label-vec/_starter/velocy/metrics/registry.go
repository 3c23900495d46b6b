package metrics

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Registry holds metric families and writes them in the Prometheus text
// format (version 0.0.4). Register the metrics once, at start-up, then
// update them from any goroutine; a scrape ([Registry.ServeHTTP] or
// [Registry.WriteText]) reads them without stopping the updates.
type Registry struct {
	mu       sync.Mutex
	families []*family         // sorted by name; replaced, never changed in place
	taken    map[string]string // sample names in use -> the family using them

	overflowOnce sync.Once
	overflow     atomic.Pointer[CounterVec] // velocy_metrics_overflow_total, once needed
}

// family is one metric name with its HELP, TYPE and samples.
type family struct {
	name, help, typ string
	write           func(t *textWriter)
}

// overflowName is the registry's own counter of guard overflows.
const overflowName = "velocy_metrics_overflow_total"

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{taken: map[string]string{}}
}

// ContentType is the media type of the text format, which
// [Registry.ServeHTTP] sends.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// ServeHTTP answers a scrape: GET (or HEAD) gets every family in the text
// format; other methods get 405.
func (r *Registry) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	// TODO(12.04): GET and HEAD get the page (HEAD without a body) with
	// ContentType; other methods 405 with an Allow header.
}

// WriteText writes every family in the text format, version 0.0.4: the
// families sorted by name, each with its # HELP and # TYPE lines and its
// series sorted by label values (in the order of the labels). It returns
// the first error of w. Updates go on while it runs: it takes no lock that
// Inc, Set or Observe wait for.
func (r *Registry) WriteText(w io.Writer) error {
	// TODO(12.04): every family, in order: its header, then its samples
	// (f.write), through one textWriter; flush it and return its error.
	return nil
}

// register adds a family, or panics naming it if its name or labels are
// invalid or taken. samples are the names its lines use besides name.
func (r *Registry) register(name, help, typ string, labels []string, suffixes []string, write func(*textWriter)) {
	// TODO(12.04): panic, naming the metric, on an invalid metric name, an
	// invalid, reserved (__, or le on a histogram) or repeated label name,
	// or the registry's own overflowName; then add the family.
}

// add checks that the family's sample names are free and adds it.
func (r *Registry) add(name, help, typ string, suffixes []string, write func(*textWriter)) {
	// TODO(12.04): under r.mu, panic if name or name+suffix is taken; mark
	// them taken; insert the family keeping r.families sorted by name (a
	// new slice: WriteText may be reading the old one).
}

// quote returns s in double quotes, for panic messages.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// Counter registers a counter without labels and returns it. It panics if
// the name is invalid or already registered: as [http.ServeMux] does for a
// duplicate pattern, these are programming errors to find at start-up.
func (r *Registry) Counter(name, help string) *Counter {
	c := new(Counter)
	r.register(name, help, "counter", nil, nil, func(t *textWriter) {
		t.sample(name, "", nil, nil, "", c.Value())
	})
	return c
}

// CounterVec registers a family of counters with the given labels. It
// panics as [Registry.Counter] does, and on an invalid, repeated or
// reserved (__-prefixed) label name.
func (r *Registry) CounterVec(name, help string, labels ...string) *CounterVec {
	v := newVec(r, name, slices.Clone(labels), func() *Counter { return new(Counter) })
	r.register(name, help, "counter", v.labels, nil, func(t *textWriter) {
		v.each(func(values []string, c *Counter) {
			t.sample(name, "", v.labels, values, "", c.Value())
		})
	})
	return &CounterVec{v}
}

// Gauge registers a gauge without labels and returns it. It panics as
// [Registry.Counter] does.
func (r *Registry) Gauge(name, help string) *Gauge {
	g := new(Gauge)
	r.register(name, help, "gauge", nil, nil, func(t *textWriter) {
		t.sample(name, "", nil, nil, "", g.Value())
	})
	return g
}

// GaugeVec registers a family of gauges with the given labels. It panics
// as [Registry.CounterVec] does.
func (r *Registry) GaugeVec(name, help string, labels ...string) *GaugeVec {
	v := newVec(r, name, slices.Clone(labels), func() *Gauge { return new(Gauge) })
	r.register(name, help, "gauge", v.labels, nil, func(t *textWriter) {
		v.each(func(values []string, g *Gauge) {
			t.sample(name, "", v.labels, values, "", g.Value())
		})
	})
	return &GaugeVec{v}
}

// GaugeFunc registers a gauge whose value f returns at each scrape, such
// as the length of a queue. f must be safe to call from any goroutine and
// should be quick. It panics as [Registry.Counter] does.
func (r *Registry) GaugeFunc(name, help string, f func() float64) {
	r.register(name, help, "gauge", nil, nil, func(t *textWriter) {
		t.sample(name, "", nil, nil, "", f())
	})
}

// Histogram registers a histogram with the given bucket upper bounds
// (strictly increasing and finite; a trailing +Inf is allowed and
// implicit anyway) and returns it; nil buckets means [DefBuckets]. It
// panics as [Registry.Counter] does, on bad buckets, and if the names
// name_bucket, name_sum or name_count are taken.
func (r *Registry) Histogram(name, help string, buckets []float64) *Histogram {
	upper := r.buckets(name, buckets)
	h := newHistogram(upper, leStrings(upper))
	r.register(name, help, "histogram", nil, histogramSuffixes, func(t *textWriter) {
		h.write(t, name, nil, nil)
	})
	return h
}

// HistogramVec registers a family of histograms with the same buckets and
// the given labels ("le" is reserved). It panics as [Registry.Histogram]
// and [Registry.CounterVec] do.
func (r *Registry) HistogramVec(name, help string, buckets []float64, labels ...string) *HistogramVec {
	upper := r.buckets(name, buckets)
	les := leStrings(upper)
	v := newVec(r, name, slices.Clone(labels), func() *Histogram { return newHistogram(upper, les) })
	r.register(name, help, "histogram", v.labels, histogramSuffixes, func(t *textWriter) {
		v.each(func(values []string, h *Histogram) {
			h.write(t, name, v.labels, values)
		})
	})
	return &HistogramVec{v}
}

var histogramSuffixes = []string{"_bucket", "_sum", "_count"}

// buckets checks a histogram's buckets, panicking with the metric's name.
func (r *Registry) buckets(name string, buckets []float64) []float64 {
	upper, err := checkBuckets(buckets)
	if err != nil {
		panic("metrics: " + name + ": " + err.Error())
	}
	return upper
}

// countOverflow counts one guard overflow of the family name in
// velocy_metrics_overflow_total, registering it the first time.
func (r *Registry) countOverflow(name string) {
	r.overflowOnce.Do(func() {
		v := newVec(r, overflowName, []string{"family"}, func() *Counter { return new(Counter) })
		v.setMax(unlimited) // bounded by the number of families
		r.add(overflowName, "Label combinations refused by a vec's cardinality guard and counted in its _overflow series.",
			"counter", nil, func(t *textWriter) {
				v.each(func(values []string, c *Counter) {
					t.sample(overflowName, "", v.labels, values, "", c.Value())
				})
			})
		r.overflow.Store(&CounterVec{v})
	})
	r.overflow.Load().With(name).Inc()
}
