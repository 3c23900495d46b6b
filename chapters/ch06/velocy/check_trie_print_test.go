package velocy

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestTriePrint(t *testing.T) {
	root := &node{}
	for _, r := range []string{"GET /users", "POST /users", "GET /users/new", "GET /files/docs", "GET /", "GET /users/"} {
		method, pattern, _ := strings.Cut(r, " ")
		segs, err := parsePattern(method, pattern)
		if err != nil {
			t.Fatalf("parsePattern(%q): %v", pattern, err)
		}
		leaf := root.insert(segs)
		leaf.routes = append(leaf.routes, &route{method: method, pattern: pattern})
	}
	var b strings.Builder
	root.print(&b, 0)
	want := `/
  => GET "/"
/files
  /docs
    => GET "/files/docs"
/users
  => GET "/users"
  => POST "/users"
  /
    => GET "/users/"
  /new
    => GET "/users/new"
`
	if b.String() != want {
		t.Errorf("root.print(&b, 0) wrote\n%s\nwant\n%s", b.String(), want)
	}
}

// TestTriePrintRandom prints a tree of random routes and compares it with
// the same picture drawn another way: every node as the list of segments
// that leads to it, the lists sorted.
func TestTriePrintRandom(t *testing.T) {
	labels := []string{"a", "b", "users", "new", "Z9", ""}
	root := &node{}
	var order [][]string              // each node's segments, once
	routesAt := map[string][]string{} // node segments joined by "/" -> its route lines
	for range 20 {
		segs := make([]string, 1+rand.IntN(3))
		for i := range segs {
			segs[i] = labels[rand.IntN(len(labels))]
			if segs[i] == "" && i < len(segs)-1 {
				segs[i] = "a"
			}
		}
		pattern := "/" + strings.Join(segs, "/")
		method := []string{"GET", "POST"}[rand.IntN(2)]
		key := strings.Join(segs, "/")
		line := "=> " + method + " " + strconv.Quote(pattern)
		if slices.Contains(routesAt[key], line) {
			continue
		}
		parsed, err := parsePattern(method, pattern)
		if err != nil {
			t.Fatalf("parsePattern(%q): %v", pattern, err)
		}
		leaf := root.insert(parsed)
		leaf.routes = append(leaf.routes, &route{method: method, pattern: pattern})
		routesAt[key] = append(routesAt[key], line)
		for i := 1; i <= len(segs); i++ {
			if !slices.ContainsFunc(order, func(o []string) bool { return slices.Equal(o, segs[:i]) }) {
				order = append(order, segs[:i:i])
			}
		}
	}
	slices.SortFunc(order, func(a, b []string) int { return slices.Compare(a, b) })
	var want strings.Builder
	for _, segs := range order {
		depth := len(segs) - 1
		want.WriteString(strings.Repeat("  ", depth) + "/" + segs[depth] + "\n")
		for _, line := range routesAt[strings.Join(segs, "/")] {
			want.WriteString(strings.Repeat("  ", depth+1) + line + "\n")
		}
	}
	var b strings.Builder
	root.print(&b, 0)
	if b.String() != want.String() {
		t.Errorf("root.print(&b, 0) wrote\n%s\nwant\n%s", b.String(), want.String())
	}
}
