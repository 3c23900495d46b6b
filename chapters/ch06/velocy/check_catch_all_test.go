package velocy

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// catchAllEcho answers with the pattern that matched and the value of each
// wildcard it names: "/files/{path...} path=a/b".
func catchAllEcho(w http.ResponseWriter, req *http.Request) {
	var b strings.Builder
	b.WriteString(req.Pattern)
	for _, m := range regexp.MustCompile(`\{([^{}.]+)(\.\.\.)?\}`).FindAllStringSubmatch(req.Pattern, -1) {
		fmt.Fprintf(&b, " %s=%s", m[1], req.PathValue(m[1]))
	}
	w.Write([]byte(b.String()))
}

func TestCatchAll(t *testing.T) {
	r := New()
	for _, p := range []string{"/files/{path...}", "/files/special", "/a/b/c", "/a/{x}/d", "/a/{x}/{y}/e", "/a/{rest...}"} {
		r.Get(p, catchAllEcho)
	}
	tests := []struct {
		target   string
		wantCode int
		want     string
	}{
		{"/files/", 200, "/files/{path...} path="}, // the rest may be empty
		{"/files/a", 200, "/files/{path...} path=a"},
		{"/files/a/b/c.txt", 200, "/files/{path...} path=a/b/c.txt"},
		{"/files/a/b/", 200, "/files/{path...} path=a/b/"},
		{"/files/special", 200, "/files/special"}, // a literal beats the catch-all
		{"/files/special/more", 200, "/files/{path...} path=special/more"},
		{"/a/b/c", 200, "/a/b/c"},
		{"/a/b/d", 200, "/a/{x}/d x=b"},
		{"/a/b/c/e", 200, "/a/{x}/{y}/e x=b y=c"},
		{"/a/b/c/f", 200, "/a/{rest...} rest=b/c/f"}, // after every other branch failed
		{"/a/b", 200, "/a/{rest...} rest=b"},
		{"/a/", 200, "/a/{rest...} rest="},
		{"/files", 301, ""}, // /files/ matches: redirect there
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("GET", tt.target, nil))
		if w.Code != tt.wantCode || (tt.wantCode == 200 && w.Body.String() != tt.want) {
			t.Errorf("GET %s = %d %q, want %d %q", tt.target, w.Code, w.Body, tt.wantCode, tt.want)
		}
	}
}

func TestCatchAllRandom(t *testing.T) {
	r := New()
	r.Get("/files/{path...}", catchAllEcho)
	r.Get("/files/special", catchAllEcho)
	r.Get("/u/{id}/{rest...}", catchAllEcho)
	word := func() string {
		b := make([]byte, 1+rand.IntN(6))
		for i := range b {
			b[i] = byte('a' + rand.IntN(26))
		}
		return "w" + string(b) // never "special"
	}
	for range 30 {
		segs := make([]string, rand.IntN(4))
		for i := range segs {
			segs[i] = word()
		}
		rest := strings.Join(segs, "/")
		if len(segs) > 0 && rand.IntN(3) == 0 {
			rest += "/"
		}
		id := word()
		for _, tt := range [][2]string{
			{"/files/" + rest, "/files/{path...} path=" + rest},
			{"/u/" + id + "/" + rest, "/u/{id}/{rest...} id=" + id + " rest=" + rest},
		} {
			w := httptest.NewRecorder()
			r.ServeHTTP(w, httptest.NewRequest("GET", tt[0], nil))
			if w.Code != 200 || w.Body.String() != tt[1] {
				t.Fatalf("GET %s = %d %q, want 200 %q", tt[0], w.Code, w.Body, tt[1])
			}
		}
	}
}
