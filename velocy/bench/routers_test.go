package bench

import (
	"io"
	"net/http"
	"os"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/julienschmidt/httprouter"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
)

// A router under test: a name for the sub-benchmark and a loader that
// builds it from a route set. Every loader registers, for each route, the
// handler that mk returns for it: an empty handler for the benchmarks, a
// recording one for the correctness test.
type router struct {
	name string
	load func(routes []route, mk handlerMaker) http.Handler
}

// handlerMaker returns the handler for routes[i]. The handler receives the
// values of the route's parameters, read with the router's own API.
type handlerMaker func(i int) func(w http.ResponseWriter, params []string)

var routers = []router{
	{"velocy", loadVelocy},
	{"httprouter", loadHttpRouter},
	{"chi", loadChi},
	{"servemux", loadServeMux},
	{"gin", loadGin},
}

func init() {
	gin.SetMode(gin.ReleaseMode)
	gin.DefaultWriter = io.Discard
	// bench.sh rotates the order of the routers from round to round: the
	// first benchmark of a process runs on a cold heap and a cold cache, and
	// always running the same router first would count that against it.
	if k, err := strconv.Atoi(os.Getenv("VELOCY_BENCH_ROTATE")); err == nil {
		k %= len(routers)
		routers = append(routers[k:], routers[:k]...)
	}
}

// emptyHandlers is the handlerMaker of the benchmarks: it does nothing, so
// a benchmark measures routing alone.
func emptyHandlers(int) func(http.ResponseWriter, []string) { return nil }

func loadVelocy(routes []route, mk handlerMaker) http.Handler {
	r := velocy.New()
	for i, rt := range routes {
		h, names := mk(i), paramNames(rt.path)
		if h == nil {
			r.HandleFunc(rt.method, braces(rt.path), func(http.ResponseWriter, *http.Request) {})
			continue
		}
		r.HandleFunc(rt.method, braces(rt.path), func(w http.ResponseWriter, req *http.Request) {
			h(w, pathValues(req, names))
		})
	}
	return r
}

func loadServeMux(routes []route, mk handlerMaker) http.Handler {
	mux := http.NewServeMux()
	for i, rt := range routes {
		h, names := mk(i), paramNames(rt.path)
		if h == nil {
			mux.HandleFunc(rt.method+" "+braces(rt.path), func(http.ResponseWriter, *http.Request) {})
			continue
		}
		mux.HandleFunc(rt.method+" "+braces(rt.path), func(w http.ResponseWriter, req *http.Request) {
			h(w, pathValues(req, names))
		})
	}
	return mux
}

func pathValues(req *http.Request, names []string) []string {
	values := make([]string, len(names))
	for i, n := range names {
		values[i] = req.PathValue(n)
	}
	return values
}

func loadChi(routes []route, mk handlerMaker) http.Handler {
	r := chi.NewRouter()
	for i, rt := range routes {
		h, names := mk(i), paramNames(rt.path)
		if h == nil {
			r.MethodFunc(rt.method, braces(rt.path), func(http.ResponseWriter, *http.Request) {})
			continue
		}
		r.MethodFunc(rt.method, braces(rt.path), func(w http.ResponseWriter, req *http.Request) {
			values := make([]string, len(names))
			for i, n := range names {
				values[i] = chi.URLParam(req, n)
			}
			h(w, values)
		})
	}
	return r
}

func loadHttpRouter(routes []route, mk handlerMaker) http.Handler {
	r := httprouter.New()
	for i, rt := range routes {
		h, names := mk(i), paramNames(rt.path)
		if h == nil {
			r.Handle(rt.method, rt.path, func(http.ResponseWriter, *http.Request, httprouter.Params) {})
			continue
		}
		r.Handle(rt.method, rt.path, func(w http.ResponseWriter, _ *http.Request, ps httprouter.Params) {
			values := make([]string, len(names))
			for i, n := range names {
				values[i] = ps.ByName(n)
			}
			h(w, values)
		})
	}
	return r
}

func loadGin(routes []route, mk handlerMaker) http.Handler {
	r := gin.New()
	for i, rt := range routes {
		h, names := mk(i), paramNames(rt.path)
		if h == nil {
			r.Handle(rt.method, rt.path, func(*gin.Context) {})
			continue
		}
		r.Handle(rt.method, rt.path, func(c *gin.Context) {
			values := make([]string, len(names))
			for i, n := range names {
				values[i] = c.Param(n)
			}
			h(c.Writer, values)
		})
	}
	return r
}
