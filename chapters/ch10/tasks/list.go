package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// The page sizes of GET /tasks.
const (
	defaultLimit = 20
	maxLimit     = 100
)

// listQuery is the query of GET /tasks, checked.
type listQuery struct {
	limit, offset int
	status        string // "" for every status
}

// parseList reads and checks the query of GET /tasks. A parameter it does
// not know is refused, as an unknown field of a body is: ?stauts=open
// would otherwise list every task without a word.
func parseList(q url.Values) (listQuery, error) {
	lq := listQuery{limit: defaultLimit}
	var errs fieldErrors
	for name, vals := range q {
		if len(vals) > 1 {
			errs.add(name, "must be given once")
			continue
		}
		v := vals[0]
		switch name {
		case "limit":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > maxLimit {
				errs.add(name, fmt.Sprintf("must be a whole number from 1 to %d", maxLimit))
			}
			lq.limit = n
		case "offset":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				errs.add(name, "must be a whole number, 0 or more")
			}
			lq.offset = n
		case "status":
			if !slices.Contains(statuses, v) {
				errs.add(name, "must be one of open, doing, done")
			}
			lq.status = v
		default:
			errs.add(name, "is not one of limit, offset, status")
		}
	}
	// Map order is random: sort, so that the same request always gets
	// the same answer.
	slices.SortFunc(errs, func(a, b fieldError) int { return strings.Compare(a.Name, b.Name) })
	return lq, errs.queryProblem()
}

// taskList is the body of an answer to GET /tasks. Next, when there are
// more tasks, is the path of the next page.
type taskList struct {
	Tasks []Task `json:"tasks"`
	Next  string `json:"next,omitempty"`
}

// list handles GET /tasks: a page of tasks, oldest first.
//
// It walks the whole database in id order with DB.Range (ids sort by
// creation time), decoding every task to test its status and skipping
// offset of them: a page costs a scan from the start. Lesson 10.9 says
// what a secondary index on status changes.
func (a *App) list(w http.ResponseWriter, r *http.Request) error {
	lq, err := parseList(r.URL.Query())
	if err != nil {
		return err
	}
	page := taskList{Tasks: []Task{}}
	skip, more := lq.offset, false
	var decodeErr error
	err = a.db.Range("", func(id string, doc []byte) bool {
		var t Task
		if err := json.Unmarshal(doc, &t); err != nil {
			decodeErr = fmt.Errorf("task %s: stored document: %w", id, err)
			return false
		}
		if lq.status != "" && t.Status != lq.status {
			return true
		}
		if skip > 0 {
			skip--
			return true
		}
		if len(page.Tasks) == lq.limit {
			more = true // one past the page: there is a next one
			return false
		}
		page.Tasks = append(page.Tasks, t)
		return true
	})
	if err != nil {
		return storeError(err)
	}
	if decodeErr != nil {
		return decodeErr
	}
	if more {
		next := url.Values{}
		next.Set("limit", strconv.Itoa(lq.limit))
		next.Set("offset", strconv.Itoa(lq.offset+lq.limit))
		if lq.status != "" {
			next.Set("status", lq.status)
		}
		page.Next = "/tasks?" + next.Encode()
	}
	return writeJSON(w, http.StatusOK, page)
}
