package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/admin"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/health"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/metrics"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/trace"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// Options configures an App. DB is required; the rest may stay zero.
type Options struct {
	// DB keeps the notes. The App does not close it: whoever opened it
	// does, after the App's CloseSockets (see the shutdown in run).
	DB *db.DB
	// Log receives the access log and the handlers' records; nil
	// discards. Wrap its handler in trace.LogHandler so that every record
	// logged with a request's context carries its trace id.
	Log *slog.Logger
	// AdminToken, when set, is a bearer token the profiler's endpoints
	// ask for, on top of a loopback client.
	AdminToken string
	// TrustedProxies are the proxies whose X-Forwarded-For the access log
	// believes for the client's address (middleware.ClientIP).
	TrustedProxies []netip.Prefix
}

// App is the service: the notes API and the rooms on the public
// handler, the metrics, probes and profiler on the admin handler, and
// what the shutdown needs to close. Make one with New.
type App struct {
	db     *db.DB
	log    *slog.Logger
	reg    *metrics.Registry
	health *health.Health
	hub    *ws.Hub

	upgrader ws.Upgrader
	created  *metrics.Counter
	lastID   atomic.Uint64 // the stamp of the last note id (see newID)
	public   http.Handler
	admin    http.Handler

	// mu guards closed; inflight counts the public requests running,
	// middleware included, websockets too, for CloseSockets to wait on.
	mu       sync.Mutex
	closed   bool
	inflight sync.WaitGroup
}

// The limits of the API.
const (
	// maxNoteRunes is the longest note, in characters.
	maxNoteRunes = 1000
	// maxBody bounds a request body: a note as JSON, escaped at worst.
	maxBody = 8 << 10
	// maxFrame bounds one websocket message.
	maxFrame = 4 << 10
	// readyTimeout bounds the database's readiness check.
	readyTimeout = time.Second
)

// readyProbeID is the id the readiness check reads: no note has it (note
// ids are hex), so a healthy database answers db.ErrNotFound.
const readyProbeID = "readiness-probe"

// New returns the App with its options. It registers the App's metrics,
// the Go runtime's and the HTTP middleware's in a registry of its own,
// which the admin handler serves at /metrics.
func New(opts Options) *App {
	if opts.DB == nil {
		panic("app: Options.DB is nil")
	}
	a := &App{db: opts.DB, log: opts.Log, reg: metrics.NewRegistry(), health: health.New()}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	a.hub = ws.NewHub(ws.HubOptions{
		QueueSize: 64,
		OnDrop: func(c *ws.Client, err error) {
			a.log.Warn("rooms: dropped a client", "err", err)
		},
	})
	a.upgrader = ws.Upgrader{
		HandshakeTimeout: 10 * time.Second,
		ConnOptions: ws.ConnOptions{
			MaxMessageSize: maxFrame,
			WriteTimeout:   10 * time.Second,
			PingInterval:   30 * time.Second,
			PongTimeout:    30 * time.Second,
		},
	}

	a.health.AddCheck("database", readyTimeout, a.checkDB)
	a.health.SetLogger(a.log)

	a.reg.RegisterRuntime()
	a.created = a.reg.Counter("app_notes_created_total", "Notes created since the process started.")
	a.reg.GaugeFunc("app_websocket_clients", "Websocket clients connected now.",
		func() float64 { return float64(a.hub.Len()) })

	a.public = a.publicHandler(opts.TrustedProxies)
	a.admin = a.adminHandler(opts.AdminToken)
	return a
}

// Handler returns the public handler: the routes behind chapter 7's
// middleware, the trace context and the metrics middleware.
func (a *App) Handler() http.Handler { return a.public }

// AdminHandler returns the operator's handler, for a listener of its own
// on loopback or a private network:
//
//	GET /metrics        the registry, in the Prometheus text format
//	GET /livez          liveness: 200 while the process answers
//	GET /readyz         readiness: 503 when the database check fails or
//	                    the shutdown has begun
//	    /debug/pprof/   the profiler, to loopback clients only (and with
//	                    the bearer token, when there is one); 404 to others
func (a *App) AdminHandler() http.Handler { return a.admin }

// Health returns the probes, for the shutdown's FailReadiness stage.
func (a *App) Health() *health.Health { return a.health }

// publicHandler builds the routes and the middleware around them. The
// order matters, from the outside in:
//
//   - track counts the request for CloseSockets;
//   - RequestID and ClientIP put their values in the context;
//   - trace.Middleware gives the request its span (a child of the
//     caller's traceparent, or a new trace), and trace.Logger a logger
//     with the three ids for the handlers;
//   - AccessLog writes one record per request, with the request's context:
//     the log handler adds trace_id and span_id to it;
//   - Recover, inside AccessLog, so that the access log sees its 500;
//   - metrics.Middleware, around the router, reads the route template the
//     router sets on the request.
func (a *App) publicHandler(proxies []netip.Prefix) http.Handler {
	r := velocy.New()
	r.Get("/notes", handle(a.listNotes))
	r.Post("/notes", handle(a.createNote))
	r.Get("/notes/{id}", handle(a.getNote))
	r.Get("/rooms/{room}", a.serveRoom)
	return middleware.Chain(
		a.track,
		middleware.RequestID(middleware.RequestIDOptions{}),
		middleware.ClientIP(middleware.ClientIPOptions{TrustedProxies: proxies}),
		trace.Middleware(),
		trace.Logger(a.log),
		middleware.AccessLog(a.log),
		middleware.Recover(a.log),
		metrics.Middleware(a.reg),
	)(r)
}

// adminHandler builds the admin mux. Only the profiler is guarded: the
// probes and the metrics are read by the orchestrator and by Prometheus,
// from other hosts of the private network.
func (a *App) adminHandler(token string) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.reg)
	mux.Handle("GET /livez", a.health.Live())
	mux.Handle("GET /readyz", a.health.Ready())
	guard := admin.Guard(admin.GuardOptions{Token: token, AllowLoopback: true})
	mux.Handle("/debug/pprof/", guard(admin.Pprof()))
	return mux
}

// checkDB is the readiness check of the database: a read of an id that
// is never stored. A working database answers db.ErrNotFound; a closed
// one db.ErrClosed, and a corrupt record a *db.CorruptError.
func (a *App) checkDB(ctx context.Context) error {
	_, err := a.db.Get(readyProbeID)
	if err == nil || errors.Is(err, db.ErrNotFound) {
		return nil
	}
	return err
}

// track counts the request in inflight while it runs, middleware
// included, so that CloseSockets returns only once the access log has
// written the record of every websocket (which it does when the socket
// ends). http.Server.Shutdown waits for the other requests.
func (a *App) track(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		open := !a.closed
		if open {
			a.inflight.Add(1)
		}
		a.mu.Unlock()
		if open {
			defer a.inflight.Done()
		}
		next.ServeHTTP(w, r)
	})
}

// isClosed reports whether CloseSockets was called.
func (a *App) isClosed() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.closed
}

// CloseSockets is the shutdown's websocket stage: it closes every
// websocket with 1001 (going away), after the messages already queued for
// it, and waits for the requests still running to end, their access log
// records written, or for ctx to end. A websocket asked for later is
// refused with 503. Call it after the public server has drained:
// http.Server.Shutdown does not wait for hijacked connections.
func (a *App) CloseSockets(ctx context.Context) error {
	a.mu.Lock()
	a.closed = true
	a.mu.Unlock()
	err := a.hub.Shutdown(ctx)
	done := make(chan struct{})
	go func() {
		a.inflight.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		err = errors.Join(err, context.Cause(ctx))
	}
	return err
}
