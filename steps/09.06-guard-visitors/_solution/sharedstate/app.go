// Package sharedstate is a small web application whose handlers share
// state across requests, done without data races: lesson 9.6 writes it.
//
// Everything the handlers share lives in one [App], built by [New] and
// handed its dependencies (a logger, the first configuration); there are
// no package-level variables. Each piece of state gets the tool that fits
// how it is used:
//
//   - a hit counter, written by every request: an atomic.Int64;
//   - the configuration, read by every request and replaced rarely: an
//     atomic.Pointer to a Config that is never modified once published;
//   - visit counts per name, a map: a sync.RWMutex around it;
//   - the request's id, which belongs to one request only: a context
//     value, never a field of App.
package sharedstate

import (
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
)

// App holds what the application's handlers share. Make one with New;
// its methods are safe for concurrent use.
type App struct {
	log *slog.Logger

	hits     atomic.Int64           // requests served
	config   atomic.Pointer[Config] // the configuration in force
	mu       sync.RWMutex           // guards visitors
	visitors map[string]int         // visits per name
}

// New returns an App that logs to log and starts with cfg.
func New(log *slog.Logger, cfg Config) *App {
	a := &App{log: log, visitors: make(map[string]int)}
	a.SetConfig(cfg)
	return a
}

// Routes returns the application's handler: GET /hello/{name} greets name
// with the configured greeting and counts the visit; GET /stats says how
// many requests were served. Each request gets an id (see WithRequestID).
func (a *App) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello/{name}", a.hello)
	mux.HandleFunc("GET /stats", a.stats)
	return WithRequestID(mux)
}

func (a *App) hello(w http.ResponseWriter, r *http.Request) {
	a.Hit()
	name := r.PathValue("name")
	n := a.Visit(name)
	cfg := a.Config() // one snapshot for the whole request
	a.log.Info("hello", "name", name, "request_id", RequestID(r.Context()), "config", cfg.Version)
	fmt.Fprintf(w, "%s, %s! (visit %d)\n", cfg.Greeting, name, n)
}

func (a *App) stats(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "hits %d\n", a.Hit())
}
