package velocy

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"testing"
)

// hooksDo serves one request with a recorder.
func hooksDo(r *Router, method, path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest(method, path, nil))
	return w
}

func TestRouterHooks(t *testing.T) {
	r := New()
	r.Get("/thing", func(w http.ResponseWriter, req *http.Request) { w.Write([]byte("thing")) })
	r.NotFound(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		http.Error(w, "no such thing: "+req.URL.Path, http.StatusNotFound)
	}))
	r.MethodNotAllowed(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		http.Error(w, "try "+w.Header().Get("Allow"), http.StatusMethodNotAllowed)
	}))
	other := "/other-" + strconv.Itoa(rand.IntN(1000))
	if w := hooksDo(r, "GET", other); w.Code != 404 || w.Body.String() != "no such thing: "+other+"\n" {
		t.Errorf("GET %s with a NotFound handler = %d %q, want 404 %q from that handler", other, w.Code, w.Body, "no such thing: "+other+"\n")
	}
	if w := hooksDo(r, "POST", "/thing"); w.Code != 405 || w.Body.String() != "try GET, HEAD, OPTIONS\n" {
		t.Errorf("POST /thing with a MethodNotAllowed handler = %d %q, want 405 %q: the handler runs with the Allow header already set", w.Code, w.Body, "try GET, HEAD, OPTIONS\n")
	}
	if w := hooksDo(r, "OPTIONS", "/thing"); w.Code != 204 {
		t.Errorf("OPTIONS /thing with a MethodNotAllowed handler = %d %q, want 204: OPTIONS is answered by the router, not refused", w.Code, w.Body)
	}
	if w := hooksDo(r, "GET", "/thing"); w.Code != 200 || w.Body.String() != "thing" {
		t.Errorf("GET /thing = %d %q, want 200 \"thing\": the hooks must not touch requests that have a route", w.Code, w.Body)
	}

	r.NotFound(nil)
	r.MethodNotAllowed(nil)
	if w := hooksDo(r, "GET", "/other"); w.Code != 404 || w.Body.String() != "404 page not found\n" {
		t.Errorf("GET /other after NotFound(nil) = %d %q, want the default 404 \"404 page not found\\n\"", w.Code, w.Body)
	}
	if w := hooksDo(r, "POST", "/thing"); w.Code != 405 || w.Body.String() != "405 method not allowed\n" {
		t.Errorf("POST /thing after MethodNotAllowed(nil) = %d %q, want the default 405 \"405 method not allowed\\n\"", w.Code, w.Body)
	}
}

// TestRouterHooksFields checks the names the lesson gives the two fields:
// the code of the next steps reads them.
func TestRouterHooksFields(t *testing.T) {
	typ := reflect.TypeOf(core{})
	handler := reflect.TypeOf((*http.Handler)(nil)).Elem()
	for _, name := range []string{"notFound", "methodNotAllowed"} {
		if f, ok := typ.FieldByName(name); !ok || f.Type != handler {
			t.Errorf("core has no field %s http.Handler: lesson 6.8 keeps the two handlers in core.notFound and core.methodNotAllowed, and the code of the next steps uses those names", name)
		}
	}
}
