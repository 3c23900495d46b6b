package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
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
	dueBefore     string // a date: only tasks due before it; "" for all
	sort          string // "created" (the default) or "due"
}

// parseList reads and checks the query of GET /tasks. A parameter it does
// not know is refused, as an unknown field of a body is: ?stauts=open
// would otherwise list every task without a word.
func parseList(q url.Values) (listQuery, error) {
	lq := listQuery{limit: defaultLimit, sort: "created"}
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
		case "due_before":
			if _, err := time.Parse(time.DateOnly, v); err != nil {
				errs.add(name, "must be a date such as 2026-12-01")
			}
			lq.dueBefore = v
		case "sort":
			if v != "created" && v != "due" {
				errs.add(name, "must be created or due")
			}
			lq.sort = v
		default:
			errs.add(name, "is not one of limit, offset, status, due_before, sort")
		}
	}
	// Map order is random: sort, so that the same request always gets
	// the same answer.
	slices.SortFunc(errs, func(a, b fieldError) int { return strings.Compare(a.Name, b.Name) })
	return lq, errs.queryProblem()
}

// query is lq as a query of velocy/db, asking for one task more than the
// page holds, to learn whether there is a next page.
func (lq listQuery) query() db.Query {
	q := db.Query{Limit: lq.limit + 1, Offset: lq.offset}
	if lq.status != "" {
		q.Where = append(q.Where, db.Cond{Field: "status", Op: db.Eq, Value: lq.status})
	}
	if lq.dueBefore != "" {
		q.Where = append(q.Where, db.Cond{Field: "due", Op: db.Lt, Value: lq.dueBefore})
	}
	if lq.sort == "due" {
		q.OrderBy = "due" // dates as text sort as dates do
	}
	return q
}

// next returns the path of the page after lq's.
func (lq listQuery) next() string {
	v := url.Values{}
	v.Set("limit", strconv.Itoa(lq.limit))
	v.Set("offset", strconv.Itoa(lq.offset+lq.limit))
	if lq.status != "" {
		v.Set("status", lq.status)
	}
	if lq.dueBefore != "" {
		v.Set("due_before", lq.dueBefore)
	}
	if lq.sort != "created" {
		v.Set("sort", lq.sort)
	}
	return "/tasks?" + v.Encode()
}

// taskList is the body of an answer to GET /tasks. Next, when there are
// more tasks, is the path of the next page.
type taskList struct {
	Tasks []Task `json:"tasks"`
	Next  string `json:"next,omitempty"`
}

// list handles GET /tasks: a page of tasks, oldest first, or soonest due
// first with sort=due (a task without a due date has no place in that
// order, and is left out).
func (a *App) list(w http.ResponseWriter, r *http.Request) error {
	lq, err := parseList(r.URL.Query())
	if err != nil {
		return err
	}
	var docs [][]byte
	if lq.status == "" && lq.dueBefore == "" && lq.sort == "created" {
		docs, err = a.scan(lq)
	} else {
		docs, err = a.find(lq)
	}
	if err != nil {
		return err
	}
	page := taskList{Tasks: make([]Task, 0, min(len(docs), lq.limit))}
	for i, doc := range docs {
		if i == lq.limit {
			page.Next = lq.next()
			break
		}
		var t Task
		if err := json.Unmarshal(doc, &t); err != nil {
			return fmt.Errorf("stored task: %w", err)
		}
		page.Tasks = append(page.Tasks, t)
	}
	return writeJSON(w, http.StatusOK, page)
}

// scan returns the documents of the page lq asks for, and one more if
// there is one, when it asks for every task in creation order: that is
// id order, the order of DB.Range, which stops as soon as the page is
// full. Skipping offset tasks costs reading them.
func (a *App) scan(lq listQuery) ([][]byte, error) {
	var docs [][]byte
	skip := lq.offset
	err := a.db.Range("", func(id string, doc []byte) bool {
		if skip > 0 {
			skip--
			return true
		}
		docs = append(docs, slices.Clone(doc)) // doc is only valid during the call
		return len(docs) <= lq.limit
	})
	return docs, storeError(err)
}

// find returns the documents of the page lq asks for, and one more if
// there is one, through DB.Find: its planner reads the index on status or
// on due rather than every task.
func (a *App) find(lq listQuery) ([][]byte, error) {
	found, err := a.db.Find(lq.query())
	if err != nil {
		return nil, storeError(err)
	}
	docs := make([][]byte, len(found))
	for i, d := range found {
		docs[i] = d.JSON
	}
	return docs, nil
}
