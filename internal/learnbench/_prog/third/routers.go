// Package third holds learnbench's third-party contenders: httprouter and chi, zerolog and zap.
// It is a module of its own, downloaded only when the module proxy answers; without it,
// learnbench runs with the reference and the standard library alone.
package third

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/julienschmidt/httprouter"
)

// A Route is a method and a path in httprouter syntax (":name" is a parameter).
type Route struct{ Method, Path string }

// HTTPRouter builds an httprouter holding routes; for routes[i] it registers mk(i), which gets
// the parameter values, or an empty handler when mk(i) is nil.
func HTTPRouter(routes []Route, mk func(i int) func(values []string)) http.Handler {
	r := httprouter.New()
	for i, rt := range routes {
		h, names := mk(i), paramNames(rt.Path)
		if h == nil {
			r.Handle(rt.Method, rt.Path, func(http.ResponseWriter, *http.Request, httprouter.Params) {})
			continue
		}
		r.Handle(rt.Method, rt.Path, func(_ http.ResponseWriter, _ *http.Request, ps httprouter.Params) {
			values := make([]string, len(names))
			for j, n := range names {
				values[j] = ps.ByName(n)
			}
			h(values)
		})
	}
	return r
}

// Chi builds a chi router the same way.
func Chi(routes []Route, mk func(i int) func(values []string)) http.Handler {
	r := chi.NewRouter()
	for i, rt := range routes {
		h, names := mk(i), paramNames(rt.Path)
		if h == nil {
			r.MethodFunc(rt.Method, braces(rt.Path), func(http.ResponseWriter, *http.Request) {})
			continue
		}
		r.MethodFunc(rt.Method, braces(rt.Path), func(_ http.ResponseWriter, req *http.Request) {
			values := make([]string, len(names))
			for j, n := range names {
				values[j] = chi.URLParam(req, n)
			}
			h(values)
		})
	}
	return r
}

func braces(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			segs[i] = "{" + name + "}"
		}
	}
	return strings.Join(segs, "/")
}

func paramNames(path string) []string {
	var names []string
	for _, s := range strings.Split(path, "/") {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			names = append(names, name)
		}
	}
	return names
}
