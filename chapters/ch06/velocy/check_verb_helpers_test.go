package velocy

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// verbEcho answers with the method and path it was called for.
func verbEcho(w http.ResponseWriter, req *http.Request) {
	io.WriteString(w, req.Method+" "+req.URL.Path)
}

func TestVerbHelpersRegisterTheirMethod(t *testing.T) {
	r := New()
	helpers := []struct {
		method   string
		register func(string, http.HandlerFunc)
	}{
		{"GET", r.Get}, {"POST", r.Post}, {"PUT", r.Put}, {"PATCH", r.Patch},
		{"DELETE", r.Delete}, {"HEAD", r.Head}, {"OPTIONS", r.Options},
	}
	for _, h := range helpers {
		h.register("/"+strings.ToLower(h.method), verbEcho) // Get("/get", ...), ...
	}
	r.HandleFunc("PROPFIND", "/dav", verbEcho)

	check := func(method, path string) {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(method, path, nil))
		if want := method + " " + path; w.Code != 200 || w.Body.String() != want {
			t.Errorf("%s %s = %d %q, want 200 with body %q", method, path, w.Code, w.Body, want)
		}
	}
	for _, h := range helpers {
		path := "/" + strings.ToLower(h.method)
		check(h.method, path)
		other := "POST"
		if h.method == "POST" {
			other = "PUT"
		}
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(other, path, nil))
		if w.Code == 200 {
			t.Errorf("%s %s = 200 %q, want anything but 200: the route was registered with %s for %s only", other, path, w.Body, verbHelperName(h.method), h.method)
		}
	}
	check("PROPFIND", "/dav")
}

func verbHelperName(method string) string {
	return method[:1] + strings.ToLower(method[1:])
}

func TestVerbHelpersRefuseNil(t *testing.T) {
	for name, register := range map[string]func(r *Router){
		`Get("/x", nil)`:               func(r *Router) { r.Get("/x", nil) },
		`Post("/x", nil)`:              func(r *Router) { r.Post("/x", nil) },
		`Delete("/x", nil)`:            func(r *Router) { r.Delete("/x", nil) },
		`Options("/x", nil)`:           func(r *Router) { r.Options("/x", nil) },
		`HandleFunc("GET", "/x", nil)`: func(r *Router) { r.HandleFunc("GET", "/x", nil) },
	} {
		func() {
			defer func() {
				v := recover()
				if v == nil {
					t.Errorf("%s does not panic, want a panic with a nil handler error: a nil function would only fail at the first request", name)
				} else if msg := fmt.Sprint(v); !strings.HasSuffix(msg, `"/x": nil handler`) {
					t.Errorf("%s panics with %q, want the nil handler error of Handle", name, msg)
				}
			}()
			register(New())
		}()
	}
}

// TestVerbHelpersRouteType pins down the route type of lesson 6.2, which the
// helpers register and the next lessons build on: its fields, and String for
// error messages.
func TestVerbHelpersRouteType(t *testing.T) {
	h := http.NotFoundHandler()
	rt := &route{method: "PUT", pattern: "/items/\"1\"", handler: h}
	if got, want := rt.String(), `PUT "/items/\"1\""`; got != want {
		t.Errorf("(&route{method: \"PUT\", pattern: %q}).String() = %q, want %q: lesson 6.2's route describes itself as the method, a space, the quoted pattern", rt.pattern, got, want)
	}
}
