package velocy

import (
	"context"
	"net"
	"net/http"
	"time"
)

// The limits [NewServer] sets. An [http.Server] has no timeouts by default:
// a client that opens a connection and sends its headers one byte a minute
// holds a goroutine and a socket for ever.
const (
	// ReadHeaderTimeout bounds the time a client takes to send the request
	// line and headers.
	ReadHeaderTimeout = 10 * time.Second

	// ReadTimeout bounds the time a client takes to send the whole request,
	// body included. A handler that accepts longer uploads extends its own
	// deadline with [http.ResponseController.SetReadDeadline].
	ReadTimeout = 30 * time.Second

	// WriteTimeout bounds the time from the end of the request headers to
	// the end of the response. A handler that streams, or answers slowly on
	// purpose, extends its own deadline with
	// [http.ResponseController.SetWriteDeadline].
	WriteTimeout = 60 * time.Second

	// IdleTimeout bounds how long a keep-alive connection waits for the
	// next request.
	IdleTimeout = 2 * time.Minute

	// MaxHeaderBytes bounds the size of the request line and headers
	// (net/http's default is 1 MiB; 64 KiB is ample for cookies and tokens).
	MaxHeaderBytes = 64 << 10

	// ShutdownTimeout is the grace period of [Serve] and [ListenAndServe]:
	// how long they will wait for requests in flight to finish once they
	// have been told to stop. They do not wait yet: lesson 6.10's second
	// step makes them.
	ShutdownTimeout = 10 * time.Second
)

// NewServer returns an [http.Server] for h on addr with ReadHeaderTimeout,
// ReadTimeout, WriteTimeout, IdleTimeout and MaxHeaderBytes set. Change any
// of them, or anything else, before passing the server to [Run].
func NewServer(addr string, h http.Handler) *http.Server {
	// TODO(06.10-new-server): set the five limits.
	return &http.Server{Addr: addr, Handler: h}
}

// ListenAndServe listens on the TCP address addr ("127.0.0.1:8080", or
// ":8080" for every interface) and serves h as [Serve] does.
func ListenAndServe(ctx context.Context, addr string, h http.Handler) error {
	// TODO(06.10-new-server): net.Listen, then Serve. A listen error is
	// returned as "velocy: " + the error, wrapped with %w.
	return nil
}

// Serve serves h on ln with the limits of [NewServer] until ctx is done: it
// is [Run] with a server from NewServer.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	return Run(ctx, NewServer(ln.Addr().String(), h), ln, ShutdownTimeout)
}

// Run serves srv on ln until ctx is done. Then it closes the server at once,
// cutting off the requests in flight; it does not use grace yet.
//
// Run returns nil once ctx is done, or an error if the server failed. It
// always closes ln.
func Run(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	// TODO(06.10-new-server): run srv.Serve(ln) in a goroutine and wait for
	// whichever comes first: Serve failing (return "velocy: serve: " and the
	// error) or ctx being done (close the server and return nil).
	return nil
}
