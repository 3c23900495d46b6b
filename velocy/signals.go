package velocy

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// SignalContext returns a copy of ctx that is done when the process receives
// SIGINT (Ctrl-C) or SIGTERM (what container runtimes and systemd send), for
// [Run], [Serve] and [ListenAndServe]. Until then the signals do not end the
// process; after the first one, SignalContext stops catching them, so that a
// second one ends the process the usual way while the shutdown waits for
// requests in flight. Call stop once the context is no longer needed.
//
// velocy never catches signals by itself: a library that did would take the
// decision from the program.
func SignalContext(ctx context.Context) (_ context.Context, stop context.CancelFunc) {
	ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	return ctx, stop
}
