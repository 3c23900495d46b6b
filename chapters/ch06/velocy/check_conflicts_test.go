package velocy

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
)

func TestRouteConflicts(t *testing.T) {
	existing := []string{"GET /users/{id}", "GET /files/{path...}", "POST /u/{userID}", "GET /static"}
	tests := []struct {
		method, pattern string
		want            string // "" for no error
	}{
		{"GET", "/users/{id}", `velocy: GET "/users/{id}": already registered`},
		{"GET", "/users/{name}", `velocy: GET "/users/{name}": conflicts with GET "/users/{id}"`},
		{"GET", "/files/{rest...}", `velocy: GET "/files/{rest...}": conflicts with GET "/files/{path...}"`},
		{"POST", "/u/{id}", `velocy: POST "/u/{id}": conflicts with POST "/u/{userID}"`},
		{"GET", "/static", `velocy: GET "/static": already registered`},
		// Same shape, another method: no conflict.
		{"PUT", "/users/{name}", ""},
		{"GET", "/u/{id}", ""},
		// Another shape: no conflict, the precedence rules decide.
		{"GET", "/users/new", ""},
		{"GET", "/files/{name}", ""},
	}
	for _, tt := range tests {
		r := New()
		for _, rt := range existing {
			method, pattern, _ := strings.Cut(rt, " ")
			r.Handle(method, pattern, http.NotFoundHandler())
		}
		err := r.handle(tt.method, tt.pattern, http.NotFoundHandler())
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("after %s, handle(%q, %q) = %q, want %q", strings.Join(existing, ", "), tt.method, tt.pattern, got, tt.want)
		}
	}
	// Handle panics with the same error.
	r := New()
	r.Get("/users/{id}", func(http.ResponseWriter, *http.Request) {})
	defer func() {
		want := `velocy: GET "/users/{name}": conflicts with GET "/users/{id}"`
		if v := recover(); v == nil {
			t.Errorf("Get(\"/users/{name}\") after Get(\"/users/{id}\") does not panic, want a panic with %q", want)
		} else if got := fmt.Sprint(v); got != want {
			t.Errorf("Get(\"/users/{name}\") after Get(\"/users/{id}\") panics with %q, want %q", got, want)
		}
	}()
	r.Get("/users/{name}", func(http.ResponseWriter, *http.Request) {})
}

func TestRouteConflictsRandom(t *testing.T) {
	name := func() string {
		b := make([]byte, 1+rand.IntN(6))
		for i := range b {
			b[i] = byte('a' + rand.IntN(26))
		}
		return string(b)
	}
	for range 20 {
		dir, a, b := name(), name(), name()+"2" // b differs from a
		first := "/" + dir + "/{" + a + "}"
		second := "/" + dir + "/{" + b + "}"
		if rand.IntN(2) == 0 {
			first, second = first+"/{rest0...}", second+"/{rest0...}"
		}
		r := New()
		r.Handle("PUT", first, http.NotFoundHandler())
		want := `velocy: PUT "` + second + `": conflicts with PUT "` + first + `"`
		if err := r.handle("PUT", second, http.NotFoundHandler()); err == nil || err.Error() != want {
			t.Fatalf("after PUT %s, handle(\"PUT\", %q) = %v, want %q", first, second, err, want)
		}
		want = `velocy: PUT "` + first + `": already registered`
		if err := r.handle("PUT", first, http.NotFoundHandler()); err == nil || err.Error() != want {
			t.Fatalf("after PUT %s, handle(\"PUT\", %q) again = %v, want %q", first, first, err, want)
		}
	}
}
