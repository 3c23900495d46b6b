package velocy

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// pathValuesEcho answers with the pattern that matched and the value of each
// wildcard it names: "/users/{id} id=42".
func pathValuesEcho(w http.ResponseWriter, req *http.Request) {
	var b strings.Builder
	b.WriteString(req.Pattern)
	for _, m := range regexp.MustCompile(`\{([^{}.]+)(\.\.\.)?\}`).FindAllStringSubmatch(req.Pattern, -1) {
		fmt.Fprintf(&b, " %s=%s", m[1], req.PathValue(m[1]))
	}
	w.Write([]byte(b.String()))
}

// pathValuesRouter registers pathValuesEcho for each "METHOD /pattern".
func pathValuesRouter(routes ...string) *Router {
	r := New()
	for _, rt := range routes {
		method, pattern, _ := strings.Cut(rt, " ")
		r.HandleFunc(method, pattern, pathValuesEcho)
	}
	return r
}

// pathValuesSegment returns a random path segment that needs no escaping and
// that no route of these tests has as a literal.
func pathValuesSegment() string {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
	b := make([]byte, 1+rand.IntN(10))
	for i := range b {
		b[i] = chars[rand.IntN(len(chars))]
	}
	return "v" + string(b) // no literal of the routes starts with v
}

func TestPathValues(t *testing.T) {
	r := pathValuesRouter(
		"GET /users/new",
		"GET /users/{id}",
		"GET /users/{id}/profile",
		"GET /u/{id}",
		"POST /u/{userID}/posts",
		"GET /repos/{owner}/{repo}/issues/{number}/comments",
	)
	id, owner, repo := pathValuesSegment(), pathValuesSegment(), pathValuesSegment()
	tests := []struct {
		method, target string
		want           string
	}{
		{"GET", "/users/" + id, "/users/{id} id=" + id},
		{"GET", "/users/Ada%20Lovelace", "/users/{id} id=Ada Lovelace"}, // decoded, as URL.Path is
		{"GET", "/users/new", "/users/new"},
		{"GET", "/users/new/profile", "/users/{id}/profile id=new"},
		{"GET", "/users/" + id + "/profile", "/users/{id}/profile id=" + id},
		// Names belong to routes: the same position, two names.
		{"GET", "/u/" + id, "/u/{id} id=" + id},
		{"POST", "/u/" + id + "/posts", "/u/{userID}/posts userID=" + id},
		{"GET", "/repos/" + owner + "/" + repo + "/issues/12/comments",
			"/repos/{owner}/{repo}/issues/{number}/comments owner=" + owner + " repo=" + repo + " number=12"},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Code != 200 || w.Body.String() != tt.want {
			t.Errorf("%s %s = %d %q, want 200 %q (req.Pattern, then req.PathValue of each wildcard)", tt.method, tt.target, w.Code, w.Body, tt.want)
		}
	}
}

// TestPathValuesAnywhere registers routes with wildcards at random
// positions and requests them with random values.
func TestPathValuesAnywhere(t *testing.T) {
	for range 20 {
		n := 1 + rand.IntN(6)
		var pattern, target, want []string
		for i := range n {
			if rand.IntN(2) == 0 {
				lit := fmt.Sprintf("s%d", i)
				pattern, target = append(pattern, lit), append(target, lit)
				continue
			}
			name, value := fmt.Sprintf("p%d", i), pathValuesSegment()
			pattern, target = append(pattern, "{"+name+"}"), append(target, value)
			want = append(want, name+"="+value)
		}
		p := "/" + strings.Join(pattern, "/")
		r := pathValuesRouter("GET " + p)
		path := "/" + strings.Join(target, "/")
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		wantBody := strings.Join(append([]string{p}, want...), " ")
		if w.Code != 200 || w.Body.String() != wantBody {
			t.Fatalf("with the route %s, GET %s = %d %q, want 200 %q", p, path, w.Code, w.Body, wantBody)
		}
	}
}

func TestPathValuesParamsOf(t *testing.T) {
	tests := []struct {
		pattern string
		want    []param
	}{
		{"/users", nil},
		{"/users/{id}", []param{{name: "id", seg: 1}}},
		{"/{a}/x/{b}/", []param{{name: "a", seg: 0}, {name: "b", seg: 2}}},
		{"/files/{dir}/{path...}", []param{{name: "dir", seg: 1}, {name: "path", seg: 2, rest: true}}},
	}
	for _, tt := range tests {
		segs, err := parsePattern("GET", tt.pattern)
		if err != nil {
			t.Fatalf("parsePattern(%q): %v", tt.pattern, err)
		}
		if got := paramsOf(segs); !slices.Equal(got, tt.want) {
			t.Errorf("paramsOf(the segments of %q) = %+v, want %+v: one param per wildcard, with its segment index", tt.pattern, got, tt.want)
		}
	}
}

func TestPathValuesThroughServer(t *testing.T) {
	srv := httptest.NewServer(pathValuesRouter("GET /users/{id}"))
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 5 * time.Second
	id := pathValuesSegment()
	resp, err := client.Get(srv.URL + "/users/" + id)
	if err != nil {
		t.Fatalf("GET /users/%s: %v", id, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if want := "/users/{id} id=" + id; resp.StatusCode != 200 || string(body) != want {
		t.Errorf("GET /users/%s = %d %q, want 200 %q", id, resp.StatusCode, body, want)
	}
}

// TestPathValuesRouteField checks the name the lesson gives the route's new
// field: the code of the next steps reads it.
func TestPathValuesRouteField(t *testing.T) {
	if f, ok := reflect.TypeOf(route{}).FieldByName("params"); !ok || f.Type != reflect.TypeOf([]param(nil)) {
		t.Errorf("route has no field params []param: lesson 6.9 keeps a route's wildcards in route.params, and the code of the next steps uses that name")
	}
}
