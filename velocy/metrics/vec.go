package metrics

import (
	"encoding/binary"
	"math"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// DefaultMaxSeries is how many label combinations a vec holds unless
// SetMaxSeries says otherwise: enough for methods × routes × status
// classes of a large service, far too few for a user id or a raw path,
// which is the point (see [CounterVec.With]).
const DefaultMaxSeries = 1000

// overflowValue is the value of every label of a vec's overflow series.
const overflowValue = "_overflow"

// vec holds the series of one labelled family, T being Counter, Gauge or
// Histogram. Lookups are lock-free: the series live in an immutable
// vecState that a new series replaces (copy on write, under mu). The
// guard keeps the copies small, and new series are rare after start-up.
type vec[T any] struct {
	reg    *Registry
	name   string
	labels []string
	newT   func() *T
	max    atomic.Int64
	state  atomic.Pointer[vecState[T]]
	mu     sync.Mutex // serializes writers of state
}

// vecState is one immutable version of a vec's series.
type vecState[T any] struct {
	byKey    map[string]*series[T] // by key, see appendKey
	sorted   []*series[T]          // by label values, for the text format
	n        int                   // series other than the overflow one
	overflow *series[T]
}

// series is one label combination and its metric.
type series[T any] struct {
	values []string
	m      *T
}

func newVec[T any](r *Registry, name string, labels []string, newT func() *T) *vec[T] {
	v := &vec[T]{reg: r, name: name, labels: labels, newT: newT}
	v.max.Store(DefaultMaxSeries)
	v.state.Store(&vecState[T]{byKey: map[string]*series[T]{}})
	return v
}

// appendKey appends the map key of a label combination: each value
// preceded by its length as a uvarint, so that no two combinations share
// a key whatever bytes the values hold.
func appendKey(b []byte, values []string) []byte {
	for _, s := range values {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

// with returns the metric of a label combination, creating it if the
// guard allows. For an existing combination it allocates nothing: the key
// is built in a buffer on the stack, and a map index by string(bytes)
// does not copy the bytes.
func (v *vec[T]) with(values []string) *T {
	if len(values) != len(v.labels) {
		panic("metrics: " + v.name + ": With got " + strconv.Itoa(len(values)) +
			" label values, want " + strconv.Itoa(len(v.labels)))
	}
	var buf [128]byte
	key := appendKey(buf[:0], values)
	if s := v.state.Load().byKey[string(key)]; s != nil {
		return s.m
	}
	return v.add(string(key), values)
}

// add is with's slow path: a new combination, or one beyond the guard.
func (v *vec[T]) add(key string, values []string) *T {
	v.mu.Lock()
	old := v.state.Load()
	if s := old.byKey[key]; s != nil { // another goroutine added it
		v.mu.Unlock()
		return s.m
	}
	if int64(old.n) >= v.max.Load() {
		m := v.overflowSeries(old)
		v.mu.Unlock()
		v.reg.countOverflow(v.name)
		return m
	}
	// Label values must be UTF-8: invalid bytes become U+FFFD. Then two
	// keys can name one series ("a\xff" and "a\xfe" both read "a\uFFFD"):
	// the series is shared, under each key.
	clean := make([]string, len(values))
	changed := false
	for i, val := range values {
		clean[i] = validUTF8(val)
		changed = changed || clean[i] != val
	}
	cleanKey := key
	if changed {
		cleanKey = string(appendKey(nil, clean))
	}
	s := old.byKey[cleanKey]
	if s == nil {
		s = &series[T]{values: clean, m: v.newT()}
		v.publish(old, cleanKey, s, old.n+1, old.overflow)
	}
	if changed { // another key for the series, counted by the guard as one
		v.publish(v.state.Load(), key, s, v.state.Load().n+1, old.overflow)
	}
	v.mu.Unlock()
	return s.m
}

// overflowSeries returns the overflow series' metric, creating it on first
// use; v.mu is held.
func (v *vec[T]) overflowSeries(old *vecState[T]) *T {
	if old.overflow != nil {
		return old.overflow.m
	}
	values := make([]string, len(v.labels))
	for i := range values {
		values[i] = overflowValue
	}
	s := &series[T]{values: values, m: v.newT()}
	key := string(appendKey(nil, values))
	if prev := old.byKey[key]; prev != nil {
		// A caller used "_overflow" values before the guard tripped: share it.
		s = prev
	}
	v.publish(old, key, s, old.n, s)
	return s.m
}

// publish stores a copy of old with s added under key, n series counted
// by the guard and the overflow series given; v.mu is held.
func (v *vec[T]) publish(old *vecState[T], key string, s *series[T], n int, overflow *series[T]) {
	st := &vecState[T]{
		byKey:    make(map[string]*series[T], len(old.byKey)+1),
		n:        n,
		overflow: overflow,
	}
	for k, x := range old.byKey {
		st.byKey[k] = x
	}
	st.byKey[key] = s
	i, found := slices.BinarySearchFunc(old.sorted, s.values, func(x *series[T], values []string) int {
		return slices.Compare(x.values, values)
	})
	if found {
		st.sorted = slices.Clone(old.sorted)
	} else {
		st.sorted = make([]*series[T], 0, len(old.sorted)+1)
		st.sorted = append(st.sorted, old.sorted[:i]...)
		st.sorted = append(st.sorted, s)
		st.sorted = append(st.sorted, old.sorted[i:]...)
	}
	v.state.Store(st)
}

// setMax sets the guard's limit; a negative n counts as 0 (every new
// combination goes to the overflow series).
func (v *vec[T]) setMax(n int) {
	v.max.Store(int64(max(n, 0)))
}

// each calls f for every series, in the order of their label values.
func (v *vec[T]) each(f func(values []string, m *T)) {
	for _, s := range v.state.Load().sorted {
		f(s.values, s.m)
	}
}

// CounterVec is a family of counters told apart by label values, such as
// requests by method and route. Get one from [Registry.CounterVec].
type CounterVec struct{ v *vec[Counter] }

// With returns the counter of the given label values, one per label in
// the order of registration; a wrong count panics. For a combination seen
// before, With neither locks nor allocates.
//
// Each combination is a series that Prometheus stores for as long as it
// is scraped, so labels must take few values: a method or a route
// template, never a user id or a raw path. The vec's guard enforces it:
// beyond its limit (DefaultMaxSeries unless [CounterVec.SetMaxSeries]
// changed it), a new combination gets the one overflow series, whose every
// label value is "_overflow", and the registry counts the event in
// velocy_metrics_overflow_total{family="<name>"}, a counter it registers on
// the first overflow, so that an alert can catch it.
func (v *CounterVec) With(values ...string) *Counter { return v.v.with(values) }

// SetMaxSeries sets the vec's guard: at most n label combinations (plus
// the overflow series). Call it before the vec is used. Each new series
// copies the vec's index (lookups never lock because the index they read
// never changes), so adding n series costs O(n²): fine for thousands,
// not for millions, which Prometheus would not want either.
func (v *CounterVec) SetMaxSeries(n int) { v.v.setMax(n) }

// GaugeVec is a family of gauges told apart by label values. Get one from
// [Registry.GaugeVec].
type GaugeVec struct{ v *vec[Gauge] }

// With returns the gauge of the given label values, with the guard of
// [CounterVec.With].
func (v *GaugeVec) With(values ...string) *Gauge { return v.v.with(values) }

// SetMaxSeries sets the vec's guard, as [CounterVec.SetMaxSeries] does.
func (v *GaugeVec) SetMaxSeries(n int) { v.v.setMax(n) }

// HistogramVec is a family of histograms with the same buckets, told
// apart by label values. Get one from [Registry.HistogramVec].
type HistogramVec struct{ v *vec[Histogram] }

// With returns the histogram of the given label values, with the guard of
// [CounterVec.With].
func (v *HistogramVec) With(values ...string) *Histogram { return v.v.with(values) }

// SetMaxSeries sets the vec's guard, as [CounterVec.SetMaxSeries] does.
func (v *HistogramVec) SetMaxSeries(n int) { v.v.setMax(n) }

// unlimited is the guard of the registry's own overflow counter, whose
// series are bounded by the number of families.
const unlimited = math.MaxInt64
