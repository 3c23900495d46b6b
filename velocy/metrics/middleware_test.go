package metrics

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// samples scrapes r and returns the parsed samples whose name is name.
func samples(t *testing.T, r *Registry, name string) []sampleLine {
	t.Helper()
	all, err := parsePage(text(t, r))
	if err != nil {
		t.Fatal(err)
	}
	var out []sampleLine
	for _, s := range all {
		if s.name == name {
			out = append(out, s)
		}
	}
	return out
}

// count returns the value of http_requests_total for method, route, code;
// -1 when there is no such series.
func count(t *testing.T, r *Registry, method, route, code string) float64 {
	t.Helper()
	for _, s := range samples(t, r, "http_requests_total") {
		m, _ := s.label("method")
		rt, _ := s.label("route")
		c, _ := s.label("code")
		if m == method && rt == route && c == code {
			return s.value
		}
	}
	return -1
}

// durationCount returns http_request_duration_seconds_count for method
// and route; -1 when there is no such series.
func durationCount(t *testing.T, r *Registry, method, route string) float64 {
	t.Helper()
	for _, s := range samples(t, r, "http_request_duration_seconds_count") {
		m, _ := s.label("method")
		rt, _ := s.label("route")
		if m == method && rt == route {
			return s.value
		}
	}
	return -1
}

func serve(h http.Handler, method, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}

func TestMiddlewareRouteTemplate(t *testing.T) {
	reg := NewRegistry()
	r := velocy.New()
	r.Use(Middleware(reg))
	r.Get("/users/{id}", func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, "hi") })
	r.Group("/api", func(g *velocy.Router) {
		g.Post("/items", func(w http.ResponseWriter, req *http.Request) { w.WriteHeader(http.StatusCreated) })
	})
	for _, p := range []string{"/users/1", "/users/2", "/users/%C3%A9"} {
		serve(r, "GET", p)
	}
	serve(r, "POST", "/api/items")
	serve(r, "GET", "/nope")
	serve(r, "DELETE", "/users/1") // 405
	for _, tt := range []struct {
		method, route, code string
		want                float64
	}{
		{"GET", "/users/{id}", "2xx", 3},
		{"POST", "/api/items", "2xx", 1},
		{"GET", "unmatched", "4xx", 1},
		{"DELETE", "unmatched", "4xx", 1},
	} {
		if got := count(t, reg, tt.method, tt.route, tt.code); got != tt.want {
			t.Errorf("requests %s %s %s = %v, want %v", tt.method, tt.route, tt.code, got, tt.want)
		}
	}
	if got := durationCount(t, reg, "GET", "/users/{id}"); got != 3 {
		t.Errorf("duration count = %v, want 3", got)
	}
	for _, s := range samples(t, reg, "http_requests_total") {
		if rt, _ := s.label("route"); strings.Contains(rt, "/users/1") {
			t.Errorf("raw path in a route label: %+v", s)
		}
	}
}

// TestMiddlewareOutsideRequestID puts Middleware first, outside velocy's
// middlewares that replace the request: they copy the Pattern back, so
// the route is still known.
func TestMiddlewareOutsideRequestID(t *testing.T) {
	reg := NewRegistry()
	r := velocy.New()
	r.Use(Middleware(reg), middleware.RequestID(middleware.RequestIDOptions{}), middleware.Timeout(time.Minute))
	r.Get("/items/{id}", func(w http.ResponseWriter, req *http.Request) {})
	serve(r, "GET", "/items/7")
	if got := count(t, reg, "GET", "/items/{id}", "2xx"); got != 1 {
		t.Errorf("route behind RequestID and Timeout: count %v, want 1", got)
	}
}

func TestMiddlewareServeMux(t *testing.T) {
	reg := NewRegistry()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /files/{name}", func(w http.ResponseWriter, req *http.Request) {})
	h := Middleware(reg)(mux)
	serve(h, "GET", "/files/a")
	if got := count(t, reg, "GET", "GET /files/{name}", "2xx"); got != 1 {
		t.Errorf("ServeMux route count = %v, want 1", got)
	}
}

func TestMiddlewareStatusClasses(t *testing.T) {
	reg := NewRegistry()
	h := Middleware(reg)(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.Path {
		case "/nothing": // net/http sends 200
		case "/early":
			w.WriteHeader(http.StatusEarlyHints) // informational, then the real status
			w.WriteHeader(http.StatusAccepted)
		case "/redirect":
			http.Redirect(w, req, "/", http.StatusFound)
		case "/missing":
			http.NotFound(w, req)
		case "/down":
			w.WriteHeader(http.StatusServiceUnavailable)
			w.WriteHeader(http.StatusOK) // superfluous: the first one counts
		case "/weird":
			w.WriteHeader(799)
		case "/readfrom":
			io.Copy(w, strings.NewReader("body"))
		}
	}))
	for _, p := range []string{"/nothing", "/early", "/redirect", "/missing", "/down", "/weird", "/readfrom"} {
		serve(h, "GET", p)
	}
	serve(h, "BREW", "/nothing")
	for code, want := range map[string]float64{"2xx": 3, "3xx": 1, "4xx": 1, "5xx": 2} {
		if got := count(t, reg, "GET", "unmatched", code); got != want {
			t.Errorf("code %s = %v, want %v", code, got, want)
		}
	}
	if got := count(t, reg, "OTHER", "unmatched", "2xx"); got != 1 {
		t.Errorf("unknown method = %v, want 1 as OTHER", got)
	}
}

