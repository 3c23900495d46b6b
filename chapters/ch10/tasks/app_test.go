package main

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch10/taskid"
)

func TestCreate(t *testing.T) {
	ts := newTestServer(t, "")
	res := ts.do("POST", "/tasks", `{"title":"  Buy milk ","due":"2026-12-24"}`)
	if res.status != http.StatusCreated {
		t.Fatalf("status %d: %s", res.status, res.body)
	}
	task := decodeTask(t, res.body)
	if !taskid.Valid(task.ID) || task.Title != "Buy milk" || task.Status != "open" ||
		task.Due != "2026-12-24" || task.Rev != 1 || task.Created.IsZero() || !task.Created.Equal(task.Updated) {
		t.Errorf("created %+v", task)
	}
	if loc := res.header.Get("Location"); loc != "/tasks/"+task.ID {
		t.Errorf("Location %q", loc)
	}
	if et := res.header.Get("ETag"); et != `"1"` {
		t.Errorf("ETag %q", et)
	}
	if ct := res.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
}

// TestBodyErrors sends bodies that chapter 7's DecodeJSON or the field
// checks refuse, to POST and to PUT, and expects problem details that say
// what is wrong.
func TestBodyErrors(t *testing.T) {
	ts := newTestServer(t, "")
	task := ts.create(`{"title":"x"}`)
	tests := []struct {
		name, body, ctype string
		status            int
		detail            string   // a part of the problem's detail
		pointers          []string // for a 422
	}{
		{"no content type", `{"title":"x"}`, "-", 415, "no Content-Type", nil},
		{"form", `title=x`, "application/x-www-form-urlencoded", 415, "is not JSON", nil},
		{"latin1", `{"title":"x"}`, "application/json; charset=latin1", 415, "charset", nil},
		{"not json", `{"title":`, "", 400, "ends in the middle", nil},
		{"syntax", `{"title" "x"}`, "", 400, "not valid JSON", nil},
		{"empty", ` `, "", 400, "empty", nil},
		{"two values", `{"title":"x"} {}`, "", 400, "more than one JSON value", nil},
		{"unknown field", `{"title":"x","rev":7}`, "", 400, `unknown field "rev"`, nil},
		{"wrong type", `{"title":42}`, "", 400, `field "title": want string, got number`, nil},
		{"too large", `{"title":"` + strings.Repeat("x", int(maxBody)) + `"}`, "", 413, "larger than 8192 bytes", nil},
		{"empty title", `{"title":"  "}`, "", 422, "title: must not be empty", []string{"#/title"}},
		{"long title", `{"title":"` + strings.Repeat("é", 201) + `"}`, "", 422, "at most 200", []string{"#/title"}},
		{"newline", `{"title":"a\nb"}`, "", 422, "control characters", []string{"#/title"}},
		{"everything", `{"status":"later","due":"2026-02-30"}`, "", 422,
			"3 fields are not valid: title, status, due",
			[]string{"#/title", "#/status", "#/due"}},
		{"due format", `{"title":"x","due":"2026-1-5"}`, "", 422, "due: must be a date", []string{"#/due"}},
	}
	for _, tt := range tests {
		for _, target := range []struct{ method, path string }{{"POST", "/tasks"}, {"PUT", "/tasks/" + task.ID}} {
			t.Run(tt.name+"/"+target.method, func(t *testing.T) {
				var header []string
				switch tt.ctype {
				case "":
				case "-":
					header = []string{"Content-Type", ""}
				default:
					header = []string{"Content-Type", tt.ctype}
				}
				p := problemOf(t, ts.do(target.method, target.path, tt.body, header...), tt.status)
				if !strings.Contains(p.Detail, tt.detail) {
					t.Errorf("detail %q, want it to hold %q", p.Detail, tt.detail)
				}
				if tt.status == 422 {
					if p.Type != typeInvalidFields {
						t.Errorf("type %q", p.Type)
					}
					if got := pointers(p, "pointer"); !slices.Equal(got, tt.pointers) {
						t.Errorf("pointers %q, want %q", got, tt.pointers)
					}
				}
			})
		}
	}
	// None of them changed the task.
	if got := decodeTask(t, ts.do("GET", "/tasks/"+task.ID, "").body); got != task {
		t.Errorf("task is now %+v, was %+v", got, task)
	}
	if n := ts.store.Len(); n != 1 {
		t.Errorf("%d tasks stored, want 1", n)
	}
}

