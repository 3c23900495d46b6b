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
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", ContentType)
	w.Header().Set("Cache-Control", "no-store")
	if req.Method == http.MethodHead {
		return
	}
	_ = r.WriteText(w) // the client went away; nothing to tell it
}

// WriteText writes every family in the text format, version 0.0.4: the
// families sorted by name, each with its # HELP and # TYPE lines and its
// series sorted by label values (in the order of the labels). It returns
// the first error of w. Updates go on while it runs: it takes no lock that
// Inc, Set or Observe wait for.
func (r *Registry) WriteText(w io.Writer) error {
	r.mu.Lock()
	fams := r.families
	r.mu.Unlock()
	t := &textWriter{w: w, buf: make([]byte, 0, 4096)}
	for _, f := range fams {
		if t.err != nil {
			break
		}
		t.header(f.name, f.help, f.typ)
		f.write(t)
	}
	t.flush()
	return t.err
}

// register adds a family, or panics naming it if its name or labels are
// invalid or taken. samples are the names its lines use besides name.
func (r *Registry) register(name, help, typ string, labels []string, suffixes []string, write func(*textWriter)) {
	if !validMetricName(name) {
		panic("metrics: invalid metric name " + quote(name) + ": want [a-zA-Z_:][a-zA-Z0-9_:]*")
	}
	for i, l := range labels {
		switch {
		case !validLabelName(l):
			panic("metrics: " + name + ": invalid label name " + quote(l) + ": want [a-zA-Z_][a-zA-Z0-9_]*")
		case strings.HasPrefix(l, "__"):
			panic("metrics: " + name + ": label " + quote(l) + ": names starting with __ are reserved")
		case l == "le" && typ == "histogram":
			panic("metrics: " + name + `: label "le" is reserved for histogram buckets`)
		case slices.Contains(labels[:i], l):
			panic("metrics: " + name + ": label " + quote(l) + " given twice")
		}
	}
	if name == overflowName {
		panic("metrics: " + name + ": the name is reserved for the registry's own counter")
	}
	r.add(name, help, typ, suffixes, write)
}

// add checks that the family's sample names are free and adds it.
func (r *Registry) add(name, help, typ string, suffixes []string, write func(*textWriter)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := []string{name}
	for _, s := range suffixes {
		names = append(names, name+s)
	}
	for _, n := range names {
		if other, ok := r.taken[n]; ok {
			if other == name {
				panic("metrics: " + name + ": already registered")
			}
			panic("metrics: " + name + ": its samples named " + n + " collide with family " + other)
		}
	}
	for _, n := range names {
		r.taken[n] = name
	}
	f := &family{name: name, help: validUTF8(help), typ: typ, write: write}
	i, _ := slices.BinarySearchFunc(r.families, name, func(f *family, name string) int {
		return strings.Compare(f.name, name)
	})
	fams := make([]*family, 0, len(r.families)+1)
	fams = append(fams, r.families[:i]...)
	fams = append(fams, f)
	r.families = append(fams, r.families[i:]...)
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
		h.write(t, name, nil, nil, make([]uint64, len(upper)+1)) // per scrape: scrapes may overlap
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
		cum := make([]uint64, len(upper)+1) // per scrape: scrapes may overlap
		v.each(func(values []string, h *Histogram) {
			h.write(t, name, v.labels, values, cum)
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
