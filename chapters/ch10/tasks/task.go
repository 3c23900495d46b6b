package main

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Task is a task as the database stores it and the API returns it. The
// client writes Title, Status and Due; the server sets the rest.
type Task struct {
	ID      string    `json:"id"`
	Title   string    `json:"title"`
	Status  string    `json:"status"`        // "open", "doing" or "done"
	Due     string    `json:"due,omitempty"` // a date, 2026-12-01
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	Rev     int64     `json:"rev"` // 1 when created, one more at each change; the ETag
}

// The limits of a task's fields.
const (
	maxTitle = 200            // characters
	maxBody  = int64(8 << 10) // bytes of a request body: a task is small
)

var statuses = []string{"open", "doing", "done"}

// taskInput is the body of POST and PUT: the fields a client may write,
// and nothing else (DecodeJSON refuses other members, such as "rev").
type taskInput struct {
	Title  string `json:"title"`
	Status string `json:"status"`
	Due    string `json:"due"`
}

// taskPatch is the body of PATCH, a JSON merge patch (RFC 7396): a member
// that is absent stays as it is, a member set to null is removed.
type taskPatch struct {
	Title  optional `json:"title"`
	Status optional `json:"status"`
	Due    optional `json:"due"`
}

// optional is a string member of a patch that remembers whether it was
// there at all, and whether it was null.
type optional struct {
	Set   bool // the member was present
	Null  bool // ... with the value null
	Value string
}

// UnmarshalJSON is called for a member that is present, null included
// (encoding/json calls it with the literal null for a non-pointer field).
func (o *optional) UnmarshalJSON(b []byte) error {
	o.Set = true
	if bytes.Equal(b, []byte("null")) {
		o.Null = true
		return nil
	}
	return json.Unmarshal(b, &o.Value)
}

// apply sets t's writable fields from in, filling in defaults.
func (t *Task) apply(in taskInput) {
	t.Title = strings.TrimSpace(in.Title)
	t.Status = in.Status
	if t.Status == "" {
		t.Status = "open"
	}
	t.Due = in.Due
}

// input returns t's writable fields.
func (t *Task) input() taskInput {
	return taskInput{Title: t.Title, Status: t.Status, Due: t.Due}
}

// patch applies p to in. A null title or status falls back to what a
// missing member means in a PUT: an empty title (refused by check) and
// the status "open".
func (p taskPatch) patch(in taskInput) taskInput {
	set := func(dst *string, o optional) {
		if o.Set {
			*dst = o.Value // "" for null
		}
	}
	set(&in.Title, p.Title)
	set(&in.Status, p.Status)
	set(&in.Due, p.Due)
	return in
}

// check returns every field of in that is not valid, with what is wrong
// with it, in the order of the fields; nil if in is valid. It sees the
// input as the client sent it, before apply trims the title.
func (in taskInput) check() fieldErrors {
	var errs fieldErrors
	title := strings.TrimSpace(in.Title)
	switch {
	case title == "":
		errs.add("title", "must not be empty")
	case utf8.RuneCountInString(title) > maxTitle:
		errs.add("title", "must be at most 200 characters")
	case strings.ContainsFunc(title, unicode.IsControl):
		errs.add("title", "must not contain control characters (a newline, a tab)")
	}
	if in.Status != "" && !slices.Contains(statuses, in.Status) {
		errs.add("status", "must be one of open, doing, done")
	}
	if in.Due != "" {
		// A fixed-width date: the index on due compares dates as text.
		if _, err := time.Parse(time.DateOnly, in.Due); err != nil {
			errs.add("due", "must be a date such as 2026-12-01")
		}
	}
	return errs
}
