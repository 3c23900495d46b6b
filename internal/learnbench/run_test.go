package learnbench

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// offlineEnv makes the go command unable to fetch anything: no proxy, and an empty module
// cache, so even modules fetched before cannot be used.
func offlineEnv(t *testing.T) []string {
	return []string{"GOPROXY=off", "GOMODCACHE=" + t.TempDir(), "GOFLAGS=-mod=mod"}
}

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, data := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestNoWorkspace(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "workspace")
	_, err := Run(context.Background(), Options{Workspace: missing, Book: book(t), Offline: true})
	if !errors.Is(err, ErrNoWorkspace) || !strings.Contains(err.Error(), "run learn once") {
		t.Errorf("Run with no workspace: %v, want ErrNoWorkspace and what to do", err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("Run created the missing workspace: %v", err)
	}
}

// TestOfflineContenders checks that without the module proxy the third-party contenders are
// left out with a one-line note, and everything else is kept.
func TestOfflineContenders(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ws := t.TempDir()
	writeFiles(t, ws, map[string]string{"go.mod": "module workspace\n\ngo 1.25\n", "velocy/v.go": "package velocy\n"})
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // hang protection only
	defer cancel()
	m, notes, err := Prepare(ctx, Options{Workspace: ws, Book: book(t), Dir: dir, Env: offlineEnv(t), Packages: []string{"velocy"}})
	if err != nil {
		t.Fatal(err)
	}
	if m.Third {
		t.Error("the third-party contenders are in, with no proxy")
	}
	if _, err := os.Stat(filepath.Join(dir, "register_third_velocy.go")); err == nil {
		t.Error("register_third_velocy.go was written, with no proxy")
	}
	var third []string
	for _, n := range notes {
		if strings.HasPrefix(n, "httprouter, chi, zerolog and zap: left out, they could not be fetched (") {
			third = append(third, n)
			if strings.Contains(n, "\n") || strings.Contains(n, "downloading") {
				t.Errorf("the note is more than one line: %q", n)
			}
		}
	}
	if len(third) != 1 {
		t.Errorf("notes = %q, want one saying the third-party contenders are left out", notes)
	}
	for _, f := range []string{"register_ref_velocy.go", "refvelocy/adapter.go", "reference/velocy/router.go"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("the reference contender is missing: %v", err)
		}
	}
}

// TestProgramRunsOffline builds the generated module with no network and runs one iteration
// of every benchmark. The learner's velocy compiles but routes every request to its first
// route (and prints a forged result line on every request), so it must be reported and not
// timed; the learner's logtar does not compile, so it must be left out with the step to finish
// named; the reference and the standard library are measured.
func TestProgramRunsOffline(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the benchmark program")
	}
	ws := t.TempDir()
	writeFiles(t, ws, map[string]string{
		"go.mod": "module workspace\n\ngo 1.25\n",
		"velocy/router.go": `package velocy

import (
	"fmt"
	"net/http"
)

type Router struct{ first http.Handler }

func New() *Router { return &Router{} }

func (r *Router) Handle(method, pattern string, h http.Handler) {
	if r.first == nil {
		r.first = h
	}
}

func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	fmt.Println(` + "`" + `{"group":"router-static","contender":"forged","kind":"yours","n":1,"ns":1}` + "`" + `)
	r.first.ServeHTTP(w, req)
}
`,
		"logtar/logger.go": "package logtar\n\nfunc New() {}\n",
	})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute) // hang protection only
	defer cancel()
	b := book(t)
	rep, err := Run(ctx, Options{Workspace: ws, Book: b, Env: offlineEnv(t), BenchTime: "1x", Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	wantNote := "finish step " + FirstStep(b, "logtar").ID + " first"
	if !slices.ContainsFunc(rep.Notes, func(n string) bool {
		return strings.HasPrefix(n, "your logtar does not build") && strings.Contains(n, wantNote) && strings.Contains(n, "logtar.New")
	}) {
		t.Errorf("notes = %q, want one saying your logtar does not build and %q", rep.Notes, wantNote)
	}
	seen := map[string]bool{}
	for _, r := range rep.Results {
		seen[r.Group+"/"+r.Kind] = true
		switch r.Kind {
		case "yours":
			if r.Contender != "velocy (yours)" || !strings.HasPrefix(r.Err, "routes wrong: ") || r.N != 0 {
				t.Errorf("%s %s: %+v, want routes wrong and not timed", r.Group, r.Contender, r)
			}
		case "reference", "std":
			if r.Err != "" || r.N != 1 {
				t.Errorf("%s %s: %+v, want one iteration and no error", r.Group, r.Contender, r)
			}
		default:
			t.Errorf("%s: contender %s of kind %s, with no proxy", r.Group, r.Contender, r.Kind)
		}
	}
	for _, su := range Suites {
		for _, g := range su.Groups {
			for _, kind := range []string{"reference", "std"} {
				if !seen[g.Name+"/"+kind] {
					t.Errorf("no %s result in group %s", kind, g.Name)
				}
			}
		}
	}
}

// TestThirdPartyBuilds checks, where the module proxy (or the module cache) has them, that the
// third-party contenders build with each suite alone. Offline it is skipped.
func TestThirdPartyBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("fetches modules and builds the benchmark program")
	}
	ws := t.TempDir()
	writeFiles(t, ws, map[string]string{"go.mod": "module workspace\n\ngo 1.25\n"})
	for _, su := range Suites {
		t.Run(su.Package, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // hang protection only
			defer cancel()
			o := Options{Workspace: ws, Book: book(t), Dir: t.TempDir(), Packages: []string{su.Package}, ProxyTimeout: 15 * time.Second, GoCmd: "go"}
			m, notes, err := Prepare(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			if !m.Third {
				t.Skipf("the third-party modules are not available here: %q", notes)
			}
			if out, err := o.goCmd(ctx, m.Dir, "vet", "."); err != nil { // type-checks all of it, links nothing
				t.Fatalf("the program with the third-party contenders does not build (%v):\n%s", err, out)
			}
		})
	}
}

func TestBadBenchTime(t *testing.T) {
	for _, bt := range []string{"soon", "0x", "-1s", "x"} {
		_, err := Run(context.Background(), Options{Workspace: t.TempDir(), Book: book(t), BenchTime: bt, Offline: true})
		if err == nil || !strings.Contains(err.Error(), "--benchtime") {
			t.Errorf("Run with benchtime %q: %v, want an error naming --benchtime", bt, err)
		}
	}
}

// TestStuckRouterIsStopped checks that a router that never returns is stopped at the timeout,
// with the whole process group, and reported.
func TestStuckRouterIsStopped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the benchmark program")
	}
	t.Parallel() // it mostly waits for its timeout
	ws := t.TempDir()
	writeFiles(t, ws, map[string]string{
		"go.mod": "module workspace\n\ngo 1.25\n",
		"velocy/router.go": `package velocy

import "net/http"

type Router struct{}

func New() *Router { return &Router{} }

func (r *Router) Handle(method, pattern string, h http.Handler) {}

func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	for {
	}
}
`,
	})
	start := time.Now()
	_, err := Run(context.Background(), Options{Workspace: ws, Book: book(t), Env: offlineEnv(t), Packages: []string{"velocy"},
		BenchTime: "1x", Count: 1, Timeout: 5 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "stopped after 5s") {
		t.Errorf("Run with a router that never returns: %v, want it stopped after 5s", err)
	}
	if d := time.Since(start); d > 2*time.Minute { // hang protection only, not a timing assertion
		t.Errorf("Run took %s", d)
	}
}
