package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// testServer is the service on a real listener, over a database in a
// temporary directory, with a client that speaks to it.
type testServer struct {
	t     *testing.T
	dir   string
	store *db.DB
	app   *App
	srv   *httptest.Server
}

// newTestServer starts the service over the database in dir (a new
// temporary one when dir is ""). The test's cleanup stops it.
func newTestServer(t *testing.T, dir string) *testServer {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	store, err := db.Open(dir, Options())
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{t: t, dir: dir, store: store}
	ts.app = New(store, slog.New(slog.DiscardHandler))
	ts.srv = httptest.NewServer(ts.app.Handler())
	t.Cleanup(ts.close)
	return ts
}

// close stops the server and closes the database; a second call does
// nothing.
func (ts *testServer) close() {
	if ts.srv == nil {
		return
	}
	ts.srv.Close()
	ts.srv = nil
	if err := ts.store.Close(); err != nil {
		ts.t.Errorf("Close: %v", err)
	}
}

// response is an answer read whole.
type response struct {
	status int
	header http.Header
	body   string
}

// do sends a request with body (none if "") and the headers given as
// name, value pairs. A body gets Content-Type application/json unless the
// pairs set one.
func (ts *testServer) do(method, path, body string, header ...string) response {
	ts.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.srv.URL+path, rd)
	if err != nil {
		ts.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := ts.srv.Client().Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		ts.t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, string(b)}
}

// create makes a task from body and returns it, failing the test unless
// the answer is 201.
func (ts *testServer) create(body string) Task {
	ts.t.Helper()
	res := ts.do("POST", "/tasks", body)
	if res.status != http.StatusCreated {
		ts.t.Fatalf("POST /tasks %s: %d %s", body, res.status, res.body)
	}
	return decodeTask(ts.t, res.body)
}

func decodeTask(t *testing.T, body string) Task {
	t.Helper()
	var task Task
	if err := json.Unmarshal([]byte(body), &task); err != nil {
		t.Fatalf("%v in %s", err, body)
	}
	return task
}

// problemOf checks that res is problem details with the given status and
// returns it.
func problemOf(t *testing.T, res response, status int) middleware.Problem {
	t.Helper()
	if res.status != status {
		t.Fatalf("status %d, want %d: %s", res.status, status, res.body)
	}
	if ct := res.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json: %s", ct, res.body)
	}
	var p middleware.Problem
	if err := json.Unmarshal([]byte(res.body), &p); err != nil {
		t.Fatalf("%v in %s", err, res.body)
	}
	if p.Status != status {
		t.Errorf("problem's status %d, want %d", p.Status, status)
	}
	return p
}

// pointers returns the "pointer" (or "parameter") members of a problem's
// "errors" extension, in order.
func pointers(p middleware.Problem, key string) []string {
	list, _ := p.Extensions["errors"].([]any)
	var out []string
	for _, e := range list {
		m, _ := e.(map[string]any)
		s, _ := m[key].(string)
		out = append(out, s)
	}
	return out
}
