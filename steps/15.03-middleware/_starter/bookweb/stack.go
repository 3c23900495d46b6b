package bookweb

import (
	"log/slog"
	"net/http"
)

// stack returns the middleware every request goes through, outermost first: a request id for
// every request, the access log, and recovery from a panic, which writes a 500 that the access
// log then records. Records go to logger.
func stack(logger *slog.Logger) []func(http.Handler) http.Handler {
	// TODO(15.03): return middleware.RequestID, middleware.AccessLog(logger) and
	// middleware.Recover(logger) from workspace/velocy/middleware, in the order that lets the
	// access log see the request id and the 500 of a recovered panic.
	return nil
}
