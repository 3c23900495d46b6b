package velocy

import (
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

// staticPathsWord returns a random lower-case word.
func staticPathsWord() string {
	b := make([]byte, 2+rand.IntN(6))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

func TestStaticPathsKey(t *testing.T) {
	for range 20 {
		words := []string{staticPathsWord(), staticPathsWord(), staticPathsWord()}
		var segs []segment
		for _, w := range words {
			segs = append(segs, segment{kind: segStatic, text: w})
		}
		want := "/" + strings.Join(words, "/")
		if got, ok := staticPath(segs); got != want || !ok {
			t.Fatalf("staticPath(%v) = %q, %v; want %q, true", segs, got, ok, want)
		}
		slash := append(segs[:2:2], segment{kind: segStatic, text: ""})
		want = "/" + words[0] + "/" + words[1] + "/"
		if got, ok := staticPath(slash); got != want || !ok {
			t.Fatalf("staticPath(%v) = %q, %v; want %q, true: a trailing slash is an empty literal", slash, got, ok, want)
		}
		wild := append(segs[:1:1], segment{kind: segParam, text: words[1]})
		if got, ok := staticPath(wild); ok {
			t.Fatalf("staticPath(%v) = %q, true; want false: the pattern has a wildcard", wild, got)
		}
	}
	if got, ok := staticPath([]segment{{kind: segStatic, text: ""}}); got != "/" || !ok {
		t.Errorf(`staticPath for the pattern "/" = %q, %v; want "/", true`, got, ok)
	}
	escaped := []segment{{kind: segStatic, text: "enc"}, {kind: segStatic, text: "a/b"}}
	if got, ok := staticPath(escaped); ok {
		t.Errorf(`staticPath for "/enc/a%%2Fb" = %q, true; want false: a request for "/enc/a/b" has the same URL.Path`, got)
	}
}

// TestStaticPathsServedFromTheMap empties the tree after registering the
// routes: only the map can still find the static ones.
func TestStaticPathsServedFromTheMap(t *testing.T) {
	if f, ok := reflect.TypeOf(core{}).FieldByName("static"); !ok || f.Type != reflect.TypeOf(map[string]*node{}) {
		t.Fatal("core has no field static of type map[string]*node: keep the static paths in it, as the lesson does (later steps use the name)")
	}
	a, b, c := "/"+staticPathsWord(), "/"+staticPathsWord(), "/"+staticPathsWord()
	r := New()
	reply := func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, req.Method+" "+req.Pattern) }
	r.Get(a, reply)
	r.Post(a+b, reply)
	r.Get(b+"/", reply)
	r.Get(c+"/{id}", reply)
	r.core.root = node{} // from now on, the tree finds nothing

	for _, tt := range []struct {
		method, target string
		want           string
	}{
		{"GET", a, "GET " + a},
		{"HEAD", a, "HEAD " + a}, // HEAD falls back to GET, as in the tree
		{"POST", a + b, "POST " + a + b},
		{"GET", b + "/", "GET " + b + "/"},
		{"GET", a + "?q=" + c, "GET " + a},
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Code != http.StatusOK || (tt.method != "HEAD" && w.Body.String() != tt.want) {
			t.Errorf("with the tree emptied, %s %s = %d %q, want 200 %q: look a static path up in core.static before walking the tree",
				tt.method, tt.target, w.Code, w.Body, tt.want)
		}
	}
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest("GET", c+"/7", nil))
	if w.Code != http.StatusNotFound {
		t.Errorf("with the tree emptied, GET %s/7 = %d, want 404: only patterns without wildcards belong in the map", c, w.Code)
	}
}

// TestStaticPathsKeepPrecedence checks that the map answers only what the
// tree would: another method, an escaped slash and wildcards go on to the
// tree.
func TestStaticPathsKeepPrecedence(t *testing.T) {
	users, word := "/"+staticPathsWord(), staticPathsWord()
	r := New()
	reply := func(w http.ResponseWriter, req *http.Request) {
		io.WriteString(w, req.Pattern+" "+req.PathValue("id"))
	}
	r.Get(users+"/"+word, reply)
	r.Post(users+"/{id}", reply)
	r.Get("/enc/a%2Fb", reply)
	r.Get("/enc/{x}/{y}", func(w http.ResponseWriter, req *http.Request) {
		io.WriteString(w, req.Pattern+" "+req.PathValue("x")+" "+req.PathValue("y"))
	})
	for _, tt := range []struct {
		method, target string
		wantCode       int
		want           string
	}{
		{"GET", users + "/" + word, 200, users + "/" + word + " "},
		{"POST", users + "/" + word, 200, users + "/{id} " + word}, // the static node has no POST
		{"PUT", users + "/" + word, 405, "405 method not allowed\n"},
		{"GET", "/enc/a%2Fb", 200, "/enc/a%2Fb "},
		{"GET", "/enc/a/b", 200, "/enc/{x}/{y} a b"}, // not the literal a%2Fb
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Code != tt.wantCode || w.Body.String() != tt.want {
			t.Errorf("%s %s = %d %q, want %d %q", tt.method, tt.target, w.Code, w.Body, tt.wantCode, tt.want)
		}
	}
}
