package velocy

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
)

// validMethodPanic calls Handle and returns the text of what it panics with,
// or "" when it does not panic.
func validMethodPanic(r *Router, method string) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	r.Handle(method, "/x", http.NotFoundHandler())
	return ""
}

func TestHandleRefusesBadMethods(t *testing.T) {
	tests := []struct {
		method string
		want   string
	}{
		{"", `velocy: "/x": empty method`},
		{"get", `velocy: get "/x": bad method "get": use an upper-case HTTP method such as GET`},
		{"Post", `velocy: Post "/x": bad method "Post": use an upper-case HTTP method such as GET`},
		{"GET /x", `velocy: GET /x "/x": bad method "GET /x": use an upper-case HTTP method such as GET`},
		{"PÖST", `velocy: PÖST "/x": bad method "PÖST": use an upper-case HTTP method such as GET`},
		{"GET(", `velocy: GET( "/x": bad method "GET(": use an upper-case HTTP method such as GET`},
	}
	for _, tt := range tests {
		if got := validMethodPanic(New(), tt.method); got == "" {
			t.Errorf("Handle(%q, \"/x\", h) does not panic, want a panic with %q", tt.method, tt.want)
		} else if got != tt.want {
			t.Errorf("Handle(%q, \"/x\", h) panics with %q, want %q", tt.method, got, tt.want)
		}
		// handle reports the same problem as an error, without panicking.
		if err := New().handle(tt.method, "/x", http.NotFoundHandler()); err == nil || err.Error() != tt.want {
			t.Errorf("handle(%q, \"/x\", h) = %v, want the error %q", tt.method, err, tt.want)
		}
	}
}

func TestHandleAcceptsUpperCaseMethods(t *testing.T) {
	// Methods are an open set: WebDAV, UPnP and caches use their own.
	for _, method := range []string{"GET", "PROPFIND", "M-SEARCH", "PURGE", "VERSION-CONTROL", "X_CUSTOM1"} {
		r := New()
		if got := validMethodPanic(r, method); got != "" {
			t.Errorf("Handle(%q, \"/x\", h) panics with %q, want no panic: it is a valid method", method, got)
			continue
		}
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(method, "/x", nil))
		if w.Code != http.StatusNotFound || w.Body.String() != "404 page not found\n" {
			t.Errorf("%s /x = %d %q, want the handler's answer, 404 \"404 page not found\\n\"", method, w.Code, w.Body)
		}
	}
}

func TestValidMethodRandom(t *testing.T) {
	const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~"
	const other = "abcxyz ()<>@,;:\\\"/[]?={}\t\x7fÖ"
	for range 200 {
		b := make([]byte, 1+rand.IntN(8))
		for i := range b {
			b[i] = upper[rand.IntN(len(upper))]
		}
		if m := string(b); !validMethod(m) {
			t.Fatalf("validMethod(%q) = false, want true: upper-case letters, digits and !#$%%&'*+-.^_`|~ make a method", m)
		}
		b[rand.IntN(len(b))] = other[rand.IntN(len(other))]
		if m := string(b); validMethod(m) {
			t.Fatalf("validMethod(%q) = true, want false: it holds a byte that is not an upper-case token character", m)
		}
	}
	if validMethod("") {
		t.Errorf("validMethod(\"\") = true, want false")
	}
}
