package velocy

import (
	"context"
	"errors"
	"fmt"
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
	// how long they wait for requests in flight to finish once they have
	// been told to stop.
	ShutdownTimeout = 10 * time.Second
)

// NewServer returns an [http.Server] for h on addr with ReadHeaderTimeout,
// ReadTimeout, WriteTimeout, IdleTimeout and MaxHeaderBytes set. Change any
// of them, or anything else, before passing the server to [Run].
func NewServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
}

// ListenAndServe listens on the TCP address addr ("127.0.0.1:8080", or
// ":8080" for every interface) and serves h as [Serve] does.
func ListenAndServe(ctx context.Context, addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("velocy: %w", err)
	}
	return Serve(ctx, ln, h)
}

// Serve serves h on ln with the limits of [NewServer] until ctx is done, then
// shuts down gracefully, waiting up to [ShutdownTimeout] for the requests in
// flight: it is [Run] with a server from NewServer. To stop on Ctrl-C and
// SIGTERM, pass a context from [SignalContext].
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	return Run(ctx, NewServer(ln.Addr().String(), h), ln, ShutdownTimeout)
}

// Run serves srv on ln until ctx is done. Then it shuts down gracefully: it
// stops accepting connections, closes idle ones, and waits up to grace for
// the requests in flight to finish.
//
// Run returns nil after a graceful shutdown, an error if the server failed,
// or an error if the requests in flight did not finish in time (their
// connections are then closed). It always closes ln.
func Run(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()

	select {
	case err := <-done: // Serve never returns nil; without a Shutdown this is a real failure
		return fmt.Errorf("velocy: serve: %w", err)
	case <-ctx.Done():
	}

	shutdownCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	if err != nil {
		srv.Close()
		err = fmt.Errorf("velocy: shutdown: %w", err)
	}
	if serveErr := <-done; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = fmt.Errorf("velocy: serve: %w", serveErr)
	}
	return err
}
