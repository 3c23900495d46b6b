package bench

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// route is one line of a route file: a method and a path in httprouter
// syntax, where ":name" is a parameter.
type route struct {
	method string
	path   string
}

// loadRoutes reads a route file from testdata: one "METHOD /path" per line.
func loadRoutes(tb testing.TB, name string) []route {
	tb.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var routes []route
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		method, path, ok := strings.Cut(line, " ")
		if !ok {
			tb.Fatalf("%s: bad line %q", name, line)
		}
		routes = append(routes, route{method, path})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return routes
}

// braces converts "/users/:id" to "/users/{id}", the syntax of velocy,
// chi and ServeMux.
func braces(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			segs[i] = "{" + name + "}"
		}
	}
	return strings.Join(segs, "/")
}

// paramNames lists the parameter names of a path in httprouter syntax.
func paramNames(path string) []string {
	var names []string
	for _, s := range strings.Split(path, "/") {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			names = append(names, name)
		}
	}
	return names
}

// The route sets, loaded once.
var (
	githubRoutes []route
	staticRoutes []route
)

func TestMain(m *testing.M) {
	githubRoutes = loadRoutes(nopTB{}, "github-api-routes.txt")
	staticRoutes = loadRoutes(nopTB{}, "static-routes.txt")
	os.Exit(m.Run())
}

// nopTB lets TestMain use loadRoutes; a failure there panics.
type nopTB struct{ testing.TB }

func (nopTB) Helper()                      {}
func (nopTB) Fatal(args ...any)            { panic(args) }
func (nopTB) Fatalf(f string, args ...any) { panic(args) }
