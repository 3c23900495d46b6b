package velocy

import (
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
