package velocy

import (
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// allowServer serves a router with one echo route per "METHOD /path" on a
// loopback port.
func allowServer(t *testing.T, routes ...string) *httptest.Server {
	t.Helper()
	r := New()
	for _, rt := range routes {
		method, pattern, _ := strings.Cut(rt, " ")
		r.HandleFunc(method, pattern, func(w http.ResponseWriter, req *http.Request) {
			io.WriteString(w, req.Method+" "+req.URL.Path)
		})
	}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv
}

// allowDo sends one request and returns the status, the Allow header and the body.
func allowDo(t *testing.T, srv *httptest.Server, method, path string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := srv.Client()
	client.Timeout = 5 * time.Second
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Allow"), string(body)
}

func TestMethodNotAllowed(t *testing.T) {
	srv := allowServer(t, "GET /items", "POST /items", "PUT /items/1", "DELETE /items/1", "PATCH /items/1",
		"PROPFIND /dav", "HEAD /only-head")
	const body405 = "405 method not allowed\n"
	tests := []struct {
		method, path string
		wantCode     int
		wantAllow    string
		wantBody     string
	}{
		{"GET", "/items", 200, "", "GET /items"},
		{"DELETE", "/items", 405, "GET, HEAD, OPTIONS, POST", body405},
		{"BREW", "/items", 405, "GET, HEAD, OPTIONS, POST", body405},
		{"POST", "/items/1", 405, "DELETE, OPTIONS, PATCH, PUT", body405},
		{"GET", "/items/1", 405, "DELETE, OPTIONS, PATCH, PUT", body405},
		{"GET", "/dav", 405, "OPTIONS, PROPFIND", body405},
		{"GET", "/only-head", 405, "HEAD, OPTIONS", body405},
		{"GET", "/nope", 404, "", "404 page not found\n"},
		{"DELETE", "/items/2", 404, "", "404 page not found\n"},
	}
	for _, tt := range tests {
		code, allow, body := allowDo(t, srv, tt.method, tt.path)
		if code != tt.wantCode || allow != tt.wantAllow || body != tt.wantBody {
			t.Errorf("%s %s = %d, Allow %q, body %q; want %d, Allow %q, body %q", tt.method, tt.path, code, allow, body, tt.wantCode, tt.wantAllow, tt.wantBody)
		}
	}
}

// allowWant is the Allow header for routes with these methods, worked out
// another way than sorting a slice: a set, walked in a fixed order.
func allowWant(methods []string) string {
	set := map[string]bool{"OPTIONS": true}
	for _, m := range methods {
		set[m] = true
		if m == "GET" {
			set["HEAD"] = true
		}
	}
	var out []string
	for _, m := range allowMethods {
		if set[m] {
			out = append(out, m)
		}
	}
	return strings.Join(out, ", ")
}

// allowMethods is every method these tests use, in sorted order.
var allowMethods = []string{"BREW", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PROPFIND", "PUT"}

// allowSubset returns 1 to 4 methods, each at most once, in random order,
// never OPTIONS (the router answers it).
func allowSubset() []string {
	choice := []string{"DELETE", "GET", "HEAD", "PATCH", "POST", "PROPFIND", "PUT"}
	rand.Shuffle(len(choice), func(i, j int) { choice[i], choice[j] = choice[j], choice[i] })
	return choice[:1+rand.IntN(4)]
}

func TestAllowHeaderRandom(t *testing.T) {
	for range 100 {
		methods := allowSubset()
		if rand.IntN(3) == 0 { // the same method twice, from two nodes
			methods = append(methods, methods[0])
		}
		given, want := strings.Join(methods, ", "), allowWant(methods)
		if got := allowHeader(slices.Clone(methods)); got != want {
			t.Fatalf("allowHeader([%s]) = %q, want %q: sorted, each method once, HEAD with GET, OPTIONS always", given, got, want)
		}
	}
}

func TestMethodNotAllowedRandom(t *testing.T) {
	for range 20 {
		methods := allowSubset()
		r := New()
		for _, m := range methods {
			r.HandleFunc(m, "/thing", func(http.ResponseWriter, *http.Request) {})
		}
		method := "BREW"
		for _, m := range []string{"DELETE", "PATCH", "POST", "PUT"} {
			if !slices.Contains(methods, m) {
				method = m
			}
		}
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(method, "/thing", nil))
		if want := allowWant(methods); w.Code != 405 || w.Header().Get("Allow") != want {
			t.Fatalf("with routes for %v on /thing: %s /thing = %d, Allow %q; want 405, Allow %q", methods, method, w.Code, w.Header().Get("Allow"), want)
		}
	}
}

// TestMethodNotAllowedSearchFields checks the names the lesson gives the
// search's new fields: the next steps' code reads them.
func TestMethodNotAllowedSearchFields(t *testing.T) {
	typ := reflect.TypeOf(search{})
	for _, f := range []struct {
		name string
		typ  reflect.Type
	}{{"found", reflect.TypeOf(false)}, {"collect", reflect.TypeOf(false)}, {"allow", reflect.TypeOf([]string(nil))}} {
		if got, ok := typ.FieldByName(f.name); !ok || got.Type != f.typ {
			t.Errorf("search has no field %s %v: lesson 6.7 calls them found, collect and allow, and the code of the next steps uses those names", f.name, f.typ)
		}
	}
}
