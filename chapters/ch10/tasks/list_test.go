package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"testing"
)

func TestList(t *testing.T) {
	ts := newTestServer(t, "")
	var made []Task
	for i := range 7 {
		status := []string{"open", "doing", "done"}[i%3]
		made = append(made, ts.create(fmt.Sprintf(`{"title":"task %d","status":%q}`, i, status)))
	}
	list := func(path string) taskList {
		t.Helper()
		res := ts.do("GET", path, "")
		if res.status != 200 {
			t.Fatalf("GET %s: %d %s", path, res.status, res.body)
		}
		var l taskList
		if err := json.Unmarshal([]byte(res.body), &l); err != nil {
			t.Fatal(err)
		}
		return l
	}
	titles := func(tasks []Task) []string {
		var out []string
		for _, task := range tasks {
			out = append(out, task.Title)
		}
		return out
	}

	// Oldest first, since ids sort by creation time.
	if l := list("/tasks"); !slices.Equal(l.Tasks, made) || l.Next != "" {
		t.Errorf("all: %q next %q", titles(l.Tasks), l.Next)
	}
	// Pages: follow next to the end.
	var paged []Task
	for next, pages := "/tasks?limit=3", 0; next != ""; pages++ {
		if pages == 3 {
			t.Fatal("more than 3 pages of 3 for 7 tasks")
		}
		l := list(next)
		paged = append(paged, l.Tasks...)
		next = l.Next
	}
	if !slices.Equal(paged, made) {
		t.Errorf("pages: %q", titles(paged))
	}
	if l := list("/tasks?status=doing"); !slices.Equal(titles(l.Tasks), []string{"task 1", "task 4"}) {
		t.Errorf("doing: %q", titles(l.Tasks))
	}
	l := list("/tasks?status=open&limit=2&offset=1")
	if !slices.Equal(titles(l.Tasks), []string{"task 3", "task 6"}) || l.Next != "" {
		t.Errorf("open from 1: %q next %q", titles(l.Tasks), l.Next)
	}
	l = list("/tasks?status=open&limit=1")
	if l.Next != "/tasks?limit=1&offset=1&status=open" {
		t.Errorf("next %q", l.Next)
	}
	if l := list("/tasks?offset=100"); len(l.Tasks) != 0 || l.Next != "" {
		t.Errorf("past the end: %+v", l)
	}
	if l := list("/tasks?status=done&offset=5"); len(l.Tasks) != 0 || l.Next != "" {
		t.Errorf("filtered past the end: %+v", l)
	}
}

// TestListByDue gives tasks due dates (some none), changes some, deletes
// one, and lists them by due date through the index.
func TestListByDue(t *testing.T) {
	ts := newTestServer(t, "")
	dues := []string{"2026-12-10", "", "2026-12-03", "2026-12-24", "", "2026-12-03", "2027-01-02"}
	var made []Task
	for i, due := range dues {
		body := fmt.Sprintf(`{"title":"t%d","due":%q}`, i, due)
		made = append(made, ts.create(body))
	}
	// t3 moves to 2026-12-01 and is done, t6 goes, t1 gets a date.
	ts.do("PATCH", "/tasks/"+made[3].ID, `{"due":"2026-12-01","status":"done"}`)
	ts.do("DELETE", "/tasks/"+made[6].ID, "")
	ts.do("PATCH", "/tasks/"+made[1].ID, `{"due":"2026-12-20"}`)

	titles := func(path string) ([]string, string) {
		t.Helper()
		res := ts.do("GET", path, "")
		if res.status != 200 {
			t.Fatalf("GET %s: %d %s", path, res.status, res.body)
		}
		var l taskList
		if err := json.Unmarshal([]byte(res.body), &l); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, task := range l.Tasks {
			out = append(out, task.Title)
		}
		return out, l.Next
	}
	tests := []struct {
		path string
		want []string
		next string
	}{
		// Equal dates keep creation order; t4 has no date and no place.
		{"/tasks?sort=due", []string{"t3", "t2", "t5", "t0", "t1"}, ""},
		{"/tasks?sort=due&limit=2&offset=1", []string{"t2", "t5"}, "/tasks?limit=2&offset=3&sort=due"},
		{"/tasks?due_before=2026-12-10", []string{"t2", "t3", "t5"}, ""},
		{"/tasks?due_before=2026-12-10&sort=due", []string{"t3", "t2", "t5"}, ""},
		{"/tasks?due_before=2026-12-10&status=open", []string{"t2", "t5"}, ""},
		{"/tasks?status=open&sort=due&limit=3", []string{"t2", "t5", "t0"},
			"/tasks?limit=3&offset=3&sort=due&status=open"},
		{"/tasks?status=done", []string{"t3"}, ""},
		{"/tasks?sort=created&limit=1&offset=4", []string{"t4"}, "/tasks?limit=1&offset=5"},
	}
	for _, tt := range tests {
		got, next := titles(tt.path)
		if !slices.Equal(got, tt.want) || next != tt.next {
			t.Errorf("GET %s: %q next %q, want %q next %q", tt.path, got, next, tt.want, tt.next)
		}
	}
}

// TestListPlans checks that the filtered lists read an index, not every
// task: DB.Explain says which.
func TestListPlans(t *testing.T) {
	ts := newTestServer(t, "")
	for i := range 30 {
		ts.create(fmt.Sprintf(`{"title":"t%d","status":%q,"due":"2026-12-%02d"}`, i, statuses[i%3], i+1))
	}
	tests := []struct {
		query, index string
	}{
		{"status=doing", "by_status"},
		{"sort=due", "by_due"},
		{"due_before=2026-12-04", "by_due"},
	}
	for _, tt := range tests {
		q, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		lq, err := parseList(q)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := ts.store.Explain(lq.query())
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("GET /tasks?%s\n%s", tt.query, plan)
		if plan.Index != tt.index {
			t.Errorf("%s: plan reads index %q, want %q:\n%s", tt.query, plan.Index, tt.index, plan)
		}
	}
}

func TestListErrors(t *testing.T) {
	ts := newTestServer(t, "")
	tests := []struct {
		query  string
		params []string
	}{
		{"?limit=0", []string{"limit"}},
		{"?limit=101", []string{"limit"}},
		{"?limit=ten", []string{"limit"}},
		{"?offset=-1", []string{"offset"}},
		{"?status=closed", []string{"status"}},
		{"?stauts=open", []string{"stauts"}},
		{"?limit=1&limit=2", []string{"limit"}},
		{"?status=x&offset=y&limit=z", []string{"limit", "offset", "status"}},
		{"?due_before=2026-13-01", []string{"due_before"}},
		{"?sort=title", []string{"sort"}},
	}
	for _, tt := range tests {
		p := problemOf(t, ts.do("GET", "/tasks"+tt.query, ""), 400)
		if got := pointers(p, "parameter"); !slices.Equal(got, tt.params) || p.Type != typeInvalidParams {
			t.Errorf("%s: type %q parameters %q, want %q", tt.query, p.Type, got, tt.params)
		}
	}
}
