package middleware

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// chainTag returns middleware that appends name> to *trace before the next
// handler runs and <name after it.
func chainTag(trace *[]string, name string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			*trace = append(*trace, name+">")
			next.ServeHTTP(w, r)
			*trace = append(*trace, "<"+name)
		})
	}
}

func TestChainRunsInRegistrationOrder(t *testing.T) {
	n := 1 + rand.IntN(4)
	var trace, names, want []string
	var mws []func(http.Handler) http.Handler
	for i := range n {
		name := fmt.Sprintf("m%d", rand.IntN(1000)*10+i)
		names = append(names, name)
		mws = append(mws, chainTag(&trace, name))
		want = append(want, name+">")
	}
	want = append(want, "handler")
	for i := n - 1; i >= 0; i-- {
		want = append(want, "<"+names[i])
	}
	h := Chain(mws...)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		trace = append(trace, "handler")
	}))
	if h == nil {
		t.Fatal("Chain(...)(h) returned a nil handler")
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if got := strings.Join(trace, " "); got != strings.Join(want, " ") {
		t.Fatalf("Chain(%s)(handler) ran %q, want %q: the first middleware is the outermost",
			strings.Join(names, ", "), got, strings.Join(want, " "))
	}
}

func TestChainOfNothingIsTheHandler(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	w := httptest.NewRecorder()
	Chain()(h).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != http.StatusTeapot {
		t.Fatalf("Chain()(h) answered %d, want h's 418", w.Code)
	}
}

// chainPanics reports whether f panics.
func chainPanics(f func()) (panicked bool) {
	defer func() { panicked = recover() != nil }()
	f()
	return false
}

func TestChainRefusesNilEarly(t *testing.T) {
	ok := func(next http.Handler) http.Handler { return next }
	if !chainPanics(func() { Chain(ok, nil) }) {
		t.Error("Chain(ok, nil) did not panic: a nil middleware must be refused when the chain is built, not at the first request")
	}
	bad := func(http.Handler) http.Handler { return nil }
	if !chainPanics(func() { Chain(ok, bad)(http.NotFoundHandler()) }) {
		t.Error("Chain(ok, returnsNil)(h) did not panic: a middleware that returns a nil handler must be refused when the chain is built")
	}
}
