package middleware_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// trace returns middleware that prints name on the way in and out.
func trace(name string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Println(name + ">")
			next.ServeHTTP(w, r)
			fmt.Println("<" + name)
		})
	}
}

func ExampleChain() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("handler")
	})
	h := middleware.Chain(trace("outer"), trace("inner"))(mux)
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/hello", nil))
	// Output:
	// outer>
	// inner>
	// handler
	// <inner
	// <outer
}

func ExampleWrap() {
	// sizes is middleware that reports what the handler answered, after
	// it returns: the status, the bytes, and the route it matched.
	sizes := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rw := middleware.Wrap(w)
			next.ServeHTTP(rw, r)
			fmt.Printf("%s %q: %d, %d bytes\n", r.Method, r.Pattern, rw.Status(), rw.Written())
		})
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "user %s\n", r.PathValue("id"))
	})
	h := sizes(mux)
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/users/42", nil))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/nope", nil))
	// Output:
	// GET "GET /users/{id}": 200, 8 bytes
	// GET "": 404, 19 bytes
}

func ExampleResponseWriter_BeforeHeader() {
	timing := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rw := middleware.Wrap(w)
			rw.BeforeHeader(func(status int) {
				// The handler has decided; the header has not left yet.
				rw.Header().Set("X-Answered", fmt.Sprint(status))
			})
			next.ServeHTTP(rw, r)
		})
	}
	h := timing(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintln(w, "made")
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/things", nil))
	fmt.Println(rec.Code, rec.Header().Get("X-Answered"))
	// Output:
	// 201 201
}
