package main

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch10/taskid"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// The problem types of this API (RFC 9457 asks for a URI; a tag URI, RFC
// 4151, names a type without promising a page to fetch).
const (
	typeInvalidFields = "tag:tasks.example,2026:invalid-fields"
	typeInvalidParams = "tag:tasks.example,2026:invalid-parameters"
	typeChanged       = "tag:tasks.example,2026:changed"
)

// fieldError says what is wrong with one field of the request body, or
// one parameter of its query.
type fieldError struct {
	Name   string
	Detail string
}

// fieldErrors is every field error of one request.
type fieldErrors []fieldError

func (e *fieldErrors) add(name, detail string) {
	*e = append(*e, fieldError{name, detail})
}

// bodyProblem returns a 422 problem naming each bad field with a JSON
// pointer into the body, or nil when errs is empty.
func (errs fieldErrors) bodyProblem() error {
	return errs.problem(http.StatusUnprocessableEntity, typeInvalidFields,
		"The task has invalid fields.", "field", "pointer", "#/")
}

// queryProblem returns a 400 problem naming each bad query parameter, or
// nil when errs is empty.
func (errs fieldErrors) queryProblem() error {
	return errs.problem(http.StatusBadRequest, typeInvalidParams,
		"The query has invalid parameters.", "parameter", "parameter", "")
}

// problem builds the problem for errs. Its detail names the one bad
// field and what is wrong with it, or lists the bad fields when there
// are several; its "errors" member has one object per field, with the
// field under key (prefixed with prefix) and what is wrong under "detail".
func (errs fieldErrors) problem(status int, typ, title, what, key, prefix string) error {
	if len(errs) == 0 {
		return nil
	}
	list := make([]map[string]string, len(errs))
	names := make([]string, len(errs))
	for i, e := range errs {
		list[i] = map[string]string{key: prefix + e.Name, "detail": e.Detail}
		names[i] = e.Name
	}
	detail := errs[0].Name + ": " + errs[0].Detail
	if len(errs) > 1 {
		detail = fmt.Sprintf("%d %ss are not valid: %s", len(errs), what, strings.Join(names, ", "))
	}
	return &middleware.Problem{Type: typ, Title: title, Status: status,
		Detail: detail, Extensions: map[string]any{"errors": list}}
}

// notFound is the problem for an id that names no task. It quotes the id
// back unless it is too long to be one.
func notFound(id string) error {
	detail := "no task has that id"
	if len(id) <= 2*taskid.Len {
		detail = fmt.Sprintf("no task has the id %q", id)
	}
	return &middleware.Problem{Status: http.StatusNotFound, Detail: detail}
}

// changed is the problem for a write whose If-Match names a version that
// is no longer the task's current one.
func changed(t Task) error {
	return &middleware.Problem{Type: typeChanged, Title: "The task has changed.",
		Status:     http.StatusPreconditionFailed,
		Detail:     "If-Match names an old version: the task's ETag is now " + etag(t),
		Extensions: map[string]any{"etag": etag(t)}}
}

// errShuttingDown answers the requests that reach a closed database.
var errShuttingDown = &middleware.Problem{Status: http.StatusServiceUnavailable,
	Detail: "the service is shutting down; retry shortly"}

// storeError gives an error of velocy/db the status it calls for, so that
// middleware.WriteError, the one place that turns errors into responses,
// answers it rightly. A database that is closed (the server is stopping)
// is a 503 the client may retry; any other error, a full disk or a
// corrupt record, stays a 500 whose text reaches the log, not the client.
func storeError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, db.ErrClosed):
		return fmt.Errorf("%w (%w)", errShuttingDown, err)
	}
	return err
}

// answer writes a problem with the given status and detail: the router's
// own answers (no route, wrong method) use it, so that every error of the
// API has the same shape.
func answer(status int, detail string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		middleware.WriteError(w, r, &middleware.Problem{Status: status, Detail: detail})
	})
}
