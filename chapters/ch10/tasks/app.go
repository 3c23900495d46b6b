package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch10/taskid"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// App is the service: its handlers and what they share. Make one with
// New; it is safe for concurrent use.
type App struct {
	db  *db.DB
	log *slog.Logger
	now func() time.Time
	ids *taskid.Source

	// locks serialize the writes to one task: a PUT reads the task, checks
	// If-Match and writes the new version, and nothing may write the task
	// in between. The database has no transactions, so the app keeps one
	// mutex per stripe of ids; writes to different tasks rarely share one
	// and still share the database's fsyncs (group commit).
	locks [64]sync.Mutex
	seed  maphash.Seed
}

// Indexes are the secondary indexes GET /tasks uses to filter and order
// without reading every task. Open the database with them (see Options):
// velocy/db builds them from the log on Open.
var Indexes = []db.Index{
	{Name: "by_status", Field: "status"},
	{Name: "by_due", Field: "due"},
}

// Options returns the database options the service needs: its indexes.
func Options() db.Options {
	return db.Options{Indexes: Indexes}
}

// New returns the service over the database store, which must have been
// opened with Options, logging to log.
func New(store *db.DB, log *slog.Logger) *App {
	now := func() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }
	return &App{db: store, log: log, now: now, ids: taskid.New(now),
		seed: maphash.MakeSeed()}
}

// Handler returns the service's routes behind its middleware: a request
// id, the access log, and recovery from panics.
func (a *App) Handler() http.Handler {
	r := velocy.New()
	r.NotFound(answer(http.StatusNotFound, "no such resource: the API serves /tasks"))
	r.MethodNotAllowed(answer(http.StatusMethodNotAllowed, "see the Allow header for the methods of this resource"))
	r.Post("/tasks", handle(a.create))
	r.Get("/tasks", handle(a.list))
	r.Get("/tasks/{id}", handle(a.get))
	r.Put("/tasks/{id}", handle(a.replace))
	r.Patch("/tasks/{id}", handle(a.patch))
	r.Delete("/tasks/{id}", handle(a.delete))
	return middleware.Chain(
		middleware.RequestID(middleware.RequestIDOptions{}),
		middleware.AccessLog(a.log),
		middleware.Recover(a.log),
	)(r)
}

// handle adapts a handler that returns its error: middleware.HandlerFunc
// writes the error with WriteError, as problem details.
func handle(fn func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return middleware.HandlerFunc(fn).ServeHTTP
}

// lock returns the mutex of the stripe that holds id.
func (a *App) lock(id string) *sync.Mutex {
	return &a.locks[maphash.String(a.seed, id)%uint64(len(a.locks))]
}

// jsonOptions are chapter 7's checks of a request body: a task is a few
// hundred bytes, and a member the API does not know is a mistake to
// report, not to ignore.
var jsonOptions = middleware.JSONOptions{MaxBytes: maxBody, DisallowUnknownFields: true}

// load reads the task id: a 404 problem if there is none.
func (a *App) load(id string) (Task, error) {
	if !taskid.Valid(id) {
		return Task{}, notFound(id)
	}
	doc, err := a.db.Get(id)
	if errors.Is(err, db.ErrNotFound) {
		return Task{}, notFound(id)
	}
	if err != nil {
		return Task{}, storeError(err)
	}
	var t Task
	if err := json.Unmarshal(doc, &t); err != nil {
		return Task{}, fmt.Errorf("task %s: stored document: %w", id, err)
	}
	return t, nil
}

// save writes t, and returns once it is durable.
func (a *App) save(t Task) error {
	doc, err := json.Marshal(t)
	if err != nil {
		return err
	}
	return storeError(a.db.Put(t.ID, doc))
}

// writeTask answers with t as JSON, with its ETag.
func writeTask(w http.ResponseWriter, status int, t Task) error {
	w.Header().Set("ETag", etag(t))
	return writeJSON(w, status, t)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err // before the header: WriteError can still answer 500
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, err = w.Write(append(body, '\n'))
	return err
}
