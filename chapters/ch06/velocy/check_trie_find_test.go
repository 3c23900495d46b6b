package velocy

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// trieFindTree builds a tree for the "METHOD /pattern" routes, with a route
// value at the end of each.
func trieFindTree(t *testing.T, routes ...string) *node {
	t.Helper()
	root := &node{}
	for _, r := range routes {
		method, pattern, _ := strings.Cut(r, " ")
		segs, err := parsePattern(method, pattern)
		if err != nil {
			t.Fatalf("parsePattern(%q): %v", pattern, err)
		}
		leaf := root.insert(segs)
		leaf.routes = append(leaf.routes, &route{method: method, pattern: pattern})
	}
	return root
}

func TestTrieFind(t *testing.T) {
	root := trieFindTree(t, "GET /", "GET /users", "GET /users/", "GET /users/new", "POST /users/new", "GET /files/docs/intro")
	tests := []struct {
		method, path string
		want         string // the route's String(), or "<nil>"
	}{
		{"GET", "", `GET "/"`},
		{"GET", "users", `GET "/users"`},
		{"GET", "users/", `GET "/users/"`},
		{"GET", "users/new", `GET "/users/new"`},
		{"POST", "users/new", `POST "/users/new"`},
		{"GET", "files/docs/intro", `GET "/files/docs/intro"`},
		// A node on the way to a route is not a route.
		{"GET", "files", "<nil>"},
		{"GET", "files/docs", "<nil>"},
		// Too long, unknown, another method, another case.
		{"GET", "users/new/x", "<nil>"},
		{"GET", "users/new/", "<nil>"},
		{"GET", "nope", "<nil>"},
		{"DELETE", "users", "<nil>"},
		{"GET", "Users", "<nil>"},
	}
	for _, tt := range tests {
		got := "<nil>"
		if rt := root.find(tt.path, &search{method: tt.method}); rt != nil {
			got = rt.String()
		}
		if got != tt.want {
			t.Errorf("root.find(%q) for %s = %s, want %s", tt.path, tt.method, got, tt.want)
		}
	}
}

// TestTrieFindRandom registers random static routes and looks up random
// paths, some registered, most not, for random methods.
func TestTrieFindRandom(t *testing.T) {
	labels := []string{"a", "b", "users", "new", ""}
	randomPath := func() string {
		segs := make([]string, 1+rand.IntN(3))
		for i := range segs {
			segs[i] = labels[rand.IntN(len(labels))]
			if segs[i] == "" && i < len(segs)-1 {
				segs[i] = "a"
			}
		}
		return strings.Join(segs, "/")
	}
	methods := []string{"GET", "POST", "DELETE"}
	registered := map[string]bool{} // "GET a/b"
	var routes []string
	for range 25 {
		key := methods[rand.IntN(3)] + " " + randomPath()
		if !registered[key] {
			registered[key] = true
			method, path, _ := strings.Cut(key, " ")
			routes = append(routes, method+" /"+path)
		}
	}
	root := trieFindTree(t, routes...)
	for range 200 {
		method, path := methods[rand.IntN(3)], randomPath()
		want := "<nil>"
		if registered[method+" "+path] {
			want = method + " " + strconv.Quote("/"+path)
		}
		got := "<nil>"
		if rt := root.find(path, &search{method: method}); rt != nil {
			got = rt.String()
		}
		if got != want {
			t.Fatalf("with the routes %q: root.find(%q) for %s = %s, want %s", routes, path, method, got, want)
		}
	}
}
