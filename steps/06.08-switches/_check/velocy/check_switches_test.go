package velocy

import (
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

// switchesWord returns a random lower-case word, so that no answer can be
// hard-coded.
func switchesWord() string {
	b := make([]byte, 3+rand.IntN(6))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

// switchesRouter has a GET route at file, a GET route at dir (which ends in
// a slash), and its own 404 handler, which answers "custom 404".
func switchesRouter(file, dir string) *Router {
	r := New()
	ok := func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, "ok") }
	r.Get(file, ok)
	r.Get(dir, ok)
	r.NotFound(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, "custom 404")
	}))
	return r
}

// switchesCase is one request and the answer it must get.
type switchesCase struct {
	method, target string
	wantCode       int
	wantAllow      string
}

// switchesServe serves each case to r and reports the differences; setting
// names the calls made on r, for the message.
func switchesServe(t *testing.T, r *Router, setting string, cases []switchesCase) {
	t.Helper()
	for _, tt := range cases {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Code != tt.wantCode || w.Header().Get("Allow") != tt.wantAllow {
			t.Errorf("with %s: %s %s = %d, Allow %q; want %d, Allow %q",
				setting, tt.method, tt.target, w.Code, w.Header().Get("Allow"), tt.wantCode, tt.wantAllow)
			continue
		}
		if w.Code == http.StatusNotFound && w.Body.String() != "custom 404" {
			t.Errorf("with %s: %s %s answered %q, want the NotFound handler's \"custom 404\"", setting, tt.method, tt.target, w.Body)
		}
	}
}

func TestSwitchesDefaultsAreOn(t *testing.T) {
	file, dir := "/"+switchesWord(), "/"+switchesWord()+"/"
	switchesServe(t, switchesRouter(file, dir), "the defaults", []switchesCase{
		{"POST", file, 405, "GET, HEAD, OPTIONS"},
		{"OPTIONS", file, 204, "GET, HEAD, OPTIONS"},
		{"GET", dir[:len(dir)-1], 301, ""},
	})
}

func TestSwitchesRedirectTrailingSlash(t *testing.T) {
	file, dir := "/"+switchesWord(), "/"+switchesWord()+"/"
	r := switchesRouter(file, dir)
	r.RedirectTrailingSlash(false)
	switchesServe(t, r, "RedirectTrailingSlash(false)", []switchesCase{
		{"GET", dir[:len(dir)-1], 404, ""},
		{"GET", file + "/", 404, ""},
		{"POST", file, 405, "GET, HEAD, OPTIONS"}, // the other answers stay
	})
	r.RedirectTrailingSlash(true)
	switchesServe(t, r, "RedirectTrailingSlash(false), then (true)", []switchesCase{
		{"GET", dir[:len(dir)-1], 301, ""},
	})
}

func TestSwitchesAutoOptions(t *testing.T) {
	file, dir := "/"+switchesWord(), "/"+switchesWord()+"/"
	r := switchesRouter(file, dir)
	r.AutoOptions(false)
	switchesServe(t, r, "AutoOptions(false)", []switchesCase{
		// OPTIONS is now a method like any other: 405, and the router no
		// longer lists it as allowed.
		{"OPTIONS", file, 405, "GET, HEAD"},
		{"POST", file, 405, "GET, HEAD"},
	})
	other := "/" + switchesWord() + "x"
	r.Options(other, func(w http.ResponseWriter, req *http.Request) { w.WriteHeader(http.StatusTeapot) })
	r.Get(other, func(http.ResponseWriter, *http.Request) {})
	switchesServe(t, r, "AutoOptions(false)", []switchesCase{
		{"OPTIONS", other, http.StatusTeapot, ""}, // a route for OPTIONS still answers
		{"PUT", other, 405, "GET, HEAD, OPTIONS"}, // and is listed
	})
}

func TestSwitchesAutoMethodNotAllowed(t *testing.T) {
	file, dir := "/"+switchesWord(), "/"+switchesWord()+"/"
	r := switchesRouter(file, dir)
	r.AutoMethodNotAllowed(false)
	switchesServe(t, r, "AutoMethodNotAllowed(false)", []switchesCase{
		{"POST", file, 404, ""},
		{"DELETE", dir, 404, ""},
		{"OPTIONS", file, 204, "GET, HEAD, OPTIONS"}, // OPTIONS has a switch of its own
	})
	r.AutoOptions(false)
	switchesServe(t, r, "AutoMethodNotAllowed(false) and AutoOptions(false)", []switchesCase{
		{"OPTIONS", file, 404, ""},
	})
	r.AutoMethodNotAllowed(true)
	switchesServe(t, r, "AutoOptions(false), AutoMethodNotAllowed(true)", []switchesCase{
		{"POST", file, 405, "GET, HEAD"},
	})
}

// TestSwitchesFieldNames pins the names of the three settings: the code of
// later steps reads them.
func TestSwitchesFieldNames(t *testing.T) {
	ct := reflect.TypeOf(core{})
	for _, name := range []string{"noRedirectSlash", "noAutoOptions", "noAuto405"} {
		if f, ok := ct.FieldByName(name); !ok || f.Type.Kind() != reflect.Bool {
			t.Errorf("core has no bool field %s: keep each switch in a field named for what it turns off, as the lesson does (later steps use these names)", name)
		}
	}
}
