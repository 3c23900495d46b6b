package main

import (
	"encoding/json"
	"fmt"
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
	}
	for _, tt := range tests {
		p := problemOf(t, ts.do("GET", "/tasks"+tt.query, ""), 400)
		if got := pointers(p, "parameter"); !slices.Equal(got, tt.params) || p.Type != typeInvalidParams {
			t.Errorf("%s: type %q parameters %q, want %q", tt.query, p.Type, got, tt.params)
		}
	}
}