func TestGet(t *testing.T) {
	ts := newTestServer(t, "")
	task := ts.create(`{"title":"Read","status":"doing"}`)
	res := ts.do("GET", "/tasks/"+task.ID, "")
	if res.status != 200 || decodeTask(t, res.body) != task || res.header.Get("ETag") != `"1"` {
		t.Errorf("GET: %d %s %q", res.status, res.body, res.header.Get("ETag"))
	}
	for _, inm := range []string{`"1"`, `W/"1"`, `"9", "1"`, `*`} {
		res = ts.do("GET", "/tasks/"+task.ID, "", "If-None-Match", inm)
		if res.status != http.StatusNotModified || res.body != "" || res.header.Get("ETag") != `"1"` {
			t.Errorf("If-None-Match %s: %d %q", inm, res.status, res.body)
		}
	}
	if res = ts.do("GET", "/tasks/"+task.ID, "", "If-None-Match", `"2"`); res.status != 200 {
		t.Errorf("If-None-Match of another version: %d", res.status)
	}
	if res = ts.do("HEAD", "/tasks/"+task.ID, ""); res.status != 200 || res.body != "" {
		t.Errorf("HEAD: %d %q", res.status, res.body)
	}
	missing := strings.Repeat("0", taskid.Len)
	for _, id := range []string{missing, "nope", strings.ToUpper(task.ID)} {
		p := problemOf(t, ts.do("GET", "/tasks/"+id, ""), 404)
		if !strings.Contains(p.Detail, id) {
			t.Errorf("404 detail %q does not name %q", p.Detail, id)
		}
	}
	if p := problemOf(t, ts.do("GET", "/tasks/"+strings.Repeat("x", 5000), ""), 404); len(p.Detail) > 100 {
		t.Errorf("404 detail of %d bytes: a long id is not worth repeating", len(p.Detail))
	}
}

func TestReplace(t *testing.T) {
	ts := newTestServer(t, "")
	task := ts.create(`{"title":"Draft","due":"2026-12-01"}`)
	path := "/tasks/" + task.ID

	// A PUT replaces every writable field: the due date it leaves out goes.
	res := ts.do("PUT", path, `{"title":"Final","status":"done"}`)
	got := decodeTask(t, res.body)
	if res.status != 200 || got.Title != "Final" || got.Status != "done" || got.Due != "" ||
		got.Rev != 2 || !got.Created.Equal(task.Created) || got.Updated.Before(task.Updated) ||
		res.header.Get("ETag") != `"2"` {
		t.Fatalf("PUT: %d %+v", res.status, got)
	}

	// If-Match: the old version is refused with the current ETag, the
	// current one goes through, and so does "*".
	p := problemOf(t, ts.do("PUT", path, `{"title":"Lost update"}`, "If-Match", `"1"`), 412)
	if p.Type != typeChanged || p.Extensions["etag"] != `"2"` {
		t.Errorf("412: %+v", p)
	}
	problemOf(t, ts.do("PUT", path, `{"title":"Weak"}`, "If-Match", `W/"2"`), 412)
	if res = ts.do("PUT", path, `{"title":"Third"}`, "If-Match", `"1", "2"`); res.status != 200 {
		t.Fatalf("If-Match current: %d %s", res.status, res.body)
	}
	if res = ts.do("PUT", path, `{"title":"Fourth"}`, "If-Match", `*`); res.status != 200 {
		t.Fatalf("If-Match *: %d %s", res.status, res.body)
	}
	if got := decodeTask(t, ts.do("GET", path, "").body); got.Title != "Fourth" || got.Rev != 4 {
		t.Errorf("after the PUTs: %+v", got)
	}

	// A missing task is a 404, with or without If-Match: PUT does not
	// create (ids are the server's to make).
	missing := "/tasks/" + strings.Repeat("a", taskid.Len)
	problemOf(t, ts.do("PUT", missing, `{"title":"x"}`), 404)
	problemOf(t, ts.do("PUT", missing, `{"title":"x"}`, "If-Match", "*"), 404)
}

