package metrics

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// Middleware returns middleware that measures every request (the RED
// method: rate, errors, duration) into r, registering three families:
//
//   - http_requests_total{method,route,code}, a counter, with code the
//     status class: "1xx" (a connection hijacked for a websocket counts as
//     101), "2xx", "3xx", "4xx" or "5xx" (600 and above count as 5xx, and
//     so does a handler that panics);
//   - http_request_duration_seconds{method,route}, a histogram with
//     [DefBuckets], from the request's arrival at the middleware to the
//     handler's return; a hijacked connection is not observed, as its
//     lifetime is not a request's latency;
//   - http_requests_in_flight, a gauge.
//
// route is the request's Pattern once the handler has returned, which
// velocy's Router and http.ServeMux set ("/users/{id}", never the raw
// path, whose values would make one series per user); "unmatched" when no
// route took the request (a 404). method is one of the nine methods of
// net/http, or "OTHER".
//
// The router sets Pattern on the request it is given. A middleware
// between this one and the router that replaces the request (with
// r.WithContext) must copy the Pattern back when the handler returns, as
// velocy/middleware's RequestID, ClientIP, Sessions and Timeout do for
// AccessLog; one that does not hides the route, and its requests count as
// "unmatched": add Middleware inside it.
//
// The two vecs hold up to 10,000 series each (not [DefaultMaxSeries]:
// method × route × class multiply), beyond which the guard of
// [CounterVec.With] applies. Middleware panics if r already has these
// families; use it once per registry. In steady state it allocates nothing per request.
func Middleware(r *Registry) func(http.Handler) http.Handler {
	m := &red{
		requests: r.CounterVec("http_requests_total", "HTTP requests answered, by method, route template and status class.",
			"method", "route", "code"),
		duration: r.HistogramVec("http_request_duration_seconds", "Time to answer an HTTP request, by method and route template.",
			DefBuckets, "method", "route"),
	}
	// Routes come from the router's patterns and methods and classes are
	// few, so these vecs need a higher guard than a label fed by users.
	m.requests.SetMaxSeries(maxMiddlewareSeries)
	m.duration.SetMaxSeries(maxMiddlewareSeries)
	m.routes.Store(&map[string]*routeSeries{})
	r.GaugeFunc("http_requests_in_flight", "HTTP requests being answered.", m.inFlight)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			m.serve(next, w, req)
		})
	}
}

// inFlight returns the requests in flight: those started minus those
// finished, which are the sum of http_requests_total, every request being
// counted there once, when it ends. Counting the ends there, rather than
// in a gauge of their own, saves each request an atomic add. Reading the
// finished ones first keeps the result from going below zero; a request
// that both starts and ends during the scrape may count as in flight.
func (m *red) inFlight() float64 {
	var finished uint64
	m.requests.v.each(func(_ []string, c *Counter) { finished += c.n.Load() })
	return float64(m.started.Load() - finished)
}

// The nine methods of net/http, and the index of "OTHER".
var methods = [...]string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace, "OTHER",
}

const otherMethod = len(methods) - 1

// methodIndex returns the index of method in methods.
func methodIndex(method string) int {
	switch method {
	case http.MethodGet:
		return 0
	case http.MethodHead:
		return 1
	case http.MethodPost:
		return 2
	case http.MethodPut:
		return 3
	case http.MethodPatch:
		return 4
	case http.MethodDelete:
		return 5
	case http.MethodConnect:
		return 6
	case http.MethodOptions:
		return 7
	case http.MethodTrace:
		return 8
	}
	return otherMethod
}

var classes = [...]string{"1xx", "2xx", "3xx", "4xx", "5xx"}

// classIndex returns the index in classes of a status code's class.
func classIndex(code int) int {
	switch {
	case code < 200:
		return 0
	case code >= 500:
		return 4
	}
	return code/100 - 1
}

// red holds the middleware's families and a cache of their series.
type red struct {
	requests *CounterVec
	duration *HistogramVec
	started  atomic.Uint64 // requests that entered; see inFlight

	// routes caches, per route, the series of every method and class, so
	// that a request costs one map lookup by route and two array indexes
	// instead of two vec lookups. The map is replaced on a new route (copy
	// on write, under mu); routes are bounded by the router's patterns, and
	// beyond maxRoutes the vecs are used directly.
	routes atomic.Pointer[map[string]*routeSeries]
	mu     sync.Mutex

	// recent saves even the map lookup (hashing the route) in steady
	// state: a route is the pattern string of a router's route, the same
	// string, at the same address, for every request it matches; recent
	// is a small table indexed by that address. A slot that holds another
	// route (two that collide, or a route string built anew) just falls
	// back to the map.
	recent [64]atomic.Pointer[routeSeries]
}

const maxRoutes = 1000

// maxMiddlewareSeries is the guard of the middleware's two vecs.
const maxMiddlewareSeries = 10000

// routeSeries are the series of one route, filled in as they are used.
type routeSeries struct {
	route    string
	requests [len(methods)][len(classes)]atomic.Pointer[Counter]
	duration [len(methods)]atomic.Pointer[Histogram]
}