func TestMiddlewareInFlightAndPanic(t *testing.T) {
	reg := NewRegistry()
	entered, release := make(chan struct{}), make(chan struct{})
	h := Middleware(reg)(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == "/panic" {
			panic("boom")
		}
		entered <- struct{}{}
		<-release
	}))
	done := make(chan struct{})
	go func() { serve(h, "GET", "/slow"); close(done) }()
	<-entered
	inFlight := func() float64 { return samples(t, reg, "http_requests_in_flight")[0].value }
	if got := inFlight(); got != 1 {
		t.Errorf("in flight during a request = %v, want 1", got)
	}
	close(release)
	<-done
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not go through")
			}
		}()
		serve(h, "GET", "/panic")
	}()
	if got := inFlight(); got != 0 {
		t.Errorf("in flight after = %v, want 0", got)
	}
	if got := count(t, reg, "GET", "unmatched", "5xx"); got != 1 {
		t.Errorf("a panicking request counts %v times as 5xx, want 1", got)
	}
}

func TestMiddlewareKeepsInterfaces(t *testing.T) {
	reg := NewRegistry()
	var checked bool
	h := Middleware(reg)(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		_, flusher := w.(http.Flusher)
		_, hijacker := w.(http.Hijacker)
		_, readerFrom := w.(io.ReaderFrom)
		_, unwrapper := w.(interface{ Unwrap() http.ResponseWriter })
		if !flusher || !hijacker || !readerFrom || !unwrapper {
			t.Errorf("writer lost an interface: flusher %v hijacker %v readerFrom %v unwrap %v", flusher, hijacker, readerFrom, unwrapper)
		}
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Errorf("Flush through the controller: %v", err)
		}
		checked = true
	}))
	w := serve(h, "GET", "/")
	if !checked || !w.Flushed {
		t.Errorf("handler ran %v, recorder flushed %v", checked, w.Flushed)
	}
}

func TestMiddlewareReusesOuterWrapper(t *testing.T) {
	reg := NewRegistry()
	var outer *middleware.ResponseWriter
	wrap := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			outer = middleware.Wrap(w)
			next.ServeHTTP(outer, req)
		})
	}
	h := wrap(Middleware(reg)(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if w != http.ResponseWriter(outer) {
			t.Errorf("got writer %T, want the outer *middleware.ResponseWriter", w)
		}
		w.WriteHeader(http.StatusTeapot)
	})))
	serve(h, "GET", "/")
	if got := count(t, reg, "GET", "unmatched", "4xx"); got != 1 {
		t.Errorf("4xx = %v, want 1", got)
	}
}

// TestMiddlewareHijack upgrades a real connection the way a websocket
// handler does: the request counts once as 1xx (101), and its duration,
// the connection's lifetime, is not observed.
func TestMiddlewareHijack(t *testing.T) {
	for _, outer := range []bool{false, true} {
		reg := NewRegistry()
		r := velocy.New()
		if outer {
			r.Use(func(next http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) { next.ServeHTTP(middleware.Wrap(w), req) })
			})
		}
		r.Use(Middleware(reg))
		r.Get("/ws", func(w http.ResponseWriter, req *http.Request) {
			conn, brw, err := http.NewResponseController(w).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
			brw.Flush()
			io.Copy(io.Discard, brw) // until the client closes
		})
		served := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			defer close(served)
			r.ServeHTTP(w, req)
		}))
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(30 * time.Second)) // hang protection only
		io.WriteString(conn, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil || resp.StatusCode != http.StatusSwitchingProtocols {
			t.Fatalf("upgrade: %v %v", resp, err)
		}
		conn.Close()
		<-served // the handler and the middleware have returned
		srv.Close()
		if got := count(t, reg, "GET", "/ws", "1xx"); got != 1 {
			t.Errorf("outer wrapper %v: 1xx = %v, want 1", outer, got)
		}
		if got := durationCount(t, reg, "GET", "/ws"); got > 0 {
			t.Errorf("outer wrapper %v: a hijacked connection was observed as a request duration", outer)
		}
		if got := samples(t, reg, "http_requests_in_flight")[0].value; got != 0 {
			t.Errorf("in flight after = %v", got)
		}
	}
}

// nopWriter is a ResponseWriter that allocates nothing.
type nopWriter struct{ h http.Header }

func (w *nopWriter) Header() http.Header         { return w.h }
func (w *nopWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *nopWriter) WriteHeader(int)             {}

// freshRequests returns n copies of a request to target, each as the
// router would get a new one from net/http.
func freshRequests(n int, method, target string) []*http.Request {
	tmpl := httptest.NewRequest(method, target, nil)
	reqs := make([]*http.Request, n)
	for i := range reqs {
		reqs[i] = new(http.Request)
		*reqs[i] = *tmpl
	}
	return reqs
}

func TestMiddlewareAllocs(t *testing.T) {
	newRouter := func(mw bool) *velocy.Router {
		r := velocy.New()
		if mw {
			r.Use(Middleware(NewRegistry()))
		}
		r.Get("/users/{id}", func(w http.ResponseWriter, req *http.Request) { w.WriteHeader(http.StatusOK) })
		return r
	}
	w := &nopWriter{h: http.Header{}}
	var allocs [2]float64
	for i, mw := range []bool{false, true} {
		r := newRouter(mw)
		r.ServeHTTP(w, httptest.NewRequest("GET", "/users/0", nil)) // create the series
		reqs := freshRequests(101, "GET", "/users/42")
		n := 0
		allocs[i] = testing.AllocsPerRun(100, func() {
			r.ServeHTTP(w, reqs[n])
			n++
		})
	}
	if allocs[1] != allocs[0] {
		t.Errorf("router alone: %v allocs per request, with Middleware: %v; want no more", allocs[0], allocs[1])
	}
}
