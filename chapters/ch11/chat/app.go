package main

import (
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/static"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ws"
)

// The limits of the chat.
const (
	// MaxText is the longest message, in characters (runes).
	MaxText = 500
	// maxFrame bounds one WebSocket message from a client: MaxText
	// characters as JSON, each escaped as \uXXXX at worst, and the braces.
	maxFrame = 8 << 10
	// queueSize is how many messages the hub keeps for a client that reads
	// slowly before it drops it.
	queueSize = 64
	// maxSessions bounds the memory the sessions take.
	maxSessions = 10000
)

// Options configures the chat App. The zero value is usable.
type Options struct {
	// Log receives the access log and the chat's events; nil discards.
	Log *slog.Logger
	// SecureCookies marks the session cookie Secure: set it when the chat
	// is served over HTTPS. Without it the cookie travels over plain HTTP,
	// which is what a server on 127.0.0.1 needs.
	SecureCookies bool
	// Now is the clock that dates the messages; nil means time.Now.
	Now func() time.Time
}

// App is the chat: its routes, sessions and hub. Make one with New, serve
// its Handler, and Close it once the server has stopped.
type App struct {
	log      *slog.Logger
	now      func() time.Time
	secure   bool
	sessions middleware.Store
	hub      *ws.Hub
	upgrader ws.Upgrader

	// mu guards closed; inflight counts the requests running, WebSockets
	// included, for Close to wait on.
	mu       sync.Mutex
	closed   bool
	inflight sync.WaitGroup
}

// New returns the chat with its options.
func New(opts Options) *App {
	a := &App{log: opts.Log, now: opts.Now, secure: opts.SecureCookies,
		sessions: middleware.NewMemoryStore(maxSessions)}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.hub = ws.NewHub(ws.HubOptions{
		QueueSize: queueSize,
		OnDrop: func(c *ws.Client, err error) {
			a.log.Warn("chat: dropped a slow client", "err", err)
		},
	})
	a.upgrader = ws.Upgrader{
		// Origins nil: only pages served by this host may open a socket,
		// which stops another site's script from chatting with a visitor's
		// cookie (cross-site WebSocket hijacking).
		Check:            a.checkSession,
		HandshakeTimeout: 10 * time.Second,
		ConnOptions: ws.ConnOptions{
			MaxMessageSize: maxFrame,
			WriteTimeout:   10 * time.Second,
			PingInterval:   30 * time.Second,
			PongTimeout:    30 * time.Second,
		},
	}
	return a
}

// Handler returns the routes behind the middleware: a request id, the
// access log, recovery from panics, security headers (a strict Content
// Security Policy) and the session.
func (a *App) Handler() http.Handler {
	page, err := fs.Sub(pageFS, "page")
	if err != nil {
		panic(err) // the embedded folder is there: go:embed checked it
	}
	r := velocy.New()
	r.Post("/login", a.sameOrigin(middleware.HandlerFunc(a.login)))
	r.Post("/logout", a.sameOrigin(middleware.HandlerFunc(a.logout)))
	r.Get("/me", middleware.HandlerFunc(a.me).ServeHTTP)
	r.Get("/ws", a.serveWS)
	r.Handle(http.MethodGet, "/{path...}", static.FS(page, static.Options{}))
	return middleware.Chain(
		a.track,
		middleware.RequestID(middleware.RequestIDOptions{}),
		middleware.AccessLog(a.log),
		middleware.Recover(a.log),
		middleware.SecureHeaders(middleware.SecureOptions{
			// The page loads its script and style from here, and its
			// socket connects here: nothing else runs, even if a message
			// ever made it into the page as markup.
			ContentSecurityPolicy: "default-src 'self'; connect-src 'self'; frame-ancestors 'none'",
		}),
		middleware.Sessions(middleware.SessionOptions{
			Store:    a.sessions,
			Insecure: !a.secure,
			Logger:   a.log,
		}),
	)(r)
}

// track counts the request in inflight while it runs, middleware
// included, so that Close returns only once the access log has written the
// record of every WebSocket (which it does when the socket ends).
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

// isClosed reports whether Close was called.
func (a *App) isClosed() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.closed
}

// sameOrigin refuses a POST that another site's page sent (403): without
// it, a form on any site could sign a visitor in under a nickname of its
// choosing (login CSRF). The session cookie's SameSite=Lax already keeps it
// off such requests; this guards the requests that carry no cookie yet.
func (a *App) sameOrigin(h http.Handler) http.HandlerFunc {
	return http.NewCrossOriginProtection().Handler(h).ServeHTTP
}

// Close closes every WebSocket with 1001 (going away) and waits for the
// requests in flight to end, their access log records written. Call it
// after the server has stopped taking requests; a WebSocket asked for later
// is refused with 503.
func (a *App) Close() error {
	a.mu.Lock()
	a.closed = true
	a.mu.Unlock()
	err := a.hub.Close()
	a.inflight.Wait()
	return err
}