func TestPatch(t *testing.T) {
	ts := newTestServer(t, "")
	task := ts.create(`{"title":"Plan","due":"2026-12-01"}`)
	path := "/tasks/" + task.ID
	merge := "application/merge-patch+json"

	res := ts.do("PATCH", path, `{"status":"doing"}`, "Content-Type", merge)
	got := decodeTask(t, res.body)
	if res.status != 200 || got.Title != "Plan" || got.Status != "doing" || got.Due != "2026-12-01" || got.Rev != 2 {
		t.Fatalf("PATCH status: %d %+v", res.status, got)
	}
	// null removes a member.
	res = ts.do("PATCH", path, `{"due":null}`, "Content-Type", merge)
	if got = decodeTask(t, res.body); got.Due != "" || got.Status != "doing" || got.Rev != 3 {
		t.Fatalf("PATCH due null: %d %+v", res.status, got)
	}
	// The result is checked as a whole: a null title leaves none.
	p := problemOf(t, ts.do("PATCH", path, `{"title":null,"due":"someday"}`, "Content-Type", merge), 422)
	if got := pointers(p, "pointer"); !slices.Equal(got, []string{"#/title", "#/due"}) {
		t.Errorf("pointers %q", got)
	}
	problemOf(t, ts.do("PATCH", path, `{"title":"x","id":"y"}`), 400)
	problemOf(t, ts.do("PATCH", path, `{"title":"x"}`, "Content-Type", "text/plain"), 415)
	problemOf(t, ts.do("PATCH", path, `{"title":"x"}`, "If-Match", `"2"`), 412)
	problemOf(t, ts.do("PATCH", "/tasks/"+strings.Repeat("b", taskid.Len), `{"title":"x"}`), 404)
	if got := decodeTask(t, ts.do("GET", path, "").body); got.Rev != 3 {
		t.Errorf("refused patches changed the task: %+v", got)
	}
}

func TestDelete(t *testing.T) {
	ts := newTestServer(t, "")
	task := ts.create(`{"title":"Gone soon"}`)
	path := "/tasks/" + task.ID
	problemOf(t, ts.do("DELETE", path, "", "If-Match", `"7"`), 412)
	res := ts.do("DELETE", path, "", "If-Match", `"1"`)
	if res.status != http.StatusNoContent || res.body != "" {
		t.Fatalf("DELETE: %d %q", res.status, res.body)
	}
	problemOf(t, ts.do("GET", path, ""), 404)
	problemOf(t, ts.do("DELETE", path, ""), 404)
	problemOf(t, ts.do("PUT", path, `{"title":"back"}`), 404)
}

// TestRouterAnswers checks that the router's own answers are problem
// details too.
func TestRouterAnswers(t *testing.T) {
	ts := newTestServer(t, "")
	problemOf(t, ts.do("GET", "/nothing/here", ""), 404)
	res := ts.do("DELETE", "/tasks", "")
	problemOf(t, res, 405)
	if allow := res.header.Get("Allow"); allow != "GET, HEAD, OPTIONS, POST" {
		t.Errorf("Allow %q", allow)
	}
}

// TestStoreErrors checks the two ways the database can fail a request: a
// document that does not decode is a 500 that tells the client nothing,
// and a closed database (the server stopping) a 503.
func TestStoreErrors(t *testing.T) {
	ts := newTestServer(t, "")
	id := ts.app.ids.Next()
	if err := ts.store.Put(id, []byte(`{"title":5}`)); err != nil {
		t.Fatal(err)
	}
	p := problemOf(t, ts.do("GET", "/tasks/"+id, ""), 500)
	if p.Detail != "" || p.Title != "Internal Server Error" {
		t.Errorf("500 says too much: %+v", p)
	}
	problemOf(t, ts.do("GET", "/tasks", ""), 500)

	if err := ts.store.Close(); err != nil {
		t.Fatal(err)
	}
	for _, req := range [][3]string{
		{"POST", "/tasks", `{"title":"x"}`},
		{"GET", "/tasks/" + id, ""},
		{"GET", "/tasks", ""},
		{"DELETE", "/tasks/" + id, ""},
	} {
		p := problemOf(t, ts.do(req[0], req[1], req[2]), 503)
		if !strings.Contains(p.Detail, "shutting down") {
			t.Errorf("%s %s: detail %q", req[0], req[1], p.Detail)
		}
	}
	ts.srv.Close()
	ts.srv = nil // closed already
}