// serve runs next and records the request.
func (m *red) serve(next http.Handler, w http.ResponseWriter, req *http.Request) {
	m.started.Add(1)
	start := time.Since(epoch) // reads only the monotonic clock: half the cost of time.Now
	status := 0
	hijacked := false
	finished := false
	defer func() {
		if !finished { // next panicked: the status it meant is lost
			m.record(req, http.StatusInternalServerError, false, start)
		}
	}()
	if rw, ok := w.(*middleware.ResponseWriter); ok {
		// An outer middleware wrapped the writer already: read its status.
		next.ServeHTTP(rw, req)
		status = rw.Status()
		hijacked = status == http.StatusSwitchingProtocols
	} else {
		sw := writerPool.Get().(*statusWriter)
		sw.w = w
		next.ServeHTTP(sw, req)
		status, hijacked = sw.status, sw.hijacked
		*sw = statusWriter{}
		writerPool.Put(sw)
	}
	if status == 0 {
		status = http.StatusOK // net/http sends 200 for a handler that wrote nothing
	}
	finished = true
	m.record(req, status, hijacked, start)
}

// record counts a finished request.
func (m *red) record(req *http.Request, status int, hijacked bool, start time.Duration) {
	route := req.Pattern
	if route == "" {
		route = "unmatched"
	}
	mi, ci := methodIndex(req.Method), classIndex(status)
	slot := &m.recent[uintptr(unsafe.Pointer(unsafe.StringData(route)))>>3%uintptr(len(m.recent))]
	rs := slot.Load()
	if rs == nil || rs.route != route {
		rs = (*m.routes.Load())[route]
		if rs == nil {
			rs = m.addRoute(route)
		}
		if rs != nil {
			slot.Store(rs)
		}
	}
	if rs == nil { // too many routes: no cache
		m.requests.With(methods[mi], route, classes[ci]).Inc()
		if !hijacked {
			m.duration.With(methods[mi], route).Observe((time.Since(epoch) - start).Seconds())
		}
		return
	}
	c := rs.requests[mi][ci].Load()
	if c == nil {
		c = m.requests.With(methods[mi], route, classes[ci])
		rs.requests[mi][ci].Store(c)
	}
	c.Inc()
	if hijacked {
		return
	}
	h := rs.duration[mi].Load()
	if h == nil {
		h = m.duration.With(methods[mi], route)
		rs.duration[mi].Store(h)
	}
	h.Observe((time.Since(epoch) - start).Seconds())
}

// addRoute adds route to the cache, or returns nil if the cache is full.
func (m *red) addRoute(route string) *routeSeries {
	m.mu.Lock()
	defer m.mu.Unlock()
	old := *m.routes.Load()
	if rs := old[route]; rs != nil {
		return rs
	}
	if len(old) >= maxRoutes {
		return nil
	}
	routes := make(map[string]*routeSeries, len(old)+1)
	for k, v := range old {
		routes[k] = v
	}
	rs := &routeSeries{route: route}
	routes[route] = rs
	m.routes.Store(&routes)
	return rs
}

// epoch is the time the durations are measured from: time.Since of a
// time.Time with a monotonic reading reads the monotonic clock alone.
var epoch = time.Now()

// writerPool recycles statusWriters: a request takes one and gives it back
// when its handler returns, so steady state allocates none.
var writerPool = sync.Pool{New: func() any { return new(statusWriter) }}

// statusWriter records the status a handler sends. It keeps what the
// writer underneath can do: http.Flusher, http.Hijacker, io.ReaderFrom,
// and Unwrap for http.ResponseController.
type statusWriter struct {
	w        http.ResponseWriter
	status   int
	hijacked bool
}

func (sw *statusWriter) Header() http.Header { return sw.w.Header() }

func (sw *statusWriter) WriteHeader(code int) {
	if sw.status == 0 && (code < 100 || code > 199 || code == http.StatusSwitchingProtocols) {
		sw.status = code // 1xx other than 101 is informational: the final status is to come
	}
	sw.w.WriteHeader(code)
}

func (sw *statusWriter) Write(p []byte) (int, error) {
	if sw.status == 0 {
		sw.status = http.StatusOK
	}
	return sw.w.Write(p)
}

func (sw *statusWriter) WriteString(s string) (int, error) {
	if sw.status == 0 {
		sw.status = http.StatusOK
	}
	return io.WriteString(sw.w, s)
}

// ReadFrom lets io.Copy reach the writer underneath (sendfile for a file).
func (sw *statusWriter) ReadFrom(src io.Reader) (int64, error) {
	if sw.status == 0 {
		sw.status = http.StatusOK
	}
	if rf, ok := sw.w.(io.ReaderFrom); ok {
		return rf.ReadFrom(src)
	}
	return io.Copy(writerOnly{sw.w}, src)
}

// writerOnly hides every method but Write, so that io.Copy does not call
// statusWriter.ReadFrom again.
type writerOnly struct{ io.Writer }

func (sw *statusWriter) Flush() { _ = sw.FlushError() }

// FlushError flushes, returning an error wrapping http.ErrNotSupported
// when the writer underneath cannot.
func (sw *statusWriter) FlushError() error {
	if sw.status == 0 {
		sw.status = http.StatusOK
	}
	return http.NewResponseController(sw.w).Flush()
}

func (sw *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, brw, err := http.NewResponseController(sw.w).Hijack()
	if err == nil {
		sw.hijacked = true
		if sw.status == 0 {
			sw.status = http.StatusSwitchingProtocols
		}
	}
	return conn, brw, err
}

// Unwrap returns the writer underneath, for http.ResponseController.
func (sw *statusWriter) Unwrap() http.ResponseWriter { return sw.w }
