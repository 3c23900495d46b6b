package velocy

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// These benchmarks measure velocy alone. The comparison with other routers
// is in the nested module velocy/bench.

func noop(http.ResponseWriter, *http.Request) {}

// benchServe serves req to h in a loop with a recorder that is reused.
func benchServe(b *testing.B, h http.Handler, method, target string) {
	w := httptest.NewRecorder()
	req := httptest.NewRequest(method, target, nil)
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(w, req)
	}
}

func benchRouter() *Router {
	r := New()
	for _, p := range []string{
		"/", "/users", "/users/new", "/users/{id}", "/users/{id}/profile",
		"/repos/{owner}/{repo}/issues/{number}/comments", "/files/{path...}",
	} {
		r.Get(p, noop)
	}
	return r
}

func BenchmarkRouter_static(b *testing.B) { benchServe(b, benchRouter(), "GET", "/users/new") }

func BenchmarkRouter_param(b *testing.B) { benchServe(b, benchRouter(), "GET", "/users/42") }

func BenchmarkRouter_backtrack(b *testing.B) {
	benchServe(b, benchRouter(), "GET", "/users/new/profile")
}

func BenchmarkRouter_params3(b *testing.B) {
	benchServe(b, benchRouter(), "GET", "/repos/learn-go/velocy/issues/12/comments")
}

func BenchmarkRouter_catchAll(b *testing.B) {
	benchServe(b, benchRouter(), "GET", "/files/css/site/main.css")
}

func BenchmarkRouter_escaped(b *testing.B) { benchServe(b, benchRouter(), "GET", "/users/a%2Fb") }

func BenchmarkRouter_notFound(b *testing.B) { benchServe(b, benchRouter(), "GET", "/nope/nothing") }

func BenchmarkRouter_methodNotAllowed(b *testing.B) {
	benchServe(b, benchRouter(), "POST", "/users/42")
}

// BenchmarkRouter_middleware compares a route without middleware and behind
// five pass-through middlewares, at the top level and in a group.
func BenchmarkRouter_middleware(b *testing.B) {
	pass := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) { next.ServeHTTP(w, req) })
	}
	b.Run("none", func(b *testing.B) { benchServe(b, benchRouter(), "GET", "/users/42") })
	b.Run("top5", func(b *testing.B) {
		r := benchRouter()
		r.Use(pass, pass, pass, pass, pass)
		benchServe(b, r, "GET", "/users/42")
	})
	b.Run("group5", func(b *testing.B) {
		r := New()
		r.Group("/g", func(g *Router) {
			g.Use(pass, pass, pass, pass, pass)
			g.Get("/users/{id}", noop)
		})
		benchServe(b, r, "GET", "/g/users/42")
	})
}

func BenchmarkParseQuery(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ParseQuery("q=caf%C3%A9+au+lait&tag=a&tag=b&page=2")
	}
}
